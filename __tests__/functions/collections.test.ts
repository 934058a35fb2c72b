// Collection functions (array, map, struct constructors; array_* and map_* functions), higher-order
// functions with lambdas (SQL and the PySpark-style DSL) and generators (inline, stack): values,
// Spark's column names and Spark's error classes, under ANSI and legacy mode.
import { SparkException, type StreamSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { newSession } from '../support/session';
import { PlainDate, Timestamp } from 'rivulet/types';
import { errorOf } from '../support/errors';
import { structsAsArrays } from '../support/values';

function one(spark: StreamSession, sql: string): unknown[] {
  return [...spark.sql(sql).collect()[0]].map(structsAsArrays);
}

describe.each([
  ['ANSI', 'true'],
  ['legacy', 'false'],
])('collection functions (%s mode)', (_mode, ansi) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.ansi.enabled': ansi });
  });
  afterEach(() => spark.stop());

  test('constructors: array, map, struct, named_struct', () => {
    const df = spark.sql("select array(1, 2L), map(1, 'a', 2, 'b'), struct(1, 'a'), named_struct('x', 1, 'y', 'z'), array()");
    expect(df.columns).toEqual(['array(1, 2)', 'map(1, a, 2, b)', 'struct(1, a)', 'named_struct(x, 1, y, z)', 'array()']);
    expect(df.schema.fields.map((f) => f.dataType.simpleString())).toEqual(['array<bigint>', 'map<int,string>', 'struct<col1:int,col2:string>', 'struct<x:int,y:string>', 'array<void>']);
    // collect() gives structs as Rows, as PySpark does: row.x works on a struct column.
    const row = df.collect()[0];
    expect([...row]).toEqual([[1, 2], new Map([[1, 'a'], [2, 'b']]), { col1: 1, col2: 'a' }, { x: 1, y: 'z' }, []]);
    expect((row[3] as { x: number }).x).toBe(1);
    expect(String(row[2])).toBe("Row(col1=1, col2='a')");
  });

  test('array element functions', () => {
    expect(one(spark, 'select array_contains(array(1, null), 1), array_contains(array(1, null), 2), array_position(array(3, 2, 1), 1), array_remove(array(1, 2, null, 1), 1)')).toEqual([
      true,
      null,
      3,
      [2, null],
    ]);
    expect(one(spark, 'select array_append(array(1), 2), array_prepend(array(1), 0), array_insert(array(1, 3), 2, 2), array_insert(array(1), 3, 9), array_compact(array(1, null))')).toEqual([
      [1, 2],
      [0, 1],
      [1, 2, 3],
      [1, null, 9],
      [1],
    ]);
  });

  test('array set and shape functions', () => {
    expect(
      one(spark, "select array_distinct(array(0.0D, -0.0D, cast('NaN' as double), cast('NaN' as double))), array_union(array(1, 2), array(2, 3)), array_intersect(array(1, 2), array(2, 3)), array_except(array(1, 2), array(2))"),
    ).toEqual([[0, NaN], [1, 2, 3], [2], [1]]);
    expect(one(spark, "select arrays_overlap(array(1), array(1, 2)), array_join(array('a', null, 'b'), ','), array_join(array('a', null), ',', '?'), array_max(array(1, 3, null)), array_min(array(2, 1))")).toEqual([
      true,
      'a,b',
      'a,?',
      3,
      1,
    ]);
    expect(one(spark, 'select sort_array(array(2, null, 1)), sort_array(array(2, null, 1), false), slice(array(1, 2, 3, 4), -2, 2), flatten(array(array(1), array(2, 3))), array_repeat(7, 2)')).toEqual([
      [null, 1, 2],
      [2, 1, null],
      [3, 4],
      [1, 2, 3],
      [7, 7],
    ]);
    expect(one(spark, 'select sequence(1, 5, 2), sequence(3, 1), arrays_zip(array(1, 2), array(3)), get(array(1), 5), array_size(array(1, 2))')).toEqual([
      [1, 3, 5],
      [3, 2, 1],
      [
        [1, 3],
        [2, null],
      ],
      null,
      2,
    ]);
  });

  test('map functions', () => {
    expect(
      one(spark, "select map_keys(map(1, 'a')), map_values(map(1, 'a')), map_entries(map(1, 'a')), map_from_arrays(array(1), array('x')), map_from_entries(array(struct(1, 'y'))), map_contains_key(map(1, 'a'), 1)"),
    ).toEqual([[1], ['a'], [[1, 'a']], new Map([[1, 'x']]), new Map([[1, 'y']]), true]);
    expect(one(spark, "select map_concat(map(1, 'a'), map(2, 'b')), str_to_map('a:1,b:2')")).toEqual([
      new Map([
        [1, 'a'],
        [2, 'b'],
      ]),
      new Map([
        ['a', '1'],
        ['b', '2'],
      ]),
    ]);
    expect(errorOf(() => spark.sql("select map(1, 'a', 1, 'b')").collect()).getErrorClass()).toBe('DUPLICATED_MAP_KEY');
    expect(errorOf(() => spark.sql("select map(null, 'a')").collect()).getErrorClass()).toBe('NULL_MAP_KEY');
  });

  test('type errors', () => {
    expect(errorOf(() => spark.sql("select array(1, map('a', 1))")).getErrorClass()).toBe('DATATYPE_MISMATCH.DATA_DIFF_TYPES');
    expect(errorOf(() => spark.sql('select map(1)')).getErrorClass()).toBe('WRONG_NUM_ARGS.WITHOUT_SUGGESTION');
    expect(errorOf(() => spark.sql("select array_insert(array(1, 2, 3), 3, '4')")).getErrorClass()).toBe('DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES');
    expect(errorOf(() => spark.sql("select sort_array(array('b', 'd'), '1')")).getErrorClass()).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(errorOf(() => spark.sql('select get(1, 0)')).getErrorClass()).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(errorOf(() => spark.sql('select array_insert(array(1), 0, 1)').collect()).getErrorClass()).toBe('INVALID_INDEX_OF_ZERO');
  });

  test('higher-order functions in SQL', () => {
    const df = spark.sql(
      'select transform(array(1, 2), x -> x + 1), transform(array(1, 2), (x, i) -> x * i), filter(array(1, null, 3), x -> x > 1), exists(array(1, null), x -> x > 1), forall(array(1, 2), x -> x > 0)',
    );
    expect(df.columns[0]).toBe('transform(array(1, 2), lambdafunction((namedlambdavariable() + 1), namedlambdavariable()))');
    expect([...df.collect()[0]]).toEqual([[2, 3], [0, 2], [3], null, true]);
    const agg = spark.sql('select aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x), reduce(array(1, 2), 0, (a, x) -> a + x, a -> a * 10)');
    expect(agg.columns[0]).toBe(
      'aggregate(array(1, 2, 3), 0, lambdafunction((namedlambdavariable() + namedlambdavariable()), namedlambdavariable(), namedlambdavariable()), lambdafunction(namedlambdavariable(), namedlambdavariable()))',
    );
    expect([...agg.collect()[0]]).toEqual([6, 30]);
    expect(one(spark, 'select zip_with(array(1, 2), array(3), (x, y) -> x + y), array_sort(array(3, null, 1)), array_sort(array(1, 3, 2), (l, r) -> r - l)')).toEqual([
      [4, null],
      [1, 3, null],
      [3, 2, 1],
    ]);
    expect(
      one(spark, "select transform_keys(map(1, 'a'), (k, v) -> k + 1), transform_values(map(1, 'a'), (k, v) -> concat(v, 'b')), map_filter(map(1, 'a', 2, 'b'), (k, v) -> k > 1), map_zip_with(map(1, 'a'), map(2, 'b'), (k, x, y) -> coalesce(x, y))"),
    ).toEqual([new Map([[2, 'a']]), new Map([[1, 'ab']]), new Map([[2, 'b']]), new Map([[1, 'a'], [2, 'b']])]);
  });

  test('lambdas capture columns, nest, and shadow columns', () => {
    const df = spark.sql('select transform(b, x -> x + a), transform(b, a -> a), transform(b, x -> transform(b, y -> x * y)) from values (10, array(1, 2)) as t(a, b)');
    expect([...df.collect()[0]]).toEqual([[11, 12], [1, 2], [[1, 2], [2, 4]]]);
  });

  test('lambda errors', () => {
    expect(errorOf(() => spark.sql('select transform(array(1), (x, y, z) -> 1)')).getErrorClass()).toBe('INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH');
    expect(errorOf(() => spark.sql('select transform(array(1), (x, x) -> 1)')).getErrorClass()).toBe('INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES');
    expect(errorOf(() => spark.sql('select filter(array(1), x -> x + 1)')).getErrorClass()).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(errorOf(() => spark.sql('select abs(x -> x)')).getErrorClass()).toBe('INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION');
  });

  test('generators: inline, stack, nested generators', () => {
    const inline = spark.sql("select inline(array(struct(1, 'a'), null))");
    expect(inline.columns).toEqual(['col1', 'col2']);
    expect(inline.collect().map((r) => [...r])).toEqual([
      [1, 'a'],
      [null, null],
    ]);
    const stack = spark.sql("select stack(2, 1, 'a', 2)");
    expect(stack.columns).toEqual(['col0', 'col1']);
    expect(stack.collect().map((r) => [...r])).toEqual([
      [1, 'a'],
      [2, null],
    ]);
    expect(errorOf(() => spark.sql('select stack()')).getErrorClass()).toBe('WRONG_NUM_ARGS.WITHOUT_SUGGESTION');
    expect(errorOf(() => spark.sql('select stack(2, explode(array(1, 2, 3)))')).getErrorClass()).toBe('UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS');
    expect(errorOf(() => spark.sql('select inline(1)')).getErrorClass()).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
  });

  test('generators in FROM and LATERAL VIEW; nested generators fail', () => {
    expect(spark.sql("select * from inline(array(struct(1, 'a')))").collect().map((r) => [...r])).toEqual([[1, 'a']]);
    expect(spark.sql('select a, c from values (1) as t(a) lateral view stack(2, a, a + 1) s as c').collect().map((r) => [...r])).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(errorOf(() => spark.sql('select explode(explode(array(array(1))))')).getErrorClass()).toBe('UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS');
    expect(errorOf(() => spark.sql('select explode(array(1)) + 1')).getErrorClass()).toBe('UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS');
  });

  test('sequence of dates and timestamps', () => {
    const days = (d: string) => PlainDate.parse(d);
    expect(one(spark, "select sequence(date'2020-01-31', date'2020-05-01', interval 1 month), sequence(date'2020-01-03', date'2020-01-01')")).toEqual([
      ['2020-01-31', '2020-02-29', '2020-03-31', '2020-04-30'].map(days),
      ['2020-01-03', '2020-01-02', '2020-01-01'].map(days),
    ]);
    const ts = one(spark, "select sequence(timestamp'2020-01-01 00:00:00', timestamp'2020-01-01 01:00:00', interval 30 minutes)")[0] as Timestamp[];
    expect(ts.map((t) => t.epochMicros - ts[0].epochMicros)).toEqual([0n, 1_800_000_000n, 3_600_000_000n]);
    expect(errorOf(() => spark.sql('select sequence(1, 5, -1)').collect()).getErrorClass()).toBe('INVALID_SEQUENCE_BOUNDARIES');
  });

  test('spark.sql.mapKeyDedupPolicy and spark.sql.legacy.negativeIndexInArrayInsert', () => {
    expect(one(spark, 'select array_insert(array(1, 3, 4), -2, 2), array_insert(array(2, 3), -4, 1)')).toEqual([
      [1, 3, 2, 4],
      [1, null, 2, 3],
    ]);
    spark.conf.set('spark.sql.legacy.negativeIndexInArrayInsert', 'true');
    expect(one(spark, 'select array_insert(array(1, 3, 4), -2, 2), array_insert(array(2, 3, null, 4), -5, 1)')).toEqual([
      [1, 2, 3, 4],
      [1, null, 2, 3, null, 4],
    ]);
    spark.conf.set('spark.sql.mapKeyDedupPolicy', 'LAST_WIN');
    expect(one(spark, "select map(1, 'a', 2, 'c', 1, 'b'), map_from_arrays(array(1, 1), array('x', 'y'))")).toEqual([
      new Map([
        [1, 'b'],
        [2, 'c'],
      ]),
      new Map([[1, 'y']]),
    ]);
  });

  test('GROUP BY an array or map groups by value', () => {
    const arrays = spark.sql('select count(*) from values (array(1)), (array(1)), (array(2)) as t(a) group by a');
    expect(arrays.collect().map((r) => [...r][0]).sort()).toEqual([1, 2]);
    const maps = spark.sql('select count(*) from values (map(1, 2, 2, 3)), (map(2, 3, 1, 2)) as t(a) group by a');
    expect(maps.collect().map((r) => [...r][0])).toEqual([2]);
  });
});

