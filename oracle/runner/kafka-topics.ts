// Creates a scenario's Kafka topics afresh and fills them from its records files (JSON lines of
// {"key"?, "value", "partition"?, "timestamp"? (epoch ms)}), the same way for the real broker
// (PySpark side) and the in-repo test broker (Rivulet side), so both programs read the same records.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { Scenario } from './scenario';

interface RecordLine { key?: string | null; value: string | null; partition?: number; timestamp?: number }

export async function fillKafkaTopics(scenario: Scenario, bootstrap: string): Promise<void> {
  const topics = scenario.spec.kafka?.topics;
  if (!topics) return;
  const kafka = new Kafka({ clientId: 'rivulet-oracle', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await admin.connect();
  await producer.connect();
  try {
    const existing = new Set(await admin.listTopics());
    for (const [topic, file] of Object.entries(topics)) {
      const records = fs.readFileSync(path.join(scenario.dir, file), 'utf8').split('\n').filter((l) => l.trim())
        .map((l) => JSON.parse(l) as RecordLine);
      const partitions = Math.max(1, ...records.map((r) => (r.partition ?? 0) + 1));
      if (existing.has(topic)) await admin.deleteTopics({ topics: [topic] });
      // Deletion is asynchronous and a broker that just started may not yet accept topics: retry.
      for (let attempt = 0; ; attempt++) {
        try {
          // Records carry fixed timestamps years in the past: keep them from time-based retention.
          const configEntries = [{ name: 'retention.ms', value: '-1' }];
          await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries }], waitForLeaders: true });
          break;
        } catch (e) {
          if (attempt >= 100) throw e;
          await sleep(200);
        }
      }
      for (const r of records) {
        await producer.send({
          topic,
          messages: [{ key: r.key ?? null, value: r.value, partition: r.partition ?? 0, timestamp: r.timestamp === undefined ? undefined : String(r.timestamp) }],
        });
      }
      await untilVisible(admin, topic, records);
    }
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the broker's metadata shows every record, so the program cannot start on an empty topic. */
async function untilVisible(admin: ReturnType<Kafka['admin']>, topic: string, records: RecordLine[]): Promise<void> {
  const want = new Map<number, number>();
  for (const r of records) want.set(r.partition ?? 0, (want.get(r.partition ?? 0) ?? 0) + 1);
  for (let attempt = 0; ; attempt++) {
    const offsets = await admin.fetchTopicOffsets(topic);
    if ([...want].every(([p, n]) => Number(offsets.find((o) => o.partition === p)?.high ?? 0) >= n)) return;
    if (attempt >= 100) throw new Error(`Kafka topic ${topic} does not show its ${records.length} records`);
    await sleep(100);
  }
}
