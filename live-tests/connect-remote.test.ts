// Remote mode against a real Spark Connect server (Spark 4.2.0 from the pinned PySpark, started by
// scripts/spark/connect-server.sh): the same programs run locally and remotely give the same
// results. Needs RIVULET_CONNECT_URL (and RIVULET_KAFKA_BOOTSTRAP for the Kafka pipeline); run by
// scripts/spark/test-spark.sh (npm run test:spark), never by the default jest run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StreamSession } from '../lib/session/stream-session';
import type { RemoteSession } from '../lib/connect/remote-session';
import { AnalysisException } from '../lib/errors/analysis-exception';
import { StreamingQueryException } from '../lib/errors/streaming-query-exception';
import { SparkException } from '../lib/errors/spark-exception';
import { StreamingQueryListener, type QueryProgressEvent, type QueryStartedEvent, type QueryTerminatedEvent } from '../lib/api/streaming-query-listener';
import { StructType, StructField } from '../lib/types/struct-type';
import { col, explode, split, window, count, lower, expr } from '../lib/functions';

const url = process.env.RIVULET_CONNECT_URL;
if (!url) throw new Error('live-tests need RIVULET_CONNECT_URL (run npm run test:spark)');
const bootstrap = process.env.RIVULET_KAFKA_BOOTSTRAP;

jest.setTimeout(300_000);

let remote: RemoteSession;
let local: StreamSession;
let dir: string;

