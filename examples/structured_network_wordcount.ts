// The Structured Streaming guide's network word count, ported line for line from PySpark.
//
//   npx tsx scripts/line-server.ts --port 9999        # in one terminal (or: nc -lk 9999)
//   npx tsx examples/structured_network_wordcount.ts  # in another; type words into the first
//
// Options: --host localhost --port 9999
import minimist from 'minimist';
import { StreamSession } from 'rivulet';
import { expr } from 'rivulet/functions';

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['host'], default: { host: 'localhost', port: 9999 } });

  const spark = StreamSession.builder().appName('stream-word-count').getOrCreate();
  const lines_df = spark.readStream.format('socket').option('host', args.host).option('port', String(args.port)).load();
  const words_df = lines_df.select(expr("explode(split(value, ' ')) as word"));
  const counts_df = words_df.groupBy('word').count();
  const word_count_query = counts_df.writeStream.format('console').outputMode('complete').option('checkpointLocation', '.checkpoint').start();
  await word_count_query.awaitTermination();
}

void main();
