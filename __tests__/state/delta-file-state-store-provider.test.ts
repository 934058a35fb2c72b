// The delta-file provider's files: one binary file per operator and version holding every
// partition (a delta section, or a snapshot section rotating over the partitions), old versions
// removed once minVersionsToRetain newer ones exist, damaged or missing files refused with Spark's
// error classes, and a checkpoint of the earlier per-partition layout refused with a clear message.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SparkException } from '../../lib/errors/spark-exception';
import { DeltaFileStateStoreProvider } from '../../lib/state/delta-file-state-store-provider';
import { parseStateFile, SECTION_SNAPSHOT } from '../../lib/state/state-file-format';
import { errorOf } from '../support/errors';

let stateDir: string;
beforeEach(() => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-delta-state-'));
});
afterEach(() => fs.rmSync(stateDir, { recursive: true, force: true }));

const PARTITIONS = 3;
const operatorDir = () => path.join(stateDir, '0');
const files = () => fs.readdirSync(operatorDir()).sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
const provider = (minDeltasForSnapshot: number, minVersionsToRetain = 100) => new DeltaFileStateStoreProvider({ stateDir, minDeltasForSnapshot, minVersionsToRetain });

/** Commits `count` versions of PARTITIONS partitions as the engine does (commitBatch per batch). */
function commitVersions(p: DeltaFileStateStoreProvider, count: number): void {
  for (let v = 0; v < count; v++) {
    for (let part = 0; part < PARTITIONS; part++) {
      const store = p.getStore(0, part, v);
      store.put(`k${v % 4}`, v * 10 + part);
      if (v % 3 === 2) store.remove(`k${(v + 1) % 4}`);
      store.commit();
    }
    p.commitBatch();
  }
}

/** The expected content of version `version` of a partition written by commitVersions. */
function modelAt(version: number, part: number): [string, number][] {
  const m = new Map<string, number>();
  for (let v = 0; v < version; v++) {
    m.set(`k${v % 4}`, v * 10 + part);
    if (v % 3 === 2) m.delete(`k${(v + 1) % 4}`);
  }
  return [...m];
}

const sectionKinds = (version: number) => {
  const parsed = parseStateFile(fs.readFileSync(path.join(operatorDir(), `${version}.delta`)));
  if (typeof parsed === 'string') throw new Error(parsed);
  return [...parsed.sections].map(([p, s]) => `${p}:${s.kind === SECTION_SNAPSHOT ? 'snapshot' : 'delta'}`);
};

test('one file per operator and version holds every partition, with snapshots rotating over partitions', () => {
  const p = provider(3);
  commitVersions(p, 7);
  expect(files()).toEqual(['1.delta', '2.delta', '3.delta', '4.delta', '5.delta', '6.delta', '7.delta']);
  // Version v snapshots the partitions with v % 3 === p % 3: a third of the state per batch.
  expect(sectionKinds(6)).toEqual(['0:snapshot', '1:delta', '2:delta']);
  expect(sectionKinds(7)).toEqual(['0:delta', '1:snapshot', '2:delta']);
  const fresh = provider(3);
  for (let part = 0; part < PARTITIONS; part++) for (const v of [1, 4, 7]) expect([...fresh.getStore(0, part, v).iterator()]).toEqual(modelAt(v, part));
  // Partition 0 at version 7 needs only files 7 and 6 (its snapshot): older files are not read.
  for (const v of [1, 2, 3, 4, 5]) fs.rmSync(path.join(operatorDir(), `${v}.delta`));
  expect([...provider(3).getStore(0, 0, 7).iterator()]).toEqual(modelAt(7, 0));
  expect([...provider(3).getStore(0, 1, 7).iterator()]).toEqual(modelAt(7, 1));
});

test('versions older than minVersionsToRetain are deleted once the snapshots of every partition cover them', () => {
  const p = provider(2, 3);
  commitVersions(p, 10);
  // Latest 10, earliest retained 7; partitions rebuild from snapshots at 6 or 7.
  expect(files()).toEqual(['6.delta', '7.delta', '8.delta', '9.delta', '10.delta']);
  const fresh = provider(2, 3);
  for (let part = 0; part < PARTITIONS; part++) for (const v of [7, 8, 9, 10]) expect([...fresh.getStore(0, part, v).iterator()]).toEqual(modelAt(v, part));
  const e = errorOf(() => fresh.getStore(0, 1, 5));
  expect(e.errorClass).toBe('CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS');
});

test('a torn state file (no trailer) is refused with the file named', () => {
  const p = provider(10);
  commitVersions(p, 3);
  const file = path.join(operatorDir(), '3.delta');
  const bytes = fs.readFileSync(file);
  fs.writeFileSync(file, bytes.subarray(0, bytes.length - 5));
  const e = errorOf(() => provider(10).getStore(0, 0, 3));
  expect(e).toBeInstanceOf(SparkException);
  expect(e.errorClass).toBe('CANNOT_LOAD_STATE_STORE.UNCATEGORIZED');
  expect(e.sqlState).toBe('58030');
  expect(e.message).toBe(
    `[CANNOT_LOAD_STATE_STORE.UNCATEGORIZED] An error occurred during loading state. The state file ${file} is damaged: the file ends before its trailer (torn write). Restore the checkpoint directory from a backup, or delete it to start the query afresh (its state is then lost). SQLSTATE: 58030`,
  );
  // Version 2 does not need the torn file.
  expect([...provider(10).getStore(0, 0, 2).iterator()]).toEqual(modelAt(2, 0));
});

test('a missing state file is refused with CANNOT_READ_DELTA_FILE_NOT_EXISTS', () => {
  const p = provider(10);
  commitVersions(p, 3);
  const file = path.join(operatorDir(), '2.delta');
  fs.rmSync(file);
  const e = errorOf(() => provider(10).getStore(0, 0, 3));
  expect(e.errorClass).toBe('CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS');
  expect(e.sqlState).toBe('58030');
  expect(e.message).toContain(`Error reading delta file ${file} of HDFSStateStoreProvider[id = (op=0,part=0),dir = ${operatorDir()}]: ${file} does not exist.`);
});

test('a checkpoint of the earlier per-partition text layout is refused, saying so', () => {
  fs.mkdirSync(path.join(operatorDir(), '0'), { recursive: true });
  fs.writeFileSync(path.join(operatorDir(), '0', '1.delta'), 'v1\nprev\t0\n+\t"a"\t1\nend\t1\n');
  const e = errorOf(() => provider(10).getStore(0, 0, 1));
  expect(e.errorClass).toBe('CANNOT_LOAD_STATE_STORE.UNCATEGORIZED');
  expect(e.message).toContain(`The state of operator 0 in ${operatorDir()} was written in the layout of an earlier Rivulet version`);
  expect(e.message).toContain('delete the checkpoint directory to start the query afresh');
});
