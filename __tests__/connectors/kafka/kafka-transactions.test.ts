// Kafka transactions end to end on the test broker (or a real one, RIVULET_KAFKA_BOOTSTRAP): the
// source honours kafka.isolation.level (read_committed skips aborted records; neither level hands
// out transaction markers, and a range ending on a marker is not data loss), and the Kafka sink's
// `transactional` mode writes each batch once for read_committed readers across re-runs, where
// the default sink (at-least-once, as Spark's) sends a re-run batch again (issue 15 #10).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startKafkaBroker, type BrokerUnderTest } from '../../support/kafka-broker-under-test';
import { MemoryStream } from '../../../lib/testing';
import { newSession } from '../../support/session';
import { parseTableSchema } from '../../../lib/types/ddl';
import type { StreamSession } from '../../../lib/session/stream-session';

let broker: BrokerUnderTest;
let dir: string;
let kafka: Kafka;

beforeEach(async () => {
  broker = await startKafkaBroker();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-txn-'));
  kafka = new Kafka({ brokers: [broker.bootstrapServers], logLevel: logLevel.NOTHING });
});
afterEach(async () => {
  await broker.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every value of `topic` as Rivulet's Kafka source reads it with `isolation` (availableNow). */
async function readTopic(spark: StreamSession, topic: string, isolation: 'read_committed' | 'read_uncommitted', extra: Record<string, string> = {}): Promise<string[]> {
  const values: string[] = [];
  let reader = spark.readStream
    .format('kafka')
    .option('kafka.bootstrap.servers', broker.bootstrapServers)
    .option('subscribe', topic)
    .option('startingOffsets', 'earliest')
    .option('kafka.isolation.level', isolation);
  for (const [k, v] of Object.entries(extra)) reader = reader.option(k, v);
  const q = reader
    .load()
    .selectExpr('CAST(value AS STRING) AS v', 'offset')
    .writeStream.trigger({ availableNow: true })
    .foreachBatch((df) => {
      for (const r of df.orderBy('offset').collect()) values.push(String(r.v));
    })
    .start();
  await q.awaitTermination();
  return values;
}

/** A transactional kafkajs producer writing `values` to partition 0 of `topic`, then committing or aborting. */
async function transaction(topic: string, transactionalId: string, values: string[], end: 'commit' | 'abort' | 'open'): Promise<import('kafkajs').Producer> {
  const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const txn = await producer.transaction();
  await txn.send({ topic, messages: values.map((value) => ({ value, partition: 0 })) });
  if (end === 'commit') await txn.commit();
  if (end === 'abort') await txn.abort();
  if (end !== 'open') await producer.disconnect();
  return producer;
}

test('read_committed skips aborted records and markers; read_uncommitted reads aborted records but never a marker', async () => {
  await broker.createTopic('txn-in', 1);
  await broker.append('txn-in', 0, [{ value: 'plain-1' }]);
  await transaction('txn-in', 'writer-a', ['committed-1', 'committed-2'], 'commit');
  await transaction('txn-in', 'writer-b', ['aborted-1', 'aborted-2'], 'abort');
  await broker.append('txn-in', 0, [{ value: 'plain-2' }]);
  // The range ends on an ABORT marker: offsets no reader gets, not data loss (failOnDataLoss=true).
  await transaction('txn-in', 'writer-c', ['aborted-3'], 'abort');
  const spark = newSession();
  try {
    expect(await readTopic(spark, 'txn-in', 'read_committed')).toEqual(['plain-1', 'committed-1', 'committed-2', 'plain-2']);
    expect(await readTopic(spark, 'txn-in', 'read_uncommitted')).toEqual(['plain-1', 'committed-1', 'committed-2', 'aborted-1', 'aborted-2', 'plain-2', 'aborted-3']);
    // One offset per trigger: batches that hold only markers or aborted records are empty, not lost.
    expect(await readTopic(spark, 'txn-in', 'read_committed', { maxOffsetsPerTrigger: '1' })).toEqual(['plain-1', 'committed-1', 'committed-2', 'plain-2']);
  } finally {
    await spark.stop();
  }
});

test('read_committed stops before an open transaction until it ends', async () => {
  await broker.createTopic('txn-open', 1);
  await broker.append('txn-open', 0, [{ value: 'before' }]);
  const open = await transaction('txn-open', 'writer-open', ['pending'], 'open');
  await broker.append('txn-open', 0, [{ value: 'after' }]);
  const spark = newSession();
  try {
    expect(await readTopic(spark, 'txn-open', 'read_committed')).toEqual(['before']);
    expect(await readTopic(spark, 'txn-open', 'read_uncommitted')).toEqual(['before', 'pending', 'after']);
  } finally {
    await open.disconnect();
    await spark.stop();
  }
});

/** A query writing `k=v` strings of a MemoryStream to `topic` through the Kafka sink. */
function sinkQuery(spark: StreamSession, input: MemoryStream, topic: string, checkpoint: string, transactional: boolean) {
  return input
    .toDF()
    .selectExpr('v AS value')
    .writeStream.format('kafka')
    .option('kafka.bootstrap.servers', broker.bootstrapServers)
    .option('topic', topic)
    .option('transactional', String(transactional))
    .option('checkpointLocation', checkpoint)
    .start();
}

/** Runs batch 0 and batch 1, then undoes batch 1's checkpoint commit and sink marker: a kill after the send. */
async function runAndForgetLastCommit(transactional: boolean, topic: string): Promise<string> {
  const checkpoint = path.join(dir, `cp-${topic}`);
  const spark = newSession();
  const input = new MemoryStream(parseTableSchema('v STRING'));
  const q = sinkQuery(spark, input, topic, checkpoint, transactional);
  try {
    input.addData(['a'], ['b']);
    await q.processAllAvailable();
    input.addData(['c']);
    await q.processAllAvailable();
  } finally {
    await q.stop();
    await spark.stop();
  }
  fs.rmSync(path.join(checkpoint, 'commits', '1'));
  fs.rmSync(path.join(checkpoint, 'sinks', 'kafka', '1'));
  return checkpoint;
}

/** Restarts the query (batch 1 re-runs with its logged offsets) with the same MemoryStream data. */
async function restart(transactional: boolean, topic: string, checkpoint: string): Promise<void> {
  const spark = newSession();
  const input = new MemoryStream(parseTableSchema('v STRING'));
  input.addData(['a'], ['b']);
  input.addData(['c']);
  const q = sinkQuery(spark, input, topic, checkpoint, transactional);
  try {
    await q.processAllAvailable();
    expect(fs.existsSync(path.join(checkpoint, 'commits', '1'))).toBe(true);
  } finally {
    await q.stop();
    await spark.stop();
  }
}

test('transactional sink: a batch re-run after it reached Kafka is not sent again', async () => {
  await broker.createTopic('eos-out', 1);
  const checkpoint = await runAndForgetLastCommit(true, 'eos-out');
  await restart(true, 'eos-out', checkpoint);
  const spark = newSession();
  try {
    expect(await readTopic(spark, 'eos-out', 'read_committed')).toEqual(['a', 'b', 'c']);
  } finally {
    await spark.stop();
  }
});

test('default sink (at-least-once, as Spark): the same re-run sends the batch again', async () => {
  await broker.createTopic('alo-out', 1);
  const checkpoint = await runAndForgetLastCommit(false, 'alo-out');
  await restart(false, 'alo-out', checkpoint);
  const spark = newSession();
  try {
    expect(await readTopic(spark, 'alo-out', 'read_committed')).toEqual(['a', 'b', 'c', 'c']);
  } finally {
    await spark.stop();
  }
});

test('transactional sink: a killed run\'s open transaction is aborted on restart and its producer fenced', async () => {
  await broker.createTopic('eos-fence', 1);
  const checkpoint = path.join(dir, 'cp-fence');
  const spark = newSession();
  const input = new MemoryStream(parseTableSchema('v STRING'));
  const q = sinkQuery(spark, input, 'eos-fence', checkpoint, true);
  try {
    input.addData(['a']);
    await q.processAllAvailable();
  } finally {
    await q.stop();
    await spark.stop();
  }
  // A zombie of the query (same transactional id) left a transaction open, as a kill mid-send does.
  const id = `rivulet-kafka-sink-${(JSON.parse(fs.readFileSync(path.join(checkpoint, 'metadata'), 'utf8')) as { id: string }).id}`;
  const zombie = kafka.producer({ transactionalId: id, idempotent: true, maxInFlightRequests: 1 });
  await zombie.connect();
  const txn = await zombie.transaction();
  await txn.send({ topic: 'eos-fence', messages: [{ value: 'zombie', partition: 0 }] });

  const spark2 = newSession();
  const input2 = new MemoryStream(parseTableSchema('v STRING'));
  input2.addData(['a']);
  const q2 = sinkQuery(spark2, input2, 'eos-fence', checkpoint, true);
  try {
    input2.addData(['b']);
    await q2.processAllAvailable();
    expect(await readTopic(spark2, 'eos-fence', 'read_committed')).toEqual(['a', 'b']);
  } finally {
    await q2.stop();
    await spark2.stop();
  }
  await expect(txn.commit()).rejects.toThrow(/epoch/i);
  await zombie.disconnect();
});

test('transactional sink with kafka.transactional.id: rows with several topics, one transaction per batch', async () => {
  await broker.createTopic('multi-a', 2);
  await broker.createTopic('multi-b', 1);
  const spark = newSession();
  const input = new MemoryStream(parseTableSchema('t STRING, v STRING'));
  const q = input
    .toDF()
    .selectExpr('t AS topic', 'v AS value')
    .writeStream.format('kafka')
    .option('kafka.bootstrap.servers', broker.bootstrapServers)
    .option('kafka.transactional.id', 'my-sink')
    .option('checkpointLocation', path.join(dir, 'cp-multi'))
    .start();
  try {
    input.addData(['multi-a', 'x'], ['multi-b', 'y'], ['multi-a', 'z']);
    await q.processAllAvailable();
    expect((await readTopic(spark, 'multi-a', 'read_committed')).sort()).toEqual(['x', 'z']);
    expect(await readTopic(spark, 'multi-b', 'read_committed')).toEqual(['y']);
  } finally {
    await q.stop();
    await spark.stop();
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchOffsets({ groupId: 'my-sink', topics: ['multi-a'] });
    expect(offsets[0].partitions.find((p) => p.partition === 0)).toMatchObject({ offset: '0', metadata: 'rivulet kafka sink batch 0' });
  } finally {
    await admin.disconnect();
  }
});

test('transactional sink: the transactional id survives a lost checkpoint metadata file; a damaged id file is refused naming it', async () => {
  await broker.createTopic('eos-meta', 1);
  const checkpoint = await runAndForgetLastCommit(true, 'eos-meta');
  const idFile = path.join(checkpoint, 'sinks', 'kafka', 'transactional-id');
  const id = fs.readFileSync(idFile, 'utf8');
  expect(id).toBe(`rivulet-kafka-sink-${(JSON.parse(fs.readFileSync(path.join(checkpoint, 'metadata'), 'utf8')) as { id: string }).id}\n`);
  // The query gets a new id, the sink keeps its producer: batch 1 is known as committed.
  fs.rmSync(path.join(checkpoint, 'metadata'));
  await restart(true, 'eos-meta', checkpoint);
  expect(fs.readFileSync(idFile, 'utf8')).toBe(id);
  const spark = newSession();
  try {
    expect(await readTopic(spark, 'eos-meta', 'read_committed')).toEqual(['a', 'b', 'c']);
    fs.writeFileSync(idFile, id.slice(0, id.length >> 1));
    const input = new MemoryStream(parseTableSchema('v STRING'));
    expect(() => sinkQuery(spark, input, 'eos-meta', checkpoint, true)).toThrow(`The checkpoint file ${idFile} is damaged`);
  } finally {
    await spark.stop();
  }
});
