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
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
      for (const r of records) {
        await producer.send({
          topic,
          messages: [{ key: r.key ?? null, value: r.value, partition: r.partition ?? 0, timestamp: r.timestamp === undefined ? undefined : String(r.timestamp) }],
        });
      }
    }
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}
