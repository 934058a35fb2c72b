// Issue 16 item 4, swept: every public method of local mode's DataFrame, GroupedData, readers,
// writers, session, StreamingQuery and StreamingQueryManager exists in remote mode and, called,
// either builds/sends a Spark Connect message that encodes, or fails with the documented
// RIVULET_NOT_SUPPORTED_IN_REMOTE_MODE error naming the feature (never a raw TypeError). Every
// function of lib/functions that builds a Column is converted to a protobuf expression or refused
// the same way. No server: a fake client encodes what would be sent, then stops the call.
import { create, toBinary } from '@bufbuild/protobuf';
import { RelationSchema } from '../../lib/connect/gen/spark/connect/relations_pb';
import { CommandSchema } from '../../lib/connect/gen/spark/connect/commands_pb';
import { ExpressionSchema } from '../../lib/connect/gen/spark/connect/expressions_pb';
import { RemoteSession } from '../../lib/connect/remote-session';
import { RemoteDataFrame, RemoteGroupedData } from '../../lib/connect/remote-data-frame';
import { RemoteDataReader } from '../../lib/connect/remote-data-reader';
import { RemoteDataStreamWriter } from '../../lib/connect/remote-data-stream-writer';
import { RemoteDataFrameWriter } from '../../lib/connect/remote-data-frame-writer';
import { RemoteStreamingQuery } from '../../lib/connect/remote-streaming-query';
import { RemoteStreamingQueryManager } from '../../lib/connect/remote-streaming-query-manager';
import { expressionToProto } from '../../lib/connect/expression-proto';
import { DataFrame } from '../../lib/api/data-frame';
import { GroupedData } from '../../lib/api/grouped-data';
import { DataStreamReader } from '../../lib/api/data-stream-reader';
import { DataFrameReader } from '../../lib/api/data-frame-reader';
import { DataStreamWriter } from '../../lib/api/data-stream-writer';
import { DataFrameWriter } from '../../lib/api/data-frame-writer';
import { StreamingQuery } from '../../lib/api/streaming-query';
import { StreamingQueryManager } from '../../lib/api/streaming-query-manager';
import { StreamSession } from '../../lib/session/stream-session';
import { Column } from '../../lib/api/column';
import { StorageLevel } from '../../lib/api/storage-level';
import * as F from '../../lib/functions';
import { LongType, StringType, StructField, StructType } from '../../lib/types';

const { col, lit, sum } = F;

/** Thrown by the fake client once the message it was given has been encoded. */
class Sent extends Error {}

const spark = new RemoteSession('sc://127.0.0.1:9');
afterAll(() => spark.stop().catch(() => undefined));
const stop = (): never => {
  throw new Sent('sent');
};
Object.assign(spark.client, {
  executeRelation: (r: unknown) => (toBinary(RelationSchema, create(RelationSchema, r as never)), stop()),
  executeCommand: (c: unknown) => (toBinary(CommandSchema, create(CommandSchema, c as never)), stop()),
  executeCommandAsync: async (c: unknown) => (toBinary(CommandSchema, create(CommandSchema, c as never)), stop()),
  executeCommandLive: (c: unknown) => (toBinary(CommandSchema, create(CommandSchema, c as never)), stop()),
  analyze: (a: { value: { plan?: { opType: { value: unknown } } } }) => (a.value.plan ? toBinary(RelationSchema, create(RelationSchema, a.value.plan.opType.value as never)) : undefined, stop()),
  // The session time zone and other confs read on the way: as an empty answer (defaults apply).
  config: () => ({ pairs: [] }),
});

/** Public names along a class's prototype chain. */
function publicNames(cls: { prototype: object }): string[] {
  const out = new Set<string>();
  for (let p = cls.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor' && !n.startsWith('_')) out.add(n);
  }
  return [...out].sort();
}

