// spark.table / spark.read.table over session tables (CREATE TABLE), temp views shadowing them,
// and F.session_window in the DataFrame API.
import { AnalysisException, type StreamSession } from 'rivulet';
import { col, count, session_window, sum } from 'rivulet/functions';
import { StringType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe('spark.table and spark.read.table find session tables', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession();
    spark.sql('CREATE TABLE people (name STRING, age INT) USING parquet');
    spark.sql("INSERT INTO people VALUES ('ann', 30), ('bob', 41)");
  });

  afterEach(() => spark.stop());

  test('a table made with CREATE TABLE reads its current rows', () => {
    for (const df of [spark.table('people'), spark.read.table('people'), spark.table('default.people'), spark.read.table('spark_catalog.default.PEOPLE')]) {
      expect(df.columns).toEqual(['name', 'age']);
      expect(df.orderBy('name').collectInternalRows()).toEqual([
        ['ann', 30],
        ['bob', 41],
      ]);
    }
    spark.sql("INSERT INTO people VALUES ('cid', 5)");
    expect(spark.table('people').count()).toBe(3);
  });

  test('a temp view of the same name shadows the table; dropping the view shows it again', () => {
    spark.sql('CREATE TEMPORARY VIEW people AS SELECT 1 AS only');
    expect(spark.table('people').columns).toEqual(['only']);
    expect(spark.read.table('people').columns).toEqual(['only']);
    // A qualified name reaches past the view to the table, as in Spark.
    expect(spark.table('default.people').columns).toEqual(['name', 'age']);
    spark.sql('DROP VIEW people');
    expect(spark.table('people').columns).toEqual(['name', 'age']);
  });

  test('a dropped or unknown table is TABLE_OR_VIEW_NOT_FOUND', () => {
    spark.sql('DROP TABLE people');
    for (const read of [() => spark.table('people'), () => spark.read.table('people'), () => spark.table('otherdb.people')]) {
      const e = errorOf(read);
      expect(e).toBeInstanceOf(AnalysisException);
      expect(e.getErrorClass()).toBe('TABLE_OR_VIEW_NOT_FOUND');
    }
    expect(errorOf(() => spark.read.table('otherdb.people')).messageParameters).toEqual({ relationName: '`otherdb`.`people`', searchPath: '[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]' });
    expect(errorOf(() => spark.table('otherdb.people')).messageParameters).toEqual({ relationName: '`otherdb`.`people`', searchPath: '[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]' });
  });
});

describe('F.session_window', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession();
    spark.sql(`CREATE TEMPORARY VIEW events AS SELECT * FROM VALUES
      ('u1', TIMESTAMP'2021-01-01 00:00:00', 1), ('u1', TIMESTAMP'2021-01-01 00:04:30', 2), ('u1', TIMESTAMP'2021-01-01 00:10:00', 3),
      ('u2', TIMESTAMP'2021-01-01 00:01:00', 4), ('u2', CAST(NULL AS TIMESTAMP), 5) AS t(user, ts, n)`);
  });

  afterEach(() => spark.stop());

  test('groupBy(user, session_window(ts, gap)) merges sessions per key and drops rows without a time', () => {
    const df = spark
      .table('events')
      .groupBy('user', session_window('ts', '5 minutes'))
      .agg(count('*').alias('events'), sum('n').alias('total'));
    expect(df.columns).toEqual(['user', 'session_window', 'events', 'total']);
    const rows = df.select('user', 'session_window.*', 'events', 'total').orderBy('user', 'start').collectInternalRows();
    expect(rows).toEqual([
      ['u1', us('2021-01-01T00:00:00Z'), us('2021-01-01T00:09:30Z'), 2n, 3n],
      ['u1', us('2021-01-01T00:10:00Z'), us('2021-01-01T00:15:00Z'), 1n, 3n],
      ['u2', us('2021-01-01T00:01:00Z'), us('2021-01-01T00:06:00Z'), 1n, 4n],
    ]);
  });

  test('the gap may be a Column; outside groupBy each row gets its own session', () => {
    const gaps = spark.sql(`SELECT * FROM VALUES
      (TIMESTAMP'2021-01-01 00:00:00', '1 minute'), (TIMESTAMP'2021-01-01 00:01:00', '2 minutes'), (TIMESTAMP'2021-01-01 00:05:00', '1 minute') AS t(ts, gap)`);
    const merged = gaps.groupBy(session_window(col('ts'), col('gap'))).count().select('session_window.start', 'session_window.end', 'count').orderBy('start');
    expect(merged.collectInternalRows()).toEqual([
      [us('2021-01-01T00:00:00Z'), us('2021-01-01T00:03:00Z'), 2n],
      [us('2021-01-01T00:05:00Z'), us('2021-01-01T00:06:00Z'), 1n],
    ]);
    const perRow = gaps.select(session_window('ts', '1 minute').alias('s')).select('s.*').orderBy('start').collectInternalRows();
    expect(perRow).toEqual([
      [us('2021-01-01T00:00:00Z'), us('2021-01-01T00:01:00Z')],
      [us('2021-01-01T00:01:00Z'), us('2021-01-01T00:02:00Z')],
      [us('2021-01-01T00:05:00Z'), us('2021-01-01T00:06:00Z')],
    ]);
  });

  test('a global streaming aggregation by session window fails at start, as Spark (keyed ones stream: session-window-streaming.test.ts)', async () => {
    const input = new MemoryStream(StringType(), spark);
    const df = input.toDF().selectExpr('CAST(value AS TIMESTAMP) AS ts').groupBy(session_window('ts', '5 minutes')).count();
    await expect(async () => {
      const q = df.writeStream.format('memory').queryName('sessions').outputMode('complete').start();
      input.addData('2021-01-01 00:00:00');
      try {
        await q.processAllAvailable();
      } finally {
        await q.stop();
      }
    }).rejects.toThrow(/terminated with exception: Global aggregation with session window in streaming query is not supported\./);
  });
});
