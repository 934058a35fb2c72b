// The state store for state larger than memory (what Spark's RocksDBStateStoreProvider is for),
// on LMDB: data lives in a memory-mapped B-tree off the JS heap, and a batch's changes sit in a
// small in-memory overlay until commit writes them, with the new version, in one LMDB transaction
// (atomic under kill -9: LMDB switches its meta page only after the data pages are flushed).
//
// Layout: ONE LMDB environment per operator, at `state/<operatorId>/lmdb/`, shared by all its
// partitions, whose records are prefixed by the partition id. With Spark's 200 shuffle partitions a
// per-partition environment would mean 200 memory maps, lock files and file handles per operator;
// one environment keeps that constant, and partitions stay independent (each commits its own
// transaction with its own version). Databases in the environment:
//   data   [partition, storageKey] -> f64 seq, then the value in lib/util/binary-value-codec.ts
//                                     (the compact encoding of the default store's files)
//   order  [partition, seq]        -> encoded key  (iteration order: insertion sequence)
//   undo   [partition, i]          -> u32 length + encoded key, then the previous data record, for
//                                     keys the latest batch changed or removed (the keys it
//                                     inserted are found by their sequence, >= the undo's nextSeq,
//                                     so need no record)
//   meta   partition               -> JSON PartitionMeta (version, numKeys, nextSeq, undo info)
//   flushes 'format'               -> RECORD_FORMAT ('binary-1'); 'last' -> the latest flush
// Keys stay the text of lib/util/value-codec.ts: lmdb's ordered key encoding takes strings in its
// array keys, not byte strings. An environment of the earlier layout (values as tagged JSON text,
// no format record) is refused by name.
//
// Versions: the store holds only its latest version, plus an undo log of the latest batch so that
// a batch re-run after a crash (state committed, engine's commits/N not yet written) can go back
// exactly one version. Older versions are not kept (unlike the delta-file provider).
import { checkLmdbFile } from './lmdb-file-check';
import { missingLogFile } from '../checkpoint/metadata-log';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { Database, RootDatabase } from 'lmdb';
import { lazy } from '../util/lazy';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lmdb = lazy(() => require('lmdb') as typeof import('lmdb'));
import { InternalError, SparkException } from '../errors/spark-exception';
import { decodeValue, encodeValue } from '../util/value-codec';
import { BinaryReader, BinaryWriter } from '../util/binary-value-codec';
import type { StateStore, StateStoreProvider } from './state-store';
import { takeCommitted } from './state-memory-estimate';

export interface LmdbStateStoreOptions {
  /** `<checkpoint>/state`. */
  stateDir: string;
  /**
   * The engine's mode: partition commits skip the disk flush (they survive a process kill, being
   * in the page cache) and commitBatch() flushes each touched environment once, before commits/N,
   * so 200 shuffle partitions cost one fsync per operator instead of 200.
   */
  batchedCommits?: boolean;
}

interface UndoInfo {
  /** The version the undo log restores. */
  version: number;
  numKeys: number;
  nextSeq: number;
  /** Number of undo records `[partition, 0..count-1]`. */
  count: number;
}

interface PartitionMeta {
  version: number;
  numKeys: number;
  nextSeq: number;
  undo?: UndoInfo;
}

const EMPTY_META: PartitionMeta = { version: 0, numKeys: 0, nextSeq: 0 };

/** LMDB's key limit is 1978 bytes; longer encoded keys are stored under their SHA-256. */
const MAX_INLINE_KEY_BYTES = 1024;

interface OperatorEnv {
  dir: string;
  /** data.mdb did not exist when this process opened the environment, and nothing was committed to it since. */
  created: boolean;
  root: RootDatabase;
  /** Commits since the last flush (batched mode). */
  unflushed: boolean;
  /** Partitions committed in this batch and not yet written (batched mode). */
  pending: LmdbStateStore[];
  /** Holds the flush marker, written by the flushing transaction (LMDB skips empty commits). */
  flushes: Database<string, string>;
  data: Database<Buffer, [number, string]>;
  order: Database<string, [number, number]>;
  undo: Database<Buffer, [number, number]>;
  /** The format record is written by the first transaction of a new environment. */
  formatWritten: boolean;
  meta: Database<string, number>;
}

/** One key the batch touched: its current value and place in the iteration order. */
interface OverlayEntry {
  key: unknown;
  encodedKey: string;
  value: unknown;
  present: boolean;
  /** Insertion sequence; a key (re)inserted by this batch gets one >= the batch's base nextSeq. */
  seq: number;
  /** The committed LMDB record (seq and value), for the undo log and the commit's order update. */
  stored: Buffer | undefined;
}

