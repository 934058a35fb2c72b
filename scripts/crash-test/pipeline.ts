// The pipeline the crash harness kills: stateful queries over the deterministic rate-micro-batch
// source, each with its own checkpoint under --out, each stopping once batch --batches - 1 is
// committed. Outputs (under --out):
//   wordcount/<batchId>.json  complete-mode word counts, written by foreachBatch (overwrite per id)
//   raw/<batchId>.json        the rows of each batch, written by foreachBatch (overwrite per id)
//   windows/                  5-second windowed counts in append mode, through the JSON file sink
//                             (exactly-once through its _spark_metadata log)
//   join/<batchId>.json       a left outer stream-stream join of the source with itself (time-range
//                             condition, watermarks, unmatched rows null-padded at eviction)
// The harness compares them with an uninterrupted run: nothing lost, nothing duplicated.
import * as fs from 'node:fs';
import * as path from 'node:path';
import minimist from 'minimist';
import { writeAtomically } from './pipeline-process';
import { StreamSession, type DataFrame, type StreamingQuery } from 'rivulet';
import { col, concat, count, expr, lit, pmod, sum, window } from 'rivulet/functions';

const args = minimist(process.argv.slice(2), { string: ['out', 'provider'], default: { batches: 30, rows: 50, provider: 'hdfs' } });
const out = String(args.out);
const batches = Number(args.batches);
const rowsPerBatch = Number(args.rows);

const spark = StreamSession.builder()
  .appName('crash-test')
  .config('spark.sql.shuffle.partitions', '4')
  .config('spark.sql.streaming.stateStore.providerClass', String(args.provider))
  .getOrCreate();
spark.sparkContext.setLogLevel('ERROR');

function rows(df: DataFrame): string {
  const lines = df.collect().map((r) => JSON.stringify(r.asDict(), (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
  return lines.sort().join('\n') + '\n';
}

function committedBatches(checkpoint: string): number {
  const dir = path.join(checkpoint, 'commits');
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir).filter((n) => /^\d+$/.test(n)).map(Number).reduce((a, b) => Math.max(a, b + 1), 0);
}

function rate(): DataFrame {
  return spark.readStream.format('rate-micro-batch').option('rowsPerBatch', rowsPerBatch).option('numPartitions', 2).option('startTimestamp', 0).load();
}

const queries: { name: string; start: () => StreamingQuery }[] = [
  {
    name: 'wordcount',
    start: () =>
      rate()
        .select(concat(lit('w'), pmod(col('value'), lit(13)).cast('string')).alias('word'))
        .groupBy('word')
        .count()
        .writeStream.outputMode('complete')
        .option('checkpointLocation', path.join(out, 'checkpoints', 'wordcount'))
        .foreachBatch((df, batchId) => writeAtomically(path.join(out, 'wordcount', `${batchId}.json`), rows(df)))
        .start(),
  },
  {
    name: 'windows',
    start: () =>
      rate()
        .withWatermark('timestamp', '2 seconds')
        .groupBy(window(col('timestamp'), '5 seconds'))
        .agg(count(lit(1)).alias('n'), sum('value').alias('total'))
        .select(col('window.start').alias('start'), col('window.end').alias('end'), col('n'), col('total'))
        .writeStream.format('json')
        .outputMode('append')
        .option('path', path.join(out, 'windows'))
        .option('checkpointLocation', path.join(out, 'checkpoints', 'windows'))
        .start(),
  },
  {
    name: 'join',
    start: () => {
      // Even values on the left, every tenth on the right, joined on value % 17 within 2 seconds:
      // some rows match several, some never (null-padded when the watermark passes them).
      const left = rate().filter('value % 2 = 0').select(pmod(col('value'), lit(17)).alias('lk'), col('value').alias('lv'), col('timestamp').alias('lt')).withWatermark('lt', '1 second');
      const right = rate().filter('value % 10 = 0').select(pmod(col('value'), lit(17)).alias('rk'), col('value').alias('rv'), col('timestamp').alias('rt')).withWatermark('rt', '1 second');
      return left
        .join(right, expr('lk = rk AND rt >= lt AND rt <= lt + interval 2 seconds'), 'left_outer')
        .writeStream.option('checkpointLocation', path.join(out, 'checkpoints', 'join'))
        .foreachBatch((df, batchId) => writeAtomically(path.join(out, 'join', `${batchId}.json`), rows(df)))
        .start();
    },
  },
  {
    name: 'raw',
    start: () =>
      rate()
        .writeStream.option('checkpointLocation', path.join(out, 'checkpoints', 'raw'))
        .foreachBatch((df, batchId) => writeAtomically(path.join(out, 'raw', `${batchId}.json`), rows(df)))
        .start(),
  },
];

async function runUntilDone(q: (typeof queries)[number]): Promise<void> {
  const checkpoint = path.join(out, 'checkpoints', q.name);
  if (committedBatches(checkpoint) >= batches) return;
  const query = q.start();
  while (query.isActive && committedBatches(checkpoint) < batches) await new Promise((r) => setTimeout(r, 2));
  await query.stop();
  if (query.exception()) throw query.exception();
}

async function main(): Promise<void> {
  process.stdout.write('started\n');
  await Promise.all(queries.map(runUntilDone));
  await spark.stop();
  process.stdout.write('done\n');
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
