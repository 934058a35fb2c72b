// StreamingContext life cycle and Spark's error texts; saveAsTextFiles and textFileStream.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SparkContext, StreamingContext, StreamingListener, IllegalStateException, type BatchEvent, type RDD } from 'rivulet/streaming';
import { IllegalArgumentException, PySparkValueError } from 'rivulet';
import { block, harness, START, type Harness } from './dstream-harness';
import { newSession } from '../support/session';

describe('StreamingContext', () => {
  let h: Harness;
  let dir: string;
  beforeEach(() => {
    h = harness();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-dstream-ctx-'));
  });
  afterEach(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('start without output operations fails with Spark text', () => {
    h.ssc.queueStream([[1]]);
    expect(() => h.ssc.start()).toThrow(IllegalArgumentException);
    expect(() => h.ssc.start()).toThrow('requirement failed: No output operations registered, so nothing to execute');
  });

  test('stateful operations need checkpoint()', () => {
    const pairs = h.ssc.queueStream([[['a', 1]] as [string, number][]]);
    pairs.updateStateByKey((vs: number[], s: number | null) => (s ?? 0) + vs.length).pprint();
    expect(() => h.ssc.start()).toThrow('requirement failed: The checkpoint directory has not been set. Please set it by StreamingContext.checkpoint().');
    h.ssc.checkpoint(path.join(dir, 'ckpt'));
    expect(fs.existsSync(path.join(dir, 'ckpt'))).toBe(true);
    expect(() => h.ssc.start()).not.toThrow();
  });

  test('inverse windows need checkpoint(); plain windows do not', () => {
    const pairs = h.ssc.queueStream([[['a', 1]] as [string, number][]]);
    pairs.reduceByKeyAndWindow((a, b) => a + b, null, 2, 1).pprint();
    pairs.countByWindow(2, 1).pprint();
    expect(() => h.ssc.start()).toThrow('The checkpoint directory has not been set');
  });

  test('window and slide durations must be multiples of the batch interval', () => {
    const s = h.ssc.queueStream([[1]]);
    expect(() => s.window(1.5)).toThrow(PySparkValueError);
    expect(() => s.window(1.5)).toThrow("windowDuration must be multiple of the parent dstream's slide (batch) duration (1000 ms)");
    expect(() => s.window(4, 2.5)).toThrow("slideDuration must be multiple of the parent dstream's slide (batch) duration (1000 ms)");
    expect(() => s.countByWindow(3, 0.5)).toThrow('slideDuration must be multiple');
    const slower = s.window(2, 2);
    expect(() => slower.window(3)).toThrow('(2000 ms)');
    expect(() => s.union(slower)).toThrow('the two DStream should have same slide duration');
    expect(() => h.ssc.union(s, slower)).toThrow('All DStreams should have same slide duration');
  });

  test('no new operations after start; start after stop fails', async () => {
    const s = h.ssc.queueStream([[1]]);
    s.pprint();
    h.ssc.start();
    expect(StreamingContext.getActive()).toBe(h.ssc);
    expect(() => s.map((x) => x)).toThrow(IllegalStateException);
    expect(() => s.pprint()).toThrow('Adding new inputs, transformations, and output operations after starting a context is not supported');
    await h.ssc.stop(false);
    expect(StreamingContext.getActive()).toBeNull();
    expect(() => h.ssc.start()).toThrow('StreamingContext has already been stopped');
    expect(() => h.ssc.queueStream([[1]])).toThrow('after stopping a context is not supported');
  });

  test('awaitTerminationOrTimeout, awaitTermination and stop', async () => {
    h.ssc.queueStream([[1]]).pprint();
    h.ssc.start();
    expect(await h.ssc.awaitTerminationOrTimeout(0.01)).toBe(false);
    const waiting = h.ssc.awaitTermination();
    await h.ssc.stop(false);
    await expect(waiting).resolves.toBeUndefined();
    expect(await h.ssc.awaitTerminationOrTimeout(5)).toBe(true);
  });

  test('an error in a batch fails that batch only: awaitTermination raises it, later batches still run (as PySpark)', async () => {
    h.ssc.queueStream([[1], [0], [4]]).map((x) => {
      if (x === 0) throw new Error('division by zero');
      return 1 / x;
    }).pprint();
    h.ssc.start();
    const termination = h.ssc.awaitTermination();
    await h.runBatches(2);
    await expect(termination).rejects.toThrow('division by zero');
    await h.runBatches(1);
    expect(h.out.text()).toBe(block('2024-01-01 00:00:01', '1') + block('2024-01-01 00:00:03', '0.25'));
    // Spark's ContextWaiter keeps the error: every later wait raises it again.
    await expect(h.ssc.awaitTerminationOrTimeout(5)).rejects.toThrow('division by zero');
  });

  test('a StreamingListener sees each batch with its time and record count', async () => {
    const seen: string[] = [];
    class Recorder extends StreamingListener {
      override onStreamingStarted(e: { time(): number }): void {
        seen.push(`started ${e.time() - START}`);
      }
      override onBatchCompleted(e: BatchEvent): void {
        const info = e.batchInfo();
        seen.push(`batch ${info.batchTime().milliseconds() - START} records ${info.numRecords()} delay ${info.processingDelay()}`);
      }
    }
    h.ssc.addStreamingListener(new Recorder());
    h.ssc.addStreamingListener({ onBatchStarted: () => { throw new Error('listener bug'); } });
    const s = h.ssc.queueStream([[1, 2, 3], [4]]);
    s.pprint();
    s.count().pprint();
    h.ssc.start();
    await h.runBatches(3);
    // Spark's QueueInputDStream reports no input info: numRecords() is 0 for queueStream batches
    // (checked against PySpark 4.2's listener).
    expect(seen).toEqual(['started 0', 'batch 1000 records 0 delay 0', 'batch 2000 records 0 delay 0', 'batch 3000 records 0 delay 0']);
  });

  test('only one StreamingContext runs at a time', async () => {
    h.ssc.queueStream([[1]]).pprint();
    h.ssc.start();
    const other = new StreamingContext(h.sc, 1);
    other.queueStream([[1]]).pprint();
    expect(() => other.start()).toThrow('Only one StreamingContext may be started in this JVM.');
    await other.stop(false);
  });

  test('batch times are multiples of the interval after the start time', async () => {
    h.clock.advance(400);
    const times: number[] = [];
    h.ssc.queueStream([[1]]).foreachRDD((time: Date, _rdd: RDD<number>) => void times.push(time.getTime()));
    h.ssc.start();
    await h.runBatches(2);
    expect(times).toEqual([START + 1000, START + 2000]);
  });

  test('saveAsTextFiles writes prefix-<ms>.suffix directories with one line per element', async () => {
    const prefix = path.join(dir, 'out');
    h.ssc.queueStream([[['a', 1], ['b', 2]] as [string, number][], []]).saveAsTextFiles(prefix, 'txt');
    h.ssc.queueStream([['x']]).saveAsTextFiles(path.join(dir, 'plain'));
    h.ssc.start();
    await h.runBatches(2);
    const first = `${prefix}-${START + 1000}.txt`;
    expect(fs.readdirSync(first).sort()).toEqual(['_SUCCESS', 'part-00000']);
    expect(fs.readFileSync(path.join(first, 'part-00000'), 'utf8')).toBe("('a', 1)\n('b', 2)\n");
    expect(fs.readFileSync(path.join(`${prefix}-${START + 2000}.txt`, 'part-00000'), 'utf8')).toBe('');
    expect(fs.readFileSync(path.join(dir, `plain-${START + 1000}`, 'part-00000'), 'utf8')).toBe('x\n');
  });

  test('textFileStream reads files that appear after the start, once, skipping dot files', async () => {
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    const put = (name: string, text: string, mtimeMs: number): void => {
      const file = path.join(input, name);
      fs.writeFileSync(file, text);
      fs.utimesSync(file, mtimeMs / 1000, mtimeMs / 1000);
    };
    put('old.txt', 'before start\n', START - 5000);
    h.ssc.textFileStream(input).pprint();
    h.ssc.start();
    put('a.txt', 'one\ntwo\n', START + 500);
    put('.hidden', 'no\n', START + 500);
    put('later.txt', 'not yet\n', START + 1500);
    expect(await h.runBatches(1)).toBe(block('2024-01-01 00:00:01', 'one', 'two'));
    expect(await h.runBatches(1)).toBe(block('2024-01-01 00:00:02', 'not yet'));
    expect(await h.runBatches(1)).toBe(block('2024-01-01 00:00:03'));
  });
});

describe('SparkContext', () => {
  test('PySpark constructor form, parallelize and the RDD basics', async () => {
    const sc = new SparkContext('local[2]', 'NetworkWordCount');
    expect(sc.master).toBe('local[2]');
    expect(sc.appName).toBe('NetworkWordCount');
    const rdd = sc.parallelize([['b', 2], ['a', 1], ['b', 3]] as [string, number][]);
    expect(rdd.reduceByKey((x, y) => x + y).collect()).toEqual([['b', 5], ['a', 1]]);
    expect(rdd.map(([k]) => k).distinct().count()).toBe(2);
    expect(rdd.sortByKey().keys().collect()).toEqual(['a', 'b', 'b']);
    expect(() => sc.emptyRDD().reduce((a, b) => a)).toThrow('Can not reduce() empty RDD');
    expect(() => sc.setLogLevel('LOUD')).toThrow('Supplied level LOUD did not match one of: ALL,DEBUG,ERROR,FATAL,INFO,OFF,TRACE,WARN');
    await sc.stop();
  });

  test('keyword form: SparkContext({ master, appName, conf })', async () => {
    const sc = new SparkContext({ appName: 'kw', conf: { 'spark.default.parallelism': '3' } });
    expect(sc.appName).toBe('kw');
    expect(sc.defaultParallelism).toBe(3);
    await sc.stop();
  });

  test('a session sparkContext works as the StreamingContext argument', async () => {
    const spark = newSession();
    const ssc = new StreamingContext(spark.sparkContext, 2);
    expect(ssc.batchDurationMs).toBe(2000);
    expect(ssc.sparkContext.backingSession).toBe(spark);
    await ssc.stop(true);
  });
});

describe('package entries', () => {
  test("'rivulet' and 'rivulet/streaming' export the same SparkContext", async () => {
    const root = await import('rivulet');
    const streaming = await import('rivulet/streaming');
    expect(root.SparkContext).toBe(streaming.SparkContext);
    const sc = new root.SparkContext('local[2]', 'NetworkWordCount');
    expect(sc.parallelize([1, 2, 3]).map((x) => x * 2).collect()).toEqual([2, 4, 6]);
    await sc.stop();
  });
});