/** Local-only plumbing that is not part of the user API (engine plans, the local dashboard, the listener bus). */
const INTERNAL: Record<string, string[]> = {
  DataFrame: ['plan', 'withPlan', 'withLogicalPlan', 'aggregate', 'summaryFrame', 'executeRows', 'collectInternalRows', 'partitionRows', 'toRows', 'materialized'],
  GroupedData: ['aggregateOf', 'numeric', 'initialStateArgs', 'stateArgs'],
  DataStreamReader: ['createDataFrame'],
  DataFrameReader: ['conf', 'read'],
  DataStreamWriter: ['launch'],
  DataFrameWriter: ['with', 'checkClusterAndPartition', 'shortcut'],
  StreamSession: ['resolverContext', 'compileContext', 'numShufflePartitions', 'defaultParallelism', 'confGet', 'registerTempView', 'lookupTempView', 'tempViewNames', 'dropTempView', 'registerGlobalTempView', 'lookupGlobalTempView', 'lookupTable', 'startUi', 'installProcessHooks'],
  StreamingQuery: ['waitForTermination'],
  StreamingQueryManager: ['waitForAnyTermination', 'useStatusLine', 'useUiHistory', 'register', 'notifyTerminated', 'post'],
};

const PAIRS: [string, { prototype: object }, { prototype: object }][] = [
  ['DataFrame', DataFrame, RemoteDataFrame],
  ['GroupedData', GroupedData, RemoteGroupedData],
  ['DataStreamReader', DataStreamReader, RemoteDataReader],
  ['DataFrameReader', DataFrameReader, RemoteDataReader],
  ['DataStreamWriter', DataStreamWriter, RemoteDataStreamWriter],
  ['DataFrameWriter', DataFrameWriter, RemoteDataFrameWriter],
  ['StreamSession', StreamSession, RemoteSession],
  ['StreamingQuery', StreamingQuery, RemoteStreamingQuery],
  ['StreamingQueryManager', StreamingQueryManager, RemoteStreamingQueryManager],
];

test.each(PAIRS)('%s: every public method of local mode exists in remote mode', (name, local, remote) => {
  const remoteNames = new Set(publicNames(remote));
  const missing = publicNames(local).filter((n) => !INTERNAL[name].includes(n) && !remoteNames.has(n));
  expect(missing).toEqual([]);
});

type Outcome = 'built' | 'sent' | 'refused';

/** What a call did: built a message that encodes, sent one (the fake stopped it), or was refused clearly. */
async function outcome(call: () => unknown): Promise<Outcome> {
  try {
    let r = call();
    if (r instanceof Promise) r = await r;
    if (r instanceof RemoteDataFrame) toBinary(RelationSchema, create(RelationSchema, r.relation));
    if (r instanceof Column) toBinary(ExpressionSchema, create(ExpressionSchema, expressionToProto(r.expr)));
    return 'built';
  } catch (e) {
    if (e instanceof Sent) return 'sent';
    if ((e as { errorClass?: string }).errorClass === 'RIVULET_NOT_SUPPORTED_IN_REMOTE_MODE') return 'refused';
    throw e;
  }
}

const df = () => spark.range(3).withColumn('s', lit('x'));
const other = () => spark.range(2);

