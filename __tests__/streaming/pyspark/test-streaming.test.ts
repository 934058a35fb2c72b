// Apache Spark's python/pyspark/sql/tests/streaming/test_streaming.py (StreamingTestsMixin /
// StreamingTests), ported test by test: same inputs, same assertions. Python keyword arguments are
// options objects or positional arguments (the porting rule); blocking calls are awaited.
// Results per test: /work/wt/pytests-evidence.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StreamingQueryException, type StreamSession } from 'rivulet';
import { col, lit, udf } from 'rivulet/functions';
import { IntegerType, StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { newSession } from '../../support/session';
import { STREAMING_TEST_SUPPORT, mkdtemp, walkFiles, withSqlConf, withTables } from './support';

let spark: StreamSession;
beforeAll(() => {
  spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
});

/** StreamingTests._assert_exception_tree_contains_msg: the message is in the error or a cause. */
function assertExceptionTreeContainsMsg(exception: unknown, msg: string): void {
  let e: unknown = exception;
  let contains = false;
  while (e instanceof Error && !contains) {
    contains = e.message.includes(msg) || String(e).includes(msg);
    e = e.cause;
  }
  expect(contains).toBe(true);
}

describe('test_streaming.py StreamingTests', () => {
  // unittest runs a TestCase's methods in name order, so test_query_manager_await_termination runs
  // first in PySpark: awaitAnyTermination returns at once (or throws) once any query of the session
  // has stopped (or failed), as in Spark, so it must come before the tests that stop queries.
  test('test_query_manager_await_termination', async () => {
    const df = spark.readStream.format('text').load(STREAMING_TEST_SUPPORT);
    for (const q of spark.streams.active) await q.stop();
    const tmpPath = mkdtemp();
    fs.rmSync(tmpPath, { recursive: true });
    expect(df.isStreaming).toBe(true);
    const out = path.join(tmpPath, 'out');
    const chk = path.join(tmpPath, 'chk');
    const q = df.writeStream.start(out, 'parquet', undefined, 'this_query', { checkpointLocation: chk });
    try {
      expect(q.isActive).toBe(true);
      await expect(spark.streams.awaitAnyTermination('hello' as never)).rejects.toThrow("Value for `timeout` must be positive, got 'str'.");
      const now = Date.now();
      // test should take at least 2 seconds
      const res = await spark.streams.awaitAnyTermination(2.6);
      const duration = (Date.now() - now) / 1000;
      expect(duration).toBeGreaterThanOrEqual(2);
      expect(res).toBe(false);
    } finally {
      await q.processAllAvailable();
      await q.stop();
      fs.rmSync(tmpPath, { recursive: true, force: true });
    }
  });

  test('test_query_manager_get', async () => {
    const df = spark.readStream.format('rate').load();
    for (const q of spark.streams.active) await q.stop();
    const q = df.writeStream.format('noop').start();
    expect(q.isActive).toBe(true);
    expect(q.id === spark.streams.get(q.id)!.id).toBe(true);
    await q.stop();
    expect(spark.streams.get(q.id)).toBeNull();
  });

  test('test_query_manager_no_recreation', () => {
    // SPARK-46873: There should not be a new StreamingQueryManager created every time spark.streams is called.
    for (let i = 0; i < 5; i++) expect(spark.streams === spark.streams).toBe(true);
  });

  test('test_streaming_query_functions_basic', async () => {
    const df = spark.readStream.format('text').load(STREAMING_TEST_SUPPORT);
    const query = df.writeStream.format('memory').queryName('test_streaming_query_functions_basic').start();
    try {
      expect(query.name).toBe('test_streaming_query_functions_basic');
      expect(typeof query.id).toBe('string');
      expect(typeof query.runId).toBe('string');
      expect(query.isActive).toBe(true);
      expect(query.exception()).toBeNull();
      expect(await query.awaitTermination(1)).toBe(false);
      await query.processAllAvailable();
      const lastProgress = query.lastProgress!;
      const recentProgress = query.recentProgress;
      expect(lastProgress.name).toBe(query.name);
      expect(lastProgress.id).toBe(query.id);
      expect(recentProgress.some((p) => p === lastProgress || JSON.stringify(p) === JSON.stringify(lastProgress))).toBe(true);
      const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        query.explain();
      } finally {
        write.mockRestore();
      }
    } finally {
      await query.stop();
    }
  });

  test('test_streaming_progress', async () => {
    const df = spark.readStream.format('text').load(STREAMING_TEST_SUPPORT);
    const query = df.writeStream.format('noop').start();
    try {
      await query.processAllAvailable();
      const lastProgress = query.lastProgress!;
      const recentProgress = query.recentProgress;
      expect(lastProgress['name' as keyof typeof lastProgress]).toBe(query.name);
      expect(lastProgress['id' as keyof typeof lastProgress]).toBe(query.id);
      expect(lastProgress.name).toBe(query.name);
      expect(String(lastProgress.id)).toBe(query.id);
      expect(recentProgress.some((p) => p === lastProgress || JSON.stringify(p) === JSON.stringify(lastProgress))).toBe(true);
      expect(lastProgress.numInputRows).toBeGreaterThan(0);
      expect(lastProgress.sources.length).toBeGreaterThan(0);
      expect(lastProgress.sources[0].numInputRows).toBeGreaterThan(0);
      expect(lastProgress.sink.numOutputRows).toBeGreaterThan(0);
      // "In Python, for historical reasons, changing field value in StreamingQueryProgress is allowed."
      const newName = 'myNewQuery';
      (lastProgress as { name: string | null }).name = newName;
      expect(lastProgress.name).toBe(newName);
    } finally {
      await query.stop();
    }
  });

  test('test_streaming_query_name_edge_case', async () => {
    // Query name should be None when not specified
    const q1 = spark.readStream.format('rate').load().writeStream.format('noop').start();
    expect(q1.name).toBeNull();
    // Cannot set query name to be an empty string
    let errorThrown = false;
    try {
      spark.readStream.format('rate').load().writeStream.format('noop').queryName('').start();
    } catch (e) {
      expect((e as Error).constructor.name).toBe('PySparkValueError');
      errorThrown = true;
    }
    expect(errorThrown).toBe(true);
    await q1.stop();
  });

  test('test_stream_trigger', () => {
    const df = spark.readStream.format('text').load(STREAMING_TEST_SUPPORT);
    // Should take at least one arg
    expect(() => df.writeStream.trigger({})).toThrow('Only a single trigger is allowed.');
    // Should not take multiple args
    expect(() => df.writeStream.trigger({ once: true, processingTime: '5 seconds' })).toThrow('Only a single trigger is allowed.');
    // Should not take multiple args
    expect(() => df.writeStream.trigger({ processingTime: '5 seconds', continuous: '1 second' })).toThrow('Only a single trigger is allowed.');
    // "Should take only keyword args": trigger("5 seconds") is Python's TypeError for a positional
    // argument of a keyword-only function. TypeScript has no keyword arguments; Rivulet's documented
    // shorthand trigger('5 seconds') is a processing-time trigger (not applicable, see evidence).
    expect(() => df.writeStream.trigger('5 seconds')).not.toThrow();
  });

  test('test_stream_read_options', () => {
    const schema = StructType([StructField('data', StringType(), false)]);
    const df = spark.readStream.format('text').option('path', STREAMING_TEST_SUPPORT).schema(schema).load();
    expect(df.isStreaming).toBe(true);
    expect(df.schema.simpleString()).toBe('struct<data:string>');
  });

  test('test_stream_read_options_overwrite', async () => {
    const badSchema = StructType([StructField('test', IntegerType(), false)]);
    const schema = StructType([StructField('data', StringType(), false)]);
    // SPARK-32516 disables the overwrite behavior by default.
    await withSqlConf(spark, { 'spark.sql.legacy.pathOptionBehavior.enabled': 'true' }, () => {
      const df = spark.readStream
        .format('csv')
        .option('path', 'python/test_support/sql/fake')
        .schema(badSchema)
        .load(STREAMING_TEST_SUPPORT, 'text', schema);
      expect(df.isStreaming).toBe(true);
      expect(df.schema.simpleString()).toBe('struct<data:string>');
    });
  });

  test('test_stream_save_options', async () => {
    const df = spark.readStream.format('text').load(STREAMING_TEST_SUPPORT).withColumn('id', lit(1));
    for (const q of spark.streams.active) await q.stop();
    const tmpPath = mkdtemp();
    fs.rmSync(tmpPath, { recursive: true });
    expect(df.isStreaming).toBe(true);
    const out = path.join(tmpPath, 'out');
    const chk = path.join(tmpPath, 'chk');
    const q = df.writeStream.option('checkpointLocation', chk).queryName('this_query').format('parquet').partitionBy('id').outputMode('append').option('path', out).start();
    try {
      expect(q.name).toBe('this_query');
      expect(q.isActive).toBe(true);
      await q.processAllAvailable();
      expect(walkFiles(out).length).toBeGreaterThan(0);
      expect(fs.readdirSync(chk).length).toBeGreaterThan(0);
    } finally {
      await q.stop();
      fs.rmSync(tmpPath, { recursive: true, force: true });
    }
  });

  test('test_stream_save_options_overwrite', async () => {
    const df = spark.readStream.format('text').load(STREAMING_TEST_SUPPORT);
    for (const q of spark.streams.active) await q.stop();
    const tmpPath = mkdtemp();
    fs.rmSync(tmpPath, { recursive: true });
    expect(df.isStreaming).toBe(true);
    const out = path.join(tmpPath, 'out');
    const chk = path.join(tmpPath, 'chk');
    const fake1 = path.join(tmpPath, 'fake1');
    const fake2 = path.join(tmpPath, 'fake2');
    let q!: ReturnType<typeof df.writeStream.start>;
    // SPARK-32516 disables the overwrite behavior by default.
    await withSqlConf(spark, { 'spark.sql.legacy.pathOptionBehavior.enabled': 'true' }, () => {
      q = df.writeStream
        .option('checkpointLocation', fake1)
        .format('memory')
        .option('path', fake2)
        .queryName('fake_query')
        .outputMode('append')
        .start(out, 'parquet', undefined, 'this_query', { checkpointLocation: chk });
    });
    try {
      expect(q.name).toBe('this_query');
      expect(q.isActive).toBe(true);
      await q.processAllAvailable();
      expect(walkFiles(out).length).toBeGreaterThan(0);
      expect(fs.readdirSync(chk).length).toBeGreaterThan(0);
      expect(fs.existsSync(fake1)).toBe(false); // should not have been created
      expect(fs.existsSync(fake2)).toBe(false); // should not have been created
    } finally {
      await q.stop();
      fs.rmSync(tmpPath, { recursive: true, force: true });
    }
  });

  test('test_stream_status_and_progress', async () => {
    const df = spark.readStream.format('text').load(STREAMING_TEST_SUPPORT);
    for (const q of spark.streams.active) await q.stop();
    const tmpPath = mkdtemp();
    fs.rmSync(tmpPath, { recursive: true });
    expect(df.isStreaming).toBe(true);
    const out = path.join(tmpPath, 'out');
    const chk = path.join(tmpPath, 'chk');
    // PySpark's func sleeps a second per row to delay the progress update; a JavaScript UDF runs
    // on the engine's thread, so it returns at once (lastProgress is not asserted before
    // processAllAvailable, as in PySpark).
    const func = (x: unknown) => x;
    const sleepUdf = udf(func);
    const q = df.select(sleepUdf(col('value')).alias('value')).writeStream.start(out, 'parquet', undefined, 'this_query', { checkpointLocation: chk });
    try {
      void q.lastProgress;
      await q.processAllAvailable();
      const lastProgress = q.lastProgress!;
      const recentProgress = q.recentProgress;
      const status = q.status;
      expect(lastProgress.name).toBe(q.name);
      expect(lastProgress.id).toBe(q.id);
      expect(recentProgress.some((p) => p === lastProgress || JSON.stringify(p) === JSON.stringify(lastProgress))).toBe(true);
      expect('message' in status && 'isDataAvailable' in status && 'isTriggerActive' in status).toBe(true);
    } finally {
      await q.stop();
      fs.rmSync(tmpPath, { recursive: true, force: true });
    }
  });

  test('test_stream_await_termination', async () => {
    const df = spark.readStream.format('text').load(STREAMING_TEST_SUPPORT);
    for (const q of spark.streams.active) await q.stop();
    const tmpPath = mkdtemp();
    fs.rmSync(tmpPath, { recursive: true });
    expect(df.isStreaming).toBe(true);
    const out = path.join(tmpPath, 'out');
    const chk = path.join(tmpPath, 'chk');
    const q = df.writeStream.start(out, 'parquet', undefined, 'this_query', { checkpointLocation: chk });
    try {
      expect(q.isActive).toBe(true);
      await expect(q.awaitTermination('hello' as never)).rejects.toThrow("Value for `timeout` must be positive, got 'str'.");
      const now = Date.now();
      // test should take at least 2 seconds
      const res = await q.awaitTermination(2.6);
      const duration = (Date.now() - now) / 1000;
      expect(duration).toBeGreaterThanOrEqual(2);
      expect(res).toBe(false);

      await q.processAllAvailable();
      await q.stop();
      // Sanity check when no parameter is set
      await q.awaitTermination();
      expect(q.isActive).toBe(false);
    } finally {
      await q.stop();
      fs.rmSync(tmpPath, { recursive: true, force: true });
    }
  });

  test('test_stream_exception', async () => {
    await withSqlConf(spark, { 'spark.sql.execution.pyspark.udf.simplifiedTraceback.enabled': 'true' }, async () => {
      const sdf = spark.readStream.format('text').load(STREAMING_TEST_SUPPORT);
      let sq = sdf.writeStream.format('memory').queryName('query_explain').start();
      try {
        await sq.processAllAvailable();
        expect(sq.exception()).toBeNull();
      } finally {
        await sq.stop();
      }

      // Python's 1 / 0 raises ZeroDivisionError; JavaScript's gives Infinity, so the UDF throws the
      // error PySpark's would carry in its message.
      const badUdf = udf((_x: unknown) => {
        throw new Error('ZeroDivisionError: division by zero');
      });
      sq = sdf.select(badUdf(col('value'))).writeStream.format('memory').queryName('this_query').start();
      let exception: StreamingQueryException | null = null;
      try {
        // Process some data to fail the query
        await sq.processAllAvailable();
        throw new Error('bad udf should fail the query');
      } catch (e) {
        expect(e).toBeInstanceOf(StreamingQueryException);
        assertExceptionTreeContainsMsg(e, 'ZeroDivisionError');
      } finally {
        exception = sq.exception();
        await sq.stop();
      }
      expect(exception).toBeInstanceOf(StreamingQueryException);
      assertExceptionTreeContainsMsg(exception, 'ZeroDivisionError');
    });
  });

  test('test_streaming_read_from_table', async () => {
    await withTables(spark, ['input_table', 'this_query'], async () => {
      spark.sql('CREATE TABLE input_table (value string) USING parquet');
      spark.sql("INSERT INTO input_table VALUES ('aaa'), ('bbb'), ('ccc')");
      const df = spark.readStream.table('input_table');
      expect(df.isStreaming).toBe(true);
      const q = df.writeStream.format('memory').queryName('this_query').start();
      await q.processAllAvailable();
      await q.stop();
      const result = spark.sql('SELECT * FROM this_query ORDER BY value').collect();
      expect(new Set(result.map((r) => r.value))).toEqual(new Set(['aaa', 'bbb', 'ccc']));
      expect(result.length).toBe(3);
    });
  });

  test('test_streaming_write_to_table', async () => {
    const tmpdir = mkdtemp('to_table');
    try {
      await withTables(spark, ['output_table'], async () => {
        const df = spark.readStream.format('rate').option('rowsPerSecond', 10).load();
        const q = df.writeStream.toTable('output_table', 'parquet', null, null, null, { checkpointLocation: tmpdir });
        expect(q.isActive).toBe(true);
        // PySpark sleeps 10 s for the rate source to produce rows; here: until a batch with rows is done.
        await waitForRows(q);
        await q.stop();
        const result = spark.sql('SELECT value FROM output_table').collect();
        expect(result.length).toBeGreaterThan(0);
      });
    } finally {
      fs.rmSync(tmpdir, { recursive: true, force: true });
    }
  });

  test('test_streaming_write_to_table_cluster_by', async () => {
    const tmpdir = mkdtemp('to_table');
    try {
      await withTables(spark, ['output_table'], async () => {
        const df = spark.readStream.format('rate').option('rowsPerSecond', 10).load();
        const q = df.writeStream.clusterBy('value').toTable('output_table', 'parquet', null, null, null, { checkpointLocation: tmpdir });
        expect(q.isActive).toBe(true);
        await waitForRows(q);
        await q.stop();
        const described = spark.sql('DESCRIBE output_table').collect();
        const asTuples = (rows: { col_name: unknown; data_type: unknown; comment: unknown }[]) => new Set(rows.map((r) => JSON.stringify([r.col_name, r.data_type, r.comment])));
        expect(asTuples(described as never)).toEqual(
          asTuples([
            { col_name: 'timestamp', data_type: 'timestamp', comment: null },
            { col_name: 'value', data_type: 'bigint', comment: null },
            { col_name: '# Clustering Information', data_type: '', comment: '' },
            { col_name: '# col_name', data_type: 'data_type', comment: 'comment' },
            { col_name: 'value', data_type: 'bigint', comment: null },
          ]),
        );
        const result = spark.sql('SELECT value FROM output_table').collect();
        expect(result.length).toBeGreaterThan(0);
      });
    } finally {
      fs.rmSync(tmpdir, { recursive: true, force: true });
    }
  });

  test('test_streaming_with_temporary_view', async () => {
    // This verifies createOrReplaceTempView() works with a streaming dataframe. An SQL SELECT
    // query on such a table results in a streaming dataframe and the streaming query works as expected.
    await withTables(spark, ['input_table', 'this_query'], async () => {
      spark.sql('CREATE TABLE input_table (value string) USING parquet');
      spark.sql("INSERT INTO input_table VALUES ('a'), ('b'), ('c')");
      const df = spark.readStream.table('input_table');
      expect(df.isStreaming).toBe(true);
      // Create a temp view
      df.createOrReplaceTempView('test_view');
      // Create a select query
      const viewDf = spark.sql("SELECT CONCAT('view_', value) as vv from test_view");
      expect(viewDf.isStreaming).toBe(true);
      const q = viewDf.writeStream.format('memory').queryName('this_query').start();
      await q.processAllAvailable();
      await q.stop();
      const result = spark.sql('SELECT * FROM this_query ORDER BY vv').collect();
      // PySpark compares Row(value=...) with rows of column vv: Rows compare as tuples.
      expect(new Set(result.map((r) => r.vv))).toEqual(new Set(['view_a', 'view_b', 'view_c']));
      expect(result.length).toBe(3);
    });
  });

  test('test_streaming_drop_duplicate_within_watermark', async () => {
    // This verifies dropDuplicatesWithinWatermark works with a streaming dataframe.
    const userSchema = StructType().add('time', TimestampType()).add('id', 'integer');
    const df = spark.readStream.option('sep', ';').schema(userSchema).csv(path.join(STREAMING_TEST_SUPPORT, 'time'));
    const q1 = df
      .withWatermark('time', '2 seconds')
      .dropDuplicatesWithinWatermark(['id'])
      .writeStream.outputMode('update')
      .format('memory')
      .queryName('test_streaming_drop_duplicates_within_wm')
      .start();
    expect(q1.isActive).toBe(true);
    await q1.processAllAvailable();
    await q1.stop();
    const result = spark.sql('SELECT * FROM test_streaming_drop_duplicates_within_wm').collect();
    expect(result.length >= 6 && result.length <= 9).toBe(true);
  });
});

/** Until the query has committed a batch that wrote rows (bounded). */
async function waitForRows(q: { recentProgress: { numInputRows: number }[]; exception(): unknown }): Promise<void> {
  const end = Date.now() + 60_000;
  while (!q.recentProgress.some((p) => p.numInputRows > 0)) {
    if (q.exception()) throw q.exception();
    if (Date.now() > end) throw new Error('no rows written within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
