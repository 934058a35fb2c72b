// Issue 13 item 7: a wrong-typed argument to a public method raises PySpark's PySparkTypeError
// NOT_EXPECTED_TYPE at the boundary (SQLSTATE 42K09), naming PySpark's parameter, never a raw
// JavaScript TypeError or a silent wrong result. Where PySpark 4.2 has its own check the text is
// PySpark's (spark.table: "Argument `tableName` should be str, got int.", conf.get: `key`,
// orderBy(None): `col`); where classic PySpark only fails inside py4j or with an AttributeError,
// the same class names the parameter of PySpark's signature.
import { PySparkTypeError } from 'rivulet';
import type { DataFrame, StreamSession } from 'rivulet';
import { col, expr, session_window, when, window } from 'rivulet/functions';
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
  ['df.show("x")', () => df.show('x' as Loose), 'Argument `n` should be int, got str.'],
  ['df.show(1.5)', () => df.show(1.5), 'Argument `n` should be int, got float.'],
  ['df.show(null)', () => df.show(null as Loose), 'Argument `n` should be int, got NoneType.'],
  ['df.show(1, "x")', () => df.show(1, 'x' as Loose), 'Argument `truncate` should be bool, got str.'],
  ['df.show(1, true, "x")', () => df.show(1, true, 'x' as Loose), 'Argument `vertical` should be bool, got str.'],
  ['df.explain(5)', () => df.explain(5 as Loose), 'Argument `extended` should be bool or str, got int.'],
  ['df.explain(null, 5)', () => df.explain(null, 5 as Loose), 'Argument `mode` should be str, got int.'],
  ['df.offset("x")', () => df.offset('x' as Loose), 'Argument `num` should be int, got str.'],
  ['df.limit(1.5)', () => df.limit(1.5), 'Argument `num` should be int, got float.'],
  ['df.withColumn("a", 5)', () => df.withColumn('a', 5 as Loose), 'Argument `col` should be Column, got int.'],
  ['df.withWatermark(5, "1 second")', () => df.withWatermark(5 as Loose, '1 second'), 'Argument `eventTime` should be str, got int.'],
  ['df.withWatermark("x", 5)', () => df.withWatermark('x', 5 as Loose), 'Argument `delayThreshold` should be str, got int.'],
  ['df.select(5)', () => df.select(5 as Loose), 'Argument `col` should be Column or str, got int.'],
  ['df.filter(5)', () => df.filter(5 as Loose), 'Argument `condition` should be Column or str, got int.'],
  ['df.drop(5)', () => df.drop(5 as Loose), 'Argument `col` should be Column or str, got int.'],
  ['df.dropDuplicates(5)', () => df.dropDuplicates(5 as Loose), 'Argument `subset` should be list or tuple, got int.'],
  ['df.toDF(5)', () => df.toDF(5 as Loose), 'Argument `cols` should be list[str], got int.'],
  ['df.fillna([1])', () => df.fillna([1]), 'Argument `value` should be bool, dict, float, int or str, got list.'],
  ['df.corr(5, "y")', () => df.corr(5 as Loose, 'y'), 'Argument `col1` should be str, got int.'],
  ['createDataFrame([[1]], 5)', () => spark.createDataFrame([[1]], 5 as Loose), 'Argument `schema` should be list, None or StructType, got int.'],
  ['readStream.schema(5)', () => spark.readStream.schema(5 as Loose), 'Argument `schema` should be str or struct type, got int.'],
  ['readStream.table(5)', () => spark.readStream.table(5 as Loose), 'Argument `tableName` should be str, got int.'],
  ['read.schema(5)', () => spark.read.schema(5 as Loose), 'Argument `schema` should be str or struct type, got int.'],
  ['read.json(5)', () => spark.read.json(5 as Loose), 'Argument `path` should be str, list, RDD, or DataFrame, got int.'],
  ['read.csv(5)', () => spark.read.csv(5 as Loose), 'Argument `path` should be str, list, RDD, or DataFrame, got int.'],
  ['col.cast(5)', () => col('x').cast(5 as Loose), 'Argument `dataType` should be DataType or str, got int.'],
  ['col.substr(1.5, 2.5)', () => col('x').substr(1.5, 2.5), 'Argument `startPos` should be Column or int, got float.'],
  ['col.over(5)', () => col('x').over(5 as Loose), 'Argument `window` should be WindowSpec, got int.'],
  ['col.when(5, 1)', () => col('x').when(5 as Loose, 1), 'Argument `condition` should be Column, got int.'],
  ['when("x", 1)', () => when('x' as Loose, 1), 'Argument `condition` should be Column, got str.'],
  ['col(5)', () => col(5 as Loose), 'Argument `col` should be Column or str, got int.'],
  ['window(5, "1 second")', () => window(5 as Loose, '1 second'), 'Argument `col` should be Column or str, got int.'],
  ['window("t", 5)', () => window('t', 5 as Loose), 'Argument `windowDuration` should be str, got int.'],
  ['window("t", "1 second", 5)', () => window('t', '1 second', 5 as Loose), 'Argument `slideDuration` should be str, got int.'],
  ['window("t", "1 second", "1 second", 5)', () => window('t', '1 second', '1 second', 5 as Loose), 'Argument `startTime` should be str, got int.'],
  ['session_window("t", 5)', () => session_window('t', 5 as Loose), 'Argument `gapDuration` should be Column or str, got int.'],
  // An int is a column ordinal in PySpark 4 (column-ordinals.test.ts); a float is no column.
  ['groupBy(1.5)', () => df.groupBy(1.5 as Loose), 'Argument `col` should be Column or str, got float.'],
  ['catalog.dropTempView(5)', () => spark.catalog.dropTempView(5 as Loose), 'Argument `viewName` should be str, got int.'],
  ['catalog.tableExists(5)', () => spark.catalog.tableExists(5 as Loose), 'Argument `tableName` should be str, got int.'],
  // PySpark fails inside py4j for these; the same class names PySpark's parameter.
  ['streams.get(5)', () => spark.streams.get(5 as Loose), 'Argument `id` should be str, got int.'],
  ['conf.isModifiable(5)', () => spark.conf.isModifiable(5 as Loose), 'Argument `key` should be str, got int.'],
  ['df.unionByName(df, 5)', () => df.unionByName(df, 5 as Loose), 'Argument `allowMissingColumns` should be bool, got int.'],
  ['write.partitionBy(5)', () => df.write.partitionBy(5 as Loose), 'Argument `cols` should be str, got int.'],
  ['write.saveAsTable(5)', () => df.write.saveAsTable(5 as Loose), 'Argument `name` should be str, got int.'],
  ['write.json(5)', () => df.write.json(5 as Loose), 'Argument `path` should be str, got int.'],
  ['writeStream.partitionBy(5)', () => spark.readStream.format('rate').load().writeStream.partitionBy(5 as Loose), 'Argument `cols` should be str, got int.'],
  ['writeStream.foreachBatch(5)', () => spark.readStream.format('rate').load().writeStream.foreachBatch(5 as Loose), 'Argument `func` should be function, got int.'],
  ['writeStream.toTable(5)', () => spark.readStream.format('rate').load().writeStream.toTable(5 as Loose), 'Argument `tableName` should be str, got int.'],
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

