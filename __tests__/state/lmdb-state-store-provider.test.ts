// The lmdb provider: one environment per operator under state/<op>/lmdb, only the latest version
// plus one step back, clear errors for any other version, and commits that stay whole when the
// process is killed with SIGKILL in the middle of writing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { SparkException } from '../../lib/errors/spark-exception';
import { LmdbStateStoreProvider } from '../../lib/state/lmdb-state-store-provider';
import type { StateStore } from '../../lib/state/state-store';
import { modelAt } from './fixtures/lmdb-crash-workload';
import { errorOf } from '../support/errors';

let stateDir: string;
const providers: LmdbStateStoreProvider[] = [];
beforeEach(() => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-lmdb-state-'));
});
afterEach(() => {
  for (const p of providers.splice(0)) p.close();
  fs.rmSync(stateDir, { recursive: true, force: true });
});

function provider(): LmdbStateStoreProvider {
  const p = new LmdbStateStoreProvider({ stateDir });
  providers.push(p);
  return p;
}

const entries = (store: StateStore) => [...store.iterator()];

test('one lmdb environment per operator, shared by its partitions', () => {
  const p = provider();
  for (let part = 0; part < 5; part++) {
    const store = p.getStore(3, part, 0);
    store.put(`key-${part}`, part);
    store.commit();
  }
  expect(fs.readdirSync(path.join(stateDir, '3'))).toEqual(['lmdb']);
  expect(fs.readdirSync(path.join(stateDir, '3', 'lmdb')).sort()).toEqual(['data.mdb', 'lock.mdb']);
  for (let part = 0; part < 5; part++) expect(entries(p.getStore(3, part, 1))).toEqual([[`key-${part}`, part]]);
});

test('a version that is neither the stored one nor one step back fails with CANNOT_LOAD_STATE_STORE', () => {
  const p = provider();
  for (let v = 0; v < 3; v++) {
    const store = p.getStore(0, 1, v);
    store.put('k', v);
    store.commit();
  }
  const dir = path.join(stateDir, '0', 'lmdb');
  const tooOld = errorOf(() => p.getStore(0, 1, 1));
  expect(tooOld).toBeInstanceOf(SparkException);
  expect(tooOld.errorClass).toBe('CANNOT_LOAD_STATE_STORE.UNCATEGORIZED');
  expect(tooOld.sqlState).toBe('58030');
  expect(tooOld.message).toContain(
    `An error occurred during loading state. Cannot load version 1 of LmdbStateStoreProvider[id = (op=0,part=1),dir = ${dir}]: the store holds version 3, or 2 by undoing its latest batch.`,
  );
  expect(errorOf(() => p.getStore(0, 1, 4)).message).toContain('Cannot load version 4 of');
  // One step back works once; then only that version is available.
  expect(p.getStore(0, 1, 2).get('k')).toBe(1);
  expect(errorOf(() => p.getStore(0, 1, 1)).message).toContain('the store holds only version 2.');
  expect(errorOf(() => p.getStore(0, 1, 3)).message).toContain('Cannot load version 3 of');
  // A partition that never committed holds version 0 only.
  expect(errorOf(() => p.getStore(0, 7, 2)).message).toContain('the store holds only version 0.');
});

test('a store whose version was committed by another store meanwhile refuses to commit', () => {
  const p = provider();
  const first = p.getStore(0, 0, 0);
  const second = p.getStore(0, 0, 0);
  first.put('a', 1);
  first.commit();
  second.put('b', 2);
  expect(() => second.commit()).toThrow('was loaded at version 0 but the store now holds version 1');
  expect(entries(p.getStore(0, 0, 1))).toEqual([['a', 1]]);
});

test('numKeys is stored with the version and survives a restart', () => {
  const p = provider();
  const store = p.getStore(0, 0, 0);
  for (let i = 0; i < 1000; i++) store.put(i, i);
  for (let i = 0; i < 1000; i += 3) store.remove(i);
  store.commit();
  p.close();
  const reloaded = provider().getStore(0, 0, 1);
  expect(reloaded.numKeys).toBe(666);
  expect(entries(reloaded).length).toBe(666);
});

/** Runs the writer child from `from` until it has printed `stopAfter` versions, then SIGKILLs it. */
function runAndKill(from: number, stopAfter: number): Promise<number> {
  const root = path.resolve(__dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'lmdb-crash-writer.ts'), stateDir, String(from), '1000000'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  let errors = '';
  let last = from;
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      printed += d.toString();
      const lines = printed.split('\n').filter((l) => l !== '');
      last = Number(lines[lines.length - 1]);
      if (lines.length >= stopAfter) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`writer exited with ${code}: ${errors}`));
    });
  });
}

