// The file-source pipeline the crash harness kills (scripts/crash-test/harness.ts): queries over
// folders of JSON files (made by the harness, see writeFilesInput) with maxFilesPerTrigger=1, run
// with availableNow until the input is done. Outputs (under --out):
//   boundaries/<batchId>.json  each batch's rows, by foreachBatch: batch boundaries must not move
//   windows/                   watermarked 30 s windowed counts, Parquet sink (append)
//   dedup/                     dropDuplicates within the watermark, Parquet sink (append)
//   join/                      stream-stream full outer join with a time range, JSON sink (append)
import * as fs from 'node:fs';
import * as path from 'node:path';
import minimist from 'minimist';
import { StreamSession, type DataFrame, type StreamingQuery } from 'rivulet';
import { col, count, expr, sum, window } from 'rivulet/functions';

const args = minimist(process.argv.slice(2), { string: ['out', 'in', 'provider'], default: { provider: 'hdfs' } });
const out = String(args.out);
const input = String(args.in);

const spark = StreamSession.builder()
  .appName('crash-test-files')
  .config('spark.sql.shuffle.partitions', '3')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.streaming.stateStore.providerClass', String(args.provider))
  .getOrCreate();
spark.sparkContext.setLogLevel('OFF');

function writeAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, file);
}

const side = (name: string, prefix: string): DataFrame =>
  spark.readStream
    .schema(`${prefix}id INT, ${prefix}key STRING, ${prefix}ts TIMESTAMP`)
    .option('maxFilesPerTrigger', 1)
    .json(path.join(input, name));

const checkpoint = (name: string) => path.join(out, 'checkpoints', name);

const queries: [string, () => StreamingQuery][] = [
  ['boundaries', () =>
    side('left', '')
      .writeStream.option('checkpointLocation', checkpoint('boundaries'))
      .trigger({ availableNow: true })
      .foreachBatch((df, batchId) => {
        const rows = df.collect().map((r) => `${String(r.id)} ${String(r.key)}`);
        writeAtomically(path.join(out, 'boundaries', `${batchId}.json`), rows.sort().join('\n') + '\n');
      })
      .start()],
  ['windows', () =>
    side('left', '')
      .withWatermark('ts', '10 seconds')
      .groupBy(window(col('ts'), '30 seconds'), col('key'))
      .agg(count(col('id')).alias('n'), sum('id').alias('total'))
      .select(col('window.start').cast('string').alias('start'), col('key'), col('n'), col('total'))
      .writeStream.format('parquet')
      .option('path', path.join(out, 'windows'))
      .option('checkpointLocation', checkpoint('windows'))
      .trigger({ availableNow: true })
      .start()],
  ['dedup', () =>
    side('left', '')
      .withWatermark('ts', '20 seconds')
      .dropDuplicates(['id', 'ts'])
      .select(col('id'), col('key'), col('ts').cast('string').alias('ts'))
      .writeStream.format('parquet')
      .option('path', path.join(out, 'dedup'))
      .option('checkpointLocation', checkpoint('dedup'))
      .trigger({ availableNow: true })
      .start()],
  ['join', () =>
    side('left', '')
      .withWatermark('ts', '10 seconds')
      .join(side('right', 'r').withWatermark('rts', '10 seconds'), expr('key = rkey AND rts >= ts AND rts <= ts + interval 5 seconds'), 'full_outer')
      .select(col('id'), col('key'), col('ts').cast('string').alias('ts'), col('rid'), col('rts').cast('string').alias('rts'))
      .writeStream.format('json')
      .option('path', path.join(out, 'join'))
      .option('checkpointLocation', checkpoint('join'))
      .trigger({ availableNow: true })
      .start()],
];

// Each query runs to its end even when another fails (the damage matrix judges them one by one):
// a failure is reported as `query <name> failed: <message>` and the process exits with 1.
async function main(): Promise<void> {
  process.stdout.write('started\n');
  const outcomes = await Promise.allSettled(queries.map(async ([, start]) => start().awaitTermination()));
  await spark.stop();
  let failed = false;
  outcomes.forEach((o, i) => {
    if (o.status === 'fulfilled') return;
    failed = true;
    process.stderr.write(`query ${queries[i][0]} failed: ${(o.reason as Error).message}\n`);
  });
  if (failed) process.exit(1);
  process.stdout.write('done\n');
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
