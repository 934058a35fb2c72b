// The rate source into the console, once a second, as in Spark's guide:
//
//   npx tsx examples/rate_to_console.ts                 # Ctrl-C to stop
//   npx tsx examples/rate_to_console.ts --seconds 3     # stop by itself after 3 seconds
import minimist from 'minimist';
import { StreamSession } from 'rivulet';
import { col } from 'rivulet/functions';

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { default: { rowsPerSecond: 5 } });

  const spark = StreamSession.builder().appName('rate-to-console').getOrCreate();
  spark.sparkContext.setLogLevel('WARN');
  const rate = spark.readStream.format('rate').option('rowsPerSecond', args.rowsPerSecond).option('numPartitions', 1).load();
  const evens = rate.where(col('value').mod(2).eq(0)).withColumn('square', col('value').multiply(col('value')));
  const query = evens.writeStream.format('console').option('truncate', false).trigger({ processingTime: '1 second' }).start();

  if (args.seconds !== undefined) {
    await query.awaitTermination(Number(args.seconds));
    await query.stop();
  } else {
    await query.awaitTermination();
  }
}

void main();
