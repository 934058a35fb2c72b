// Apache Spark's python/pyspark/sql/tests/streaming/test_streaming_reader_name.py
// (DataStreamReaderNameTests), ported test by test. PySpark's subTest loops are loops of
// expectations here. Results: /work/wt/pytests-evidence.md.
import * as fs from 'node:fs';
import type { StreamSession } from 'rivulet';
import { PySparkTypeError, PySparkValueError } from '../../../lib/errors/illegal-argument-exception';
import { newSession } from '../../support/session';
import { eventually, mkdtemp } from './support';

let spark: StreamSession;
beforeAll(() => {
  spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  spark.sparkContext.setLogLevel('OFF');
  // Enable streaming source evolution feature
  spark.conf.set('spark.sql.streaming.queryEvolution.enableSourceEvolution', 'true');
  spark.conf.set('spark.sql.streaming.offsetLog.formatVersion', '2');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
});

/** tempfile.TemporaryDirectory(prefix=...) as a block. */
async function withTemporaryDirectory(prefix: string, body: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = mkdtemp(prefix);
  try {
    await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('test_streaming_reader_name.py DataStreamReaderNameTests', () => {
  test('test_name_with_valid_names', async () => {
    // Test that various valid source name patterns work correctly.
    const validNames = ['mySource', 'my_source', 'MySource123', '_private', 'source_123_test', '123source'];
    for (const name of validNames) {
      await withTemporaryDirectory(`test_${name}_`, (tmpdir) => {
        spark.range(10).write.mode('overwrite').parquet(tmpdir);
        const df = spark.readStream.format('parquet').schema('id LONG').name(name).load(tmpdir);
        expect([name, df.isStreaming]).toEqual([name, true]);
      });
    }
  });

  test('test_name_method_chaining', async () => {
    // Test that name() returns the reader for method chaining.
    await withTemporaryDirectory('test_chaining_', (tmpdir) => {
      spark.range(10).write.mode('overwrite').parquet(tmpdir);
      const df = spark.readStream.format('parquet').schema('id LONG').name('my_source').option('maxFilesPerTrigger', '1').load(tmpdir);
      expect(df.isStreaming).toBe(true);
    });
  });

  test('test_name_before_format', async () => {
    // Test that order doesn't matter - name can be set before format.
    await withTemporaryDirectory('test_before_format_', (tmpdir) => {
      spark.range(10).write.mode('overwrite').parquet(tmpdir);
      const df = spark.readStream.name('my_source').format('parquet').schema('id LONG').load(tmpdir);
      expect(df.isStreaming).toBe(true);
    });
  });

  test('test_invalid_names', async () => {
    // Test that various invalid source names are rejected.
    const invalidNames = [
      '', // empty string
      '  ', // whitespace only
      'my-source', // hyphen
      'my source', // space
      'my.source', // dot
      'my@source', // special char
      'my$source', // dollar sign
      'my#source', // hash
      'my!source', // exclamation
    ];
    for (const invalidName of invalidNames) {
      await withTemporaryDirectory('test_invalid_', (tmpdir) => {
        spark.range(10).write.mode('overwrite').parquet(tmpdir);
        let caught: unknown;
        try {
          spark.readStream.format('parquet').schema('id LONG').name(invalidName).load(tmpdir);
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(PySparkValueError);
        // The error message should contain information about invalid name
        expect(String((caught as Error).message).toLowerCase()).toContain('source');
        // PySpark 4.2.0's text, run on these names.
        expect((caught as Error).message).toBe(
          `[INVALID_STREAMING_SOURCE_NAME] Invalid streaming source name '${invalidName}'. Source names must contain only ASCII letters, digits, and underscores.`,
        );
      });
    }
  });

  test('test_invalid_name_wrong_type', () => {
    // Test that None and non-string types are rejected.
    const invalidTypes: [unknown, string][] = [
      [null, 'NoneType'],
      [123, 'int'],
      [45.67, 'float'],
      [[], 'list'],
      [{}, 'dict'],
    ];
    for (const [invalidValue, pyType] of invalidTypes) {
      let caught: unknown;
      try {
        spark.readStream.format('rate').name(invalidValue as string).load();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(PySparkTypeError);
      expect((caught as Error).message).toBe(`[NOT_EXPECTED_TYPE] Argument \`source_name\` should be str, got ${pyType}.`);
    }
  });

  test('test_name_with_different_formats', async () => {
    // Test that name() works with different streaming data sources.
    await withTemporaryDirectory('test_name_formats_', (tmpdir) => {
      // Create test data
      spark.range(10).write.mode('overwrite').parquet(tmpdir + '/parquet_data');
      spark
        .range(10)
        .selectExpr('id', 'CAST(id AS STRING) as value')
        .write.mode('overwrite')
        .json(tmpdir + '/json_data');
      // Test with parquet
      const parquetDf = spark.readStream.format('parquet').name('parquet_source').schema('id LONG').load(tmpdir + '/parquet_data');
      expect(parquetDf.isStreaming).toBe(true);
      // Test with json - specify schema
      const jsonDf = spark.readStream.format('json').name('json_source').schema('id LONG, value STRING').load(tmpdir + '/json_data');
      expect(jsonDf.isStreaming).toBe(true);
    });
  });

  test('test_name_persists_through_query', async () => {
    // Test that the name persists when starting a streaming query.
    await withTemporaryDirectory('test_name_query_', async (tmpdir) => {
      const dataDir = tmpdir + '/data';
      const checkpointDir = tmpdir + '/checkpoint';
      // Create test data
      spark.range(10).write.mode('overwrite').parquet(dataDir);
      const df = spark.readStream.format('parquet').schema('id LONG').name('parquet_source_test').load(dataDir);
      const query = df.writeStream.format('noop').option('checkpointLocation', checkpointDir).start();
      try {
        // PySpark lets it run for a second; here: until the first batch is done.
        await eventually(() => query.lastProgress !== null || query.exception() !== null, 'the first batch');
        // Verify query is running
        expect(query.isActive).toBe(true);
        // The name is where the source's checkpoint data lives (sources/<name>).
        expect(fs.existsSync(`${checkpointDir}/sources/parquet_source_test`)).toBe(true);
      } finally {
        await query.stop();
      }
    });
  });
});
