// PySpark's network_wordcount.py against a real TCP server on 127.0.0.1, batches driven by a
// ManualClock: lines that arrived before a batch boundary form that batch.
import { setLogSink } from 'rivulet/util/logger';
import { pendingRecords, type DStream, type Pair } from 'rivulet/streaming';
import { LineServer } from '../../scripts/line-server';
import { block, harness, type Harness } from './dstream-harness';

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('socketTextStream word count', () => {
  let server: LineServer;
  let port: number;
  let h: Harness;
  let logs: string[];
  let restoreLogs: () => void;

  beforeEach(async () => {
    server = new LineServer();
    port = await server.listen();
    h = harness();
    logs = [];
    restoreLogs = setLogSink((line) => void logs.push(line));
  });

  afterEach(async () => {
    await h.close();
    restoreLogs();
    await server.close();
  });

  function wordCount(): DStream<string> {
    const lines = h.ssc.socketTextStream('localhost', port);
    const counts = lines
      .flatMap((line) => line.split(' '))
      .map((word) => [word, 1] as Pair<string, number>)
      .reduceByKey((a, b) => a + b);
    counts.pprint();
    return lines;
  }

  test('each batch counts the words that arrived during it', async () => {
    const lines = wordCount();
    h.ssc.start();
    await server.waitForClient();
    await server.send('spark sql streaming', 'spark');
    await until(() => pendingRecords(lines) === 2, 'two lines');
    // reduceByKey hashes the words into defaultParallelism (2) partitions as PySpark does
    // (portable_hash('streaming') % 2 == 0); each partition keeps its words in first-seen order.
    expect(await h.runBatches(1)).toBe(block('2024-01-01 00:00:01', "('streaming', 1)", "('spark', 2)", "('sql', 1)"));
    expect(await h.runBatches(1)).toBe(block('2024-01-01 00:00:02'));
    await server.send('spark graphx pyspark');
    await until(() => pendingRecords(lines) === 1, 'one line');
    expect(await h.runBatches(1)).toBe(block('2024-01-01 00:00:03', "('spark', 1)", "('graphx', 1)", "('pyspark', 1)"));
  });

  test('a closed connection is logged and retried, as Spark restarts its receiver', async () => {
    const lines = wordCount();
    h.ssc.start();
    await server.waitForClient();
    await server.send('a b a');
    await until(() => pendingRecords(lines) === 1, 'a line');
    server.disconnectClients();
    expect(await h.runBatches(1)).toBe(block('2024-01-01 00:00:01', "('b', 1)", "('a', 2)"));
    // The receiver sees the close at a later batch boundary (the close event is asynchronous).
    const deadline = Date.now() + 10_000;
    while (!logs.some((l) => l.includes('WARN ReceiverSupervisorImpl: Restarting receiver with delay 2000 ms: Socket data stream had no more data'))) {
      if (Date.now() > deadline) throw new Error('no restart warning');
      await new Promise((r) => setTimeout(r, 5));
      expect(await h.runBatches(1)).toMatch(/^-{43}\nTime: [^\n]+\n-{43}\n\n$/);
    }
    // Two seconds of clock time later it connects again.
    await h.runBatches(2);
    await server.waitForClient();
    await server.send('c');
    await until(() => pendingRecords(lines) === 1, 'a line after reconnecting');
    expect(await h.runBatches(1)).toContain("('c', 1)");
  });

  test('a graceful stop processes the lines already received', async () => {
    const lines = wordCount();
    h.ssc.start();
    await server.waitForClient();
    await server.send('last words');
    await until(() => pendingRecords(lines) === 1, 'a line');
    await h.runBatches(0);
    await h.ssc.stop(false, true);
    expect(h.out.text()).toBe(block('2024-01-01 00:00:01', "('last', 1)", "('words', 1)"));
  });

  test('a refused connection is logged and retried until the server is up', async () => {
    await server.close();
    const lines = wordCount();
    h.ssc.start();
    await h.runBatches(1);
    expect(logs.join('')).toContain(`WARN ReceiverSupervisorImpl: Restarting receiver with delay 2000 ms: Error connecting to localhost:${port}`);
    server = new LineServer();
    await server.listen(port);
    await h.runBatches(2);
    await server.waitForClient();
    await server.send('up');
    await until(() => pendingRecords(lines) === 1, 'a line');
    expect(await h.runBatches(1)).toBe(block('2024-01-01 00:00:04', "('up', 1)"));
  });
});
