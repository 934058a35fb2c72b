// `npm start`: the seed tutorial's socket word count against a built-in line server that replays
// sample text, one line per micro-batch. Prints Spark's console tables and ends by itself.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StreamSession } from 'rivulet';
import { expr } from 'rivulet/functions';
import { LineServer } from './line-server';

const SAMPLE = ['spark sql streaming', 'spark graphx pyspark', 'streaming with rivulet in typescript', 'spark spark spark'];

async function main(): Promise<void> {
  const server = new LineServer();
  const port = await server.listen();
  const checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-demo-'));

  const spark = StreamSession.builder().appName('stream-word-count').getOrCreate();
  spark.sparkContext.setLogLevel('ERROR');
  const lines_df = spark.readStream.format('socket').option('host', 'localhost').option('port', port).load();
  const words_df = lines_df.select(expr("explode(split(value, ' ')) as word"));
  const counts_df = words_df.groupBy('word').count();
  const query = counts_df.writeStream.format('console').outputMode('complete').option('checkpointLocation', checkpoint).start();

  await server.waitForClient();
  for (const line of SAMPLE) {
    process.stderr.write(`>>> ${line}\n`);
    await server.send(line);
    await query.processAllAvailable();
  }
  await query.stop();
  await server.close();
  fs.rmSync(checkpoint, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
