// Aggregates (DISTINCT, first/last, collect, boolean, statistical, percentiles, histogram) and math
// functions through SQL and the PySpark-style DSL: values, Spark's column names and error classes,
// under ANSI and legacy mode; plus USING-join hidden columns and set-operation type widening.
import { AnalysisException, SparkException, type StreamSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { IntegerType, StringType, StructField, StructType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

function rows(spark: StreamSession, sql: string): unknown[][] {
  return spark.sql(sql).collectInternalRows() as unknown[][];
}

function one(spark: StreamSession, sql: string): unknown[] {
  return rows(spark, sql)[0];
}

const close = (actual: unknown, expected: number) => expect(actual as number).toBeCloseTo(expected, 9);

describe.each([
  ['ANSI', 'true'],
  ['legacy', 'false'],
])('aggregates (%s mode)', (_mode, ansi) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.ansi.enabled': ansi });
    spark.sql('CREATE OR REPLACE TEMPORARY VIEW t AS SELECT * FROM VALUES (1, 2), (2, 4), (2, 5), (7, 1), (null, 3) AS t(x, y)');
  });
  afterEach(() => spark.stop());

  test('DISTINCT aggregates and count forms', () => {
    const df = spark.sql('SELECT count(DISTINCT x), sum(DISTINCT x), avg(DISTINCT x), count(DISTINCT x, y), count(x, y), count(*) FROM t');
    expect(df.columns).toEqual(['count(DISTINCT x)', 'sum(DISTINCT x)', 'avg(DISTINCT x)', 'count(DISTINCT x, y)', 'count(x, y)', 'count(1)']);
    const r = df.collectInternalRows()[0];
    expect(r.slice(0, 2)).toEqual([3n, 10n]);
    close(r[2], 10 / 3);
    expect(r.slice(3)).toEqual([4n, 4n, 5n]);
    expect(one(spark, 'SELECT count(DISTINCT *), count(t.*, t.*) FROM t')).toEqual([4n, 4n]);
    expect(rows(spark, 'SELECT x, count(DISTINCT y) FROM t GROUP BY x ORDER BY x')).toEqual([[null, 1n], [1, 1n], [2, 2n], [7, 1n]]);
    expect(errorOf(() => spark.sql('SELECT count() FROM t')).errorClass).toBe('WRONG_NUM_ARGS.WITH_SUGGESTION');
    expect(errorOf(() => spark.sql('SELECT count(t.*) FROM t')).errorClass).toBe('INVALID_USAGE_OF_STAR_WITH_TABLE_IDENTIFIER_IN_COUNT');
    expect(errorOf(() => spark.sql('SELECT x, count(y) FROM t')).errorClass).toBe('MISSING_GROUP_BY');
  });

  test('first/last (IGNORE NULLS), any_value, collect_list/set, count_if, max_by/min_by', () => {
    spark.sql('CREATE OR REPLACE TEMPORARY VIEW n AS SELECT * FROM VALUES (null), (1), (2), (null) AS n(v)');
    const df = spark.sql('SELECT first(v), last(v), first(v) IGNORE NULLS, last(v, true), first_value(v), any_value(v) FROM n');
    expect(df.columns).toEqual(['first(v)', 'last(v)', 'first(v)', 'last(v)', 'first_value(v)', 'any_value(v)']);
    expect(df.collectInternalRows()[0]).toEqual([null, null, 1, 2, null, null]);
    const c = spark.sql('SELECT collect_list(x), array_agg(x), collect_set(x), count_if(x > 1), max_by(y, x), min_by(y, x) FROM t');
    expect(c.columns).toEqual(['collect_list(x)', 'collect_list(x)', 'collect_set(x)', 'count_if((x > 1))', 'max_by(y, x)', 'min_by(y, x)']);
    expect(c.collectInternalRows()[0]).toEqual([[1, 2, 2, 7], [1, 2, 2, 7], [1, 2, 7], 3n, 1, 2]);
  });

  test('boolean aggregates and their type errors', () => {
    const df = spark.sql('SELECT every(v), some(v), any(v), bool_and(v), bool_or(v) FROM VALUES (true), (false), (null) AS b(v)');
    expect(df.columns).toEqual(['every(v)', 'some(v)', 'any(v)', 'bool_and(v)', 'bool_or(v)']);
    expect(df.collectInternalRows()[0]).toEqual([false, true, true, false, true]);
    expect(one(spark, 'SELECT every(v) FROM VALUES (true) AS b(v) WHERE 1 = 0')).toEqual([null]);
    expect(errorOf(() => spark.sql('SELECT every(1)')).errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(errorOf(() => spark.sql('SELECT bool_or(1.0D)')).errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
  });

  test('statistical aggregates', () => {
    const r = one(spark, 'SELECT stddev(v), stddev_pop(v), variance(v), var_pop(v), skewness(v), kurtosis(v) FROM VALUES (1), (2), (4), (7), (0), (0), (3) AS s(v)');
    [2.5071326821120348, 2.32116, 6.285714285714286, 5.387755102040815, 0.7763156533355647, -0.4571280991735529].forEach((e, i) => expect(r[i] as number).toBeCloseTo(e, 4));
    const c = one(spark, 'SELECT corr(x, y), covar_pop(x, y), covar_samp(x, y) FROM VALUES (1, 2), (2, 4), (4, 5), (7, 1) AS c(x, y)');
    close(c[0], -0.345032779671177);
    close(c[1], -1.25);
    close(c[2], -5 / 3);
    // Spark 4: a sample statistic of one row is NULL, not NaN.
    expect(one(spark, 'SELECT stddev(v), var_samp(v), covar_samp(v, v), skewness(v) FROM VALUES (1.0D) AS s(v)')).toEqual([null, null, null, null]);
  });

  test('percentiles, median, mode, approx_count_distinct, histogram_numeric', () => {
    const df = spark.sql('SELECT percentile_approx(x, 0.5), approx_percentile(x, array(0.25, 0.75)), median(x), percentile(x, 0.25), mode(x), approx_count_distinct(x) FROM t');
    expect(df.columns).toEqual(['percentile_approx(x, 0.5, 10000)', 'approx_percentile(x, array(0.25, 0.75), 10000)', 'median(x)', 'percentile(x, 0.25, 1)', 'mode(x)', 'approx_count_distinct(x)']);
    expect(df.collectInternalRows()[0]).toEqual([2, [1, 2], 2, 1.75, 2, 3n]);
    expect(one(spark, 'SELECT histogram_numeric(col, 3) FROM VALUES (1), (2), (3) AS tab(col)')).toEqual([[[1, 1], [2, 1], [3, 1]]]);
    expect(one(spark, 'SELECT histogram_numeric(col, 3) FROM VALUES (CAST(NULL AS INT)) AS tab(col)')).toEqual([null]);
    expect(errorOf(() => spark.sql('SELECT percentile_approx(x, 1.5) FROM t')).errorClass).toBe('DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE');
  });

  test('DataFrame API wrappers', () => {
    const df = spark.sql('SELECT * FROM t');
    const out = df.agg(F.count_distinct('x'), F.sum_distinct(F.col('x')), F.collect_set('x'), F.first('x', true), F.stddev('x'), F.bool_or(F.col('x').gt(5)), F.max_by('y', 'x'), F.percentile_approx('x', 0.5));
    expect(out.columns).toEqual(['count(DISTINCT x)', 'sum(DISTINCT x)', 'collect_set(x)', 'first(x)', 'stddev(x)', 'bool_or((x > 5))', 'max_by(y, x)', 'percentile_approx(x, 0.5, 10000)']);
    const r = out.collectInternalRows()[0];
    expect(r[0]).toBe(3n);
    expect(r[1]).toBe(10n);
    expect(r[5]).toBe(true);
    expect(r[6]).toBe(1);
  });

  test('streaming keeps refusing DISTINCT aggregates', () => {
    const input = new MemoryStream(StructType([StructField('word', StringType(), true), StructField('n', IntegerType(), true)]), spark);
    const e = errorOf(() => input.toDF().groupBy('word').agg(F.count_distinct('n')).writeStream.format('memory').queryName('d').outputMode('complete').start());
    expect(e).toBeInstanceOf(AnalysisException);
    expect(e.message).toContain('Distinct aggregations are not supported on streaming DataFrames/Datasets');
  });
});

describe.each([
  ['ANSI', 'true'],
  ['legacy', 'false'],
])('math functions (%s mode)', (_mode, ansi) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.ansi.enabled': ansi });
  });
  afterEach(() => spark.stop());

  test('rounding: round/bround HALF_UP/HALF_EVEN on decimals, doubles and integers; ceil/floor', () => {
    const df = spark.sql('SELECT round(2.5), bround(2.5), round(-2.5D), bround(2.5D), round(1.2345, 2), round(125, -1), bround(125, -1), ceil(1.2), FLOOR(-1.5D), ceil(3.14159, 2)');
    expect(df.columns).toEqual(['round(2.5, 0)', 'bround(2.5, 0)', 'round(-2.5, 0)', 'bround(2.5, 0)', 'round(1.2345, 2)', 'round(125, -1)', 'bround(125, -1)', 'CEIL(1.2)', 'FLOOR(-1.5)', 'CEIL(3.14159, 2)']);
    const r = df.collectInternalRows()[0].map((v) => (typeof v === 'object' && v !== null ? String(v) : v));
    expect(r).toEqual(['3', '2', -3, 2, '1.23', 130, 120, '2', -2n, '3.15']);
    expect(spark.sql('SELECT round(2.5)').schema.fields[0].dataType.simpleString()).toBe('decimal(2,0)');
  });

  test('logs, powers, trig, constants and their names', () => {
    const df = spark.sql('SELECT sqrt(4), log(10, 100), log(2.0), ln(0), log10(1000), pow(2, 3), power(2, 0.5), sign(-2), signum(3), pi(), e(), degrees(pi()), abs(-3)');
    expect(df.columns).toEqual(['SQRT(4)', 'LOG(10, 100)', 'LOG(E(), 2.0)', 'ln(0)', 'LOG10(1000)', 'pow(2, 3)', 'POWER(2, 0.5)', 'sign(-2)', 'SIGNUM(3)', 'PI()', 'E()', 'DEGREES(PI())', 'abs(-3)']);
    const r = df.collectInternalRows()[0];
    expect(r.slice(0, 2)).toEqual([2, 2]);
    close(r[2], Math.log(2));
    expect(r[3]).toBeNull();
    close(r[4], 3);
    expect(r.slice(5, 6)).toEqual([8]);
    close(r[6], Math.SQRT2);
    expect(r.slice(7, 11)).toEqual([-1, 1, Math.PI, Math.E]);
    close(r[11], 180);
    expect(r[12]).toBe(3);
  });

  test('pmod, greatest/least, factorial, isnan/nanvl, hex/unhex/bin/conv', () => {
    expect(one(spark, "SELECT pmod(-7, 3), greatest(1, 3, null, 2), least('b', 'a'), factorial(5), factorial(21), isnan(double('NaN')), nanvl(double('NaN'), 1D)")).toEqual([2, 3, 'a', 120n, null, true, 1]);
    const r = one(spark, "SELECT hex(CAST('abc' AS BINARY)), hex(-1), hex(255), unhex('4142'), bin(13), conv('100', 2, 10), conv('-10', 16, -10)");
    expect(r.slice(0, 3)).toEqual(['616263', 'FFFFFFFFFFFFFFFF', 'FF']);
    expect(Array.from(r[3] as Uint8Array)).toEqual([0x41, 0x42]);
    expect(r.slice(4)).toEqual(['1101', '4', '-16']);
    expect(errorOf(() => spark.sql('SELECT greatest(1)')).errorClass).toBe('WRONG_NUM_ARGS.WITHOUT_SUGGESTION');
    if (ansi === 'true') expect(errorOf(() => spark.sql('SELECT pmod(1, 0)').collectInternalRows()).errorClass).toBe('DIVIDE_BY_ZERO');
    else expect(one(spark, 'SELECT pmod(1, 0)')).toEqual([null]);
  });

  test('DataFrame API wrappers', () => {
    const df = spark.sql('SELECT 2.5D AS d, -7 AS i');
    const r = df.select(F.round('d'), F.bround('d'), F.sqrt(F.lit(16)), F.log(F.lit(100)), F.log(10, F.lit(100)), F.pmod('i', F.lit(3)), F.hex('i'), F.greatest(F.col('d'), F.lit(3))).collectInternalRows()[0];
    expect(r.slice(0, 3)).toEqual([3, 2, 4]);
    close(r[3], Math.log(100));
    close(r[4], 2);
    expect(r.slice(5)).toEqual([2, 'FFFFFFFFFFFFFFF9', 3]);
  });
});

