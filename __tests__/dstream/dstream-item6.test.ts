// Issue 13 item 6: keyword arguments as options objects, binaryRecordsStream, failed batches,
// listener BatchInfo/OutputOperationInfo, checkpoint files and getOrCreate recovery, state copies.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EOFException, StreamingContext, StreamingListener, type OutputOperationInfo, type BatchInfo, type Pair, type RDD } from 'rivulet/streaming';
import { IllegalArgumentException } from 'rivulet';
import { cloneValue } from '../../lib/dstream/clone-value';
import { ResultIterable } from '../../lib/dstream/python-repr';
import { block, harness, type Harness } from './dstream-harness';

describe('DStream item 6', () => {
  let h: Harness;
  let dir: string;
  beforeEach(() => {
    h = harness();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-dstream-item6-'));
  });
  afterEach(async () => {
    await h.close();
    await StreamingContext.getActive()?.stop(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('keyword arguments as options objects', () => {
    test('stop({ stopSparkContext: false }) leaves the SparkContext usable', async () => {
      h.ssc.queueStream([[1]]).pprint();
      h.ssc.start();
      await h.ssc.stop({ stopSparkContext: false, stopGraceFully: true });
      expect(StreamingContext.getActive()).toBeNull();
      expect(h.sc.parallelize([1, 2]).collect()).toEqual([1, 2]);
    });

    test('an unknown keyword is refused with Python\'s TypeError text, never ignored', async () => {
      const s = h.ssc.queueStream([[['a', 1] as Pair<string, number>]]);
      await expect(h.ssc.stop({ graceful: true } as never)).rejects.toThrow("StreamingContext.stop() got an unexpected keyword argument 'graceful'");
      expect(() => s.reduceByKey((a, b) => a + b, { partitions: 2 } as never)).toThrow("DStream.reduceByKey() got an unexpected keyword argument 'partitions'");
      expect(() => s.updateStateByKey((vs: number[]) => vs.length, { initialRdd: [] } as never)).toThrow("DStream.updateStateByKey() got an unexpected keyword argument 'initialRdd'");
      expect(() => s.reduceByKeyAndWindow((a, b) => a + b, null, 2, { slide: 1 } as never)).toThrow("DStream.reduceByKeyAndWindow() got an unexpected keyword argument 'slide'");
      expect(() => h.ssc.queueStream([[1]], { oneAtTime: false } as never)).toThrow("StreamingContext.queueStream() got an unexpected keyword argument 'oneAtTime'");
      expect(() => s.pprint({ n: 3 } as never)).toThrow(TypeError);
    });

    test('queueStream({ oneAtATime: false, default }), pprint({ num }), window(w, { slideDuration })', async () => {
      const s = h.ssc.queueStream([[1, 2], [3]], { oneAtATime: false, default: [9] });
      s.pprint({ num: 2 });
      s.window(2, { slideDuration: 1 }).count().pprint();
      h.ssc.start();
      const out = await h.runBatches(2);
      expect(out).toBe(block('2024-01-01 00:00:01', '1', '2', '...') + block('2024-01-01 00:00:01', '3') + block('2024-01-01 00:00:02', '9') + block('2024-01-01 00:00:02', '4'));
    });

    test('reduceByKeyAndWindow keywords from windowDuration on; updateStateByKey({ numPartitions, initialRDD })', async () => {
      h.ssc.checkpoint(path.join(dir, 'chk'));
      const pairs = h.ssc.queueStream<Pair<string, number>>([[['a', 1]], [['a', 2], ['b', 5]]]);
      pairs.reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, { windowDuration: 2, slideDuration: 1, numPartitions: 2, filterFunc: (kv: Pair<string, number>) => kv[1] > 0 }).pprint();
      pairs.updateStateByKey((vs: number[], s: number | null) => vs.reduce((a, b) => a + b, s ?? 0), { numPartitions: 3, initialRDD: [['b', 100]] }).pprint();
      h.ssc.start();
      const out = await h.runBatches(3);
      expect(out).toBe(
        block('2024-01-01 00:00:01', "('a', 1)") + block('2024-01-01 00:00:01', "('b', 100)", "('a', 1)") +
        block('2024-01-01 00:00:02', "('b', 5)", "('a', 3)") + block('2024-01-01 00:00:02', "('b', 105)", "('a', 3)") +
        block('2024-01-01 00:00:03', "('b', 5)", "('a', 2)") + block('2024-01-01 00:00:03', "('b', 105)", "('a', 3)"),
      );
    });

    test('positional-only options of map/reduceByKey/joins/transformWith/saveAsTextFiles/awaitTermination', async () => {
      const pairs = h.ssc.queueStream<Pair<string, number>>([[['a', 1], ['a', 2]]]);
      const reduced = pairs.map((kv) => kv, { preservesPartitioning: true }).reduceByKey((a, b) => a + b, { numPartitions: 4 });
      reduced.join(reduced, { numPartitions: 2 }).transformWith<unknown, Pair<string, number>>((a, b) => (a as RDD<unknown>).union(b), reduced, { keepSerializer: true }).pprint();
      reduced.saveAsTextFiles(path.join(dir, 'out'), { suffix: 'txt' });
      h.ssc.start();
      const out = await h.runBatches(1);
      expect(out).toBe(block('2024-01-01 00:00:01', "('a', (3, 3))", "('a', 3)"));
      expect(fs.readFileSync(path.join(dir, `out-${Date.UTC(2024, 0, 1, 0, 0, 1)}.txt`, 'part-00000'), 'utf8')).toBe("('a', 3)\n");
      expect(await h.ssc.awaitTermination({ timeout: 0.01 })).toBeUndefined();
    });
  });

  describe('binaryRecordsStream', () => {
    test('records of recordLength bytes as Uint8Array, printed as Python bytes; a partial record fails its batch only', async () => {
      const failures: (string | null)[] = [];
      h.ssc.addStreamingListener({ onOutputOperationCompleted: (e) => failures.push(e.outputOperationInfo().failureReason()) });
      const records = h.ssc.binaryRecordsStream(dir, 2);
      records.pprint();
      h.ssc.start();
      await h.runBatches(1);
      const put = (name: string, bytes: number[]): void => {
        fs.writeFileSync(path.join(dir, name), Uint8Array.from(bytes));
        const t = h.clock.now() / 1000;
        fs.utimesSync(path.join(dir, name), t, t);
      };
      put('a', [0, 65, 39, 92]);
      const first = await h.runBatches(1);
      expect(first).toBe(block('2024-01-01 00:00:02', "b'\\x00A'", "b\"'\\\\\""));
      put('b', [1, 2, 3]);
      expect(await h.runBatches(1)).toBe('');
      await expect(h.ssc.awaitTerminationOrTimeout(1)).rejects.toThrow(EOFException);
      put('c', [200, 10]);
      expect(await h.runBatches(1)).toBe(block('2024-01-01 00:00:04', "b'\\xc8\\n'"));
      expect(failures.map((f) => f?.replace(/:.*/, '') ?? null)).toEqual([null, null, 'java.io.EOFException', null]);
    });

    test('recordLength must be a positive integer', () => {
      expect(() => h.ssc.binaryRecordsStream(dir, 0)).toThrow(IllegalArgumentException);
      expect(() => h.ssc.binaryRecordsStream(dir, 0)).toThrow('requirement failed: recordLength must be positive, got 0');
    });
  });

  describe('listener', () => {
    test('BatchInfo and OutputOperationInfo: batch time as Time, one info per output operation, failures named, file stream input info', async () => {
      const completed: BatchInfo[] = [];
      const opEvents: string[] = [];
      class Collector extends StreamingListener {
        override onBatchCompleted(e: { batchInfo(): BatchInfo }): void {
          completed.push(e.batchInfo());
        }
        override onOutputOperationStarted(e: { outputOperationInfo(): OutputOperationInfo }): void {
          opEvents.push(`started ${e.outputOperationInfo().id()} end ${e.outputOperationInfo().endTime()}`);
        }
        override onOutputOperationCompleted(e: { outputOperationInfo(): OutputOperationInfo }): void {
          const o = e.outputOperationInfo();
          opEvents.push(`completed ${o.id()} ${o.failureReason() ?? 'ok'}`);
        }
      }
      h.ssc.addStreamingListener(new Collector());
      const lines = h.ssc.textFileStream(dir);
      lines.pprint();
      lines.map((l) => {
        if (l === 'bad') throw new Error('bad line');
        return l;
      }).pprint();
      h.ssc.start();
      fs.writeFileSync(path.join(dir, 'f1'), 'ok\nbad\n');
      const t = h.clock.now() / 1000;
      fs.utimesSync(path.join(dir, 'f1'), t, t);
      await h.runBatches(1);
      expect(opEvents).toEqual(['started 0 end -1', 'completed 0 ok', 'started 1 end -1', 'completed 1 bad line']);
      const info = completed[0];
      expect(info.batchTime().milliseconds()).toBe(Date.UTC(2024, 0, 1, 0, 0, 1));
      expect(String(info.batchTime())).toBe(`${Date.UTC(2024, 0, 1, 0, 0, 1)} ms`);
      expect(info.numRecords()).toBe(2);
      expect(info.streamIdToInputInfo()[0].inputStreamId()).toBe(0);
      expect(info.streamIdToInputInfo()[0].numRecords()).toBe(2);
      expect(info.outputOperationInfos()[1].failureReason()).toBe('bad line');
      expect(info.outputOperationInfos()[0].name()).toBe('callForeachRDD at NativeMethodAccessorImpl.java:0');
    });
  });

  describe('checkpoints', () => {
    const build = (cp: string, batch = 1, extraStream = false): StreamingContext => {
      const ssc = h.ssc;
      ssc.checkpoint(cp);
      const counts = ssc.queueStream<Pair<string, number>>([[['a', 1]], [['a', 1], ['b', 1]]]).updateStateByKey((vs: number[], s: number | null) => vs.length + (s ?? 0));
      if (extraStream) counts.map((x) => x).pprint();
      counts.pprint();
      void batch;
      return ssc;
    };

    test('a checkpoint is written after every batch; two are kept', async () => {
      const cp = path.join(dir, 'cp');
      build(cp).start();
      await h.runBatches(3);
      expect(fs.readdirSync(cp).filter((f) => f.startsWith('rivulet-dstream-checkpoint-')).sort()).toEqual(
        [Date.UTC(2024, 0, 1, 0, 0, 2), Date.UTC(2024, 0, 1, 0, 0, 3)].map((t) => `rivulet-dstream-checkpoint-${t}`),
      );
    });

    test('getOrCreate refuses a checkpoint written by a different graph', async () => {
      const cp = path.join(dir, 'cp');
      build(cp).start();
      await h.runBatches(1);
      await h.ssc.stop(false);
      const other = harness();
      try {
        expect(() =>
          StreamingContext.getOrCreate(cp, () => {
            other.ssc.queueStream([[1]]).pprint();
            return other.ssc;
          }),
        ).toThrow(`requirement failed: The checkpoint in ${cp} was written by a different DStream graph (batch duration 1000 ms, 2 streams); setupFunc built one with batch duration 1000 ms and 1 streams`);
      } finally {
        await other.close();
      }
    });

    test('getOrCreate resumes the state and the batch times; batches missed while down run first', async () => {
      const cp = path.join(dir, 'cp');
      let ssc = StreamingContext.getOrCreate(cp, () => build(cp));
      ssc.start();
      await h.runBatches(2);
      const stoppedAt = h.clock.now();
      await h.close();
      // The program restarts 3 batch intervals later with the same setup.
      h = harness(1, stoppedAt + 3000);
      ssc = StreamingContext.getOrCreate(cp, () => {
        h.ssc.queueStream<Pair<string, number>>([[['b', 10]]]).updateStateByKey((vs: number[], s: number | null) => vs.length + (s ?? 0)).pprint();
        return h.ssc;
      });
      ssc.start();
      await h.ssc.awaitIdle();
      // Batches 3, 4 and 5 (missed while down) ran at start; the state went on from a=2, b=1.
      // Keys come out by partition: portable_hash('b') % 2 == 0, portable_hash('a') % 2 == 1.
      expect(h.out.text()).toBe(
        block('2024-01-01 00:00:03', "('b', 2)", "('a', 2)") + block('2024-01-01 00:00:04', "('b', 2)", "('a', 2)") + block('2024-01-01 00:00:05', "('b', 2)", "('a', 2)"),
      );
    });
  });

  test('cloneValue copies arrays, objects, Maps, Sets, Dates and typed arrays with their prototypes', () => {
    const grouped = ResultIterable.fromItems([1, 2]);
    const value = { list: [1, [2]], map: new Map([['k', [3]]]), set: new Set([4]), at: new Date(5), bytes: Uint8Array.from([6]), grouped };
    const copy = cloneValue(value);
    expect(copy).toEqual(value);
    expect(copy.list).not.toBe(value.list);
    expect(copy.map.get('k')).not.toBe(value.map.get('k'));
    expect(copy.grouped).toBeInstanceOf(ResultIterable);
    expect(copy.bytes).not.toBe(value.bytes);
    (copy.list[1] as number[]).push(9);
    expect(value.list[1]).toEqual([2]);
  });
});
