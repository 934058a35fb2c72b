// The seed's word count, run on a Spark cluster through Spark Connect. The only change from a
// local script is the session builder's `.remote(url)` (or SPARK_REMOTE in the environment).
//
//   bash scripts/spark/connect-server.sh start 15002      # a local Spark Connect server to try it
//   npx tsx examples/remote_word_count.ts --remote sc://127.0.0.1:15002 --input /tmp/words
//   bash scripts/spark/connect-server.sh stop 15002
//
// Paths are read by the server: with a cluster, put the input where the cluster can read it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import minimist from 'minimist';
import { StreamSession } from 'rivulet';
import { col, explode, split } from 'rivulet/functions';

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['remote', 'input'] });
  const remote = args.remote ?? process.env.SPARK_REMOTE ?? 'sc://127.0.0.1:15002';
  let input = args.input as string | undefined;
  if (!input) {
    input = fs.mkdtempSync(path.join(os.tmpdir(), 'words-'));
    fs.writeFileSync(path.join(input, 'a.txt'), 'to be or not to be\nthat is the question\n');
  }

  const spark = StreamSession.builder().remote(remote).appName('remote-word-count').getOrCreate();
  const lines = spark.readStream.text(input);
  const words = lines.select(explode(split(col('value'), ' ')).alias('word')).where(col('word').ne(''));
  const query = words.groupBy('word').count().writeStream.format('memory').queryName('word_counts').outputMode('complete').start();

  await query.processAllAvailable();
  spark.table('word_counts').orderBy(col('count').desc(), col('word')).show();
  await query.stop();
  await spark.stop();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