describe('analysis gaps', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW nt1 AS SELECT * FROM VALUES ('one', 1), ('two', 2), ('three', 3) AS nt1(k, v1)");
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW nt2 AS SELECT * FROM VALUES ('one', 1), ('two', 22), ('one', 5), ('four', 4) AS nt2(k, v2)");
  });
  afterEach(() => spark.stop());

  test('USING join keeps the hidden key columns reachable by qualified names and stars', () => {
    const df = spark.sql('SELECT nt1.*, nt2.* FROM nt1 LEFT OUTER JOIN nt2 USING (k) ORDER BY v1, v2');
    expect(df.columns).toEqual(['k', 'v1', 'k', 'v2']);
    expect(df.collectInternalRows()).toEqual([['one', 1, 'one', 1], ['one', 1, 'one', 5], ['two', 2, 'two', 22], ['three', 3, null, null]]);
    expect(rows(spark, 'SELECT k, nt2.k FROM nt1 FULL OUTER JOIN nt2 USING (k)').sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([['four', 'four'], ['one', 'one'], ['one', 'one'], ['three', null], ['two', 'two']]);
    expect(rows(spark, "SELECT nt1.k FROM nt1 RIGHT JOIN nt2 USING (k) WHERE nt1.k IS NULL")).toEqual([[null]]);
    expect(spark.sql('SELECT * FROM nt1 JOIN nt2 USING (k)').columns).toEqual(['k', 'v1', 'v2']);
  });

  test('legacy flags: parameterless count, table star in count, HAVING without GROUP BY', () => {
    spark.conf.set('spark.sql.legacy.allowParameterlessCount', 'true');
    expect(one(spark, 'SELECT count() FROM nt1')).toEqual([0n]);
    spark.conf.set('spark.sql.legacy.allowStarWithSingleTableIdentifierInCount', 'true');
    expect(one(spark, 'SELECT count(nt1.*) FROM nt1')).toEqual([3n]);
    expect(rows(spark, 'SELECT 1 FROM range(10) HAVING true')).toEqual([[1]]);
    spark.conf.set('spark.sql.legacy.parser.havingWithoutGroupByAsWhere', 'true');
    expect(rows(spark, 'SELECT id FROM range(4) HAVING id > 1')).toEqual([[2n], [3n]]);
    expect(errorOf(() => spark.sql('SELECT 1 FROM range(10) HAVING max(id) > 0')).errorClass).toBe('INVALID_WHERE_CONDITION');
  });

  test('set operations widen column types as Spark does', () => {
    const df = spark.sql('SELECT CAST(1 AS DECIMAL(10, 0)) AS v UNION ALL SELECT CAST(2 AS DECIMAL(11, 0))');
    expect(df.schema.fields[0].dataType.simpleString()).toBe('decimal(11,0)');
    expect(errorOf(() => spark.sql("SELECT 1 UNION ALL SELECT 'str'").collectInternalRows()).errorClass).toBe('CAST_INVALID_INPUT');
    const legacy = newSession({ 'spark.sql.ansi.enabled': 'false' });
    expect(legacy.sql("SELECT 1 UNION ALL SELECT 'str'").schema.fields[0].dataType.simpleString()).toBe('string');
    legacy.stop();
  });
});
