// Batch `spark.read.format('kafka')` (Spark's KafkaRelation) against a broker on another thread:
// the read is synchronous (a worker thread runs kafkajs, the caller waits on Atomics), options are
// checked at load with Spark's texts, records are read when the plan executes, in Spark's order.
// Texts and results were taken from PySpark 4.2 against a real broker.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataFrame, Row, StreamSession } from 'rivulet';
import { startKafkaBrokerOffThread } from '../../support/kafka-broker-thread';
import type { BrokerUnderTest } from '../../support/kafka-broker-under-test';
import { newSession } from '../../support/session';
import { errorOf } from '../../support/errors';
import { runScript, PROJECT_ROOT } from '../../support/script-process';
import { setLogSink } from '../../../lib/util/logger';

let broker: BrokerUnderTest;
let spark: StreamSession;
let counter = 0;
let topic: string;

beforeAll(async () => {
  broker = await startKafkaBrokerOffThread();
});
afterAll(async () => {
  await broker.stop();
});
beforeEach(() => {
  spark = newSession();
  topic = `batch-${process.pid}-${counter++}`;
});

const T0 = 1_700_000_000_000;

/** Two partitions: p0 has 3 records (keys a), p1 has 2 (keys b, with a header), timestamps T0 + i s. */
async function twoPartitions(): Promise<void> {
  await broker.createTopic(topic, 2);
  await broker.append(topic, 0, [0, 1, 2].map((i) => ({ key: 'a', value: `p0-${i}`, timestamp: T0 + i * 1000 })));
  await broker.append(topic, 1, [0, 1].map((i) => ({ key: 'b', value: `p1-${i}`, timestamp: T0 + (3 + i) * 1000, headers: [{ key: 'h', value: Buffer.from(`v${i}`) }] })));
}

function read(options: Record<string, string>): DataFrame {
  return spark.read.format('kafka').option('kafka.bootstrap.servers', broker.bootstrapServers).options(options).load();
}

function values(df: DataFrame): string[] {
  return df
    .selectExpr('CAST(value AS STRING) AS v', 'partition', 'offset')
    .collect()
    .map((r: Row) => `${r.v}@${r.partition}/${r.offset}`);
}

test("schema, default earliest..latest, Spark's row order and values", async () => {
  await twoPartitions();
  const df = read({ subscribe: topic });
  expect(df.schema.simpleString()).toBe('struct<key:binary,value:binary,topic:string,partition:int,offset:bigint,timestamp:timestamp,timestampType:int>');
  const rows = df.selectExpr('CAST(key AS STRING) k', 'CAST(value AS STRING) v', 'topic', 'partition', 'offset', 'CAST(timestamp AS STRING) ts', 'timestampType').collect();
  expect(rows.map((r: Row) => [r.k, r.v, r.topic, r.partition, r.offset, r.ts, r.timestampType])).toEqual([
    ['a', 'p0-0', topic, 0, 0, '2023-11-14 22:13:20', 0],
    ['a', 'p0-1', topic, 0, 1, '2023-11-14 22:13:21', 0],
    ['a', 'p0-2', topic, 0, 2, '2023-11-14 22:13:22', 0],
    ['b', 'p1-0', topic, 1, 0, '2023-11-14 22:13:23', 0],
    ['b', 'p1-1', topic, 1, 1, '2023-11-14 22:13:24', 0],
  ]);
});

test('records are read when the plan executes, again at each execution (latest bound late)', async () => {
  await twoPartitions();
  const df = read({ subscribe: topic });
  await broker.append(topic, 1, [{ value: 'late' }]);
  expect(df.count()).toBe(6);
  await broker.append(topic, 0, [{ value: 'later' }]);
  expect(values(df.where('partition = 0'))).toEqual([`p0-0@0/0`, `p0-1@0/1`, `p0-2@0/2`, `later@0/3`]);
});

test('offsets per partition as JSON with -2 (earliest) and -1 (latest)', async () => {
  await twoPartitions();
  const df = read({ subscribe: topic, startingOffsets: `{"${topic}":{"0":1,"1":-2}}`, endingOffsets: `{"${topic}":{"0":2,"1":-1}}` });
  expect(values(df)).toEqual(['p0-1@0/1', 'p1-0@1/0', 'p1-1@1/1']);
});

