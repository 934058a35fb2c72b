// The Kafka source against the test broker with the real kafkajs client: offsets, rate limits,
// starting offsets, headers, restart from metadataPath, data loss, option errors, and a query
// through the engine.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startKafkaBroker, type BrokerUnderTest } from '../../support/kafka-broker-under-test';
import { kafkaSourceProvider, type KafkaSource } from '../../../lib/connectors/kafka/kafka-source';
import { CaseInsensitiveMap } from '../../../lib/util/case-insensitive-map';
import { setLogSink } from '../../../lib/util/logger';
import { newSession } from '../../support/session';
import { errorOf } from '../../support/errors';

let broker: BrokerUnderTest;
let dir: string;

beforeEach(async () => {
  broker = await startKafkaBroker();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-source-'));
});
afterEach(async () => {
  await broker.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function options(extra: Record<string, string>): CaseInsensitiveMap {
  return new CaseInsensitiveMap(Object.entries({ 'kafka.bootstrap.servers': broker.bootstrapServers, ...extra }));
}

let clockMs = 0;
function source(extra: Record<string, string>, metadataPath = path.join(dir, 'sources', '0')): KafkaSource {
  return kafkaSourceProvider.createSource({ options: options(extra), userSchema: undefined, metadataPath, clock: { now: () => clockMs } }) as KafkaSource;
}

async function fill(topic: string, partition: number, values: string[], timestamp?: number): Promise<void> {
  await broker.append(
    topic,
    partition,
    values.map((v) => ({ value: v, key: `k-${v}`, timestamp })),
  );
}

const text = (b: unknown): string | null => (b === null ? null : Buffer.from(b as Uint8Array).toString('utf8'));

/** One micro-batch the way the engine runs it. */
async function runBatch(s: KafkaSource, start: unknown): Promise<{ end: unknown; values: (string | null)[] }> {
  const end = await s.latestOffset(start as never);
  if (end === null) return { end: start, values: [] };
  const rows = await s.getBatch(start as never, end);
  s.commit(end);
  return { end, values: rows.map((r) => `${r[2]}/${r[3]}/${r[4]}:${text(r[1])}`) };
}

test("reads several partitions in Spark's partition order, then offset order, with Spark offsets JSON", async () => {
  await broker.createTopic('events', 3);
  await fill('events', 2, ['c1', 'c2']);
  await fill('events', 0, ['a1']);
  const s = source({ subscribe: 'events', startingOffsets: 'earliest' });
  await s.initialize();
  const b0 = await runBatch(s, null);
  expect(b0.end).toEqual({ events: { '0': 1, '1': 0, '2': 2 } });
  expect(JSON.stringify(b0.end)).toBe('{"events":{"0":1,"1":0,"2":2}}');
  expect(b0.values).toEqual(['events/0/0:a1', 'events/2/0:c1', 'events/2/1:c2']);
  await fill('events', 1, ['b1']);
  const b1 = await runBatch(s, b0.end);
  expect(b1.values).toEqual(['events/1/0:b1']);
  // The same range gives the same rows (recovery replays offsets/N).
  const again = await s.getBatch(b0.end as never, b1.end as never);
  expect(again.map((r) => text(r[1]))).toEqual(['b1']);
  const row = again[0];
  expect([text(row[0]), row[5], row[6]]).toEqual(['k-b1', expect.any(BigInt), 0]);
  await s.stop();
});

test('startingOffsets latest (default) and per-partition JSON with -2/-1', async () => {
  await broker.createTopic('t', 2);
  await fill('t', 0, ['old0', 'old1']);
  await fill('t', 1, ['old2']);
  const latest = source({ subscribe: 't' }, path.join(dir, 'latest'));
  const first = await runBatch(latest, null);
  expect(first.values).toEqual([]);
  await fill('t', 0, ['new']);
  expect((await runBatch(latest, first.end)).values).toEqual(['t/0/2:new']);
  await latest.stop();

  const specific = source({ subscribe: 't', startingOffsets: '{"t":{"0":1,"1":-2}}' }, path.join(dir, 'specific'));
  // Partitions in Spark's order for topic t (hash order: 1 before 0, see spark-partition-order.ts).
  expect((await runBatch(specific, null)).values).toEqual(['t/1/0:old2', 't/0/1:old1', 't/0/2:new']);
  await specific.stop();

  const wrong = source({ subscribe: 't', startingOffsets: '{"t":{"0":1}}' }, path.join(dir, 'wrong'));
  await expect(wrong.initialize()).rejects.toThrow("Partitions specified for Kafka start offsets don't match what are assigned");
  await wrong.stop();
});

test('startingTimestamp picks the first offset at or after the timestamp', async () => {
  await broker.createTopic('ts', 1);
  await fill('ts', 0, ['a'], 1000);
  await fill('ts', 0, ['b'], 2000);
  await fill('ts', 0, ['c'], 3000);
  const s = source({ subscribe: 'ts', startingTimestamp: '2000' });
  expect((await runBatch(s, null)).values).toEqual(['ts/0/1:b', 'ts/0/2:c']);
  await s.stop();
});

test('maxOffsetsPerTrigger splits the limit over partitions by backlog', async () => {
  await broker.createTopic('r', 2);
  await fill('r', 0, Array.from({ length: 30 }, (_, i) => `a${i}`));
  await fill('r', 1, Array.from({ length: 10 }, (_, i) => `b${i}`));
  const s = source({ subscribe: 'r', startingOffsets: 'earliest', maxOffsetsPerTrigger: '8' });
  const b0 = await runBatch(s, null);
  // 8 * 30/40 = 6 from partition 0, 8 * 10/40 = 2 from partition 1.
  expect(b0.end).toEqual({ r: { '0': 6, '1': 2 } });
  expect(b0.values).toHaveLength(8);
  let end = b0.end;
  let total = 8;
  for (let i = 0; i < 10; i++) {
    const b = await runBatch(s, end);
    total += b.values.length;
    end = b.end;
  }
  expect(end).toEqual({ r: { '0': 30, '1': 10 } });
  expect(total).toBe(40);
  await s.stop();
});

test('availableNow: records left up to the offsets fixed at start, for the status line bar', async () => {
  await broker.createTopic('an', 2);
  await fill('an', 0, ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
  await fill('an', 1, ['b1', 'b2']);
  const s = source({ subscribe: 'an', startingOffsets: 'earliest', maxOffsetsPerTrigger: '4' });
  await s.initialize();
  expect(s.availableNowRemaining(null)).toBeNull(); // not an availableNow run
  await s.prepareForTriggerAvailableNow();
  expect(s.availableNowRemaining(null)).toBe(8);
  // Records arriving later are not part of this run.
  await fill('an', 1, ['b3']);
  const b0 = await runBatch(s, null);
  expect(b0.values).toHaveLength(4);
  expect(s.availableNowRemaining(b0.end as never)).toBe(4);
  const b1 = await runBatch(s, b0.end);
  expect(s.availableNowRemaining(b1.end as never)).toBe(0);
  await s.stop();
});

test('minOffsetsPerTrigger waits for enough records until maxTriggerDelay passes', async () => {
  await broker.createTopic('m', 1);
  clockMs = 100_000;
  const s = source({ subscribe: 'm', startingOffsets: 'earliest', minOffsetsPerTrigger: '5', maxTriggerDelay: '10s' });
  await fill('m', 0, ['x1']);
  // The first trigger always runs (no previous trigger time).
  const b0 = await runBatch(s, null);
  expect(b0.values).toHaveLength(1);
  await fill('m', 0, ['x2', 'x3']);
  clockMs += 1000;
  expect(await s.latestOffset(b0.end as never)).toEqual(b0.end);
  await fill('m', 0, ['x4', 'x5', 'x6']);
  expect(await s.latestOffset(b0.end as never)).toEqual({ m: { '0': 6 } });
  await fill('m', 0, ['x7']);
  const afterBig = { m: { '0': 6 } };
  clockMs += 1000;
  expect(await s.latestOffset(afterBig as never)).toEqual(afterBig);
  clockMs += 10_000;
  expect(await s.latestOffset(afterBig as never)).toEqual({ m: { '0': 7 } });
  await s.stop();
});

test('includeHeaders adds headers as an array of (key, value) structs', async () => {
  await broker.createTopic('h', 1);
  // A null header value where the broker's producer can write one (kafkajs cannot), else an empty one.
  const nullable = broker.producesNullHeaderValues === false ? Buffer.alloc(0) : null;
  await broker.append('h', 0, [
    { value: 'with', headers: [{ key: 'trace', value: Buffer.from('t1') }, { key: 'trace', value: Buffer.from('t2') }, { key: 'n', value: nullable }] },
    { value: 'without' },
  ]);
  const s = source({ subscribe: 'h', startingOffsets: 'earliest', includeHeaders: 'true' });
  expect(s.schema.fields.map((f) => `${f.name}:${f.dataType.simpleString()}`)).toEqual([
    'key:binary',
    'value:binary',
    'topic:string',
    'partition:int',
    'offset:bigint',
    'timestamp:timestamp',
    'timestampType:int',
    'headers:array<struct<key:string,value:binary>>',
  ]);
  const end = await s.latestOffset(null);
  const rows = await s.getBatch(null, end!);
  expect(rows.map((r) => (r[7] === null ? null : (r[7] as [string, unknown][]).map(([k, v]) => [k, text(v)])))).toEqual([
    [
      ['trace', 't1'],
      ['trace', 't2'],
      ['n', nullable === null ? null : ''],
    ],
    null,
  ]);
  await s.stop();
});

test('restart with the same metadataPath keeps the initial offsets, so latest skips nothing', async () => {
  await broker.createTopic('re', 1);
  await fill('re', 0, ['before']);
  const metadataPath = path.join(dir, 'cp', 'sources', '0');
  const first = source({ subscribe: 're' }, metadataPath);
  await first.initialize();
  await first.stop();
  expect(fs.readFileSync(path.join(metadataPath, '0'), 'utf8')).toBe('\u0000v1\n{"re":{"0":1}}');
  await fill('re', 0, ['while-down']);
  const second = source({ subscribe: 're' }, metadataPath);
  expect((await runBatch(second, null)).values).toEqual(['re/0/1:while-down']);
  await second.stop();
});

test('subscribePattern and assign choose partitions; new partitions start at earliest', async () => {
  await broker.createTopic('logs-a', 1);
  await broker.createTopic('other', 1);
  await fill('logs-a', 0, ['a']);
  await fill('other', 0, ['o']);
  const s = source({ subscribePattern: 'logs-.*', startingOffsets: 'earliest' });
  const b0 = await runBatch(s, null);
  expect(b0.values).toEqual(['logs-a/0/0:a']);
  await broker.createTopic('logs-b', 1);
  await fill('logs-b', 0, ['b0', 'b1']);
  expect((await runBatch(s, b0.end)).values).toEqual(['logs-b/0/0:b0', 'logs-b/0/1:b1']);
  await s.stop();
  const assigned = source({ assign: '{"other":[0]}', startingOffsets: 'earliest' }, path.join(dir, 'assign'));
  expect((await runBatch(assigned, null)).values).toEqual(['other/0/0:o']);
  await assigned.stop();
});

describe('failOnDataLoss', () => {
  test('true: deleted records fail with KAFKA_DATA_LOSS', async () => {
    await broker.createTopic('dl', 1);
    await fill('dl', 0, ['a', 'b', 'c', 'd']);
    const s = source({ subscribe: 'dl', startingOffsets: 'earliest' });
    const end = await s.latestOffset(null);
    await broker.deleteRecordsBefore('dl', 0, 2);
    const e = await s.getBatch(null, end!).catch((err: Error) => err);
    expect((e as Error).message).toMatch(/^Some data may have been lost because they are not available in Kafka any more;\n/);
    expect((e as Error).message).toContain('Could not read records in offset [0, 4) for topic partition dl-0');
    // The Kafka connector's conditions render without "[CLASS] " and SQLSTATE (as PySpark 4.2 prints them).
    expect((e as { errorClass?: string }).errorClass).toBe('KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE');
    await s.stop();
  });

  test('false: deleted records are skipped with a warning', async () => {
    await broker.createTopic('dl', 1);
    await fill('dl', 0, ['a', 'b', 'c', 'd']);
    const s = source({ subscribe: 'dl', startingOffsets: 'earliest', failOnDataLoss: 'false' });
    const end = await s.latestOffset(null);
    await broker.deleteRecordsBefore('dl', 0, 2);
    const lines: string[] = [];
    const restore = setLogSink((l) => lines.push(l));
    try {
      const rows = await s.getBatch(null, end!);
      expect(rows.map((r) => text(r[1]))).toEqual(['c', 'd']);
    } finally {
      restore();
    }
    expect(lines.join('')).toContain('If you want your streaming query to fail on such cases, set the source');
    await s.stop();
  });

  test('a deleted topic fails (true) or is skipped (false)', async () => {
    await broker.createTopic('gone', 2);
    await broker.createTopic('stays', 1);
    await fill('gone', 0, ['g']);
    await fill('stays', 0, ['s0']);
    const strict = source({ subscribe: 'gone,stays', startingOffsets: 'earliest' }, path.join(dir, 'strict'));
    const lax = source({ subscribe: 'gone,stays', startingOffsets: 'earliest', failOnDataLoss: 'false' }, path.join(dir, 'lax'));
    const s0 = await runBatch(strict, null);
    const l0 = await runBatch(lax, null);
    await broker.deleteTopic('gone');
    await fill('stays', 0, ['s1']);
    const strictEnd = await strict.latestOffset(s0.end as never);
    expect(strictEnd).toEqual({ stays: { '0': 2 } });
    await expect(strict.getBatch(s0.end as never, strictEnd!)).rejects.toThrow(
      'Some data may have been lost because they are not available in Kafka any more;',
    );
    const err = await strict.getBatch(s0.end as never, strictEnd!).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/Reason: Partitions Set\(gone-0, gone-1\) have been deleted\.$/);
    const restore = setLogSink(() => undefined);
    try {
      expect((await runBatch(lax, l0.end)).values).toEqual(['stays/0/1:s1']);
    } finally {
      restore();
    }
    await strict.stop();
    await lax.stop();
  });
});

test('the only subscribed topic deleted fails the query (true) instead of idling silently', async () => {
  await broker.createTopic('alone', 1);
  await fill('alone', 0, ['a']);
  const strict = source({ subscribe: 'alone', startingOffsets: 'earliest' }, path.join(dir, 'alone'));
  const s0 = await runBatch(strict, null);
  await broker.deleteTopic('alone');
  const end = await strict.latestOffset(s0.end as never);
  expect(end).toEqual({});
  await expect(strict.getBatch(s0.end as never, end!)).rejects.toThrow('Reason: Partitions Set(alone-0) have been deleted.');
  await strict.stop();
});

test("a first batch re-run after its initial offsets file was deleted is refused by name, not read from 'latest' again", async () => {
  await broker.createTopic('firsts', 1);
  await fill('firsts', 0, ['a', 'b']);
  const metadataPath = path.join(dir, 'firsts');
  const before = source({ subscribe: 'firsts', startingOffsets: 'latest' }, metadataPath);
  await before.initialize();
  await fill('firsts', 0, ['c']);
  const end = await before.latestOffset(null);
  expect(end).toEqual({ firsts: { '0': 3 } });
  await before.stop();
  // The engine logged offsets/0 = end, then the process died. With the file: the same batch.
  const again = source({ subscribe: 'firsts', startingOffsets: 'latest' }, metadataPath);
  expect((await again.getBatch(null, end!)).map((r) => text(r[1]))).toEqual(['c']);
  await again.stop();
  const file = path.join(metadataPath, '0');
  fs.rmSync(file);
  const afresh = source({ subscribe: 'firsts', startingOffsets: 'latest' }, metadataPath);
  await expect(afresh.getBatch(null, end!)).rejects.toThrow(`The checkpoint file ${file} is missing: batch 0 is logged in the offsets log, but the initial offsets it started from are gone`);
  await afresh.stop();
});

test('a damaged initial offsets file is refused naming it', async () => {
  await broker.createTopic('damaged', 1);
  const metadataPath = path.join(dir, 'damaged');
  fs.mkdirSync(metadataPath, { recursive: true });
  const file = path.join(metadataPath, '0');
  fs.writeFileSync(file, '\u0000v1\n{"damaged":{"0":');
  const s = source({ subscribe: 'damaged' }, metadataPath);
  await expect(s.initialize()).rejects.toThrow(`The checkpoint file ${file} is damaged`);
  await s.stop();
});

describe('option errors (Spark texts)', () => {
  const schemaOf = (extra: Record<string, string>, withServers = true) =>
    errorOf(() => kafkaSourceProvider.sourceSchema({ options: new CaseInsensitiveMap(Object.entries(withServers ? { 'kafka.bootstrap.servers': 'x:1', ...extra } : extra)), userSchema: undefined }));

  test('subscription strategies', () => {
    expect(schemaOf({}).message).toBe('One of the following options must be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.');
    expect(schemaOf({ subscribe: 'a', assign: '{"a":[0]}' }).message).toBe(
      'Only one of the following options can be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.',
    );
    expect(schemaOf({ subscribe: ' , ' }).message).toBe("No topics to subscribe to as specified value for option 'subscribe' is ' , '");
    expect(schemaOf({ assign: 'a' }).message).toBe("No topicpartitions to assign as specified value for option 'assign' is 'a'");
    expect(schemaOf({ subscribe: 't' }, false).message).toBe("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer");
  });

  test('forbidden kafka.* options and batch-only options', () => {
    expect(schemaOf({ subscribe: 't', 'kafka.auto.offset.reset': 'earliest' }).message).toContain("Kafka option 'auto.offset.reset' is not supported.");
    expect(schemaOf({ subscribe: 't', 'kafka.key.deserializer': 'x' }).message).toBe(
      "Kafka option 'key.deserializer' is not supported as keys are deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the keys.",
    );
    expect(schemaOf({ subscribe: 't', 'kafka.value.deserializer': 'x' }).message).toContain("Kafka option 'value.deserializer' is not supported as values");
    expect(schemaOf({ subscribe: 't', 'kafka.enable.auto.commit': 'true' }).message).toBe("Kafka option 'enable.auto.commit' is not supported");
    expect(schemaOf({ subscribe: 't', 'kafka.interceptor.classes': 'x' }).message).toBe("Kafka option 'interceptor.classes' is not supported");
    expect(schemaOf({ subscribe: 't', endingOffsets: 'latest' }).message).toBe('ending offset not valid in streaming queries');
    expect(schemaOf({ subscribe: 't', minOffsetsPerTrigger: '10', maxOffsetsPerTrigger: '5' }).message).toBe('The value of minOffsetPerTrigger(10) is higher than the maxOffsetsPerTrigger(5).');
  });
});

test('a streaming query through the engine reads Kafka into a memory sink', async () => {
  await broker.createTopic('words', 2);
  await fill('words', 0, ['{"w":"a","n":1}', '{"w":"b","n":2}']);
  await fill('words', 1, ['{"w":"c","n":3}']);
  const spark = newSession();
  const q = spark.readStream
    .format('kafka')
    .option('kafka.bootstrap.servers', broker.bootstrapServers)
    .option('subscribe', 'words')
    .option('startingOffsets', 'earliest')
    .load()
    .selectExpr('CAST(value AS STRING) AS json', 'partition')
    .selectExpr("get_json_object(json, '$.w') AS w", 'partition')
    .writeStream.format('memory')
    .queryName('kafka_words')
    .option('checkpointLocation', path.join(dir, 'query'))
    .start();
  try {
    await q.processAllAvailable();
    await fill('words', 1, ['{"w":"d","n":4}']);
    await q.processAllAvailable();
    expect(
      spark
        .table('kafka_words')
        .collect()
        .map((r) => `${r.partition}:${r.w}`),
    ).toEqual(['1:c', '0:a', '0:b', '1:d']); // Spark reads partition 1 of 'words' first (hash order)
  } finally {
    await q.stop();
  }
  expect(fs.readFileSync(path.join(dir, 'query', 'sources', '0', '0'), 'utf8')).toBe('\u0000v1\n{"words":{"0":0,"1":0}}');
});

test('startingOffsetsByTimestamp without a matching record fails with the text PySpark 4.2 gives (STREAM_FAILED cause)', async () => {
  await broker.createTopic('tsnomatch', 1);
  await fill('tsnomatch', 0, ['a'], 1_700_000_000_000);
  const s = source({ subscribe: 'tsnomatch', startingOffsetsByTimestamp: '{"tsnomatch":{"0":1800000000000}}' });
  await expect(s.initialize()).rejects.toThrow(/^No offset matched from request of topic-partition tsnomatch-0 and timestamp 1800000000000\.$/);
  await s.stop();
});
