// Kafka to Kafka exactly once: running counts per key, written by the Kafka sink in its
// transactional mode (one Kafka transaction per batch, with its batch id), read back with
// kafka.isolation.level=read_committed. A restart, even after kill -9, neither loses nor repeats a
// batch for read_committed readers (Spark's own Kafka sink, Rivulet's default, is at-least-once).
//
//   npx tsx examples/kafka-exactly-once.ts --bootstrap-servers host:9092 --in words --out counts \
//       --checkpoint /data/counts-cp                               # runs until Ctrl-C
//   npx tsx examples/kafka-exactly-once.ts --test-broker           # CI: a local test broker, sample
//                                                                  # words, one run, prints what a
//                                                                  # read_committed reader sees
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import minimist from 'minimist';
import { StreamSession } from 'rivulet';

export async function main(argv: string[]): Promise<string[]> {
  const args = minimist(argv, { string: ['bootstrap-servers', 'in', 'out', 'checkpoint'], boolean: ['test-broker'], default: { in: 'words', out: 'counts' } });
  const scratch = args['test-broker'] ? fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-eos-')) : undefined;
  const checkpoint: string = args.checkpoint ?? path.join(scratch ?? '.', 'counts-checkpoint');
  const broker = args['test-broker'] ? await (await import('../__tests__/support/kafka-test-broker/kafka-test-broker')).KafkaTestBroker.start() : undefined;
  const servers: string = broker?.bootstrapServers ?? args['bootstrap-servers'];
  if (!servers) throw new Error('Pass --bootstrap-servers host:port (or --test-broker)');
  const spark = StreamSession.builder().appName('kafka-exactly-once').getOrCreate();
  try {
    if (broker) {
      broker.createTopic(args.in, 1);
      broker.createTopic(args.out, 1);
      broker.append(args.in, 0, ['a', 'b', 'a', 'c', 'a'].map((w) => ({ value: w })));
    }
    const query = spark.readStream
      .format('kafka')
      .option('kafka.bootstrap.servers', servers)
      .option('subscribe', args.in)
      .option('startingOffsets', 'earliest')
      .load()
      .selectExpr('CAST(value AS STRING) AS word')
      .groupBy('word')
      .count()
      .selectExpr('word AS key', "concat(word, '=', CAST(count AS STRING)) AS value")
      .writeStream.format('kafka')
      .outputMode('update')
      .option('kafka.bootstrap.servers', servers)
      .option('topic', args.out)
      .option('transactional', 'true')
      .option('checkpointLocation', checkpoint)
      .trigger(broker ? { availableNow: true } : { processingTime: '10 seconds' })
      .start();
    await query.awaitTermination();
    if (!broker) return [];
    // What a read_committed consumer sees: every committed batch's records, each once.
    const seen: string[] = [];
    const reader = spark.readStream
      .format('kafka')
      .option('kafka.bootstrap.servers', servers)
      .option('subscribe', args.out)
      .option('startingOffsets', 'earliest')
      .option('kafka.isolation.level', 'read_committed')
      .load()
      .selectExpr('CAST(value AS STRING) AS v')
      .writeStream.trigger({ availableNow: true })
      .foreachBatch((df) => {
        for (const r of df.collect()) seen.push(String(r.v));
      })
      .start();
    await reader.awaitTermination();
    return seen.sort();
  } finally {
    await spark.stop();
    await broker?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (seen) => {
      if (seen.length > 0) console.log(seen.join('\n'));
    },
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