describe('PySpark-style collection functions', () => {
  test('DataFrame API with lambdas', () => {
    const spark = newSession();
    const df = spark.createDataFrame([[[1, 2, 3], new Map([['a', 1]])]], 'a ARRAY<INT>, m MAP<STRING, INT>');
    const out = df.select(
      F.transform('a', (x) => x.plus(1)).alias('t'),
      F.filter('a', (x) => x.gt(1)).alias('f'),
      F.aggregate('a', F.lit(0), (acc, x) => acc.plus(x)).alias('s'),
      F.exists('a', (x) => x.equalTo(2)).alias('e'),
      F.array_contains('a', 2).alias('c'),
      F.map_keys('m').alias('k'),
      F.array(F.lit(1), F.lit(2)).alias('arr'),
      F.transform_values('m', (_k, v) => v.multiply(10)).alias('tv'),
    );
    expect(out.columns).toEqual(['t', 'f', 's', 'e', 'c', 'k', 'arr', 'tv']);
    expect([...out.collect()[0]]).toEqual([[2, 3, 4], [2, 3], 6, true, true, ['a'], [1, 2], new Map([['a', 10]])]);
    const more = df.select(
      F.array_sort('a', (l, r) => r.minus(l)).alias('desc'),
      F.zip_with('a', 'a', (x, y) => x.multiply(y)).alias('sq'),
      F.sequence(F.lit(1), F.lit(3)).alias('seq'),
      F.slice('a', 2, 2).alias('sl'),
      F.array_join(F.array(F.lit('x'), F.lit('y')), '-').alias('j'),
      F.map_filter('m', (k) => k.equalTo('a')).alias('mf'),
    );
    expect([...more.collect()[0]]).toEqual([[3, 2, 1], [1, 4, 9], [1, 2, 3], [2, 3], 'x-y', new Map([['a', 1]])]);
    const rows = df.select(F.inline(F.array(F.struct(F.lit(1).alias('p'), F.lit('q').alias('r'))))).collect();
    expect(rows.map((r) => [...r])).toEqual([[1, 'q']]);
    const named = df.select(F.transform('a', (x) => x.plus(1)));
    expect(named.columns).toEqual(['transform(a, lambdafunction((namedlambdavariable() + 1), namedlambdavariable()))']);
    spark.stop();
  });
});