test('commits stay whole when the writing process is killed with SIGKILL, and the last batch can be undone', async () => {
  let from = 0;
  for (let round = 0; round < 3; round++) {
    const lastPrinted = await runAndKill(from, 8 + round * 5);
    // The kill may land after a commit and before its version was printed.
    const p = provider();
    let stored: number;
    try {
      p.getStore(0, 0, lastPrinted + 1);
      stored = lastPrinted + 1;
    } catch {
      stored = lastPrinted;
    }
    const store = p.getStore(0, 0, stored);
    expect(entries(store)).toEqual([...modelAt(stored)]);
    expect(store.numKeys).toBe(modelAt(stored).size);
    p.close();
    // Alternate: resume at the stored version, or re-run the last batch as after a crash before commits/N.
    from = round % 2 === 0 ? stored - 1 : stored;
    if (from < stored) {
      const back = provider().getStore(0, 0, from);
      expect(entries(back)).toEqual([...modelAt(from)]);
    }
    for (const q of providers.splice(0)) q.close();
  }
  const final = provider().getStore(0, 0, from);
  expect(entries(final)).toEqual([...modelAt(from)]);
}, 60_000);

/** Opens the environment of operator 0 directly (after the provider closed it). */
function openRaw<T>(read: (root: import('lmdb').RootDatabase) => T): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lmdb = require('lmdb') as typeof import('lmdb');
  const root = lmdb.open({ path: path.join(stateDir, '0', 'lmdb'), maxDbs: 9 });
  try {
    return read(root);
  } finally {
    void root.close();
  }
}

function closeAll(): void {
  for (const q of providers.splice(0)) q.close();
}

test('keys and values are stored in the binary encoding of the default store, and the environment records its format', () => {
  const p = provider();
  const store = p.getStore(0, 3, 0);
  store.put('k', [1, 'two', 3.5]);
  store.commit();
  closeAll();
  openRaw((root) => {
    expect(root.openDB({ name: 'flushes', encoding: 'string' }).get('format')).toBe('binary-2');
    const [{ key, value }] = [...root.openDB({ name: 'data', encoding: 'binary', keyEncoding: 'binary' }).getRange({})] as { key: Buffer; value: Buffer }[];
    // Partition 3 (u32 big-endian), then the key as the binary codec writes it: tag 5, length, UTF-8.
    expect([...key]).toEqual([0, 0, 0, 3, 5, 1, 0, 0, 0, 'k'.charCodeAt(0)]);
    // f64 sequence 0, f64 event time NaN (none), then the value: no JSON text.
    expect(value.readDoubleLE(0)).toBe(0);
    expect(value.readDoubleLE(8)).toBeNaN();
    expect(value.toString('latin1')).not.toContain('[');
  });
  expect(provider().getStore(0, 3, 1).get('k')).toEqual([1, 'two', 3.5]);
});

test('binary keys: numbers, strings, bigints, arrays by content, -0 as 0, and keys over 1 KiB under their hash', () => {
  const long = 'x'.repeat(3000);
  const longArray = ['y'.repeat(700), 'z'.repeat(700)];
  const p = provider();
  const store = p.getStore(0, 0, 0);
  store.put(1, 'int');
  store.put(1.5, 'double');
  store.put('1', 'string');
  store.put(1n, 'bigint');
  store.put(['a', 1], 'array');
  store.put(-0, 'zero');
  store.put(long, 'long');
  store.put(longArray, 'long array');
  store.put('héllo \u{1F600}', 'utf8');
  expect(store.get(['a', 1])).toBe('array');
  expect(store.get(0)).toBe('zero');
  store.commit();
  closeAll();
  const again = provider().getStore(0, 0, 1);
  expect(entries(again)).toEqual([
    [1, 'int'],
    [1.5, 'double'],
    ['1', 'string'],
    [1n, 'bigint'],
    [['a', 1], 'array'],
    [0, 'zero'],
    [long, 'long'],
    [longArray, 'long array'],
    ['héllo \u{1F600}', 'utf8'],
  ]);
  expect(again.get(-0)).toBe('zero');
  expect(again.get(['a', 1])).toBe('array');
  expect(again.get(long)).toBe('long');
  expect(again.get('x'.repeat(2999))).toBeUndefined();
  expect(again.get([...longArray])).toBe('long array');
  again.remove(long);
  again.put(longArray, 'changed');
  again.commit();
  closeAll();
  // The undo log restores hashed keys too.
  const back = provider().getStore(0, 0, 1);
  expect(back.get(long)).toBe('long');
  expect(back.get(longArray)).toBe('long array');
  expect(back.numKeys).toBe(9);
  closeAll();
  openRaw((root) => {
    const keys = [...root.openDB({ name: 'data', encoding: 'binary', keyEncoding: 'binary' }).getKeys({})] as Buffer[];
    expect(keys.every((k) => k.length <= 4 + 1024)).toBe(true);
    expect(keys.filter((k) => k[4] === 0xff).length).toBe(2);
  });
});

