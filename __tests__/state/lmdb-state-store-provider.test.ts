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

test('values are stored in the binary encoding of the default store, and the environment records its format', () => {
  const p = provider();
  const store = p.getStore(0, 0, 0);
  store.put('k', [1, 'two', 3.5]);
  store.commit();
  p.close();
  providers.splice(providers.indexOf(p), 1);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lmdb = require('lmdb') as typeof import('lmdb');
  const root = lmdb.open({ path: path.join(stateDir, '0', 'lmdb'), maxDbs: 8 });
  try {
    expect(root.openDB({ name: 'flushes', encoding: 'string' }).get('format')).toBe('binary-1');
    const [record] = [...root.openDB({ name: 'data', encoding: 'binary' }).getRange({})].map((e) => e.value as Buffer);
    // f64 sequence 0, then the value: no JSON text.
    expect(record.readDoubleLE(0)).toBe(0);
    expect(record.toString('latin1')).not.toContain('[');
  } finally {
    void root.close();
  }
  expect(provider().getStore(0, 0, 1).get('k')).toEqual([1, 'two', 3.5]);
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
