// Apache Spark's python/pyspark/sql/tests/streaming/test_streaming_kafka_rtm.py
// (StreamingKafkaTests, with kafka_utils.KafkaUtils), ported. PySpark starts a Kafka container
// through testcontainers; here the broker is Rivulet's Kafka test broker (or the real one named by
// RIVULET_KAFKA_BOOTSTRAP), with a source and a sink topic per test as KafkaUtils makes them.
// KafkaUtils' producer sends str(key)/str(value) as UTF-8. Results: /work/wt/pytests-evidence.md.
//
// Gap: Rivulet has no real-time mode (trigger(realTime="30 seconds"), Spark 4.1+): the trigger is
// refused, so the test is written as Spark runs it and marked failing.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StreamSession, StreamingQuery } from 'rivulet';
import { startKafkaBroker, type BrokerUnderTest } from '../../support/kafka-broker-under-test';
import { newSession } from '../../support/session';
import { mkdtemp } from './support';

let spark: StreamSession;
beforeAll(() => {
  spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
});

/** KafkaUtils.get_all_records: a batch read of the topic from earliest to latest, (key, value) sorted. */
function getAllRecords(broker: BrokerUnderTest, topic: string): [string, string][] {
  const df = spark.read
    .format('kafka')
    .option('kafka.bootstrap.servers', broker.bootstrapServers)
    .option('subscribe', topic)
    .option('startingOffsets', 'earliest')
    .option('endingOffsets', 'latest')
    .load()
    .selectExpr('CAST(key AS STRING) AS key_str', 'CAST(value AS STRING) AS value_str');
  return df
    .collect()
    .map((row) => [row.key_str as string, row.value_str as string] as [string, string])
    .sort((a, b) => (a[0] + '\u0000' + a[1] < b[0] + '\u0000' + b[1] ? -1 : 1));
}

/** KafkaUtils.wait_for_query_alive: until the query reports data or an active trigger (bounded). */
async function waitForQueryAlive(query: StreamingQuery, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exc = query.exception();
    if (exc !== null) throw exc;
    const status = query.status;
    if (status.isDataAvailable || status.isTriggerActive) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Query did not become active within ${timeoutMs / 1000}s.`);
}

/** KafkaUtils.assert_eventually: until result equals expected (bounded). */
async function assertEventually<T>(resultFunc: () => T, expected: T, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = resultFunc();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(last).toEqual(expected);
}

describe('test_streaming_kafka_rtm.py StreamingKafkaTests', () => {
  // Test stateless rtm query with earliest offset.
  test.failing('test_streaming_stateless', async () => {
    const broker = await startKafkaBroker();
    // setUp: unique topics per test
    const sourceTopic = `source-${crypto.randomUUID().replace(/-/g, '')}`;
    const sinkTopic = `sink-${crypto.randomUUID().replace(/-/g, '')}`;
    await broker.createTopic(sourceTopic);
    await broker.createTopic(sinkTopic);
    const tmpdir = mkdtemp();
    let query: StreamingQuery | null = null;
    try {
      // produce test data to source_topic
      for (let i = 0; i < 10; i++) await broker.append(sourceTopic, 0, [{ key: String(i), value: String(i) }]);

      // Build streaming query for Kafka to Kafka.
      const kafkaSource = spark.readStream
        .format('kafka')
        .option('kafka.bootstrap.servers', broker.bootstrapServers)
        .option('subscribe', sourceTopic)
        .option('startingOffsets', 'earliest')
        .load();
      const checkpointDir = path.join(tmpdir, 'checkpoint');
      query = kafkaSource.writeStream
        .format('kafka')
        .option('kafka.bootstrap.servers', broker.bootstrapServers)
        .option('topic', sinkTopic)
        .option('checkpointLocation', checkpointDir)
        .outputMode('update')
        .trigger({ realTime: '30 seconds' })
        .start();

      const expected = Array.from({ length: 10 }, (_, i) => [String(i), String(i)] as [string, string]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
      // Wait for the streaming to process data
      await waitForQueryAlive(query);
      await assertEventually(() => getAllRecords(broker, sinkTopic), expected);
    } finally {
      if (query !== null) await query.stop();
      await broker.deleteTopic(sourceTopic);
      await broker.deleteTopic(sinkTopic);
      await broker.stop();
      fs.rmSync(tmpdir, { recursive: true, force: true });
    }
  }, 120_000);
});
