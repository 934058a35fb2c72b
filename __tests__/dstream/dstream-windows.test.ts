// Window operations on a ManualClock: which batches each window covers, when it fires, and the
// incremental (inverse function) path PySpark takes for windows of 5 slides or more.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Pair, RDD } from 'rivulet/streaming';
import { block, harness, type Harness } from './dstream-harness';

const t = (s: number): string => `2024-01-01 00:00:${String(s).padStart(2, '0')}`;

describe('DStream windows', () => {
  let h: Harness;
  let dir: string;
  beforeEach(() => {
    h = harness();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-dstream-win-'));
  });
  afterEach(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('window(3, 2) fires every 2 batches over the last 3 batches', async () => {
    h.ssc.queueStream([[1], [2], [3], [4], [5]]).window(3, 2).pprint();
    h.ssc.start();
    expect(await h.runBatches(6)).toBe(block(t(2), '1', '2') + block(t(4), '2', '3', '4') + block(t(6), '4', '5'));
  });

  test('window with the default slide, countByWindow and reduceByWindow without inverse', async () => {
    h.ssc.checkpoint(dir);
    const s = h.ssc.queueStream([[1, 1], [2], [], [], []]);
    s.window(2).pprint();
    s.countByWindow(2, 1).pprint();
    s.reduceByWindow((a, b) => a + b, null, 2, 1).pprint();
    h.ssc.start();
    const text = await h.runBatches(4);
    expect(text).toBe(
      block(t(1), '1', '1') + block(t(1), '2') + block(t(1), '2') +
        block(t(2), '1', '1', '2') + block(t(2), '3') + block(t(2), '4') +
        block(t(3), '2') + block(t(3), '1') + block(t(3), '2') +
        block(t(4)) + block(t(4)) + block(t(4)),
    );
  });

  test('reduceByKeyAndWindow without inverse recomputes the window each slide', async () => {
    const words = h.ssc.queueStream([['a', 'b'], ['a'], ['c'], ['a']]);
    words.map((w) => [w, 1] as Pair<string, number>).reduceByKeyAndWindow((a, b) => a + b, null, 3, 1).pprint();
    h.ssc.start();
    expect(await h.runBatches(4)).toBe(
      block(t(1), "('b', 1)", "('a', 1)") + block(t(2), "('b', 1)", "('a', 2)") + block(t(3), "('b', 1)", "('c', 1)", "('a', 2)") + block(t(4), "('c', 1)", "('a', 2)"),
    );
  });

  test('reduceByKeyAndWindow with inverse over 5+ slides keeps expired keys at zero unless filtered', async () => {
    h.ssc.checkpoint(dir);
    const pairs = h.ssc.queueStream([['a'], ['b'], [], [], [], [], []]).map((w) => [w, 1] as Pair<string, number>);
    pairs.reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, 5, 1).pprint();
    pairs.reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, 5, 1, undefined, (kv) => kv[1] > 0).pprint();
    h.ssc.start();
    const text = await h.runBatches(7);
    expect(text).toContain(block(t(5), "('b', 1)", "('a', 1)") + block(t(5), "('b', 1)", "('a', 1)"));
    expect(text).toContain(block(t(6), "('b', 1)", "('a', 0)") + block(t(6), "('b', 1)"));
    expect(text.endsWith(block(t(7), "('b', 0)", "('a', 0)") + block(t(7)))).toBe(true);
  });

  test('reduceByKeyAndWindow with inverse over a short window equals the plain one', async () => {
    h.ssc.checkpoint(dir);
    const pairs = h.ssc.queueStream([['a', 'a'], ['b'], ['a'], []]).map((w) => [w, 1] as Pair<string, number>);
    pairs.reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, 2, 1).pprint();
    pairs.reduceByKeyAndWindow((a, b) => a + b, null, 2, 1).pprint();
    h.ssc.start();
    const text = await h.runBatches(4);
    const blocks = text.split(/(?=-{43}\nTime)/);
    for (let i = 0; i < blocks.length; i += 2) expect(blocks[i]).toBe(blocks[i + 1]);
    expect(text).toContain(block(t(3), "('b', 1)", "('a', 1)"));
  });

  test('countByValueAndWindow drops zero counts; groupByKeyAndWindow lists the window values', async () => {
    h.ssc.checkpoint(dir);
    const s = h.ssc.queueStream([['x', 'y', 'x'], ['y'], []]);
    s.countByValueAndWindow(2, 1).pprint();
    s.map((v) => [v, v.toUpperCase()] as Pair<string, string>).groupByKeyAndWindow(2, 1).pprint();
    h.ssc.start();
    const text = await h.runBatches(3);
    expect(text).toBe(
      block(t(1), "('x', 2)", "('y', 1)") + block(t(1), "('x', ['X', 'X'])", "('y', ['Y'])") +
        block(t(2), "('x', 2)", "('y', 2)") + block(t(2), "('x', ['X', 'X'])", "('y', ['Y', 'Y'])") +
        block(t(3), "('y', 1)") + block(t(3), "('y', ['Y'])"),
    );
  });

  test('slice returns the RDDs of a time range; windows over windows keep enough history', async () => {
    const s = h.ssc.queueStream([[1], [2], [3], [4], [5], [6]]);
    s.window(2, 2).window(4, 2).pprint();
    const sliced: number[][] = [];
    s.foreachRDD((time: Date, _rdd: RDD<number>) => void sliced.push(s.slice(new Date(time.getTime() - 1000), time).flatMap((r) => r.collect())));
    h.ssc.start();
    const text = await h.runBatches(6);
    expect(text).toBe(block(t(2), '1', '2') + block(t(4), '1', '2', '3', '4') + block(t(6), '3', '4', '5', '6'));
    expect(sliced).toEqual([[1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6]]);
  });
});