const DATA_FRAME_CALLS: Record<string, () => unknown> = {
  isStreaming: () => df().isStreaming,
  schema: () => df().schema,
  columns: () => df().columns,
  dtypes: () => df().dtypes,
  printSchema: () => df().printSchema(),
  col: () => df().col('id'),
  select: () => df().select('id', col('s')),
  selectExpr: () => df().selectExpr('id + 1 AS x'),
  filter: () => df().filter(col('id').gt(1)),
  where: () => df().where('id > 1'),
  withColumn: () => df().withColumn('y', col('id').multiply(2)),
  withColumnRenamed: () => df().withColumnRenamed('id', 'x'),
  drop: () => df().drop('s'),
  groupBy: () => df().groupBy('s').count(),
  rollup: () => df().rollup('s').count(),
  unpivot: () => df().unpivot('id', ['s'], 'var', 'val'),
  melt: () => df().melt(['id'], null, 'var', 'val'),
  to: () => df().to(StructType([StructField('s', StringType()), StructField('id', LongType())])),
  cube: () => df().cube('s').count(),
  groupingSets: () => df().groupingSets([['s'], []], 's').count(),
  groupby: () => df().groupby('s').count(),
  agg: () => df().agg(sum('id')),
  orderBy: () => df().orderBy(col('id').desc()),
  sort: () => df().sort('id'),
  sortWithinPartitions: () => df().sortWithinPartitions('id'),
  crosstab: () => df().crosstab('id', 's'),
  colRegex: () => df().select(df().colRegex('`(id|s)`')),
  transpose: () => df().transpose('s'),
  limit: () => df().limit(1),
  offset: () => df().offset(1),
  distinct: () => df().distinct(),
  dropDuplicates: () => df().dropDuplicates(['s']),
  drop_duplicates: () => df().drop_duplicates(),
  dropDuplicatesWithinWatermark: () => df().dropDuplicatesWithinWatermark(['s']),
  drop_duplicates_within_watermark: () => df().drop_duplicates_within_watermark(),
  withWatermark: () => df().withWatermark('ts', '10 seconds'),
  union: () => df().union(df()),
  unionAll: () => df().unionAll(df()),
  unionByName: () => df().unionByName(df(), true),
  intersect: () => df().intersect(df()),
  intersectAll: () => df().intersectAll(df()),
  subtract: () => df().subtract(df()),
  exceptAll: () => df().exceptAll(df()),
  join: () => df().join(other(), 'id', 'left'),
  crossJoin: () => df().crossJoin(other()),
  alias: () => df().alias('a'),
  createOrReplaceTempView: () => df().createOrReplaceTempView('v'),
  createTempView: () => df().createTempView('v'),
  createGlobalTempView: () => df().createGlobalTempView('g'),
  scalar: () => df().scalar(),
  exists: () => df().exists(),
  createOrReplaceGlobalTempView: () => df().createOrReplaceGlobalTempView('g'),
  toDF: () => df().toDF('a', 'b'),
  withColumns: () => df().withColumns({ a: lit(1) }),
  withColumnsRenamed: () => df().withColumnsRenamed({ id: 'x' }),
  cache: () => df().cache(),
  persist: () => df().persist(),
  unpersist: () => df().unpersist(),
  is_cached: () => df().is_cached,
  storageLevel: () => df().storageLevel,
  repartition: () => df().repartition(2),
  repartitionByRange: () => df().repartitionByRange(2, 'id'),
  coalesce: () => df().coalesce(1),
  na: () => df().na.replace('x', 'y'),
  fillna: () => df().fillna(0),
  dropna: () => df().dropna('all'),
  replace: () => df().replace(1, 2),
  describe: () => df().describe(),
  summary: () => df().summary(),
  toJSON: () => df().toJSON(),
  observe: () => (df() as unknown as { observe(name: string, c: Column): unknown }).observe('m', F.count(lit(1))),
  foreach: () => df().foreach(),
  foreachPartition: () => df().foreachPartition(),
  writeStream: () => df().writeStream.format('memory').queryName('q').start(),
  write: () => df().write.mode('overwrite').parquet('/tmp/out'),
  collect: () => df().collect(),
  toLocalIterator: () => df().toLocalIterator(),
  count: () => df().count(),
  take: () => df().take(1),
  head: () => df().head(),
  tail: () => df().tail(1),
  first: () => df().first(),
  isEmpty: () => df().isEmpty(),
  show: () => df().show(),
  showString: () => df().showString(),
  explain: () => df().explain(),
  explainString: () => df().explainString(),
  toString: () => df().toString(),
  sparkSession: () => df().sparkSession.range(1),
  sample: () => df().sample(0.5, 3),
  randomSplit: () => df().randomSplit([1, 2], 3)[1],
  transform: () => df().transform((d) => d.limit(1)),
  hint: () => df().hint('broadcast'),
  registerTempTable: () => df().registerTempTable('v'),
  corr: () => df().corr('id', 'id'),
  cov: () => df().cov('id', 'id'),
  sampleBy: () => df().sampleBy('id', { 0: 0.5 }, 1),
  approxQuantile: () => df().approxQuantile('id', [0.5], 0.1),
  freqItems: () => df().freqItems(['id']),
  stat: () => df().stat.crosstab('id', 's'),
  isLocal: () => df().isLocal(),
  checkpoint: () => df().checkpoint(),
  localCheckpoint: () => df().localCheckpoint(),
};

