// The broker Rivulet's Kafka tests run against: the in-repo wire-protocol test broker by default,
// or a real Apache Kafka broker when RIVULET_KAFKA_BOOTSTRAP names one (npm run test:spark starts
// one with scripts/spark/kafka-broker.sh). Both offer the same set-up calls; await them all.
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { KafkaTestBroker } from './kafka-test-broker/kafka-test-broker';
import type { AppendRecord } from './kafka-test-broker/partition-log';

export interface BrokerUnderTest {
  readonly bootstrapServers: string;
  /** kafkajs (the real broker's producer here) cannot encode a null header value; the test broker can. */
  readonly producesNullHeaderValues?: boolean;
  createTopic(name: string, partitions?: number, config?: Record<string, string>): void | Promise<void>;
  deleteTopic(name: string): void | Promise<void>;
  deleteRecordsBefore(topic: string, partition: number, offset: number | bigint): void | Promise<void>;
  /** Appends records to one partition; returns the first record's offset. */
  append(topic: string, partition: number, records: AppendRecord[]): number | Promise<number>;
  /** [log start offset, high watermark] of a partition. */
  offsets(topic: string, partition: number): [number, number] | Promise<[number, number]>;
  stop(): Promise<void>;
}

export function startKafkaBroker(): Promise<BrokerUnderTest> {
  const real = process.env.RIVULET_KAFKA_BOOTSTRAP;
  return real ? RealKafkaBroker.connect(real) : KafkaTestBroker.start();
}

/** A broker already running at `bootstrap`, driven over the wire through kafkajs. */
export function connectKafkaBroker(bootstrap: string): Promise<BrokerUnderTest> {
  return RealKafkaBroker.connect(bootstrap);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function bytes(v: AppendRecord['value']): Buffer | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v);
}

/** A real broker driven through kafkajs; topics it created are deleted again on stop(). */
class RealKafkaBroker implements BrokerUnderTest {
  readonly producesNullHeaderValues = false;
  private readonly created = new Set<string>();

  private constructor(readonly bootstrapServers: string, private readonly admin: Admin, private readonly producer: Producer) {}

  static async connect(bootstrap: string): Promise<RealKafkaBroker> {
    const kafka = new Kafka({ clientId: 'rivulet-tests', brokers: [bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await admin.connect();
    await producer.connect();
    return new RealKafkaBroker(bootstrap, admin, producer);
  }

  async createTopic(name: string, partitions = 1, config: Record<string, string> = {}): Promise<void> {
    // Topic deletion is asynchronous in Kafka: wait until an earlier test's topic is really gone.
    if ((await this.admin.listTopics()).includes(name)) await this.deleteTopic(name);
    const configEntries = Object.entries(config).map(([name, value]) => ({ name, value }));
    for (let attempt = 0; ; attempt++) {
      try {
        await this.admin.createTopics({ topics: [{ topic: name, numPartitions: partitions, replicationFactor: 1, configEntries }], waitForLeaders: true });
        break;
      } catch (e) {
        if (attempt >= 50) throw e;
        await sleep(200);
      }
    }
    this.created.add(name);
  }

  async deleteTopic(name: string): Promise<void> {
    await this.admin.deleteTopics({ topics: [name], timeout: 10_000 });
    for (let i = 0; i < 100 && (await this.admin.listTopics()).includes(name); i++) await sleep(100);
    this.created.delete(name);
  }

  async deleteRecordsBefore(topic: string, partition: number, offset: number | bigint): Promise<void> {
    await this.admin.deleteTopicRecords({ topic, partitions: [{ partition, offset: String(offset) }] });
  }

  async append(topic: string, partition: number, records: AppendRecord[]): Promise<number> {
    const [, before] = await this.offsets(topic, partition);
    await this.producer.send({
      topic,
      messages: records.map((r) => ({
        partition,
        key: bytes(r.key ?? null),
        value: bytes(r.value),
        timestamp: r.timestamp === undefined ? undefined : String(r.timestamp),
        headers: kafkajsHeaders(r.headers ?? []) as never,
      })),
    });
    return before;
  }

  async offsets(topic: string, partition: number): Promise<[number, number]> {
    const found = (await this.topicOffsets(topic)).find((p) => p.partition === partition);
    if (!found) throw new Error(`Unknown partition ${topic}-${partition}`);
    return [Number(found.low), Number(found.high)];
  }

  /** A topic created a moment ago (or re-created) can answer "not the leader" until its leader is known everywhere. */
  private async topicOffsets(topic: string): Promise<Awaited<ReturnType<Admin['fetchTopicOffsets']>>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.admin.fetchTopicOffsets(topic);
      } catch (e) {
        if (attempt >= 50 || (e as { retriable?: boolean }).retriable !== true) throw e;
        await sleep(200);
      }
    }
  }

  async stop(): Promise<void> {
    try {
      if (this.created.size > 0) await this.admin.deleteTopics({ topics: [...this.created], timeout: 10_000 });
    } finally {
      await this.producer.disconnect();
      await this.admin.disconnect();
    }
  }
}

// kafkajs takes headers as an object, one array per repeated key (sent in the array's order); records whose repeated keys interleave with others cannot be expressed.
function kafkajsHeaders(headers: { key: string; value: unknown }[]): Record<string, Buffer[]> {
  const grouped: Record<string, Buffer[]> = Object.create(null);
  for (const h of headers) {
    if (h.value === null || h.value === undefined) throw new Error('kafkajs cannot produce a null header value (producesNullHeaderValues)');
    (grouped[h.key] ??= []).push(bytes(h.value as never)!);
  }
  return grouped;
}