/** Map keys compare with SameValueZero, where -0 is 0: so do encoded keys. */
function encodeKey(key: unknown): string {
  return encodeValue(Object.is(key, -0) ? 0 : key);
}

/** The LMDB key for an encoded state key. JSON never starts with `#`, so hashes cannot collide with keys. */
function storageKey(encodedKey: string): string {
  if (encodedKey.length * 3 <= MAX_INLINE_KEY_BYTES || Buffer.byteLength(encodedKey) <= MAX_INLINE_KEY_BYTES) return encodedKey;
  return `#${createHash('sha256').update(encodedKey).digest('base64')}`;
}

/** The format of data and undo records, kept in the `flushes` database under 'format'. */
const RECORD_FORMAT = 'binary-1';

const recordWriter = new BinaryWriter(4096);

/** A data record: the key's insertion sequence, then its value. */
function encodeRecord(seq: number, value: unknown): Buffer {
  const w = recordWriter;
  w.pos = 0;
  w.f64(seq);
  w.value(value);
  return Buffer.from(w.result());
}

function recordSeq(record: Buffer): number {
  return record.readDoubleLE(0);
}

function recordValue(record: Buffer): unknown {
  return new BinaryReader(record, 8).value();
}

/** An undo record: the key's text, then its previous data record. */
function encodeUndo(encodedKey: string, previous: Buffer): Buffer {
  const key = Buffer.from(encodedKey, 'utf8');
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32LE(key.length, 0);
  return Buffer.concat([head, key, previous]);
}

function decodeUndo(record: Buffer): { encodedKey: string; previous: Buffer } {
  const n = record.readUInt32LE(0);
  return { encodedKey: record.toString('utf8', 4, 4 + n), previous: Buffer.from(record.subarray(4 + n)) };
}

class LmdbStateStore implements StateStore {
  private readonly overlay = new Map<string, OverlayEntry>();
  private readonly baseNextSeq: number;
  private nextSeq: number;
  private keyCount: number;
  private state: 'open' | 'committed' | 'aborted' = 'open';
  /** get() decodes a fresh value or returns the overlay's; abort drops the overlay. */
  readonly inPlaceUpdates = true;

  constructor(
    readonly operatorId: number,
    readonly partitionId: number,
    readonly version: number,
    private readonly env: OperatorEnv,
    private readonly meta: PartitionMeta,
    private readonly batchedCommits: boolean,
    private readonly provider: LmdbStateStoreProvider,
  ) {
    this.baseNextSeq = meta.nextSeq;
    this.nextSeq = meta.nextSeq;
    this.keyCount = meta.numKeys;
  }

  get(key: unknown): unknown {
    const encodedKey = encodeKey(key);
    const k = storageKey(encodedKey);
    const entry = this.overlay.get(k);
    if (entry) return entry.present ? entry.value : undefined;
    const record = this.env.data.get([this.partitionId, k]);
    return record === undefined ? undefined : recordValue(record);
  }

  put(key: unknown, value: unknown): void {
    const entry = this.touch(key);
    if (!entry.present) {
      // A (re)inserted key goes to the end of the iteration order, as in a Map.
      entry.present = true;
      entry.seq = this.nextSeq++;
      this.keyCount++;
    }
    entry.value = value;
  }

  remove(key: unknown): void {
    const entry = this.touch(key);
    if (!entry.present) return;
    entry.present = false;
    entry.value = undefined;
    this.keyCount--;
  }

  /** The overlay entry of `key`, created from LMDB's record on first touch. */
  private touch(key: unknown): OverlayEntry {
    if (this.state !== 'open') throw new InternalError(`State store ${this.operatorId}/${this.partitionId} is used after commit or abort.`);
    const encodedKey = encodeKey(key);
    const k = storageKey(encodedKey);
    let entry = this.overlay.get(k);
    if (!entry) {
      const record = this.env.data.get([this.partitionId, k]);
      const seq = record === undefined ? -1 : recordSeq(record);
      entry = { key: Object.is(key, -0) ? 0 : key, encodedKey, value: undefined, present: record !== undefined, seq, stored: record };
      this.overlay.set(k, entry);
    }
    return entry;
  }