/** Refused remotely, each with the documented error (docs/guides/running-on-a-spark-cluster.md). */
const DATA_FRAME_REFUSED = ['foreach', 'foreachPartition', 'is_cached', 'observe', 'storageLevel', 'sampleBy', 'scalar', 'exists', 'isLocal', 'checkpoint', 'localCheckpoint'];

test('DataFrame: the sweep calls every public method', () => {
  expect(Object.keys(DATA_FRAME_CALLS).sort()).toEqual(publicNames(DataFrame).filter((n) => !INTERNAL.DataFrame.includes(n)));
});

test.each(Object.keys(DATA_FRAME_CALLS))('DataFrame.%s is sent to the server or refused clearly', async (name) => {
  expect(await outcome(DATA_FRAME_CALLS[name])).toEqual(DATA_FRAME_REFUSED.includes(name) ? 'refused' : expect.stringMatching(/built|sent/));
});

const grouped = () => df().groupBy('s');
const GROUPED_CALLS: Record<string, () => unknown> = {
  agg: () => grouped().agg(sum('id')),
  count: () => grouped().count(),
  sum: () => grouped().sum('id'),
  avg: () => grouped().avg('id'),
  mean: () => grouped().mean('id'),
  min: () => grouped().min('id'),
  max: () => grouped().max('id'),
  pivot: () => grouped().pivot('s', ['x']).count(),
  applyInPandasWithState: () => grouped().applyInPandasWithState(),
  mapGroupsWithState: () => grouped().mapGroupsWithState(),
  flatMapGroupsWithState: () => grouped().flatMapGroupsWithState(),
  transformWithState: () => grouped().transformWithState(),
  transformWithStateInPandas: () => grouped().transformWithStateInPandas(),
};
const GROUPED_REFUSED = ['applyInPandasWithState', 'mapGroupsWithState', 'flatMapGroupsWithState', 'transformWithState', 'transformWithStateInPandas'];

test('GroupedData: the sweep calls every public method', () => {
  expect(Object.keys(GROUPED_CALLS).sort()).toEqual(publicNames(GroupedData).filter((n) => !INTERNAL.GroupedData.includes(n)));
});

test.each(Object.keys(GROUPED_CALLS))('GroupedData.%s is sent to the server or refused clearly', async (name) => {
  expect(await outcome(GROUPED_CALLS[name])).toEqual(GROUPED_REFUSED.includes(name) ? 'refused' : expect.stringMatching(/built|sent/));
});

const IO_CALLS: Record<string, () => unknown> = {
  'readStream.format/option/options/schema/load': () => spark.readStream.format('json').option('a', 1).options({ b: true }).schema('x INT').load('/tmp/in'),
  'readStream.text/csv/json/parquet/table': () => [spark.readStream.text('/tmp/a'), spark.readStream.csv('/tmp/a', 'x INT'), spark.readStream.json('/tmp/a'), spark.readStream.parquet('/tmp/a'), spark.readStream.table('t')].map((d) => toBinary(RelationSchema, create(RelationSchema, d.relation))),
  'readStream.name': () => spark.readStream.format('rate').name('src'),
  'read.format/load/text/csv/json/parquet/table': () => [spark.read.format('csv').load('/tmp/a'), spark.read.text('/tmp/a'), spark.read.json('/tmp/a'), spark.read.parquet('/tmp/a'), spark.read.table('t')].map((d) => toBinary(RelationSchema, create(RelationSchema, d.relation))),
  'writeStream.format/outputMode/option/options/partitionBy/queryName/trigger/start': () =>
    df().writeStream.format('parquet').outputMode('append').option('checkpointLocation', '/tmp/cp').options({ a: 1 }).partitionBy('s').queryName('q').trigger({ availableNow: true }).start('/tmp/out'),
  'writeStream.toTable': () => df().writeStream.option('checkpointLocation', '/tmp/cp').toTable('t'),
  'writeStream.foreach': () => df().writeStream.foreach(() => undefined),
  'writeStream.foreachBatch': () => df().writeStream.foreachBatch(() => undefined),
  'writeStream.clusterBy': () => df().writeStream.clusterBy('s'),
  'write.format/mode/option/options/partitionBy/save': () => df().write.format('json').mode('append').option('a', 1).options({ b: 2 }).partitionBy('s').save('/tmp/out'),
  'write.saveAsTable': () => df().write.saveAsTable('t'),
  'write.insertInto': () => df().write.insertInto('t'),
  'write.json/csv/text': () => df().write.csv('/tmp/out'),
  'write.clusterBy': () => df().write.clusterBy('s'),
  'spark.sql': () => spark.sql('SELECT 1'),
  'spark.table': () => spark.table('t'),
  'spark.range': () => spark.range(0, 10, 2),
  'spark.createDataFrame': () => spark.createDataFrame([[1, 'a']], 'x INT, y STRING'),
  'spark.catalog': () => spark.catalog,
  'spark.tables': () => spark.tables,
  'spark.udf': () => spark.udf,
  'spark.streams.active': () => spark.streams.active,
  'spark.streams.stopAll': () => spark.streams.stopAll(),
};
const IO_REFUSED = ['readStream.name', 'writeStream.foreach', 'writeStream.foreachBatch', 'writeStream.clusterBy', 'write.clusterBy', 'spark.catalog', 'spark.tables', 'spark.udf'];