test('assign and subscribePattern', async () => {
  await twoPartitions();
  expect(values(read({ assign: `{"${topic}":[1]}` }))).toEqual(['p1-0@1/0', 'p1-1@1/1']);
  const counts = read({ subscribePattern: `${topic}|nothing-.*` }).groupBy('partition').count().orderBy('partition').collect();
  expect(counts.map((r: Row) => [r.partition, r.count])).toEqual([
    [0, 3],
    [1, 2],
  ]);
});

test('includeHeaders adds the headers column (null when a record has none)', async () => {
  await twoPartitions();
  const df = read({ subscribe: topic, includeHeaders: 'true' });
  expect(df.schema.fields.map((f) => f.name)).toEqual(['key', 'value', 'topic', 'partition', 'offset', 'timestamp', 'timestampType', 'headers']);
  const rows = df.selectExpr('CAST(value AS STRING) v', "transform(headers, h -> concat(h.key, '=', CAST(h.value AS STRING))) AS hs").collect();
  expect(rows.map((r: Row) => [r.v, r.hs])).toEqual([
    ['p0-0', null],
    ['p0-1', null],
    ['p0-2', null],
    ['p1-0', ['h=v0']],
    ['p1-1', ['h=v1']],
  ]);
});

describe('timestamps', () => {
  test('startingOffsetsByTimestamp and endingOffsetsByTimestamp (rows in the timestamp map order)', async () => {
    await twoPartitions();
    const df = read({
      subscribe: topic,
      startingOffsetsByTimestamp: `{"${topic}":{"0":${T0 + 1000},"1":${T0 + 4000}}}`,
      endingOffsetsByTimestamp: `{"${topic}":{"0":${T0 + 2000},"1":${T0 + 9000}}}`,
    });
    expect(values(df).sort()).toEqual(['p0-1@0/1', 'p1-1@1/1']);
  });

  test('startingTimestamp / endingTimestamp for every partition', async () => {
    await twoPartitions();
    expect(values(read({ subscribe: topic, startingTimestamp: String(T0 + 2000), endingTimestamp: String(T0 + 4000) })).sort()).toEqual(['p0-2@0/2', 'p1-0@1/0']);
  });

  test('no offset at or after a starting timestamp: an error, or latest with the strategy', async () => {
    await twoPartitions();
    const startingOffsetsByTimestamp = `{"${topic}":{"0":1800000000000,"1":${T0 + 4000}}}`;
    const e = errorOf(() => read({ subscribe: topic, startingOffsetsByTimestamp }).count());
    expect(e.constructor.name).toBe('IllegalArgumentException');
    expect(e.message).toBe(`No offset matched from request of topic-partition ${topic}-0 and timestamp 1800000000000.`);
    expect(read({ subscribe: topic, startingOffsetsByTimestamp, startingOffsetsByTimestampStrategy: 'latest' }).count()).toBe(1);
  });

  test('timestamps for only some partitions', async () => {
    await twoPartitions();
    const e = errorOf(() => read({ subscribe: topic, startingOffsetsByTimestamp: `{"${topic}":{"0":5}}` }).count());
    expect(e.constructor.name).toBe('KafkaIllegalStateException');
    expect(e.errorClass).toBe('KAFKA_TIMESTAMP_OFFSET_DOES_NOT_MATCH_ASSIGNED');
    expect(e.message).toBe(
      `Partitions specified for Kafka timestamp based start offsets don't match what are assigned. Maybe topic partitions are created \nor deleted while the query is running, or you didn't specify all the partitions.\nSpecified: Set(${topic}-0) Assigned: Set(${topic}-0, ${topic}-1)`,
    );
  });
});

