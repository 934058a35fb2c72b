// The StateStore contract, run against both providers: the same puts, removes, commits and aborts
// must give the same values, iteration order, key counts and versions, in the running process and
// after a restart from disk, so a query's output does not depend on the provider.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Decimal } from 'rivulet/types';
import type { StateStore, StateStoreProvider } from '../../lib/state/state-store';
import { createStateStoreProvider, HDFS_PROVIDER_CLASS, ROCKSDB_PROVIDER_CLASS } from '../../lib/state/state-store-provider-factory';
import { DeltaFileStateStoreProvider } from '../../lib/state/delta-file-state-store-provider';
import { LmdbStateStoreProvider } from '../../lib/state/lmdb-state-store-provider';

type Kind = 'delta-file' | 'lmdb';

let checkpoint: string;
const open: StateStoreProvider[] = [];

function provider(kind: Kind): StateStoreProvider {
  const p = createStateStoreProvider(kind === 'lmdb' ? 'lmdb' : HDFS_PROVIDER_CLASS, checkpoint, () => undefined);
  open.push(p);
  return p;
}

/** A fresh provider on the same checkpoint, as after a process restart. */
function restart(kind: Kind, old: StateStoreProvider): StateStoreProvider {
  old.close();
  return provider(kind);
}

beforeEach(() => {
  checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-state-contract-'));
});
afterEach(() => {
  for (const p of open.splice(0)) p.close();
  fs.rmSync(checkpoint, { recursive: true, force: true });
});

const entries = (store: StateStore) => [...store.iterator()];
const keys = (store: StateStore) => entries(store).map(([k]) => k);

/** Commits one batch on partition `part` of operator 0 at `version`. */
function batch(p: StateStoreProvider, version: number, change: (s: StateStore) => void, part = 0): number {
  const store = p.getStore(0, part, version);
  change(store);
  return store.commit();
}

test('the factory maps Spark class names and short names to the providers', () => {
  expect(createStateStoreProvider(HDFS_PROVIDER_CLASS, checkpoint, () => undefined)).toBeInstanceOf(DeltaFileStateStoreProvider);
  const lmdb = createStateStoreProvider(ROCKSDB_PROVIDER_CLASS, checkpoint, () => undefined);
  open.push(lmdb);
  expect(lmdb).toBeInstanceOf(LmdbStateStoreProvider);
  expect(createStateStoreProvider('LMDB', checkpoint, () => undefined)).toBeInstanceOf(LmdbStateStoreProvider);
  expect(() => createStateStoreProvider('com.example.Nope', checkpoint, () => undefined)).toThrow('Unknown state store provider com.example.Nope');
});