test('removeUpTo evicts by event time in one range: stored keys, keys of the batch, not keys without a time', () => {
  const p = provider();
  const first = p.getStore(0, 0, 0);
  for (let i = 0; i < 10; i++) first.putWithEventTime!(`k${i}`, i, i * 10);
  first.put('forever', 'x');
  first.commit();
  const second = p.getStore(0, 0, 1);
  second.putWithEventTime!('k2', 'moved on', 200); // leaves the expired range, keeps its place
  second.putWithEventTime!('new-old', 'n', 5); // this batch's own, expired
  second.putWithEventTime!('new', 'n', 1000);
  second.remove('k1');
  expect(second.removeUpTo!(45)).toBe(4); // k0, k3, k4, new-old (k1 was removed, k2 moved)
  expect(second.numKeys).toBe(8);
  expect(second.get('k3')).toBeUndefined();
  expect(second.get('k5')).toBe(5);
  expect(() => second.put('late', 1)).toThrow('is changed after removeUpTo');
  expect(entries(second)).toEqual([['k2', 'moved on'], ['k5', 5], ['k6', 6], ['k7', 7], ['k8', 8], ['k9', 9], ['forever', 'x'], ['new', 'n']]);
  second.commit();
  closeAll();
  const third = provider().getStore(0, 0, 2);
  expect(third.numKeys).toBe(8);
  expect(entries(third)).toEqual([['k2', 'moved on'], ['k5', 5], ['k6', 6], ['k7', 7], ['k8', 8], ['k9', 9], ['forever', 'x'], ['new', 'n']]);
  // An evicted key put again is a new key, at the end of the order.
  third.putWithEventTime!('k3', 'back', 500);
  expect(third.removeUpTo!(30)).toBe(0); // a lower limit: the evicted range stays evicted
  expect(third.numKeys).toBe(9);
  third.commit();
  closeAll();
  // The next commit deleted the evicted range from LMDB (data, order and time index).
  const counts = openRaw((root) => ({
    data: root.openDB({ name: 'data', encoding: 'binary', keyEncoding: 'binary' }).getCount(),
    order: root.openDB({ name: 'order', encoding: 'binary' }).getCount(),
    time: root.openDB({ name: 'time', encoding: 'binary' }).getCount(),
  }));
  expect(counts).toEqual({ data: 9, order: 9, time: 8 });
  expect(entries(provider().getStore(0, 0, 3))).toEqual([['k2', 'moved on'], ['k5', 5], ['k6', 6], ['k7', 7], ['k8', 8], ['k9', 9], ['forever', 'x'], ['new', 'n'], ['k3', 'back']]);
});

test('keys of one event time share one record of the time index, which the eviction after next deletes whole', () => {
  const p = provider();
  const store = p.getStore(0, 0, 0);
  // 900 groups of three windows (ends 10, 20, 30), as a windowed aggregation puts them.
  for (let i = 0; i < 900; i++) store.putWithEventTime!(i, { sum: i }, 10 * (1 + (i % 3)));
  store.commit();
  const timeRecords = () => [...(p as unknown as { envs: Map<number, { time: { getKeys(o: object): Iterable<unknown> } }> }).envs.get(0)!.time.getKeys({})];
  expect(timeRecords()).toEqual([
    [0, 10],
    [0, 20],
    [0, 30],
  ]);
  const evicting = p.getStore(0, 0, 1);
  expect(evicting.removeUpTo!(20)).toBe(600);
  evicting.commit();
  expect(timeRecords().length).toBe(3); // deleted by the next commit
  const next = p.getStore(0, 0, 2);
  expect(next.numKeys).toBe(300);
  next.putWithEventTime!('later', 'joins time 30', 30); // a time the index already holds
  next.commit();
  expect(timeRecords()).toEqual([[0, 30]]);
  const third = p.getStore(0, 0, 3);
  expect(entries(third).map(([k]) => k)).toEqual([...Array.from({ length: 300 }, (_, i) => 3 * i + 2), 'later']);
  expect(third.removeUpTo!(30)).toBe(301);
  third.commit();
  expect(p.getStore(0, 0, 4).numKeys).toBe(0);
});