  *iterator(): IterableIterator<[unknown, unknown]> {
    const p = this.partitionId;
    // Stored keys in sequence order, as this batch sees them...
    for (const { value: encodedKey } of this.env.order.getRange({ start: [p], end: [p + 1] })) {
      const k = storageKey(encodedKey);
      const entry = this.overlay.get(k);
      if (entry) {
        // Moved keys appear at the end with their new sequence; removed keys not at all.
        if (entry.present && entry.seq < this.baseNextSeq) yield [entry.key, entry.value];
        continue;
      }
      const record = this.env.data.get([p, k]);
      if (record !== undefined) yield [decodeValue(encodedKey), recordValue(record)];
    }
    // ...then the keys this batch (re)inserted, in insertion order.
    const inserted = [...this.overlay.values()].filter((e) => e.present && e.seq >= this.baseNextSeq).sort((a, b) => a.seq - b.seq);
    for (const entry of inserted) yield [entry.key, entry.value];
  }

  get numKeys(): number {
    return this.keyCount;
  }

  commit(): number {
    if (this.state !== 'open') throw new InternalError(`State store ${this.operatorId}/${this.partitionId} is committed twice.`);
    const next = this.version + 1;
    this.state = 'committed';
    this.provider.noteCommit(this.operatorId);
    // The engine's mode: the batch's partitions are written together, in one transaction per
    // operator (commitBatch), instead of one transaction per shuffle partition.
    if (this.batchedCommits) this.env.pending.push(this);
    else this.env.root.transactionSync(() => this.write());
    return next;
  }

  /** Writes this batch's changes of the partition and its new version; runs in a write transaction. */
  write(): void {
    const next = this.version + 1;
    const { data, order, undo, meta } = this.env;
    const p = this.partitionId;
    if (!this.env.formatWritten) {
      this.env.flushes.putSync('format', RECORD_FORMAT);
      this.env.formatWritten = true;
    }
    {
      const current = readMeta(this.env, p);
      if (current.version !== this.version) {
        throw new InternalError(`State store ${this.operatorId}/${this.partitionId} was loaded at version ${this.version} but the store now holds version ${current.version}.`);
      }
      // The undo log only ever covers the latest batch.
      for (let i = 0; i < (current.undo?.count ?? 0); i++) undo.removeSync([p, i]);
      let undoCount = 0;
      for (const [k, entry] of this.overlay) {
        // LMDB has not changed since the key was touched: the version check above proves it.
        const previous = entry.stored;
        if (previous === undefined && !entry.present) continue;
        if (previous !== undefined) undo.putSync([p, undoCount++], encodeUndo(entry.encodedKey, previous));
        const previousSeq = previous === undefined ? -1 : recordSeq(previous);
        if (!entry.present) {
          data.removeSync([p, k]);
          order.removeSync([p, previousSeq]);
          continue;
        }
        // Values are encoded at commit, as the delta-file provider does.
        data.putSync([p, k], encodeRecord(entry.seq, entry.value));
        if (previousSeq !== entry.seq) {
          if (previousSeq >= 0) order.removeSync([p, previousSeq]);
          order.putSync([p, entry.seq], entry.encodedKey);
        }
      }
      const written: PartitionMeta = {
        version: next,
        numKeys: this.keyCount,
        nextSeq: this.nextSeq,
        undo: { version: this.version, numKeys: this.meta.numKeys, nextSeq: this.meta.nextSeq, count: undoCount },
      };
      meta.putSync(p, JSON.stringify(written));
    }
    this.env.created = false;
    this.overlay.clear();
  }

  abort(): void {
    if (this.state !== 'open') return;
    this.overlay.clear();
    this.state = 'aborted';
  }

  hasCommitted(): boolean {
    return this.state === 'committed';
  }
}

/**
 * An environment holding partitions but no format record was written by an earlier Rivulet (data
 * and undo records as tagged JSON text): refused by name rather than misread.
 */
function checkRecordFormat(env: OperatorEnv, operatorId: number): void {
  const format = env.flushes.get('format');
  if (format === RECORD_FORMAT) {
    env.formatWritten = true;
    return;
  }
  if (format === undefined && !hasAnyPartition(env)) return;
  const file = path.join(env.dir, 'data.mdb');
  throw new SparkException(
    format === undefined
      ? `An error occurred during loading state. The lmdb state of operator ${operatorId} in ${file} was written by an earlier Rivulet version (values as tagged JSON text), which this version does not read: it keeps values in the compact binary encoding of the default state store. Finish the query with the earlier version, or delete the checkpoint directory to start the query afresh (its state is then lost).`
      : `An error occurred during loading state. The lmdb state of operator ${operatorId} in ${file} has record format '${format}', which this version does not read (it reads '${RECORD_FORMAT}'). Restore the checkpoint directory from a backup, or delete it to start the query afresh (its state is then lost).`,
    { errorClass: 'CANNOT_LOAD_STATE_STORE.UNCATEGORIZED', sqlState: '58030', messageParameters: { fileToRead: file } },
  );
}