describe.each<Kind>(['delta-file', 'lmdb'])('%s provider', (kind) => {
  test('put, get, remove and numKeys within a batch', () => {
    const p = provider(kind);
    const store = p.getStore(0, 0, 0);
    expect(store.version).toBe(0);
    expect(store.numKeys).toBe(0);
    expect(store.get('a')).toBeUndefined();
    store.put('a', 1);
    store.put('b', 2);
    store.put('a', 10);
    expect(store.get('a')).toBe(10);
    expect(store.numKeys).toBe(2);
    store.remove('b');
    store.remove('missing');
    expect(store.get('b')).toBeUndefined();
    expect(store.numKeys).toBe(1);
    expect(store.hasCommitted()).toBe(false);
    expect(store.commit()).toBe(1);
    expect(store.hasCommitted()).toBe(true);
    expect(() => store.put('c', 3)).toThrow('used after commit or abort');
    expect(() => store.commit()).toThrow('committed twice');
    const next = p.getStore(0, 0, 1);
    expect(next.get('a')).toBe(10);
    expect(next.get('b')).toBeUndefined();
    expect(next.numKeys).toBe(1);
  });

  test('iteration follows Map insertion order: updates keep their place, remove-then-put moves to the end', () => {
    const p = provider(kind);
    batch(p, 0, (s) => ['a', 'b', 'c', 'd'].forEach((k, i) => s.put(k, i)));
    const store = p.getStore(0, 0, 1);
    store.put('b', 'B'); // in place
    store.remove('a');
    store.put('a', 'A'); // moved to the end
    store.put('e', 'E'); // new: after a
    store.remove('c');
    store.put('x', 'X');
    store.remove('x'); // inserted and removed in one batch: gone
    store.put('d', 'D'); // in place
    const expected = [['b', 'B'], ['d', 'D'], ['a', 'A'], ['e', 'E']];
    // The same order during the batch, after commit, and after a restart.
    const model = new Map<unknown, unknown>([['a', 0], ['b', 1], ['c', 2], ['d', 3]]);
    model.set('b', 'B').delete('a');
    model.set('a', 'A').set('e', 'E').delete('c');
    model.set('d', 'D');
    expect([...model]).toEqual(expected);
    expect(entries(store)).toEqual(expected);
    expect(store.numKeys).toBe(4);
    store.commit();
    expect(entries(p.getStore(0, 0, 2))).toEqual(expected);
    const again = restart(kind, p);
    const reloaded = again.getStore(0, 0, 2);
    expect(entries(reloaded)).toEqual(expected);
    expect(reloaded.numKeys).toBe(4);
    // A moved key that moves again keeps going to the end across batches.
    reloaded.remove('b');
    reloaded.put('b', 'B2');
    reloaded.put('f', 'F');
    reloaded.commit();
    expect(keys(restart(kind, again).getStore(0, 0, 3))).toEqual(['d', 'a', 'e', 'b', 'f']);
  });

  test('abort drops the batch: values, order and key count are those of the loaded version', () => {
    const p = provider(kind);
    batch(p, 0, (s) => ['a', 'b', 'c'].forEach((k, i) => s.put(k, i)));
    const store = p.getStore(0, 0, 1);
    store.remove('a');
    store.put('a', 'moved');
    store.put('b', 'changed');
    store.remove('c');
    store.put('z', 26);
    store.abort();
    expect(store.hasCommitted()).toBe(false);
    expect(() => store.put('q', 1)).toThrow('used after commit or abort');
    const reloaded = p.getStore(0, 0, 1);
    expect(entries(reloaded)).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    expect(reloaded.numKeys).toBe(3);
    expect(reloaded.commit()).toBe(2);
    expect(entries(restart(kind, p).getStore(0, 0, 2))).toEqual([['a', 0], ['b', 1], ['c', 2]]);
  });

  test('partitions and operators are independent and reload at their committed versions', () => {
    let p = provider(kind);
    for (let v = 0; v < 5; v++) batch(p, v, (s) => s.put(`k${v}`, v), 0);
    batch(p, 0, (s) => s.put('only', 'partition 1'), 1);
    const op1 = p.getStore(1, 0, 0);
    op1.put('k0', 'operator 1');
    op1.commit();
    p = restart(kind, p);
    const part0 = p.getStore(0, 0, 5);
    expect(entries(part0)).toEqual([0, 1, 2, 3, 4].map((v) => [`k${v}`, v]));
    expect(part0.numKeys).toBe(5);
    expect(entries(p.getStore(0, 1, 1))).toEqual([['only', 'partition 1']]);
    expect(entries(p.getStore(1, 0, 1))).toEqual([['k0', 'operator 1']]);
    expect(p.getStore(0, 2, 0).numKeys).toBe(0);
  });

  test('a batch re-run after a crash loads the previous version exactly and can commit a different outcome', () => {
    let p = provider(kind);
    batch(p, 0, (s) => ['a', 'b', 'c'].forEach((k, i) => s.put(k, i)));
    batch(p, 1, (s) => {
      s.put('b', 'B');
      s.remove('a');
      s.put('a', 'A');
      s.remove('c');
      s.put('d', 'D');
    });
    // Crash after the state commit of version 2, before the engine's commits/1: batch 1 re-runs.
    p = restart(kind, p);
    const rerun = p.getStore(0, 0, 1);
    expect(rerun.version).toBe(1);
    expect(entries(rerun)).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    expect(rerun.numKeys).toBe(3);
    rerun.put('c', 'C');
    rerun.put('e', 'E');
    expect(rerun.commit()).toBe(2);
    p = restart(kind, p);
    const after = p.getStore(0, 0, 2);
    expect(entries(after)).toEqual([['a', 0], ['b', 1], ['c', 'C'], ['e', 'E']]);
    expect(after.numKeys).toBe(4);
    after.put('f', 'F');
    expect(after.commit()).toBe(3);
    expect(keys(restart(kind, p).getStore(0, 0, 3))).toEqual(['a', 'b', 'c', 'e', 'f']);
  });

  test('the first batch can be re-run from version 0', () => {
    let p = provider(kind);
    batch(p, 0, (s) => s.put('a', 1));
    p = restart(kind, p);
    const rerun = p.getStore(0, 0, 0);
    expect(rerun.numKeys).toBe(0);
    expect(entries(rerun)).toEqual([]);
    rerun.put('b', 2);
    rerun.commit();
    expect(entries(restart(kind, p).getStore(0, 0, 1))).toEqual([['b', 2]]);
  });

  test('every engine value type survives the codec as key or value, across a restart', () => {
    const values: [string, unknown][] = [
      ['bigint', -12345678901234567890n],
      ['decimal', Decimal.of(-1234567890123456789012345n, 7)],
      ['map', new Map<unknown, unknown>([['x', 1n], [2, [null, 'y']]])],
      ['set', new Set(['a', 1, 2n])],
      ['binary', new Uint8Array([0, 1, 254, 255])],
      ['numbers', [NaN, Infinity, -Infinity, -0, 0.1, Number.MAX_SAFE_INTEGER]],
      ['object', { sum: 3n, count: 2, nested: { list: [1, 'two', null], flag: false } }],
      ['string', 'tab\tnewline\nquote"backslash\\ nul\u0000 emoji \u{1F600} lone \ud800'],
      ['null', null],
    ];
    const longKey = 'k'.repeat(5000);
    const keyList: unknown[] = ['', 'a\tb\nc', '\u{1F600}', longKey, `${longKey}x`, 0, 1.5, -7, NaN, 3n, true, false, null];
    let p = provider(kind);
    batch(p, 0, (s) => {
      for (const [k, v] of values) s.put(k, v);
      keyList.forEach((k, i) => s.put(k, i));
    });
    p = restart(kind, p);
    const store = p.getStore(0, 0, 1);
    for (const [k, v] of values) expect(store.get(k)).toEqual(v);
    expect(store.get('numbers')).toEqual([NaN, Infinity, -Infinity, -0, 0.1, Number.MAX_SAFE_INTEGER]);
    expect(Object.is((store.get('numbers') as number[])[3], -0)).toBe(true);
    expect(store.get('decimal')).toBeInstanceOf(Decimal);
    expect(String(store.get('decimal'))).toBe('-123456789012345678.9012345');
    keyList.forEach((k, i) => expect(store.get(k)).toBe(i));
    // -0 is the same key as 0, as in a Map; 3n is not 3.
    expect(store.get(-0)).toBe(keyList.indexOf(0));
    expect(store.get(3)).toBeUndefined();
    expect(store.get('3')).toBeUndefined();
    expect(keys(store)).toEqual([...values.map(([k]) => k), ...keyList]);
    expect(store.numKeys).toBe(values.length + keyList.length);
    store.remove(longKey);
    store.put(`${longKey}x`, 'updated');
    store.commit();
    const reloaded = restart(kind, p).getStore(0, 0, 2);
    expect(reloaded.get(longKey)).toBeUndefined();
    expect(reloaded.get(`${longKey}x`)).toBe('updated');
    expect(reloaded.numKeys).toBe(values.length + keyList.length - 1);
  });

  test('going back one version restores long (hashed) keys and every key type', () => {
    const long = (c: string) => c.repeat(3000);
    const keyList: unknown[] = [long('a'), long('b'), 0, -1.5, NaN, 7n, true, null, ''];
    let p = provider(kind);
    batch(p, 0, (s) => keyList.forEach((k, i) => s.put(k, { i })));
    const v1 = entries(p.getStore(0, 0, 1));
    batch(p, 1, (s) => {
      s.remove(long('a'));
      s.put(long('b'), 'changed');
      s.remove(NaN);
      s.put(NaN, 'moved');
      s.put(long('c'), 'new');
      s.remove(null);
    });
    p = restart(kind, p);
    const back = p.getStore(0, 0, 1);
    expect(entries(back)).toEqual(v1);
    expect(back.get(long('c'))).toBeUndefined();
    expect(back.get(long('a'))).toEqual({ i: 0 });
    expect(back.numKeys).toBe(keyList.length);
  });

  test('a value read and changed in place is written as it is at commit', () => {
    const p = provider(kind);
    batch(p, 0, (s) => s.put('g', { count: 1, items: [1] }));
    const store = p.getStore(0, 0, 1);
    const value = store.get('g') as { count: number; items: number[] };
    value.count++;
    value.items.push(2);
    store.put('g', value);
    value.items.push(3);
    store.commit();
    expect(restart(kind, p).getStore(0, 0, 2).get('g')).toEqual({ count: 2, items: [1, 2, 3] });
  });

  test('putNew of fresh keys mixed with puts, in-place updates and removals keeps the order of a Map, after restarts', () => {
    // What a join does: fresh sequence numbers put new, some changed in place, old ones removed;
    // here also in other orders (removed in the batch that added them, added again after a removal).
    let p = provider(kind);
    const model = new Map<unknown, unknown>();
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n; // the high bits: the low ones of this generator repeat quickly
    };
    let next = 0;
    for (let v = 0; v < 10; v++) {
      const store = p.getStore(0, 0, v);
      const putNew = (key: unknown, value: unknown) => (store.putNew ? store.putNew(key, value) : store.put(key, value));
      const removedNow: unknown[] = [];
      for (let i = 0; i < 200; i++) {
        const op = random(12);
        const existing = [...model.keys()];
        if (op < 5) {
          const value = [v, i];
          putNew(next, value);
          model.set(next++, value);
        } else if (op < 7 && existing.length > 0) {
          const key = existing[random(existing.length)];
          model.delete(key);
          store.remove(key);
          removedNow.push(key);
        } else if (op < 8 && existing.length > 0) {
          // Changed in place, as the join's matched flag.
          const key = existing[random(existing.length)];
          const value = store.get(key) as unknown[];
          expect(value).toEqual(model.get(key));
          if (store.inPlaceUpdates === true) {
            value.push('m');
            if (store.markUpdated) store.markUpdated(key);
            else store.put(key, value);
            model.set(key, value);
          } else {
            const changed = [...value, 'm'];
            store.put(key, changed);
            model.set(key, changed);
          }
        } else if (op < 9 && existing.length > 0) {
          const key = existing[random(existing.length)];
          const value = ['put', v, i];
          store.put(key, value);
          model.set(key, value);
        } else if (op < 11 && removedNow.length > 0) {
          // A key removed in this batch, put new again: it goes to the end.
          const key = removedNow.splice(random(removedNow.length), 1)[0];
          const value = ['again', v, i];
          putNew(key, value);
          model.set(key, value);
        }
      }
      expect(entries(store)).toEqual([...model]);
      store.commit();
      // Read back from disk now and then (a restart's first commit is a snapshot, not a delta).
      if (v % 4 === 3) {
        p = restart(kind, p);
        expect(entries(p.getStore(0, 0, v + 1))).toEqual([...model]);
      }
    }
    const final = restart(kind, p).getStore(0, 0, 10);
    expect(entries(final)).toEqual([...model]);
    expect(final.numKeys).toBe(model.size);
  });

  test('a join-like workload (fresh keys in order, removals, in-place flags) matches a Map model across batches and restarts, then keys out of order', () => {
    // Fresh ascending sequence numbers keep the default store's entries dense for many batches,
    // with removals of old and of this batch's keys; from batch 8 on, removed keys come back (the
    // entries then leave the dense layout, in the middle of a batch that already removed keys).
    let p = provider(kind);
    const model = new Map<unknown, unknown>();
    let seed = 5;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    let next = 0;
    const gone: number[] = [];
    for (let v = 0; v < 12; v++) {
      const store = p.getStore(0, 0, v);
      const putNew = (key: unknown, value: unknown) => (store.putNew ? store.putNew(key, value) : store.put(key, value));
      for (let i = 0; i < 150; i++) {
        const op = random(10);
        const existing = [...model.keys()];
        if (op < 4) {
          const value = [v, i, BigInt(next)];
          putNew(next, value);
          model.set(next++, value);
        } else if (op < 7 && existing.length > 0) {
          // Mostly the oldest keys, as eviction by event time.
          const key = existing[random(2) === 0 ? 0 : random(existing.length)] as number;
          store.remove(key);
          model.delete(key);
          gone.push(key);
        } else if (op < 8 && existing.length > 0) {
          const key = existing[random(existing.length)];
          const value = store.get(key) as unknown[];
          expect(value).toEqual(model.get(key));
          const changed = [...value, true];
          store.put(key, changed);
          model.set(key, changed);
        } else if (op < 9 && v >= 8 && gone.length > 0) {
          const key = gone.splice(random(gone.length), 1)[0];
          const value = ['back', v, i];
          store.put(key, value);
          model.set(key, value);
        } else {
          const key = random(next + 5);
          expect(store.get(key)).toEqual(model.get(key));
        }
      }
      expect(entries(store)).toEqual([...model]);
      expect(store.numKeys).toBe(model.size);
      store.commit();
      if (v % 3 === 2) {
        p = restart(kind, p);
        const reloaded = p.getStore(0, 0, v + 1);
        expect(entries(reloaded)).toEqual([...model]);
        expect(reloaded.numKeys).toBe(model.size);
      }
    }
    const final = restart(kind, p).getStore(0, 0, 12);
    expect(entries(final)).toEqual([...model]);
  });

  test('after a restart, the numbers of rows removed last are given out again and read back', () => {
    // A join numbers its rows from the last one present after a restart: when the newest rows
    // were evicted, their numbers come again.
    let p = provider(kind);
    batch(p, 0, (s) => {
      for (let k = 0; k < 10; k++) s.put(k, ['first', k]);
    });
    batch(p, 1, (s) => {
      s.remove(9);
      s.remove(8);
      s.remove(2);
    });
    p = restart(kind, p);
    batch(p, 2, (s) => {
      for (const k of [8, 9, 10]) (s.putNew ? s.putNew(k, ['second', k]) : s.put(k, ['second', k]));
      s.remove(0);
    });
    const expected = [1, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(keys(p.getStore(0, 0, 3))).toEqual(expected);
    p = restart(kind, p);
    const reloaded = p.getStore(0, 0, 3);
    expect(keys(reloaded)).toEqual(expected);
    expect(reloaded.get(9)).toEqual(['second', 9]);
  });

  test('a larger mixed workload matches a Map model, batch after batch and after restarts', () => {
    let p = provider(kind);
    const model = new Map<unknown, unknown>();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let v = 0; v < 12; v++) {
      if (v % 4 === 3) p = restart(kind, p);
      const store = p.getStore(0, 0, v);
      const pending = new Map(model);
      for (let i = 0; i < 300; i++) {
        const key = random(3) === 0 ? random(200) : `w${random(200)}`;
        const op = random(10);
        if (op < 6) {
          const value = [v, i, BigInt(i)];
          store.put(key, value);
          pending.set(key, value);
        } else if (op < 8) {
          store.remove(key);
          pending.delete(key);
        } else {
          expect(store.get(key)).toEqual(pending.get(key));
        }
      }
      expect(entries(store)).toEqual([...pending]);
      expect(store.numKeys).toBe(pending.size);
      if (v % 5 === 4) {
        store.abort();
        p.getStore(0, 0, v).commit();
      } else {
        store.commit();
        model.clear();
        for (const [k, x] of pending) model.set(k, x);
      }
    }
    const final = restart(kind, p).getStore(0, 0, 12);
    expect(entries(final)).toEqual([...model]);
    expect(final.numKeys).toBe(model.size);
  });
});