test('undo after a range eviction: the evicting batch and the batch after it go back exactly one version', () => {
  const p = provider();
  const first = p.getStore(0, 0, 0);
  for (let i = 0; i < 100; i++) first.putWithEventTime!(i, `v${i}`, i);
  first.commit();
  const evicting = p.getStore(0, 0, 1);
  evicting.putWithEventTime!(3, 'changed', 300);
  expect(evicting.removeUpTo!(49)).toBe(49);
  evicting.commit();
  closeAll();
  // A crash before commits/1: batch 1 is re-run from version 1.
  const rerun = provider().getStore(0, 0, 1);
  expect(rerun.numKeys).toBe(100);
  expect(entries(rerun)).toEqual(Array.from({ length: 100 }, (_, i) => [i, `v${i}`]));
  rerun.putWithEventTime!(3, 'changed', 300);
  expect(rerun.removeUpTo!(49)).toBe(49);
  rerun.commit();
  const after = [[3, 'changed'], ...Array.from({ length: 50 }, (_, i) => [50 + i, `v${50 + i}`])];
  // The batch after the eviction deletes the evicted range; undoing it shows version 2 again.
  const next = p.getStore(0, 0, 2);
  next.putWithEventTime!(7, 'again', 700);
  next.remove(60);
  expect(next.removeUpTo!(55)).toBe(6); // 50 to 55
  next.commit();
  closeAll();
  const back = provider().getStore(0, 0, 2);
  expect(back.numKeys).toBe(51);
  expect(entries(back)).toEqual(after);
  expect(back.get(7)).toBeUndefined();
  expect(back.get(60)).toBe('v60');
});

test('an lmdb environment of the earlier text layout is refused by name', () => {
  // What an earlier Rivulet left: partition meta and text records, no format record.
  const dir = path.join(stateDir, '0', 'lmdb');
  fs.mkdirSync(dir, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lmdb = require('lmdb') as typeof import('lmdb');
  const root = lmdb.open({ path: dir, maxDbs: 8 });
  root.openDB({ name: 'data', encoding: 'string' }).putSync([0, '"k"'], '0\t1');
  root.openDB({ name: 'order', encoding: 'string' }).putSync([0, 0], '"k"');
  root.openDB({ name: 'meta', encoding: 'string' }).putSync(0, JSON.stringify({ version: 1, numKeys: 1, nextSeq: 1 }));
  root.openDB({ name: 'flushes', encoding: 'string' });
  root.openDB({ name: 'undo', encoding: 'string' });
  void root.close();
  const e = errorOf(() => provider().getStore(0, 0, 1));
  expect(e).toBeInstanceOf(SparkException);
  expect((e as SparkException).message).toContain(`The lmdb state of operator 0 in ${path.join(dir, 'data.mdb')} was written by an earlier Rivulet version (values as tagged JSON text), which this version does not read`);
});

test('an lmdb environment of format binary-1 (text keys) is refused by name', () => {
  const dir = path.join(stateDir, '0', 'lmdb');
  fs.mkdirSync(dir, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lmdb = require('lmdb') as typeof import('lmdb');
  const root = lmdb.open({ path: dir, maxDbs: 8 });
  root.openDB({ name: 'data', encoding: 'binary' }).putSync([0, '"k"'], Buffer.alloc(9));
  root.openDB({ name: 'order', encoding: 'string' }).putSync([0, 0], '"k"');
  root.openDB({ name: 'meta', encoding: 'string' }).putSync(0, JSON.stringify({ version: 1, numKeys: 1, nextSeq: 1 }));
  root.openDB({ name: 'flushes', encoding: 'string' }).putSync('format', 'binary-1');
  void root.close();
  const e = errorOf(() => provider().getStore(0, 0, 1));
  expect(e).toBeInstanceOf(SparkException);
  expect((e as SparkException).errorClass).toBe('CANNOT_LOAD_STATE_STORE.UNCATEGORIZED');
  expect((e as SparkException).message).toContain(
    `The lmdb state of operator 0 in ${path.join(dir, 'data.mdb')} was written by an earlier Rivulet version (record format 'binary-1': keys as tagged JSON text), which this version does not read`,
  );
});
