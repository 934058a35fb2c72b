// spark.sql over temp views: batch views, streaming views (the result streams), DDL schemas, and
// the same query giving the same rows in batch and streaming form.
import type { StreamSession } from 'rivulet';
import { StringType, StructType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { captureStdout } from '../support/capture-stdout';

describe('spark.sql', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '200' });
  });

  afterEach(() => spark.stop());

  test('a streaming temp view queried with SQL streams its result (the word count in SQL)', async () => {
    const lines = new MemoryStream(StringType(), spark);
    lines.toDF().selectExpr("explode(split(value, ' ')) AS word").createOrReplaceTempView('words');
    const counts = spark.sql('SELECT word, count(*) AS count FROM words GROUP BY word');
    expect(counts.isStreaming).toBe(true);
    const out = captureStdout();
    const q = counts.writeStream.format('console').outputMode('complete').start();
    lines.addData('spark sql streaming');
    await q.processAllAvailable();
    lines.addData('spark graphx pyspark');
    await q.processAllAvailable();
    await q.stop();
    out.restore();
    expect(out.text()).toContain('|   graphx|    1|\n|streaming|    1|\n|      sql|    1|\n|    spark|    2|\n|  pyspark|    1|\n');
  });

  test('batch and streaming versions of the same query give the same rows', async () => {
    const data = ['a b', 'b c c', 'd'];
    const query = (view: string) => `SELECT upper(word) AS w, count(*) AS n FROM (SELECT explode(split(value, ' ')) AS word FROM ${view}) GROUP BY upper(word)`;
    spark.createDataFrame(data, StringType()).createOrReplaceTempView('batch_lines');
    const batchRows = spark.sql(query('batch_lines')).collect().map((r) => r.asDict());

    const input = new MemoryStream(StringType(), spark);
    input.toDF().createOrReplaceTempView('stream_lines');
    const q = spark.sql(query('stream_lines')).writeStream.format('memory').queryName('streamed').outputMode('complete').start();
    input.addData(...data);
    await q.processAllAvailable();
    await q.stop();
    expect(spark.table('streamed').collect().map((r) => r.asDict())).toEqual(batchRows);
    expect(batchRows).toHaveLength(4);
  });

  test('DDL schemas on readers and createDataFrame; SET and RESET', () => {
    const df = spark.createDataFrame([[1, { a: 'x' }]].map(([i]) => [i, ['x', [1, 2]]]), 'id INT, s STRUCT<a: STRING, b: ARRAY<INT>>');
    expect(df.schema.simpleString()).toBe('struct<id:int,s:struct<a:string,b:array<int>>>');
    expect(StructType.fromDDL('a INT, b STRING').simpleString()).toBe('struct<a:int,b:string>');
    expect(spark.sql('SET spark.sql.shuffle.partitions=7').collect()[0].asDict()).toEqual({ key: 'spark.sql.shuffle.partitions', value: '7' });
    expect(spark.conf.get('spark.sql.shuffle.partitions')).toBe('7');
    spark.sql('RESET spark.sql.shuffle.partitions');
    expect(spark.conf.get('spark.sql.shuffle.partitions')).toBe('200');
  });

  test('views: CREATE OR REPLACE, duplicate names, DROP', () => {
    spark.sql("CREATE TEMPORARY VIEW v AS SELECT 1 AS x");
    expect(() => spark.sql('CREATE TEMPORARY VIEW v AS SELECT 2 AS x')).toThrow('[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS]');
    spark.sql('CREATE OR REPLACE TEMPORARY VIEW v (y) AS SELECT 2');
    expect(spark.table('v').collect()[0].asDict()).toEqual({ y: 2 });
    spark.sql('DROP VIEW v');
    expect(() => spark.table('v')).toThrow('[TABLE_OR_VIEW_NOT_FOUND]');
    expect(() => spark.sql('DROP VIEW v')).toThrow('[TABLE_OR_VIEW_NOT_FOUND]');
    spark.sql('DROP VIEW IF EXISTS v');
  });

  test('ANSI mode by default, legacy behaviour with spark.sql.ansi.enabled=false', () => {
    expect(() => spark.sql("SELECT CAST('abc' AS INT)").collect()).toThrow('[CAST_INVALID_INPUT]');
    expect(() => spark.sql('SELECT 1 / 0').collect()).toThrow('[DIVIDE_BY_ZERO]');
    spark.conf.set('spark.sql.ansi.enabled', 'false');
    expect(spark.sql("SELECT CAST('abc' AS INT) AS c, 1 / 0 AS d").collect()[0].asDict()).toEqual({ c: null, d: null });
  });

  test('the session time zone governs timestamp rendering and parsing', () => {
    spark.conf.set('spark.sql.session.timeZone', 'America/Los_Angeles');
    const la = spark.sql("SELECT CAST('2024-05-01 12:00:00' AS TIMESTAMP) AS t").showString();
    spark.conf.set('spark.sql.session.timeZone', 'UTC');
    const ts = spark.sql("SELECT CAST(CAST('2024-05-01 12:00:00' AS TIMESTAMP) AS BIGINT) AS s").collect()[0].s;
    expect(la).toContain('2024-05-01 12:00:00');
    expect(ts).toBe(1714564800);
  });
});

describe('session time zone and TIMESTAMP literals', () => {
  test('a zone-less TIMESTAMP literal is read in spark.sql.session.timeZone', () => {
    const spark = newSession({ 'spark.sql.session.timeZone': 'America/Los_Angeles' });
    const seconds = (sql: string) => spark.sql(sql).collect()[0].s;
    expect(seconds("SELECT CAST(TIMESTAMP '2024-05-01 12:00:00' AS BIGINT) AS s")).toBe(1714590000);
    expect(seconds("SELECT CAST(TIMESTAMP '2024-05-01 12:00:00Z' AS BIGINT) AS s")).toBe(1714564800);
    spark.conf.set('spark.sql.session.timeZone', 'UTC');
    expect(seconds("SELECT CAST(TIMESTAMP '2024-05-01 12:00:00' AS BIGINT) AS s")).toBe(1714564800);
  });
});
