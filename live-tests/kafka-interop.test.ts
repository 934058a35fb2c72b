// Rivulet's Kafka sink and source against Spark's, through a real Apache Kafka broker: Spark reads
// what Rivulet wrote, and Rivulet reads what Spark wrote, record for record (key, value, partition,
// offset order and headers). Needs RIVULET_KAFKA_BOOTSTRAP and scripts/spark/setup.sh; run by
// scripts/spark/test-spark.sh (npm run test:spark), never by the default jest run.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { SparkSession } from 'rivulet';
import { MemoryStream } from 'rivulet/testing';
import { parseTableSchema } from '../lib/types/ddl';

const bootstrap = process.env.RIVULET_KAFKA_BOOTSTRAP;
if (!bootstrap) throw new Error('live-tests need RIVULET_KAFKA_BOOTSTRAP (run npm run test:spark)');
const ROOT = path.resolve(__dirname, '..');
const PYTHON = path.join(ROOT, '.venv-spark', 'bin', 'python');
const HELPER = path.join(__dirname, 'support', 'kafka_interop.py');

jest.setTimeout(180_000);

interface InteropRecord {
  key: string | null;
  value: string;
  partition: number;
  headers: [string, string][] | null;
}

const hex = (s: string | Uint8Array): string => Buffer.from(s as never).toString('hex');
// Null keys, unicode, raw bytes, repeated header keys, records without headers, three partitions.
const RECORDS: InteropRecord[] = [
  { key: hex('k1'), value: hex('plain ascii'), partition: 0, headers: [['trace', hex('t1')], ['trace', hex('t2')], ['source', hex('rivulet')]] },
  { key: null, value: hex('null key'), partition: 0, headers: null },
  { key: hex('ключ'), value: hex('値 ✓ 😀'), partition: 1, headers: [['ünïcode', hex('ü')]] },
  { key: hex('bin'), value: '00ff7f80', partition: 2, headers: [['empty', '']] },
  { key: hex('k1'), value: '', partition: 1, headers: null },
];

const describe_ = (r: InteropRecord): string => `p${r.partition} key=${r.key} value=${r.value} headers=${JSON.stringify(r.headers)}`;
const expected = (): string[] => [...RECORDS].sort((a, b) => a.partition - b.partition).map(describe_);

function runPySpark(args: string[]): string {
  return execFileSync(PYTHON, ['-u', HELPER, ...args], {
    cwd: ROOT,
    env: { ...process.env, TZ: 'UTC', PYSPARK_PYTHON: PYTHON, PYTHONWARNINGS: 'ignore' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

async function createTopic(topic: string): Promise<void> {
  const admin = new Kafka({ clientId: 'rivulet-interop', brokers: [bootstrap!], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
        return;
      } catch (e) {
        if (attempt >= 50) throw e;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-interop-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("Spark's Kafka source reads what Rivulet's Kafka sink wrote", async () => {
  const topic = `from-rivulet-${Date.now()}`;
  await createTopic(topic);
  const spark = SparkSession.builder.appName('interop-write').getOrCreate();
  const input = new MemoryStream(parseTableSchema('key BINARY, value BINARY, partition INT, headers ARRAY<STRUCT<key: STRING, value: BINARY>>'));
  const query = input.toDF().writeStream.format('kafka')
    .option('kafka.bootstrap.servers', bootstrap!)
    .option('topic', topic)
    .option('checkpointLocation', path.join(dir, 'cp'))
    .start();
  try {
    input.addData(...RECORDS.map((r) => [
      r.key === null ? null : Buffer.from(r.key, 'hex'),
      Buffer.from(r.value, 'hex'),
      r.partition,
      r.headers === null ? null : r.headers.map(([k, v]) => [k, Buffer.from(v, 'hex')]),
    ]));
    await query.processAllAvailable();
  } finally {
    await query.stop();
  }
  const read = runPySpark(['read', bootstrap!, topic]).split('\n').filter((l) => l.startsWith('@@record '))
    .map((l) => JSON.parse(l.slice('@@record '.length)) as InteropRecord & { offset: number });
  expect(read.map(describe_)).toEqual(expected());
  // Offsets count from 0 in each partition, in the order Rivulet sent the records.
  expect(read.map((r) => `${r.partition}:${r.offset}`)).toEqual(['0:0', '0:1', '1:0', '1:1', '2:0']);
});

test("Rivulet's Kafka source reads what Spark's Kafka sink wrote", async () => {
  const topic = `from-spark-${Date.now()}`;
  await createTopic(topic);
  const recordsFile = path.join(dir, 'records.jsonl');
  fs.writeFileSync(recordsFile, RECORDS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  expect(runPySpark(['write', bootstrap!, topic, recordsFile])).toContain(`@@written ${RECORDS.length}`);

  const spark = SparkSession.builder.appName('interop-read').getOrCreate();
  const seen: string[] = [];
  const query = spark.readStream.format('kafka')
    .option('kafka.bootstrap.servers', bootstrap!)
    .option('subscribe', topic)
    .option('startingOffsets', 'earliest')
    .option('includeHeaders', 'true')
    .load()
    .selectExpr('partition', 'offset', 'lower(hex(key)) AS key', 'lower(hex(value)) AS value',
      "transform(headers, h -> concat(h.key, '=', lower(hex(h.value)))) AS headers")
    .writeStream.foreachBatch(async (batch) => {
      for (const row of await batch.orderBy('partition', 'offset').collect()) {
        const headers = row.headers === null ? null : (row.headers as string[]).map((h) => h.split('=') as [string, string]);
        seen.push(describe_({ key: row.key as string | null, value: row.value as string, partition: Number(row.partition), headers }));
      }
    })
    .option('checkpointLocation', path.join(dir, 'cp'))
    .trigger({ availableNow: true })
    .start();
  await query.awaitTermination();
  expect(seen).toEqual(expected());
});