// Other PySpark error classes at the same boundary, recorded from PySpark 4.2.0.
test.each<[string, () => unknown, string, string]>([
  ['df.explain("x")', () => df.explain('x'), 'IllegalArgumentException', "Unknown explain mode: x. Accepted explain modes are 'simple', 'extended', 'codegen', 'cost', 'formatted'."],
  ['df.explain(true, "cost")', () => df.explain(true, 'cost'), 'PySparkValueError', '[CANNOT_SET_TOGETHER] extended and mode should not be set together.'],
  ['df.alias(5)', () => df.alias(5 as Loose), 'PySparkAssertionError', 'alias should be a string'],
  ['df.agg()', () => df.agg(), 'PySparkAssertionError', 'exprs should not be empty'],
  ['groupBy().agg()', () => df.groupBy('x').agg(), 'PySparkAssertionError', 'exprs should not be empty'],
  ['streams.get("nope")', () => spark.streams.get('nope'), 'IllegalArgumentException', 'Invalid UUID string: nope'],
  ['dropna("x")', () => df.dropna('x'), 'PySparkValueError', "[VALUE_NOT_ANY_OR_ALL] Value for `how` must be 'any' or 'all', got 'x'."],
  ['writeStream.outputMode(5)', () => spark.readStream.format('rate').load().writeStream.outputMode(5 as Loose), 'PySparkValueError', "[VALUE_NOT_NON_EMPTY_STR] Value for `outputMode` must be a non-empty string, got '5'."],
  ['writeStream.queryName(5)', () => spark.readStream.format('rate').load().writeStream.queryName(5 as Loose), 'PySparkValueError', "[VALUE_NOT_NON_EMPTY_STR] Value for `queryName` must be a non-empty string, got '5'."],
  ['writeStream.trigger({ processingTime: 5 })', () => spark.readStream.format('rate').load().writeStream.trigger({ processingTime: 5 as Loose }), 'PySparkValueError', "[VALUE_NOT_NON_EMPTY_STR] Value for `processingTime` must be a non-empty string, got '5'."],
  ['readStream.load(5)', () => spark.readStream.format('rate').load(5 as Loose), 'PySparkValueError', "[VALUE_NOT_NON_EMPTY_STR] Value for `path` must be a non-empty string, got '5'."],
  ['writeStream.foreach(5)', () => spark.readStream.format('rate').load().writeStream.foreach(5 as Loose), 'PySparkAttributeError', '[ATTRIBUTE_NOT_CALLABLE] Attribute `process` in provided object `f` is not callable.'],
  ['writeStream.foreach({})', () => spark.readStream.format('rate').load().writeStream.foreach({} as Loose), 'PySparkAttributeError', '[ATTRIBUTE_NOT_CALLABLE] Attribute `process` in provided object `f` is not callable.'],
  ['col.substr("x", 1)', () => col('x').substr('x' as Loose, 1), 'PySparkTypeError', '[NOT_SAME_TYPE] Argument `startPos` and `length` should be the same type, got str and int.'],
])('%s raises PySpark\'s error', (_what, call, name, message) => {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect((error as Error)?.constructor?.name).toBe(name);
  expect((error as Error).message).toBe(message);
});

test('what PySpark accepts: builder options become strings, awaitAnyTermination rejects a bad timeout', async () => {
  const b = StreamSessionBuilder() as unknown as { appName(n: unknown): { options: Record<string, string> } };
  expect((b.appName(5) as unknown as { options: Record<string, string> }).options['spark.app.name']).toBe('5');
  await expect(spark.streams.awaitAnyTermination('x' as Loose)).rejects.toThrow("[VALUE_NOT_POSITIVE] Value for `timeout` must be positive, got 'str'.");
});
