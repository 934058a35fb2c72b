// Issue 13 item 7: a wrong-typed argument to a public method raises PySpark's PySparkTypeError
// NOT_EXPECTED_TYPE at the boundary (SQLSTATE 42K09), naming PySpark's parameter, never a raw
// JavaScript TypeError or a silent wrong result. Where PySpark 4.2 has its own check the text is
// PySpark's (spark.table: "Argument `tableName` should be str, got int.", conf.get: `key`,
// orderBy(None): `col`); where classic PySpark only fails inside py4j or with an AttributeError,
// the same class names the parameter of PySpark's signature.
import { PySparkTypeError } from 'rivulet';
import type { DataFrame, StreamSession } from 'rivulet';
import { col, expr } from 'rivulet/functions';
import { newSession } from '../support/session';

let spark: StreamSession;
let df: DataFrame;
beforeEach(() => {
  spark = newSession();
  df = spark.createDataFrame([[1, 'a']], ['x', 'y']);
});
afterEach(() => spark.stop());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const cases: [string, () => unknown, string][] = [
  ['spark.table(5)', () => spark.table(5 as Loose), 'Argument `tableName` should be str, got int.'],
  ['spark.read.table(null)', () => spark.read.table(null as Loose), 'Argument `tableName` should be str, got NoneType.'],
  ['spark.sql(5)', () => spark.sql(5 as Loose), 'Argument `sqlQuery` should be str, got int.'],
  ['spark.range(null)', () => spark.range(null as Loose), 'Argument `start` should be int, got NoneType.'],
  ['spark.range(0, 1.5)', () => spark.range(0, 1.5), 'Argument `end` should be int, got float.'],
  ['spark.createDataFrame(5)', () => spark.createDataFrame(5 as Loose), 'Argument `data` should be list, got int.'],
  ['spark.conf.get(5)', () => spark.conf.get(5 as Loose), 'Argument `key` should be str, got int.'],
  ['spark.conf.set(null, 1)', () => spark.conf.set(null as Loose, 1), 'Argument `key` should be str, got NoneType.'],
  ['spark.conf.unset([])', () => spark.conf.unset([] as Loose), 'Argument `key` should be str, got list.'],
  ['spark.conf.get(key, 5)', () => spark.conf.get('k', 5 as Loose), 'Argument `default` should be str, got int.'],
  ['df.col(5)', () => df.col(5 as Loose), 'Argument `col` should be str, got int.'],
  ['df.selectExpr(5)', () => df.selectExpr(5 as Loose), 'Argument `expr` should be str, got int.'],
  ['df.orderBy(null)', () => df.orderBy(null as Loose), 'Argument `col` should be Column or str, got NoneType.'],
  ['df.union(5)', () => df.union(5 as Loose), 'Argument `other` should be DataFrame, got int.'],
  ['df.unionByName(null)', () => df.unionByName(null as Loose), 'Argument `other` should be DataFrame, got NoneType.'],
  ['df.intersect({})', () => df.intersect({} as Loose), 'Argument `other` should be DataFrame, got dict.'],
  ['df.intersectAll(5)', () => df.intersectAll(5 as Loose), 'Argument `other` should be DataFrame, got int.'],
  ['df.subtract(5)', () => df.subtract(5 as Loose), 'Argument `other` should be DataFrame, got int.'],
  ['df.exceptAll([1])', () => df.exceptAll([1] as Loose), 'Argument `other` should be DataFrame, got list.'],
  ['df.crossJoin(undefined)', () => df.crossJoin(undefined as Loose), 'Argument `other` should be DataFrame, got NoneType.'],
  ['df.join(df, "x", 5)', () => df.join(df, 'x', 5 as Loose), 'Argument `how` should be str, got int.'],
  ['df.join(df, [1])', () => df.join(df, [1] as Loose), 'Argument `on` should be str, got int.'],
  ['df.take("1")', () => df.take('1' as Loose), 'Argument `num` should be int, got str.'],
  ['df.head(1.5)', () => df.head(1.5), 'Argument `num` should be int, got float.'],
  ['df.tail(null)', () => df.tail(null as Loose), 'Argument `num` should be int, got NoneType.'],
  ['df.agg(5)', () => df.agg(5 as Loose), 'Argument `exprs` should be Column, got int.'],
  ['df.agg({ x: 5 })', () => df.agg({ x: 5 } as Loose), 'Argument `exprs` should be str, got int.'],
  ['groupBy().agg("x")', () => df.groupBy('y').agg('x' as Loose), 'Argument `exprs` should be Column, got str.'],
  ['groupBy().sum(5)', () => df.groupBy('y').sum(5 as Loose), 'Argument `cols` should be str, got int.'],
  ['col.alias(5)', () => col('x').alias(5 as Loose), 'Argument `alias` should be str, got int.'],
  ['expr(null)', () => expr(null as Loose), 'Argument `str` should be str, got NoneType.'],
  ['readStream.format(5)', () => spark.readStream.format(5 as Loose), 'Argument `source` should be str, got int.'],
  ['readStream.option(5, "x")', () => spark.readStream.option(5 as Loose, 'x'), 'Argument `key` should be str, got int.'],
  ['readStream.options(null)', () => spark.readStream.options(null as Loose), 'Argument `options` should be dict, got NoneType.'],
  ['read.format([])', () => spark.read.format([] as Loose), 'Argument `source` should be str, got list.'],
  ['read.option(null, 1)', () => spark.read.option(null as Loose, 1), 'Argument `key` should be str, got NoneType.'],
  ['write.mode(5)', () => df.write.mode(5 as Loose), 'Argument `saveMode` should be str, got int.'],
  ['write.format(5)', () => df.write.format(5 as Loose), 'Argument `source` should be str, got int.'],
  ['write.option(5, 1)', () => df.write.option(5 as Loose, 1), 'Argument `key` should be str, got int.'],
  ['write.save(5)', () => df.write.format('json').save(5 as Loose), 'Argument `path` should be str, got int.'],
  ['writeStream.format(5)', () => spark.readStream.format('rate').load().writeStream.format(5 as Loose), 'Argument `source` should be str, got int.'],
  ['writeStream.option(5, 1)', () => spark.readStream.format('rate').load().writeStream.option(5 as Loose, 1), 'Argument `key` should be str, got int.'],
  ['writeStream.options(null)', () => spark.readStream.format('rate').load().writeStream.options(null as Loose), 'Argument `options` should be dict, got NoneType.'],
  ['writeStream.start(5)', () => spark.readStream.format('rate').load().writeStream.format('noop').start(5 as Loose), 'Argument `path` should be str, got int.'],
  ['builder.config([1])', () => StreamSessionBuilder().config([1] as Loose), 'Argument `map` should be dict, got list.'],
];

function StreamSessionBuilder() {
  return (spark.constructor as unknown as { builder: { config(k: unknown, v?: unknown): unknown } }).builder;
}

test.each(cases)('%s raises NOT_EXPECTED_TYPE', (_what, call, message) => {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(PySparkTypeError);
  const e = error as PySparkTypeError & { errorClass?: string; sqlState?: string };
  expect(e.message).toBe(`[NOT_EXPECTED_TYPE] ${message}`);
  expect(e.errorClass ?? (e as unknown as { getCondition(): string }).getCondition()).toBe('NOT_EXPECTED_TYPE');
});

test('a check passes what PySpark accepts: null where PySpark takes None, iterables as data', () => {
  expect(df.join(df, 'x', null as Loose).count()).toBe(1);
  expect(df.write.mode(null).format('json')).toBeDefined();
  expect(spark.createDataFrame(new Set([[1]]), ['v']).count()).toBe(1);
  expect((df.head(null as Loose) as unknown as { x: number }).x).toBe(1);
  expect(spark.conf.get('nope', null)).toBeNull();
  expect(df.groupBy('y').agg({ x: 'sum' }).count()).toBe(1);
});
