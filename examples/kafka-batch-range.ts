// A batch read of a range of a Kafka topic (spark.read.format('kafka')): the records between two
// offsets (or from the earliest to the latest) as a DataFrame, parsed with from_json and summed
// per user, synchronously, with no streaming query and no checkpoint.
//
//   npx tsx examples/kafka-batch-range.ts --bootstrap-servers host:9092 --topic events \
//       --starting-offsets '{"events":{"0":0,"1":-2}}' --ending-offsets latest
//   npx tsx examples/kafka-batch-range.ts --test-broker     # CI: starts a local test broker on its
//                                                           # own thread, sends sample events, reads them
import minimist from 'minimist';
import { type Row, StreamSession } from 'rivulet';
import { col, from_json, sum } from 'rivulet/functions';

const SCHEMA = 'id INT, user STRING, amount DOUBLE';

export async function main(argv: string[]): Promise<Row[]> {
  const args = minimist(argv, {
    string: ['bootstrap-servers', 'topic', 'starting-offsets', 'ending-offsets'],
    boolean: ['test-broker'],
    default: { topic: 'events', 'starting-offsets': 'earliest', 'ending-offsets': 'latest' },
  });
  // The batch read blocks this thread while kafkajs works on its own thread, so the test broker
  // (test support code, loaded only in --test-broker mode) must serve from another thread.
  const broker = args['test-broker'] ? await (await import('../__tests__/support/kafka-broker-thread')).startKafkaBrokerOffThread() : undefined;
  const servers: string = broker?.bootstrapServers ?? args['bootstrap-servers'];
  if (!servers) throw new Error('Pass --bootstrap-servers host:port (or --test-broker)');
  try {
    if (broker) await sendSampleEvents(broker, args.topic);

    const spark = StreamSession.builder().appName('kafka-batch-range').getOrCreate();
    const range = spark.read
      .format('kafka')
      .option('kafka.bootstrap.servers', servers)
      .option('subscribe', args.topic)
      .option('startingOffsets', args['starting-offsets'])
      .option('endingOffsets', args['ending-offsets'])
      .load();
    const events = range.selectExpr('partition', 'offset', 'CAST(value AS STRING) AS json').select('partition', 'offset', from_json('json', SCHEMA).alias('e'));
    events.select('partition', 'offset', 'e.*').show(20, false);
    const totals = events.groupBy('e.user').agg(sum('e.amount').alias('total')).orderBy(col('user'));
    totals.show();
    return totals.collect();
  } finally {
    await broker?.stop();
  }
}

async function sendSampleEvents(broker: { createTopic(name: string, partitions: number): void | Promise<void>; append(topic: string, partition: number, records: { key?: string; value: string }[]): unknown }, topic: string): Promise<void> {
  await broker.createTopic(topic, 2);
  const event = (id: number, user: string, amount: number) => ({ key: user, value: JSON.stringify({ id, user, amount }) });
  await broker.append(topic, 0, [event(1, 'alice', 12.5), event(2, 'bob', 3.25)]);
  await broker.append(topic, 1, [event(3, 'alice', 7), event(4, 'carol', 1)]);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