beforeAll(() => {
  remote = StreamSession.builder().remote(url).config('spark.sql.session.timeZone', 'UTC').getOrCreate();
  local = new StreamSession({ 'spark.sql.session.timeZone': 'UTC', 'spark.sql.shuffle.partitions': '2' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-connect-'));
});

afterAll(async () => {
  for (const q of remote.streams.active) await q.stop();
  for (const q of local.streams.active) await q.stop();
  await remote.stop();
  await local.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function captureStdout(f: () => void): string {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    f();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

const EVERY_TYPE =
  "SELECT 1 AS i, CAST(2 AS TINYINT) AS b, 9007199254740991L AS l, 2.25D AS d, CAST(123.45 AS DECIMAL(10,2)) AS dec, 'héllo' AS str, X'0102FF' AS bin, true AS bool, DATE'2024-05-01' AS dt, TIMESTAMP'2024-05-01 10:00:00.123456' AS ts, TIMESTAMP_NTZ'2024-01-02 03:04:05' AS ntz, ARRAY(1, NULL, 3) AS arr, MAP('a', 1) AS m, NAMED_STRUCT('x', 1, 'y', 'z') AS st, CAST(NULL AS INT) AS n";

test('batch collect and show of every data type: the same as local mode', () => {
  expect(remote.sql(EVERY_TYPE).collect()).toEqual(local.sql(EVERY_TYPE).collect());
  expect(remote.sql(EVERY_TYPE).schema.simpleString()).toBe(local.sql(EVERY_TYPE).schema.simpleString());
  expect(captureStdout(() => remote.sql('SELECT id, id * 1.5D AS x, CAST(id AS STRING) AS s FROM range(3)').show())).toBe(
    captureStdout(() => local.sql('SELECT id, id * 1.5D AS x, CAST(id AS STRING) AS s FROM range(3)').show()),
  );
});

test('DataFrame API: createDataFrame, select, filter, groupBy, join, orderBy, take, count', () => {
  const data = [
    ['spark', 3, 1.5],
    ['flink', 1, null],
    ['spark', 4, 2.0],
  ];
  const schema = 'name STRING, n INT, x DOUBLE';
  const l = local.createDataFrame(data, schema);
  const r = remote.createDataFrame(data, schema);
  const q = <T extends typeof l | typeof r>(df: T) =>
    (df as typeof l)
      .filter(col('n').gt(1))
      .groupBy('name')
      .agg(count('*').alias('c'), expr('sum(n) AS total'))
      .orderBy('name');
  expect(q(r as never).collect()).toEqual(q(l).collect());
  expect(r.count()).toBe(3);
  expect(r.select(lower(col('name')).alias('lname')).take(1)).toEqual(l.select(lower(col('name')).alias('lname')).take(1));
  const other = [['spark', 'fast']];
  expect(r.join(remote.createDataFrame(other, 'name STRING, kind STRING'), 'name').orderBy('n').collect()).toEqual(
    l.join(local.createDataFrame(other, 'name STRING, kind STRING'), 'name').orderBy('n').collect(),
  );
});

test('createDataFrame of every data type: sent as an Arrow LocalRelation, the same rows and schema as local mode', () => {
  const q =
    "SELECT 1 AS i, CAST(2 AS TINYINT) AS b, CAST(3 AS SMALLINT) AS sh, 9007199254740993L AS l, CAST(1.25 AS FLOAT) AS f, 2.25D AS d, CAST('-12345678901234567890.0123456789' AS DECIMAL(38,10)) AS dec, " +
    "'h\u00e9llo' AS str, X'0102FF' AS bin, true AS bool, DATE'1900-01-01' AS dt, TIMESTAMP'1969-12-31 23:59:59.999999' AS ts, TIMESTAMP_NTZ'2024-01-02 03:04:05.000006' AS ntz, " +
    "INTERVAL '1 2:03:04.5' DAY TO SECOND AS dti, INTERVAL '1-2' YEAR TO MONTH AS ym, ARRAY(1, NULL, 3) AS arr, MAP('a', ARRAY(NAMED_STRUCT('z', DATE'2024-05-01'))) AS m, " +
    "NAMED_STRUCT('x', 1, 'y', NAMED_STRUCT('z', 'w')) AS st, CAST(NULL AS STRING) AS n";
  remote.conf.set('rivulet.values.longAsBigInt', 'true');
  local.conf.set('rivulet.values.longAsBigInt', 'true');
  try {
    const schema = StructType(local.sql(q).schema.fields.map((f) => StructField(f.name, f.dataType, true)));
    const rows = [...local.sql(q).collect(), schema.fields.map(() => null)];
    const r = remote.createDataFrame(rows, schema);
    expect(r.schema.simpleString()).toBe(schema.simpleString());
    expect(r.collect()).toEqual(local.createDataFrame(rows, schema).collect());
    expect(r.collect()[0]).toEqual(local.sql(q).collect()[0]);
  } finally {
    local.conf.unset('rivulet.values.longAsBigInt');
    remote.conf.unset('rivulet.values.longAsBigInt');
  }
  expect(remote.createDataFrame([[1, 'a']], ['x', 'y']).collect()).toEqual(local.createDataFrame([[1, 'a']], ['x', 'y']).collect());
  expect(remote.createDataFrame([], 'x INT, y STRING').collect()).toEqual([]);
  expect(remote.createDataFrame([[1, 'a']], 'x INT NOT NULL, y STRING').schema.treeString()).toBe(local.createDataFrame([[1, 'a']], 'x INT NOT NULL, y STRING').schema.treeString());
  expect(remote.createDataFrame([{ x: 1, y: 1.5 }]).collect()).toEqual(local.createDataFrame([{ x: 1, y: 1.5 }]).collect());
});

test('describe, summary, toJSON and repartitionByRange run as Connect relations: the same as local mode', () => {
  const data = [
    ['spark', 3, 1.5],
    ['flink', 1, null],
    ['spark', 4, 2.0],
  ];
  const schema = 'name STRING, n INT, x DOUBLE';
  const l = local.createDataFrame(data, schema);
  const r = remote.createDataFrame(data, schema);
  expect(r.describe().collect()).toEqual(l.describe().collect());
  expect(r.describe(['n']).collect()).toEqual(l.describe(['n']).collect());
  expect(r.summary('count', 'min', '50%', 'max').collect()).toEqual(l.summary('count', 'min', '50%', 'max').collect());
  expect(r.toJSON().collect()).toEqual(l.toJSON().collect());
  expect(r.repartitionByRange(2, 'n').orderBy('n').collect()).toEqual(l.repartitionByRange(2, 'n').orderBy('n').collect());
  expect(r.repartitionByRange(col('n').desc()).count()).toBe(3);
  expect(() => r.repartitionByRange(2)).toThrow('[CANNOT_BE_EMPTY] At least one cols must be specified.');
});

test('na.replace / replace: one NAReplace relation, the same rows as local mode', () => {
  const data = [
    ['a', 1, 1.5, true],
    ['c', 2, null, false],
    [null, 3, 2.0, null],
  ];
  const schema = 's STRING, i INT, d DOUBLE, b BOOLEAN';
  const l = local.createDataFrame(data, schema);
  const r = remote.createDataFrame(data, schema);
  expect(r.na.replace(1, 10).collect()).toEqual(l.na.replace(1, 10).collect());
  expect(r.replace([1.5, 2], [2.5, null], 'd').collect()).toEqual(l.replace([1.5, 2], [2.5, null], 'd').collect());
  expect(r.replace({ a: 'b', c: null }).collect()).toEqual(l.replace({ a: 'b', c: null }).collect());
  expect(r.replace(true, false, { subset: ['b'] }).collect()).toEqual(l.replace(true, false, { subset: ['b'] }).collect());
  expect(() => r.replace(['a', 1], ['b', 2])).toThrow('[MIXED_TYPE_REPLACEMENT] Mixed type replacements are not supported.');
});

async function wordCount(spark: StreamSession | RemoteSession, input: string, name: string) {
  const lines = (spark as StreamSession).readStream.text(input);
  const words = lines.select(explode(split(col('value'), ' ')).alias('word')).filter(col('word').ne(''));
  const query = words.groupBy('word').count().writeStream.format('memory').queryName(name).outputMode('complete').start();
  await query.processAllAvailable();
  const rows = (spark as StreamSession).table(name).orderBy('word').collect();
  await query.stop();
  return rows;
}

test("the seed's word count over a file source: the same counts locally and remotely", async () => {
  const input = path.join(dir, 'words');
  fs.mkdirSync(input);
  fs.writeFileSync(path.join(input, 'a.txt'), 'the quick brown fox\njumps over the lazy dog\n');
  fs.writeFileSync(path.join(input, 'b.txt'), 'the end\n');
  const remoteRows = await wordCount(remote, input, 'remote_words');
  const localRows = await wordCount(local, input, 'local_words');
  expect(remoteRows).toEqual(localRows);
  expect(remoteRows.find((r) => (r as unknown as { word: string }).word === 'the')).toMatchObject({ word: 'the', count: 3 });
});

async function windowed(spark: StreamSession | RemoteSession, input: string, name: string) {
  const events = (spark as StreamSession).readStream.schema('ts TIMESTAMP, word STRING').json(input);
  const query = events
    .withWatermark('ts', '10 minutes')
    .groupBy(window(col('ts'), '10 minutes', '5 minutes'), col('word'))
    .count()
    .writeStream.format('memory')
    .queryName(name)
    .outputMode('complete')
    .start();
  await query.processAllAvailable();
  const rows = (spark as StreamSession).table(name).orderBy('window', 'word').collect();
  await query.stop();
  return rows;
}

test('a windowed aggregation with a watermark: the same windows locally and remotely', async () => {
  const input = path.join(dir, 'events');
  fs.mkdirSync(input);
  const lines = [
    { ts: '2024-05-01T10:01:00Z', word: 'a' },
    { ts: '2024-05-01T10:04:00Z', word: 'b' },
    { ts: '2024-05-01T10:07:00Z', word: 'a' },
    { ts: '2024-05-01T10:13:00Z', word: 'a' },
  ];
  fs.writeFileSync(path.join(input, 'e.json'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const remoteRows = await windowed(remote, input, 'remote_windows');
  const localRows = await windowed(local, input, 'local_windows');
  expect(remoteRows).toEqual(localRows);
  expect(remoteRows.length).toBeGreaterThan(0);
});

test('query management: id, name, status, progress, spark.streams, stop', async () => {
  const q = remote.readStream.format('rate').option('rowsPerSecond', 5).load().writeStream.format('memory').queryName('remote_rate').start();
  expect(q.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(q.name).toBe('remote_rate');
  expect(q.isActive).toBe(true);
  await q.processAllAvailable();
  expect(remote.streams.active.map((x) => x.id)).toContain(q.id);
  expect(remote.streams.get(q.id)?.name).toBe('remote_rate');
  expect(typeof q.status.message).toBe('string');
  expect(q.lastProgress).toMatchObject({ id: q.id, runId: q.runId, name: 'remote_rate' });
  expect(q.recentProgress.length).toBeGreaterThan(0);
  expect(q.explainString()).toContain('== Physical Plan ==');
  expect(q.exception()).toBeNull();
  await q.stop();
  expect(q.isActive).toBe(false);
  expect(await q.awaitTermination(5)).toBe(true);
  expect(remote.streams.active.map((x) => x.id)).not.toContain(q.id);
});

test('errors: AnalysisException at analysis, StreamingQueryException from a failed query, clear errors for JavaScript-only features', async () => {
  const df = remote.range(3);
  expect(() => df.select('nope').collect()).toThrow(AnalysisException);
  expect(() => df.select('nope').collect()).toThrow('[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `nope` cannot be resolved.');
  const failing = remote.readStream.format('rate').option('rowsPerSecond', 5).load().select(expr("assert_true(value < 0, 'boom')")).writeStream.format('memory').queryName('remote_fail').start();
  await expect(failing.awaitTermination()).rejects.toThrow(StreamingQueryException);
  expect(failing.exception()?.message).toContain('boom');
  expect(() => df.writeStream.foreachBatch(() => undefined)).toThrow(SparkException);
  expect(() => df.writeStream.foreachBatch(() => undefined)).toThrow('[RIVULET_NOT_SUPPORTED_IN_REMOTE_MODE] writeStream.foreachBatch with a JavaScript function cannot run in remote mode');
  expect(() => remote.udf).toThrow('[RIVULET_NOT_SUPPORTED_IN_REMOTE_MODE]');
});

test('errors longer than the gRPC status: the whole message and parameters come from FetchErrorDetails', () => {
  const name = `${'a_long_column_name_'.repeat(120)}end`;
  let caught: unknown;
  try {
    remote.range(1).select(col(name)).collect();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AnalysisException);
  const e = caught as AnalysisException;
  expect(e.getErrorClass()).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
  expect(e.getMessageParameters().objectName).toBe(`\`${name}\``);
  expect(e.message).toContain(`with name \`${name}\` cannot be resolved.`);
  expect(e.message.length).toBeGreaterThan(2048);
});

test('client-side StreamingQueryListener: started, progress and terminated events from the server', async () => {
  const events: string[] = [];
  const progress: QueryProgressEvent[] = [];
  const started: QueryStartedEvent[] = [];
  const terminated: QueryTerminatedEvent[] = [];
  class Recorder extends StreamingQueryListener {
    onQueryStarted(e: QueryStartedEvent): void {
      events.push('started');
      started.push(e);
    }
    onQueryProgress(e: QueryProgressEvent): void {
      events.push('progress');
      progress.push(e);
    }
    onQueryTerminated(e: QueryTerminatedEvent): void {
      events.push('terminated');
      terminated.push(e);
    }
  }
  const listener = new Recorder();
  remote.streams.addListener(listener);
  try {
    const input = path.join(dir, 'listener-in');
    fs.mkdirSync(input);
    fs.writeFileSync(path.join(input, 'a.txt'), 'a\nb\n');
    const q = remote.readStream.format('text').load(input).writeStream.format('memory').queryName('remote_listened').trigger({ availableNow: true }).start();
    expect(started.map((e) => [e.id, e.runId, e.name])).toEqual([[q.id, q.runId, 'remote_listened']]);
    await q.awaitTermination();
    // The events arrive over the listener stream after the query ends: wait for the terminated one.
    for (let i = 0; i < 600 && terminated.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await remote.streams.listenerBus.whenDelivered();
    expect(terminated.map((e) => [e.id, e.runId, e.exception])).toEqual([[q.id, q.runId, null]]);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0].progress.id).toBe(q.id);
    expect(progress.reduce((n, e) => n + e.progress.numInputRows, 0)).toBe(2);
    expect(events[0]).toBe('started');
    expect(events[events.length - 1]).toBe('terminated');
  } finally {
    remote.streams.removeListener(listener);
  }
  expect(remote.streams.listenerBus.size).toBe(0);
});

test('spark.conf reads and writes the server session configuration', () => {
  remote.conf.set('spark.sql.shuffle.partitions', '3');
  expect(remote.conf.get('spark.sql.shuffle.partitions')).toBe('3');
  expect(remote.conf.get('spark.rivulet.missing', 'fallback')).toBe('fallback');
  expect(remote.conf.getOption('spark.rivulet.missing')).toBeNull();
  remote.conf.unset('spark.sql.shuffle.partitions');
});

test('a Kafka pipeline against the real broker: the same records locally and remotely', async () => {
  if (!bootstrap) throw new Error('the Kafka pipeline needs RIVULET_KAFKA_BOOTSTRAP (run npm run test:spark)');
  const topic = `rivulet-connect-${process.pid}`;
  remote
    .range(5)
    .selectExpr('CAST(id AS STRING) AS key', 'CAST(id * 10 AS STRING) AS value')
    .write.format('kafka')
    .option('kafka.bootstrap.servers', bootstrap)
    .option('topic', topic)
    .save();
  const read = async (spark: StreamSession | RemoteSession, name: string) => {
    const q = (spark as StreamSession).readStream
      .format('kafka')
      .option('kafka.bootstrap.servers', bootstrap)
      .option('subscribe', topic)
      .option('startingOffsets', 'earliest')
      .load()
      .selectExpr('CAST(key AS STRING) AS key', 'CAST(value AS STRING) AS value', 'partition', 'offset')
      .writeStream.format('memory')
      .queryName(name)
      .start();
    await q.processAllAvailable();
    // Spark's write tasks run concurrently, so offsets follow no fixed order: keys give one.
    const rows = (spark as StreamSession).table(name).orderBy('key').collect();
    await q.stop();
    return rows;
  };
  const remoteRows = await read(remote, 'remote_kafka');
  expect(remoteRows.map((r) => (r as unknown as { value: string }).value)).toEqual(['0', '10', '20', '30', '40']);
  expect(remoteRows).toEqual(await read(local, 'local_kafka'));
});
