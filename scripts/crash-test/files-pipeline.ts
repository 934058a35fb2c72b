// The file-source pipeline the crash harness kills (scripts/crash-test/harness.ts): queries over
// folders of JSON files (made by the harness, see writeFilesInput) with maxFilesPerTrigger=1, run
// with availableNow until the input is done. Outputs (under --out):
//   boundaries/<batchId>.json  each batch's rows, by foreachBatch: batch boundaries must not move
//   windows/                   watermarked 30 s windowed counts, Parquet sink (append)
//   dedup/                     dropDuplicates within the watermark, Parquet sink (append)
//   join/                      stream-stream full outer join with a time range, JSON sink (append)
import * as path from 'node:path';
import minimist from 'minimist';
import { runQueriesToTheEnd, writeAtomically } from './pipeline-process';
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

runQueriesToTheEnd(spark, queries);