test.each(Object.keys(IO_CALLS))('%s is sent to the server or refused clearly', async (name) => {
  expect(await outcome(IO_CALLS[name])).toEqual(IO_REFUSED.includes(name) ? 'refused' : expect.stringMatching(/built|sent/));
});

test('StorageLevel persist arguments are accepted remotely (caching is left to the server)', async () => {
  expect(await outcome(() => df().persist(StorageLevel.MEMORY_ONLY as never))).toBe('built');
});

/** Argument lists tried in turn until the function builds a Column locally. */
const TRIES: unknown[][] = [
  [col('a')],
  [],
  [col('a'), col('b')],
  [col('a'), 1],
  [col('a'), 'x'],
  [col('a'), col('b'), col('c')],
  [col('a'), 1, 2],
  [col('a'), 'x', 'y'],
  ['a'],
  [1],
  [col('a'), (x: Column) => x],
  [col('a'), (x: Column, y: Column) => x.plus(y)],
  [col('a'), lit(0), (x: Column, y: Column) => x.plus(y)],
  [col('a'), '10 seconds'],
  [col('a'), '10 seconds', '5 seconds'],
  [{ a: col('a') }],
  [[col('a')]],
  ['x', col('a')],
  ['DAY', col('a'), col('b')],
  [col('a'), col('b'), col('c'), col('d')],
  [col('a'), col('b'), col('c'), col('d'), col('e'), col('f')],
];

/** Functions no argument list above builds (they take specific objects); checked by other tests. */
const NOT_TRIED = ['broadcast', 'udf', 'pandas_udf', 'udtf'];

test('functions: every function that builds a Column is converted to a Spark Connect expression or refused clearly', () => {
  const converted: string[] = [];
  const refused: string[] = [];
  const notBuilt: string[] = [];
  for (const [name, fn] of Object.entries(F)) {
    if (typeof fn !== 'function' || /^[A-Z]/.test(name)) continue;
    let column: Column | undefined;
    for (const args of TRIES) {
      try {
        const r = (fn as (...a: unknown[]) => unknown)(...args);
        if (r instanceof Column) {
          column = r;
          break;
        }
      } catch {
        // the next argument list
      }
    }
    if (!column) {
      notBuilt.push(name);
      continue;
    }
    try {
      toBinary(ExpressionSchema, create(ExpressionSchema, expressionToProto(column.expr)));
      converted.push(name);
    } catch (e) {
      if ((e as { errorClass?: string }).errorClass !== 'RIVULET_NOT_SUPPORTED_IN_REMOTE_MODE') throw new Error(`${name}: ${String(e)}`);
      refused.push(name);
    }
  }
  expect(converted.length).toBeGreaterThan(300);
  expect(refused).toEqual([]);
  expect(notBuilt.filter((n) => !NOT_TRIED.includes(n))).toEqual([]);
});