/** Whether any partition ever committed into this operator's environment. */
function hasAnyPartition(env: OperatorEnv): boolean {
  for (const _ of env.meta.getKeys({ limit: 1 })) return true;
  return false;
}

function readMeta(env: OperatorEnv, partitionId: number): PartitionMeta {
  const text = env.meta.get(partitionId);
  return text === undefined ? EMPTY_META : (JSON.parse(text) as PartitionMeta);
}

export class LmdbStateStoreProvider implements StateStoreProvider {
  private readonly envs = new Map<number, OperatorEnv>();

  constructor(private readonly options: LmdbStateStoreOptions) {}

  getStore(operatorId: number, partitionId: number, version: number): StateStore {
    const env = this.env(operatorId);
    // Used without the engine's commitBatch (tests, tools): committed partitions are written first.
    if (env.pending.length > 0) this.writePending(env);
    let meta = readMeta(env, partitionId);
    if (meta.version !== version) {
      if (meta.version === version + 1 && meta.undo?.version === version) {
        meta = this.rollBack(env, partitionId, meta);
      } else {
        // A store made afresh, with nothing committed, where the checkpoint needs a version: its
        // data.mdb was deleted.
        if (env.created && meta.version === 0 && !hasAnyPartition(env)) throw missingLogFile(path.join(env.dir, 'data.mdb'), `the checkpoint needs version ${version} of the state of operator ${operatorId}, partition ${partitionId}, and the lmdb state store was created afresh`);
        throw versionUnavailable(env.dir, operatorId, partitionId, version, meta);
      }
    }
    return new LmdbStateStore(operatorId, partitionId, version, env, meta, this.options.batchedCommits === true, this);
  }

  getFreshStore(operatorId: number, partitionId: number, version: number): StateStore {
    const env = this.env(operatorId);
    const p = partitionId;
    env.root.transactionSync(() => {
      for (const db of [env.data, env.order, env.undo] as unknown as Database<string, [number, number]>[]) {
        for (const key of [...db.getKeys({ start: [p], end: [p + 1] })]) db.removeSync(key);
      }
      env.meta.putSync(p, JSON.stringify({ version, numKeys: 0, nextSeq: 0 } satisfies PartitionMeta));
    });
    return this.getStore(operatorId, partitionId, version);
  }

  /** Undoes the latest batch (a re-run after a crash between the state commit and commits/N). */
  private rollBack(env: OperatorEnv, p: number, current: PartitionMeta): PartitionMeta {
    const undoInfo = current.undo!;
    const restored: PartitionMeta = { version: undoInfo.version, numKeys: undoInfo.numKeys, nextSeq: undoInfo.nextSeq };
    env.root.transactionSync(() => {
      // Keys the batch (re)inserted carry sequences from the undo's nextSeq on: drop them...
      const inserted = [...env.order.getRange({ start: [p, undoInfo.nextSeq], end: [p + 1] })];
      for (const { key, value: encodedKey } of inserted) {
        env.order.removeSync(key);
        env.data.removeSync([p, storageKey(encodedKey)]);
      }
      // ...then put back what the keys it changed, moved or removed held before.
      for (let i = 0; i < undoInfo.count; i++) {
        const record = env.undo.get([p, i]);
        if (record === undefined) throw new InternalError(`Undo record ${i} of state partition ${p} in ${env.dir} is missing.`);
        const { encodedKey, previous } = decodeUndo(record);
        const k = storageKey(encodedKey);
        const now = env.data.get([p, k]);
        if (now !== undefined) env.order.removeSync([p, recordSeq(now)]);
        env.data.putSync([p, k], previous);
        env.order.putSync([p, recordSeq(previous)], encodedKey);
        env.undo.removeSync([p, i]);
      }
      env.meta.putSync(p, JSON.stringify(restored));
    });
    return restored;
  }

  private env(operatorId: number): OperatorEnv {
    let env = this.envs.get(operatorId);
    if (!env) {
      const dir = path.join(this.options.stateDir, String(operatorId), 'lmdb');
      fs.mkdirSync(dir, { recursive: true });
      checkLmdbFile(dir);
      const created = !fs.existsSync(path.join(dir, 'data.mdb'));
      // overlappingSync off: a sync commit returns only once it is on disk, before commits/N.
      const root = lmdb().open({ path: dir, maxDbs: 8, overlappingSync: false });
      env = {
        dir,
        created,
        root,
        data: root.openDB({ name: 'data', encoding: 'binary' }),
        order: root.openDB({ name: 'order', encoding: 'string' }),
        undo: root.openDB({ name: 'undo', encoding: 'binary' }),
        meta: root.openDB({ name: 'meta', encoding: 'string' }),
        flushes: root.openDB({ name: 'flushes', encoding: 'string' }),
        unflushed: false,
        pending: [],
        formatWritten: false,
      };
      try {
        checkRecordFormat(env, operatorId);
      } catch (e) {
        void root.close();
        throw e;
      }
      this.envs.set(operatorId, env);
    }
    return env;
  }