describe('errors at load(), before any Kafka call', () => {
  const cases: [string, Record<string, string>, string, string | undefined][] = [
    ['latest start', { subscribe: 't', startingOffsets: 'latest' }, "starting offset can't be latest for batch queries on Kafka", undefined],
    ['earliest end', { subscribe: 't', endingOffsets: 'earliest' }, "ending offset can't be earliest for batch queries on Kafka", undefined],
    ['-1 in the start JSON', { subscribe: 't', startingOffsets: '{"t":{"0":-1,"1":0}}' }, "startingOffsets for t-0 can't be latest for batch queries on Kafka", undefined],
    ['-2 in the end JSON', { subscribe: 't', endingOffsets: '{"t":{"0":-2,"1":1}}' }, "ending offset for t-0 can't be earliest for batch queries on Kafka", undefined],
    ['no topic option', {}, 'One of the following options must be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.', undefined],
    [
      'start after end',
      { subscribe: 't', startingOffsets: '{"t":{"0":2,"1":0}}', endingOffsets: '{"t":{"0":1,"1":1}}' },
      'The specified start offset 2 is greater than the end offset 1 for topic t partition 0.',
      'UNRESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET',
    ],
    [
      'start timestamp after end timestamp',
      { subscribe: 't', startingOffsetsByTimestamp: '{"t":{"0":5,"1":1}}', endingOffsetsByTimestamp: '{"t":{"0":4,"1":2}}' },
      'The specified start timestamp 5 is greater than the end timestamp 4 for topic t partition 0.',
      'UNRESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET',
    ],
    [
      'different partitions in start and end',
      { subscribe: 't', startingOffsets: '{"t":{"0":0,"1":0}}', endingOffsets: '{"t":{"0":1}}' },
      'The specified start offset and end offset should have the same topic-partitions.\nTopic-partitions for start offset: t-0, t-1, topic-partitions for end offset: t-0.',
      'MISMATCHED_TOPIC_PARTITIONS_BETWEEN_START_OFFSET_AND_END_OFFSET',
    ],
    ['malformed offsets JSON', { subscribe: 't', startingOffsets: '{"t":[0]}' }, 'Expected e.g. {"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}, got {"t":[0]}', undefined],
  ];
  test.each(cases)('%s', (_, options, message, errorClass) => {
    const e = errorOf(() => spark.read.format('kafka').option('kafka.bootstrap.servers', '127.0.0.1:1').options(options).load());
    expect([e.constructor.name, e.message, e.errorClass]).toEqual(['IllegalArgumentException', message, errorClass]);
  });

  test('no bootstrap servers', () => {
    const e = errorOf(() => spark.read.format('kafka').option('subscribe', 't').load());
    expect(e.message).toBe("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer");
  });

  test('a user schema that is not Kafka\'s', () => {
    const e = errorOf(() => spark.read.format('kafka').schema('a INT').option('kafka.bootstrap.servers', '127.0.0.1:1').option('subscribe', 't').load());
    expect(e.constructor.name).toBe('AnalysisException');
    expect(e.message).toBe(
      "[USER_SPECIFIED_AND_ACTUAL_SCHEMA_MISMATCH] The user-specified schema doesn't match the actual schema:\nuser-specified: a INT, actual: key BINARY,value BINARY,topic STRING,partition INT,offset BIGINT,timestamp TIMESTAMP,timestampType INT. If you're using\nDataFrameReader.schema API or creating a table, please do not specify the schema.\nOr if you're scanning an existed table, please drop it and re-create it. SQLSTATE: 42K03",
    );
  });

  test('rate options are ignored with a warning', async () => {
    await twoPartitions();
    const lines: string[] = [];
    const restore = setLogSink((l) => lines.push(l));
    try {
      expect(read({ subscribe: topic, maxOffsetsPerTrigger: '1' }).count()).toBe(5);
    } finally {
      restore();
    }
    expect(lines.join('')).toContain('maxOffsetsPerTrigger option ignored in batch queries');
  });
});

