// The Kafka sink through the engine, read back with the real kafkajs client from the test broker.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startKafkaBroker, type BrokerUnderTest } from '../../support/kafka-broker-under-test';
import { KafkaReadClient } from '../../../lib/connectors/kafka/kafka-client';
import { kafkaSinkProvider } from '../../../lib/connectors/kafka/kafka-sink';
import { MemoryStream } from '../../../lib/testing';
import type { StreamingQueryException } from '../../../lib/errors/streaming-query-exception';
import { newSession } from '../../support/session';
import { parseTableSchema } from '../../../lib/types/ddl';
import { CaseInsensitiveMap } from '../../../lib/util/case-insensitive-map';

let broker: BrokerUnderTest;
let dir: string;

beforeEach(async () => {
  broker = await startKafkaBroker();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-sink-'));
});
afterEach(async () => {
  await broker.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function readAll(topic: string, partition: number): Promise<[string | null, string | null, [string, string][]][]> {
  const client = new KafkaReadClient({ brokers: [broker.bootstrapServers] }, 0);
  try {
    const leader = (await client.topics()).get(topic)?.get(partition);
    if (leader === undefined) throw new Error(`no leader for ${topic}-${partition}`);
    const r = await client.fetch({ topic, partition }, leader, 0, 1 << 20);
    if (r.kind !== 'records') throw new Error(r.kind);
    return r.records.map((m) => [m.key?.toString() ?? null, m.value?.toString() ?? null, m.headers.map(([k, v]) => [k, v?.toString() ?? ''] as [string, string])]);
  } finally {
    await client.close();
  }
}

test('writes key, value, partition and headers columns; the topic option overrides a topic column', async () => {
  await broker.createTopic('out', 2);
  await broker.createTopic('ignored', 1);
  const spark = newSession();
  const input = new MemoryStream(parseTableSchema('k STRING, v STRING'));
  const q = input
    .toDF()
    .selectExpr('k AS key', 'v AS value', "'ignored' AS topic", 'CAST(1 AS INT) AS partition', "array(named_struct('key', 'src', 'value', CAST(k AS BINARY)), named_struct('key', '__proto__', 'value', CAST(v AS BINARY))) AS headers")
    .writeStream.format('kafka')
    .option('kafka.bootstrap.servers', broker.bootstrapServers)
    .option('topic', 'out')
    .option('checkpointLocation', path.join(dir, 'cp'))
    .start();
  try {
    input.addData(['a', 'one'], ['b', 'two']);
    await q.processAllAvailable();
  } finally {
    await q.stop();
  }
  expect(await readAll('out', 1)).toEqual([
    ['a', 'one', [['src', 'a'], ['__proto__', 'one']]],
    ['b', 'two', [['src', 'b'], ['__proto__', 'two']]],
  ]);
  expect(await broker.offsets('out', 0)).toEqual([0, 0]);
  expect(await broker.offsets('ignored', 0)).toEqual([0, 0]);
  expect(fs.existsSync(path.join(dir, 'cp', 'sinks', 'kafka', '0'))).toBe(true);
});

test('the topic column routes rows; a replayed batch id with a marker is not sent twice', async () => {
  await broker.createTopic('t1', 1);
  await broker.createTopic('t2', 1);
  const spark = newSession();
  const df = spark.createDataFrame([['t1', 'x'], ['t2', 'y']], 'topic STRING, value STRING');
  const sink = kafkaSinkProvider.createSink({
    options: new CaseInsensitiveMap([['kafka.bootstrap.servers', broker.bootstrapServers]]),
    queryName: undefined,
    outputMode: 'append',
    schema: df.schema,
    session: { timeZone: () => 'UTC', registerTempView: () => undefined, confGet: () => undefined },
    checkpointLocation: path.join(dir, 'cp2'),
  });
  const rows = [
    ['t1', 'x'],
    ['t2', 'y'],
  ];
  await sink.addBatch(0, rows, df.schema, 'append');
  await sink.addBatch(0, rows, df.schema, 'append');
  await sink.stop?.();
  expect(await readAll('t1', 0)).toEqual([[null, 'x', []]]);
  expect(await readAll('t2', 0)).toEqual([[null, 'y', []]]);
});

test("Spark's errors for a missing value column or topic fail the query (as Spark builds the write after start()); checkpointLocation fails start()", async () => {
  const spark = newSession();
  const input = new MemoryStream(parseTableSchema('v STRING'));
  let n = 0;
  const writer = (df: ReturnType<typeof input.toDF>, topic?: string, checkpoint = true) => {
    let w = df.writeStream.format('kafka').option('kafka.bootstrap.servers', broker.bootstrapServers);
    if (topic) w = w.option('topic', topic);
    if (checkpoint) w = w.option('checkpointLocation', path.join(dir, `e${n++}`));
    return w;
  };
  const failure = async (df: ReturnType<typeof input.toDF>, topic?: string): Promise<string> => {
    const q = writer(df, topic).start();
    const e = await q.awaitTermination().then(() => null, (err: Error) => err);
    expect(e?.constructor.name).toBe('StreamingQueryException');
    expect((e as StreamingQueryException).getCondition()).toBe('STREAM_FAILED');
    return (e as StreamingQueryException).message;
  };
  expect(await failure(input.toDF().selectExpr('v AS key'), 't')).toMatch(/terminated with exception: Required attribute 'value' not found SQLSTATE: XXKST$/);
  expect(await failure(input.toDF().selectExpr('v AS value'))).toContain("terminated with exception: topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.");
  expect(await failure(input.toDF().selectExpr('length(v) AS value'), 't')).toContain('terminated with exception: value attribute unsupported type int. value must be a(n) string or binary');
  expect(() => writer(input.toDF().selectExpr('v AS value'), 't', false).start()).toThrow('checkpointLocation must be specified either through option("checkpointLocation", ...)');
  await spark.stop();
});

test('batch markers older than minBatchesToRetain (100) batches are purged (issue 15 #8: bounded growth)', async () => {
  const spark = newSession();
  const df = spark.createDataFrame([['x']], 'value STRING');
  const checkpoint = path.join(dir, 'cp-purge');
  const sink = kafkaSinkProvider.createSink({
    options: new CaseInsensitiveMap([['kafka.bootstrap.servers', broker.bootstrapServers], ['topic', 'unused']]),
    queryName: undefined,
    outputMode: 'append',
    schema: df.schema,
    session: { timeZone: () => 'UTC', registerTempView: () => undefined, confGet: () => undefined },
    checkpointLocation: checkpoint,
  });
  // Empty batches: markers are written without a send.
  for (let b = 0; b <= 105; b++) await sink.addBatch(b, [], df.schema, 'append');
  await sink.stop?.();
  const markers = fs.readdirSync(path.join(checkpoint, 'sinks', 'kafka')).map(Number).sort((a, b) => a - b);
  expect(markers[0]).toBe(6);
  expect(markers.length).toBe(100);
  await spark.stop();
});
