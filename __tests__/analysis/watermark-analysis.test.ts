// withWatermark's validation and the watermark-dependent rules of Spark's
// UnsupportedOperationChecker, with Spark's error classes and texts.
import { AnalysisException, IllegalArgumentException, type DataFrame, type StreamSession } from 'rivulet';
import { col, count, expr, window } from 'rivulet/functions';
import { IntegerType, StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

const schema = StructType([StructField('timestamp', TimestampType(), true), StructField('word', StringType(), true), StructField('n', IntegerType(), true)]);

describe('withWatermark and the streaming checks that depend on it', () => {
  let spark: StreamSession;
  let input: MemoryStream;

  beforeEach(() => {
    spark = newSession();
    input = new MemoryStream(schema, spark);
  });

  afterEach(() => spark.stop());

  /** Starts `df` into a noop sink in `mode` and stops it again; throws what start() throws. */
  async function startAndStop(df: DataFrame, mode: string): Promise<void> {
    const q = df.writeStream.format('noop').outputMode(mode).start();
    await q.stop();
  }

  test('the delay must parse as an interval', () => {
    const e = errorOf(() => input.toDF().withWatermark('timestamp', 'ten minutes'));
    expect(e).toBeInstanceOf(AnalysisException);
    expect(e.getErrorClass()).toBe('CANNOT_PARSE_INTERVAL');
    expect(e.message).toBe(
      "[CANNOT_PARSE_INTERVAL] Unable to parse 'ten minutes'. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again. SQLSTATE: 22006",
    );
  });

  test('the delay must not be negative', () => {
    const e = errorOf(() => input.toDF().withWatermark('timestamp', '-10 minutes'));
    expect(e).toBeInstanceOf(IllegalArgumentException);
    expect(e.message).toBe('requirement failed: delay threshold (-10 minutes) should not be negative.');
    expect(() => input.toDF().withWatermark('timestamp', '1 hour -30 minutes')).not.toThrow();
  });

  test('the event time must be a timestamp column of the stream', () => {
    const e = errorOf(() => input.toDF().withWatermark('word', '1 minute'));
    expect(e).toBeInstanceOf(AnalysisException);
    expect(e.message).toBe('[EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE] The event time `word` has the invalid type "STRING", but expected "TIMESTAMP". SQLSTATE: 42K09');
    expect(errorOf(() => input.toDF().withWatermark('ts', '1 minute')).getErrorClass()).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    expect(errorOf(() => input.toDF().withWatermark(5 as unknown as string, '1 minute')).message).toBe('[NOT_EXPECTED_TYPE] Argument `eventTime` should be str, got int.');
  });

  test('on a batch DataFrame withWatermark is a no-op, even for unknown columns', () => {
    const df = spark.createDataFrame([{ a: 1 }]);
    expect(df.withWatermark('missing', '1 minute').collect().map((r) => r.a)).toEqual([1]);
  });

  test('the watermark shows in the analyzed plan', () => {
    // A legacy streaming error carries the analyzed plan (Spark 4.2's append-mode error no longer does).
    const e = errorOf(() => input.toDF().withWatermark('timestamp', '10 minutes').groupBy('word').count().orderBy('word').writeStream.format('noop').outputMode('update').start());
    expect(e.message).toMatch(/;\nSort \[word#\d+ ASC NULLS FIRST\], true\n\+- Aggregate \[word#\d+\], \[word#\d+, count\(1\) AS count#\d+\]\n {3}\+- EventTimeWatermark timestamp#\d+: timestamp, 10 minutes\n {6}\+- StreamingRelation memory-stream/);
  });

  test('append mode needs the aggregation to group by the event time or a window on it', async () => {
    const watermarked = input.toDF().withWatermark('timestamp', '10 minutes');
    const noWatermark = '[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output mode: append. This output mode is not supported for streaming aggregations without watermark on streaming DataFrames/DataSets. SQLSTATE: 42KDE';
    expect(errorOf(() => watermarked.groupBy('word').count().writeStream.format('noop').outputMode('append').start()).message).toBe(noWatermark);
    // A window over a computed column is not event time; over a plain copy it is (Spark's Alias
    // keeps the column's metadata).
    const other = watermarked.withColumn('other', expr('timestamp + INTERVAL 1 MINUTE'));
    await startAndStop(watermarked.withColumn('copy', col('timestamp')).groupBy(window(col('copy'), '5 minutes')).count(), 'append');
    expect(() => other.groupBy(window(col('other'), '5 minutes'), col('word')).count().writeStream.format('noop').outputMode('append').start()).toThrow(noWatermark);
    await startAndStop(watermarked.groupBy(window(col('timestamp'), '5 minutes'), col('word')).count(), 'append');
    await startAndStop(watermarked.groupBy('timestamp', 'word').count(), 'append');
    // The mark follows renames, and a window on a renamed event time is event time.
    const renamed = watermarked.withColumnRenamed('timestamp', 'ts');
    await startAndStop(renamed.groupBy(window(col('ts'), '10 minutes', '5 minutes')).agg(count('*')), 'append');
    // withWatermark on another column moves the mark: the window column is no longer event time.
    const moved = watermarked.withColumn('later', col('timestamp')).withWatermark('later', '1 minute');
    expect(() => moved.groupBy(window(col('timestamp'), '5 minutes')).count().writeStream.format('noop').outputMode('append').start()).toThrow(noWatermark);
  });

  test('an aggregation below another stateful operator is refused outside append mode', async () => {
    const twice = input.toDF().withWatermark('timestamp', '10 minutes').groupBy(window(col('timestamp'), '5 minutes').alias('w'), col('word')).count().groupBy('word').count();
    const e = errorOf(() => twice.writeStream.format('noop').outputMode('update').start());
    expect(e.message).toMatch(
      /^Detected pattern of possible 'correctness' issue due to global watermark\. The query contains stateful operation which can emit rows older than the current watermark plus allowed late record delay, which are "late rows" in downstream stateful operations and these rows can be discarded\. Please refer the programming guide doc for more details\. If you understand the possible risk of correctness issue and still need to run the query, you can disable this check by setting the config `spark\.sql\.streaming\.statefulOperator\.checkCorrectness\.enabled` to false\.;\n/,
    );
    const dedupAfterAgg = input.toDF().groupBy('word').count().dropDuplicates(['word']);
    // Deduplication without an event-time key is not stateful in this sense: allowed.
    await startAndStop(dedupAfterAgg, 'update');
  });

  test('dropDuplicatesWithinWatermark needs a watermark, and a stream', () => {
    expect(() => input.toDF().dropDuplicatesWithinWatermark(['word']).writeStream.format('noop').start()).toThrow(
      /^dropDuplicatesWithinWatermark is not supported on streaming DataFrames\/DataSets without watermark;\n/,
    );
    const batch = spark.createDataFrame([{ a: 1 }, { a: 1 }]);
    expect(() => batch.dropDuplicatesWithinWatermark().collect()).toThrow(/^dropDuplicatesWithinWatermark is not supported with batch DataFrames\/DataSets;\nDeduplicateWithinWatermark \[a#\d+\]/);
  });
});