  /** Operators with a store committed since memoryOfCommittedOperators last ran. */
  private readonly committedOperators = new Set<number>();

  /** The store tells the provider its operator committed. */
  noteCommit(operatorId: number): void {
    this.committedOperators.add(operatorId);
  }

  /**
   * What Spark's RocksDB provider reports is RocksDB's own memory; lmdb's is the memory map, so
   * the figure is the size of the operator's B-tree pages (what the map holds resident when the
   * state is in use; the OS page cache, not the JS heap).
   */
  takeCommittedOperators(): number[] {
    return takeCommitted(this.committedOperators);
  }

  memoryUsedBytes(operatorIds: readonly number[]): number {
    let bytes = 0;
    for (const operatorId of operatorIds) {
      const env = this.envs.get(operatorId);
      if (!env) continue;
      for (const db of [env.data, env.order, env.undo, env.meta]) {
        const st = db.getStats() as { pageSize?: number; treeBranchPageCount?: number; treeLeafPageCount?: number; overflowPages?: number };
        bytes += (st.pageSize ?? 4096) * ((st.treeBranchPageCount ?? 0) + (st.treeLeafPageCount ?? 0) + (st.overflowPages ?? 0));
      }
    }
    return bytes;
  }

  /** Writes the committed partitions of an environment in one transaction, left to flush. */
  private writePending(env: OperatorEnv): void {
    const stores = env.pending;
    env.pending = [];
    env.root.transactionSync(() => {
      for (const s of stores) s.write();
    }, noFlushCommit());
    env.unflushed = true;
  }

  /** Writes and flushes the batch's commits: one synchronous transaction per touched environment. */
  commitBatch(): void {
    for (const env of this.envs.values()) {
      if (!env.unflushed && env.pending.length === 0) continue;
      const stores = env.pending;
      env.pending = [];
      env.root.transactionSync(() => {
        for (const s of stores) s.write();
        env.flushes.putSync('last', String(Date.now()));
      });
      env.unflushed = false;
    }
  }

  /**
   * commitBatch for the engine: the flushing transactions run on lmdb's write thread, so the wait
   * for the disk overlaps the fsync of offsets/N.
   */
  commitBatchAsync(): Promise<void> {
    const flushes: Promise<unknown>[] = [];
    for (const env of this.envs.values()) {
      if (!env.unflushed && env.pending.length === 0) continue;
      const stores = env.pending;
      env.pending = [];
      env.unflushed = false;
      flushes.push(
        env.root.transaction(() => {
          for (const s of stores) s.write();
          env.flushes.putSync('last', String(Date.now()));
        }),
      );
    }
    return Promise.all(flushes).then(() => undefined);
  }

  close(): void {
    this.commitBatch();
    // Every write is a finished transaction, now flushed, so closing drops nothing.
    for (const env of this.envs.values()) void env.root.close();
    this.envs.clear();
  }
}

function versionUnavailable(dir: string, operatorId: number, partitionId: number, version: number, meta: PartitionMeta): SparkException {
  const provider = `LmdbStateStoreProvider[id = (op=${operatorId},part=${partitionId}),dir = ${dir}]`;
  const reachable = meta.undo ? `version ${meta.version}, or ${meta.undo.version} by undoing its latest batch` : `only version ${meta.version}`;
  return new SparkException(
    `An error occurred during loading state. Cannot load version ${version} of ${provider}: the store holds ${reachable}. The lmdb state store keeps only its latest version, so the checkpoint's offsets and commits do not match its state: restore the checkpoint directory from a backup, or delete it to start the query afresh (its state is then lost).`,
    { errorClass: 'CANNOT_LOAD_STATE_STORE.UNCATEGORIZED', sqlState: '58030', messageParameters: { version: String(version), storedVersion: String(meta.version), dir } },
  );
}

/** A synchronous, abortable commit that leaves the disk flush to commitBatch. */
function noFlushCommit(): number {
  const { TransactionFlags } = lmdb();
  return TransactionFlags.ABORTABLE | TransactionFlags.SYNCHRONOUS_COMMIT | TransactionFlags.NO_SYNC_FLUSH;
}
