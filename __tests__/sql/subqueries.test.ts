// SQL subquery expressions (lib/analysis/subquery-expressions.ts): beyond the oracle scenario
// sql/subqueries (33 queries printed by PySpark 4.2.0), CTEs and nesting, expr() strings, a
// streaming query filtered by a static subquery, and the errors.
import { SparkRuntimeException, type StreamSession } from 'rivulet';
import { IntegerType, StructField, StructType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import * as F from 'rivulet/functions';
import { expr } from 'rivulet/functions';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

describe('subquery expressions', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
    spark.sql('create or replace temp view t as select * from values (1, 10), (2, 20), (3, 30), (null, 40) as t(x, v)');
    spark.sql('create or replace temp view u as select * from values (1, 100), (3, 300), (3, 301) as u(y, w)');
  });
  afterEach(() => spark.stop());

  const rows = (sql: string) => spark.sql(sql).collectInternalRows();

  test('a subquery sees the CTEs of its query', () => {
    expect(rows('with big as (select y from u where w > 200) select x from t where x in (select y from big)')).toEqual([[3]]);
  });

  test('subqueries nest, each correlated with its own enclosing query', () => {
    const out = rows('select x, (select count(*) from u where u.y = t.x and exists (select 1 from u u2 where u2.w = u.w + 1)) as c from t order by x');
    expect(out).toEqual([
      [null, 0n],
      [1, 0n],
      [2, 0n],
      [3, 1n],
    ]);
  });

  test('a correlated subquery runs once per distinct outer value', () => {
    spark.sql('create or replace temp view many as select id % 3 as k from range(300)');
    expect(rows('select k, (select max(w) from u where y = k) from many group by k order by k')).toEqual([
      [0n, null],
      [1n, 100],
      [2n, null],
    ]);
  });

  test('an uncorrelated scalar subquery with several rows fails as a correlated one does', () => {
    const e = errorOf(() => rows('select (select w from u) from t'));
    expect(e).toBeInstanceOf(SparkRuntimeException);
    expect(e.errorClass).toBe('SCALAR_SUBQUERY_TOO_MANY_ROWS');
  });

  test('in expr(), selectExpr and where strings too (checked with PySpark 4.2.0)', () => {
    const df = spark.table('t');
    expect(df.where(expr('x in (select y from u)')).collectInternalRows()).toEqual([
      [1, 10],
      [3, 30],
    ]);
    expect(df.select('x', expr('(select max(w) from u)')).columns).toEqual(['x', 'scalarsubquery()']);
    expect(df.selectExpr('x', 'exists(select 1 from u where y = x) e').collectInternalRows()).toEqual([
      [1, true],
      [2, false],
      [3, true],
      [null, false],
    ]);
    expect(df.where('x in (select y from u)').count()).toBe(2);
  });

  test("the DataFrame API's df.scalar(), df.exists() and isin(df) (PySpark 4; checked with PySpark 4.2.0)", () => {
    const t = spark.createDataFrame([[1, 10], [2, 20]], ['x', 'v']);
    const u = spark.createDataFrame([[1, 100], [3, 300]], ['y', 'w']);
    const withMax = t.select('x', u.select(F.max('w')).scalar());
    expect(withMax.columns).toEqual(['x', 'scalarsubquery()']);
    expect(withMax.collectInternalRows()).toEqual([
      [1n, 300n],
      [2n, 300n],
    ]);
    expect(t.where(u.where('y > 5').exists().not()).count()).toBe(2);
    expect(t.select(u.exists()).columns).toEqual(['exists()']);
    expect(t.where(F.col('x').isin(u.select('y'))).collectInternalRows()).toEqual([[1n, 10n]]);
    expect(errorOf(() => t.select(u.scalar())).errorClass).toBe('INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN');
  });

  test('subqueries in JOIN conditions are refused by name', () => {
    expect(errorOf(() => spark.sql('select * from t join u on t.x = u.y and u.w in (select w from u)')).errorClass).toBe('UNSUPPORTED_FEATURE');
  });

  test('a streaming query filtered by a static IN subquery', async () => {
    const input = new MemoryStream(StructType([StructField('x', IntegerType(), true)]), spark);
    input.toDF().createOrReplaceTempView('events');
    const query = spark.sql('select x from events where x in (select y from u)').writeStream.format('memory').queryName('sub_stream').outputMode('append').start();
    try {
      input.addData(1, 2, 3, null);
      await query.processAllAvailable();
      input.addData(3, 4);
      await query.processAllAvailable();
      expect(spark.table('sub_stream').collectInternalRows()).toEqual([[1], [3], [3]]);
    } finally {
      await query.stop();
    }
  });
});
