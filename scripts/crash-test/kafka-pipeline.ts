// The Kafka pipeline the crash harness kills (scripts/crash-test/kafka-harness.ts): queries over a
// Kafka topic of JSON records {id, key, ts} (made by the harness, on the in-repo test broker or a
// real one), maxOffsetsPerTrigger=7, run with availableNow until the topic's records at start are
// done. Outputs (under --out, and one Kafka topic):
//   boundaries/<batchId>.json  each batch's partition:offset pairs, by foreachBatch
//   windows/                   watermarked 30 s windowed counts, Parquet sink (append)
//   --out-topic                running counts per key (update mode), Kafka sink: `<key>=<count>`
//                              (at-least-once, as Spark's)
//   --eos-topic                the same counts through the Kafka sink's `transactional` mode,
//                              exactly once for read_committed readers
//   join/                      stream-stream full outer join of partition 0 (4 offsets per batch)
//                              with partition 1 (3 per batch) within 5 s, JSON sink: the sides
//                              advance at different speeds, so moved boundaries change matches
import * as path from 'node:path';
import minimist from 'minimist';
import { runQueriesToTheEnd, writeAtomically } from './pipeline-process';
import { StreamSession, type DataFrame, type StreamingQuery } from 'rivulet';
import { col, concat, count, expr, floor, from_json, lit, sum, window } from 'rivulet/functions';

const args = minimist(process.argv.slice(2), { string: ['out', 'bootstrap', 'in-topic', 'out-topic', 'eos-topic', 'provider'], default: { provider: 'hdfs' } });
const out = String(args.out);

const spark = StreamSession.builder()
  .appName('crash-test-kafka')
  .config('spark.sql.shuffle.partitions', '3')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.streaming.stateStore.providerClass', String(args.provider))
  .getOrCreate();
spark.sparkContext.setLogLevel('OFF');

const records = (): DataFrame =>
  spark.readStream
    .format('kafka')
    .option('kafka.bootstrap.servers', String(args.bootstrap))
    .option('subscribe', String(args['in-topic']))
    .option('startingOffsets', 'earliest')
    .option('maxOffsetsPerTrigger', 7)
    .load();

/** One partition of the input topic, `perTrigger` offsets per batch, parsed. */
const side = (partition: number, perTrigger: number, prefix: string): DataFrame =>
  spark.readStream
    .format('kafka')
    .option('kafka.bootstrap.servers', String(args.bootstrap))
    .option('assign', JSON.stringify({ [String(args['in-topic'])]: [partition] }))
    .option('startingOffsets', 'earliest')
    .option('maxOffsetsPerTrigger', perTrigger)
    .load()
    .select(from_json(col('value').cast('string'), `id INT, key STRING, ts TIMESTAMP`).alias('r'))
    .select(col('r.id').alias(`${prefix}id`), floor(col('r.id').divide(4)).alias(`${prefix}group`), col('r.ts').alias(`${prefix}ts`));

const parsed = (): DataFrame =>
  records()
    .select(from_json(col('value').cast('string'), 'id INT, key STRING, ts TIMESTAMP').alias('r'))
    .select('r.*');

const checkpoint = (name: string) => path.join(out, 'checkpoints', name);

const queries: [string, () => StreamingQuery][] = [
  ['boundaries', () =>
    records()
      .writeStream.option('checkpointLocation', checkpoint('boundaries'))
      .trigger({ availableNow: true })
      .foreachBatch((df, batchId) => {
        const rows = df.collect().map((r) => `${String(r.partition)}:${String(r.offset)}`);
        writeAtomically(path.join(out, 'boundaries', `${batchId}.json`), rows.sort().join('\n') + '\n');
      })
      .start()],
  ['windows', () =>
    parsed()
      .withWatermark('ts', '10 seconds')
      .groupBy(window(col('ts'), '30 seconds'), col('key'))
      .agg(count(col('id')).alias('n'), sum('id').alias('total'))
      .select(col('window.start').cast('string').alias('start'), col('key'), col('n'), col('total'))
      .writeStream.format('parquet')
      .option('path', path.join(out, 'windows'))
      .option('checkpointLocation', checkpoint('windows'))
      .trigger({ availableNow: true })
      .start()],
  ['tokafka', () =>
    parsed()
      .groupBy('key')
      .agg(count(lit(1)).alias('n'))
      .select(col('key'), concat(col('key'), lit('='), col('n').cast('string')).alias('value'))
      .writeStream.format('kafka')
      .outputMode('update')
      .option('kafka.bootstrap.servers', String(args.bootstrap))
      .option('topic', String(args['out-topic']))
      .option('checkpointLocation', checkpoint('tokafka'))
      .trigger({ availableNow: true })
      .start()],
  ['tokafka-eos', () =>
    parsed()
      .groupBy('key')
      .agg(count(lit(1)).alias('n'))
      .select(col('key'), concat(col('key'), lit('='), col('n').cast('string')).alias('value'))
      .writeStream.format('kafka')
      .outputMode('update')
      .option('kafka.bootstrap.servers', String(args.bootstrap))
      .option('topic', String(args['eos-topic']))
      .option('transactional', 'true')
      .option('checkpointLocation', checkpoint('tokafka-eos'))
      .trigger({ availableNow: true })
      .start()],
  ['join', () =>
    side(0, 4, '')
      .withWatermark('ts', '10 seconds')
      .join(side(1, 3, 'r').withWatermark('rts', '10 seconds'), expr('group = rgroup AND rts >= ts - interval 5 seconds AND rts <= ts + interval 5 seconds'), 'full_outer')
      .select(col('id'), col('ts').cast('string').alias('ts'), col('rid'), col('rts').cast('string').alias('rts'))
      .writeStream.format('json')
      .option('path', path.join(out, 'join'))
      .option('checkpointLocation', checkpoint('join'))
      .trigger({ availableNow: true })
      .start()],
];

runQueriesToTheEnd(spark, queries);
