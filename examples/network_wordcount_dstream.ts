// Spark's examples/src/main/python/streaming/network_wordcount.py, ported line for line: counts
// the words received from a TCP server every second, with the legacy DStream API.
//
//   npx tsx scripts/line-server.ts --port 9999                       # or: nc -lk 9999
//   npx tsx examples/network_wordcount_dstream.ts localhost 9999     # type words into the first
import { SparkContext, StreamingContext } from 'rivulet/streaming';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length !== 2) {
    process.stderr.write('Usage: network_wordcount_dstream.ts <hostname> <port>\n');
    process.exit(255);
  }
  const sc = new SparkContext({ appName: 'PythonStreamingNetworkWordCount' });
  const ssc = new StreamingContext(sc, 1);

  const lines = ssc.socketTextStream(argv[0], Number(argv[1]));
  const counts = lines
    .flatMap((line) => line.split(' '))
    .map((word) => [word, 1])
    .reduceByKey((a, b) => a + b);
  counts.pprint();

  ssc.start();
  await ssc.awaitTermination();
}

void main();