describe('errors when the plan executes, raised on the caller thread', () => {
  test('offsets JSON that misses a partition', async () => {
    await twoPartitions();
    const df = read({ subscribe: topic, startingOffsets: `{"${topic}":{"0":1}}` });
    const e = errorOf(() => df.count());
    expect([e.constructor.name, e.errorClass]).toEqual(['KafkaIllegalStateException', 'KAFKA_START_OFFSET_DOES_NOT_MATCH_ASSIGNED']);
    expect(e.message).toBe(
      `Partitions specified for Kafka start offsets don't match what are assigned. Maybe topic partitions are created \nor deleted while the query is running. Use -1 for latest, -2 for earliest.\nSpecified: Set(${topic}-0) Assigned: Set(${topic}-0, ${topic}-1)`,
    );
  });

  test('a start offset after the latest offset', async () => {
    await twoPartitions();
    const e = errorOf(() => read({ subscribe: topic, startingOffsets: `{"${topic}":{"0":10,"1":0}}` }).count());
    expect([e.constructor.name, e.errorClass]).toEqual(['KafkaIllegalStateException', 'RESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET']);
    expect(e.message.split('\n')[0]).toBe(`The resolved start offset 10 is greater than the resolved end offset 3 for topic ${topic} partition 0.`);
    expect(e.message).toContain('2. Check whether the Kafka topic-partition is deleted and re-created.');
  });

  test('an unknown topic', () => {
    const df = read({ subscribe: `${topic}-nope` });
    expect(errorOf(() => df.collect()).message).toBe(
      'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.',
    );
    expect(errorOf(() => read({ assign: `{"${topic}-nope":[0]}` }).collect()).message).toContain('UnknownTopicOrPartitionException');
  });

  test('an unreachable broker fails within kafka.default.api.timeout.ms, naming the bootstrap servers', () => {
    const restore = setLogSink(() => undefined);
    try {
      const df = spark.read.format('kafka').option('kafka.bootstrap.servers', '10.255.255.1:9092').option('subscribe', 't').option('kafka.default.api.timeout.ms', '500').load();
      const e = errorOf(() => df.collect());
      expect(e.message).toBe(
        'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listNodes (no Kafka broker answered at kafka.bootstrap.servers=10.255.255.1:9092: no answer within kafka.default.api.timeout.ms=500)',
      );
    } finally {
      restore();
    }
  });

  test('failOnDataLoss: records deleted from the start of a requested range', async () => {
    await broker.createTopic(topic, 1);
    await broker.append(topic, 0, [0, 1, 2, 3].map((i) => ({ value: `o-${i}` })));
    await broker.deleteRecordsBefore(topic, 0, 2);
    const startingOffsets = `{"${topic}":{"0":0}}`;
    const e = errorOf(() => read({ subscribe: topic, startingOffsets }).count());
    expect([e.constructor.name, e.errorClass]).toEqual(['KafkaIllegalStateException', 'KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE']);
    expect(e.message).toMatch(
      new RegExp(
        `^Some data may have been lost because they are not available in Kafka any more;\\n[^]*\\nReason: Could not read records in offset \\[0, 4\\) for topic partition ${topic}-0\\nwith consumer group spark-kafka-relation-[0-9a-f-]+-executor\\.$`,
      ),
    );
    const restore = setLogSink(() => undefined);
    try {
      expect(values(read({ subscribe: topic, startingOffsets, failOnDataLoss: 'false' }))).toEqual(['o-2@0/2', 'o-3@0/3']);
    } finally {
      restore();
    }
    // earliest binds to the log start offset: no loss.
    expect(values(read({ subscribe: topic }))).toEqual(['o-2@0/2', 'o-3@0/3']);
  });
});

test('inside foreachBatch and through spark.sql over a temp view', async () => {
  await twoPartitions();
  read({ subscribe: topic }).createOrReplaceTempView('kv');
  const bySql = spark.sql('SELECT partition, count(*) AS c FROM kv GROUP BY partition ORDER BY partition').collect();
  expect(bySql.map((r: Row) => [r.partition, r.c])).toEqual([
    [0, 3],
    [1, 2],
  ]);
  const seen: number[] = [];
  const q = spark.readStream
    .format('rate-micro-batch')
    .option('rowsPerBatch', 1)
    .load()
    .writeStream.foreachBatch((batch: DataFrame) => {
      const s = batch.sparkSession;
      seen.push(s.read.format('kafka').option('kafka.bootstrap.servers', broker.bootstrapServers).option('subscribe', topic).load().count());
    })
    .trigger({ availableNow: true })
    .start();
  await q.awaitTermination();
  expect(seen.length).toBeGreaterThan(0);
  expect(new Set(seen)).toEqual(new Set([5]));
});

test('spark.stop() ends the Kafka worker thread; a later read starts another', async () => {
  await twoPartitions();
  expect(read({ subscribe: topic }).count()).toBe(5);
  await spark.stop();
  spark = newSession();
  expect(read({ subscribe: topic }).count()).toBe(5);
});

test('a script that reads Kafka in batch ends by itself (the worker thread does not hold it)', async () => {
  await twoPartitions();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-batch-script-'));
  try {
    const script = path.join(dir, 'read.ts');
    fs.writeFileSync(
      script,
      `import { SparkSession } from ${JSON.stringify(path.join(PROJECT_ROOT, 'lib', 'index'))};
const spark = SparkSession.builder.getOrCreate();
const df = spark.read.format('kafka').option('kafka.bootstrap.servers', ${JSON.stringify(broker.bootstrapServers)}).option('subscribe', ${JSON.stringify(topic)}).load();
console.log('rows=' + df.count());
`,
    );
    const run = runScript(script, []);
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toContain('rows=5');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
