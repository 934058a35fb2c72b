// Spark's examples/src/main/python/streaming/stateful_network_wordcount.py, ported line for line
// (running word counts with updateStateByKey and initialRDD=), with its context built through
// StreamingContext.getOrCreate so that a restarted program resumes the counts from the checkpoint.
//
//   npx tsx scripts/line-server.ts --port 9999                                  # or: nc -lk 9999
//   npx tsx examples/stateful_network_wordcount_dstream.ts localhost 9999 [checkpointDir]
// Stop it with Ctrl-C and start it again: the counts go on where they were.
import { SparkContext, StreamingContext, type Pair } from 'rivulet/streaming';

function createContext(host: string, port: number, checkpointDir: string): StreamingContext {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 1);
  ssc.checkpoint(checkpointDir);

  // RDD with initial state (key, value) pairs
  const initialStateRDD = sc.parallelize<Pair<string, number>>([['hello', 1], ['world', 1]]);

  const updateFunc = (newValues: number[], lastSum: number | null): number => newValues.reduce((a, b) => a + b, 0) + (lastSum ?? 0);

  const lines = ssc.socketTextStream(host, port);
  const runningCounts = lines
    .flatMap((line) => line.split(' '))
    .map((word): Pair<string, number> => [word, 1])
    .updateStateByKey(updateFunc, { initialRDD: initialStateRDD });

  runningCounts.pprint();
  return ssc;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length !== 2 && argv.length !== 3) {
    process.stderr.write('Usage: stateful_network_wordcount_dstream.ts <hostname> <port> [checkpointDir]\n');
    process.exit(255);
  }
  const sc = new SparkContext({ appName: 'PythonStreamingStatefulNetworkWordCount' });
  sc.setLogLevel('WARN');
  const checkpointDir = argv[2] ?? 'checkpoint';
  const ssc = StreamingContext.getOrCreate(checkpointDir, () => createContext(argv[0], Number(argv[1]), checkpointDir));
  ssc.start();
  await ssc.awaitTermination();
}

void main();
