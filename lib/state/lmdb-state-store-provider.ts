// The state store for state larger than memory (what Spark's RocksDBStateStoreProvider is for),
// on LMDB: data lives in a memory-mapped B-tree off the JS heap, and a batch's changes sit in a
// small in-memory overlay until commit writes them, with the new version, in one LMDB transaction
// (atomic under kill -9: LMDB switches its meta page only after the data pages are flushed).
//
// Layout: ONE LMDB environment per operator, at `state/<operatorId>/lmdb/`, shared by all its
// partitions, whose records are prefixed by the partition id. With Spark's 200 shuffle partitions a
// per-partition environment would mean 200 memory maps, lock files and file handles per operator;
// one environment keeps that constant, and partitions stay independent (each commits its own
// transaction with its own version). Keys and values are in the compact encoding of the default
// store's files (lib/util/binary-value-codec.ts). Databases in the environment:
//   data   u32 BE partition + key bytes -> f64 seq, f64 event time (NaN: none), then the value
//                                     (keys longer than 1 KiB: 0xFF + their SHA-256 instead)
//   order  [partition, seq]        -> key bytes  (iteration order: insertion sequence)
//   time   [partition, time]       -> the keys put with that event time, with their sequences
//                                     (range eviction; lib/state/lmdb-time-index.ts)
//   undo   partition              -> the undo log of the latest batch, one record: per key it
//                                     changed or removed, u32 length + key bytes, u32 length + the
//                                     previous data record (the keys it inserted are found by
//                                     their sequence, >= the undo's nextSeq, so need no entry).
//                                     One LMDB write per partition and batch, not one per key.
//   meta   partition               -> JSON PartitionMeta (version, numKeys, nextSeq, purgeUpTo,
//                                     maxTime, undo)
//   flushes 'format'               -> RECORD_FORMAT ('binary-2'); 'last' -> the latest flush
// Environments of earlier layouts (values as tagged JSON text; 'binary-1' with text keys) are
// refused by name.
//
// Range eviction (removeUpTo): a batch that evicts by event time does not touch the expired keys
// one by one. Its version records `purgeUpTo` = the limit, and reads treat stored keys whose time is
// at or below it as absent; the next commit deletes that range from data/order/time (it belongs to
// no version the undo log can return to: the undo goes back to a version that already hid it).
// Undoing an evicting batch restores the previous `purgeUpTo`: the undo record of a range deletion
// is one number, and the cost of eviction is a range scan over the expired keys.
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
import { BinaryReader, BinaryWriter } from '../util/binary-value-codec';
import type { StateStore, StateStoreProvider } from './state-store';
import { takeCommitted } from './state-memory-estimate';
import { TimeIndexEdits, timeRecordCount, timeRecordEntries, type TimeIndexDb } from './lmdb-time-index';

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
  /** That version's purgeUpTo and maxTime. */
  purgeUpTo?: number;
  maxTime?: number;
  /** Number of entries in the partition's undo record. */
  count: number;
}

interface PartitionMeta {
  version: number;
  numKeys: number;
  nextSeq: number;
  /** Stored keys with an event time at or below this are evicted (deleted by the next commit). */
  purgeUpTo?: number;
  /** At least the highest time in the partition's time index (none: the index is empty). */
  maxTime?: number;
  undo?: UndoInfo;
}

const EMPTY_META: PartitionMeta = { version: 0, numKeys: 0, nextSeq: 0 };

/** LMDB's key limit is 1978 bytes; longer encoded keys are stored under their SHA-256. */
const MAX_INLINE_KEY_BYTES = 1024;
/** Starts a hashed storage key: no value tag of the binary codec is this byte. */
const HASHED_KEY = 0xff;
/** Bytes of the partition prefix of data keys. */
const PREFIX = 4;

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
  data: Database<Buffer, Buffer>;
  order: Database<Buffer, [number, number]>;
  time: TimeIndexDb;
  undo: Database<Buffer, number>;
  /** The format record is written by the first transaction of a new environment. */
  formatWritten: boolean;
  meta: Database<string, number>;
}

/** One key the batch touched: its current value and place in the iteration order. */
interface OverlayEntry {
  key: unknown;
  /** The key's encoding (what `order` and `time` hold). */
  encodedKey: Buffer;
  /** The data key: partition prefix + storage key. */
  dataKey: Buffer;
  value: unknown;
  present: boolean;
  /** Insertion sequence; a key (re)inserted by this batch gets one >= the batch's base nextSeq. */
  seq: number;
  /** Event time in micros, NaN for none. */
  time: number;
  /** The committed LMDB record (seq, time and value), for the undo log and the commit's index updates. */
  stored: Buffer | undefined;
}

const keyWriter = new BinaryWriter(256);
/** No state key is this object. */
const NO_KEY = {};

/** Map keys compare with SameValueZero, where -0 is 0: so do encoded keys. */
function normalizeKey(key: unknown): unknown {
  return Object.is(key, -0) ? 0 : key;
}

/** Writes a key's encoding into keyWriter after a partition prefix; returns the encoding's end. */
function writeKey(partitionId: number, key: unknown): number {
  const w = keyWriter;
  w.pos = PREFIX;
  w.value(key);
  w.buf.writeUInt32BE(partitionId, 0);
  return w.pos;
}

/** The data key of an encoding written by writeKey, in keyWriter's buffer (valid until the next writeKey) or copied. */
function dataKeyOfWritten(end: number, copy: boolean): Buffer {
  const w = keyWriter;
  if (end - PREFIX <= MAX_INLINE_KEY_BYTES) return copy ? Buffer.from(w.buf.subarray(0, end)) : w.buf.subarray(0, end);
  return hashedDataKey(w.buf.readUInt32BE(0), w.buf.subarray(PREFIX, end));
}

/** The data key of a key encoding (from `order`, `time` or an undo record). */
function dataKeyOf(partitionId: number, encodedKey: Uint8Array): Buffer {
  if (encodedKey.length <= MAX_INLINE_KEY_BYTES) {
    const out = Buffer.allocUnsafe(PREFIX + encodedKey.length);
    out.writeUInt32BE(partitionId, 0);
    out.set(encodedKey, PREFIX);
    return out;
  }
  return hashedDataKey(partitionId, encodedKey);
}

/** The data key of a key encoding longer than MAX_INLINE_KEY_BYTES: partition, HASHED_KEY, SHA-256. */
function hashedDataKey(partitionId: number, encodedKey: Uint8Array): Buffer {
  const hashed = Buffer.allocUnsafe(PREFIX + 1 + 32);
  hashed.writeUInt32BE(partitionId, 0);
  hashed[PREFIX] = HASHED_KEY;
  createHash('sha256').update(encodedKey).digest().copy(hashed, PREFIX + 1);
  return hashed;
}

/** The first data key of a partition (and, for partition + 1, the end of its range). */
function partitionStart(partitionId: number): Buffer {
  const out = Buffer.allocUnsafe(PREFIX);
  out.writeUInt32BE(partitionId, 0);
  return out;
}

function decodeKey(encodedKey: Buffer): unknown {
  return new BinaryReader(encodedKey, 0).value();
}

/** The format of keys, data and undo records, kept in the `flushes` database under 'format'. */
const RECORD_FORMAT = 'binary-2';

const recordWriter = new BinaryWriter(4096);

/** A data record: the key's insertion sequence and event time (NaN: none), then its value. */
function encodeRecord(seq: number, time: number, value: unknown): Buffer {
  const w = recordWriter;
  w.pos = 0;
  w.f64(seq);
  w.f64(time);
  w.value(value);
  return Buffer.from(w.result());
}

function recordSeq(record: Buffer): number {
  return record.readDoubleLE(0);
}

function recordTime(record: Buffer): number {
  return record.readDoubleLE(8);
}

function recordValue(record: Buffer): unknown {
  return new BinaryReader(record, 16).value();
}

const undoWriter = new BinaryWriter(64 * 1024);

/** Adds a key's encoding and previous data record to the undo record being written. */
function addUndo(encodedKey: Buffer, previous: Buffer): void {
  const w = undoWriter;
  w.bytes(encodedKey);
  w.bytes(previous);
}

/** The entries of an undo record. */
function decodeUndo(record: Buffer, count: number): { encodedKey: Buffer; previous: Buffer }[] {
  const out: { encodedKey: Buffer; previous: Buffer }[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const keyLength = record.readUInt32LE(at);
    const encodedKey = Buffer.from(record.subarray(at + 4, at + 4 + keyLength));
    at += 4 + keyLength;
    const recordLength = record.readUInt32LE(at);
    out.push({ encodedKey, previous: Buffer.from(record.subarray(at + 4, at + 4 + recordLength)) });
    at += 4 + recordLength;
  }
  return out;
}

/** Removes a record's `order` entry and (through `edits`) its `time` entry. */
function removeIndexEntries(env: OperatorEnv, p: number, record: Buffer, edits: TimeIndexEdits): void {
  const seq = recordSeq(record);
  env.order.removeSync([p, seq]);
  const time = recordTime(record);
  if (time === time) edits.remove(time, seq);
}

/** Writes a record's `order` entry and (through `edits`) its `time` entry. */
function putIndexEntries(env: OperatorEnv, p: number, record: Buffer, encodedKey: Buffer, edits: TimeIndexEdits): void {
  const seq = recordSeq(record);
  env.order.putSync([p, seq], encodedKey);
  const time = recordTime(record);
  if (time === time) edits.add(time, seq, encodedKey);
}

class LmdbStateStore implements StateStore {
  /** Touched keys: primitives by themselves, objects (keyed by content) in objectOverlay. */
  private readonly overlay = new Map<unknown, OverlayEntry>();
  private readonly objectOverlay = new Map<string, OverlayEntry>();
  private readonly baseNextSeq: number;
  private nextSeq: number;
  private keyCount: number;
  private state: 'open' | 'committed' | 'aborted' = 'open';
  /** Stored records with an event time at or below this read as absent. */
  private hiddenUpTo: number;
  /** The limit of this batch's removeUpTo, if it called it. */
  private evictedUpTo: number | undefined;
  /**
   * The last primitive key get() found absent: operators put a key right after finding it absent
   * (dropDuplicates), and touch() then skips a second LMDB read (LMDB does not change before commit).
   */
  private lastMiss: unknown = NO_KEY;
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
    this.hiddenUpTo = meta.purgeUpTo ?? -Infinity;
  }

  /** Every key the batch touched. */
  private *touched(): IterableIterator<OverlayEntry> {
    yield* this.overlay.values();
    yield* this.objectOverlay.values();
  }

  /** The overlay entry of a (normalized) key, if the batch touched it. */
  private entryOf(key: unknown): OverlayEntry | undefined {
    if (key !== null && typeof key === 'object') {
      const end = writeKey(this.partitionId, key);
      return this.objectOverlay.get(keyWriter.buf.toString('latin1', PREFIX, end));
    }
    return this.overlay.get(key);
  }

  /** A stored record, or undefined when absent or evicted. */
  private visible(record: Buffer | undefined): Buffer | undefined {
    return record === undefined || recordTime(record) <= this.hiddenUpTo ? undefined : record;
  }

  get(key: unknown): unknown {
    const k = normalizeKey(key);
    const entry = this.entryOf(k);
    if (entry) return entry.present ? entry.value : undefined;
    const record = this.visible(this.env.data.get(dataKeyOfWritten(writeKey(this.partitionId, k), false)));
    if (record === undefined) {
      if (k === null || typeof k !== 'object') this.lastMiss = k;
      return undefined;
    }
    return recordValue(record);
  }

  put(key: unknown, value: unknown): void {
    this.putWithEventTime(key, value, null);
  }

  putWithEventTime(key: unknown, value: unknown, eventTime: number | null): void {
    const entry = this.touch(key);
    if (!entry.present) {
      // A (re)inserted key goes to the end of the iteration order, as in a Map.
      entry.present = true;
      entry.seq = this.nextSeq++;
      this.keyCount++;
    }
    entry.value = value;
    entry.time = eventTime === null ? NaN : eventTime;
  }

  remove(key: unknown): void {
    const entry = this.touch(key);
    if (!entry.present) return;
    entry.present = false;
    entry.value = undefined;
    this.keyCount--;
  }

  /**
   * Evicts every key whose event time is at or below `limit`: the keys this batch touched in the
   * overlay, the stored ones by the version's purgeUpTo (counted by a scan of the time index over
   * the newly expired range).
   */
  removeUpTo(limit: number): number {
    this.checkOpen();
    let removed = 0;
    for (const entry of this.touched()) {
      if (!entry.present || !(entry.time <= limit)) continue;
      entry.present = false;
      entry.value = undefined;
      removed++;
    }
    if (limit > this.hiddenUpTo) {
      const p = this.partitionId;
      // Times after hiddenUpTo up to limit ([p, t, Infinity] sorts after [p, t], before [p, t + ...]).
      const range = { start: [p, this.hiddenUpTo, Infinity] as unknown as [number, number], end: [p, limit, Infinity] as unknown as [number, number] };
      const untouched = this.overlay.size === 0 && this.objectOverlay.size === 0;
      for (const { value: record } of this.env.time.getRange(range)) {
        if (untouched) {
          removed += timeRecordCount(record);
          continue;
        }
        // Keys the batch touched were counted by the overlay, as it holds them now.
        for (const { encodedKey } of timeRecordEntries(record)) if (this.entryOf(decodeKey(encodedKey)) === undefined) removed++;
      }
      this.hiddenUpTo = limit;
    }
    this.evictedUpTo = limit;
    this.keyCount -= removed;
    return removed;
  }

  private checkOpen(): void {
    if (this.state !== 'open') throw new InternalError(`State store ${this.operatorId}/${this.partitionId} is used after commit or abort.`);
    if (this.evictedUpTo !== undefined) throw new InternalError(`State store ${this.operatorId}/${this.partitionId} is changed after removeUpTo, which must be its batch's last change.`);
  }

  /** The overlay entry of `key`, created from LMDB's record on first touch. */
  private touch(key: unknown): OverlayEntry {
    this.checkOpen();
    const k = normalizeKey(key);
    const isObject = k !== null && typeof k === 'object';
    const end = writeKey(this.partitionId, k);
    const objectKey = isObject ? keyWriter.buf.toString('latin1', PREFIX, end) : '';
    let entry = isObject ? this.objectOverlay.get(objectKey) : this.overlay.get(k);
    if (!entry) {
      const encodedKey = Buffer.from(keyWriter.buf.subarray(PREFIX, end));
      const dataKey = dataKeyOfWritten(end, true);
      // An evicted record is deleted by this batch's commit: the key is new to it.
      const record = !isObject && k === this.lastMiss ? undefined : this.visible(this.env.data.get(dataKey));
      this.lastMiss = NO_KEY;
      const seq = record === undefined ? -1 : recordSeq(record);
      const time = record === undefined ? NaN : recordTime(record);
      entry = { key: k, encodedKey, dataKey, value: undefined, present: record !== undefined, seq, time, stored: record };
      if (isObject) this.objectOverlay.set(objectKey, entry);
      else this.overlay.set(k, entry);
    }
    return entry;
  }

  *iterator(): IterableIterator<[unknown, unknown]> {
    const p = this.partitionId;
    // Stored keys in sequence order, as this batch sees them...
    for (const { value: encodedKey } of this.env.order.getRange({ start: [p], end: [p + 1] })) {
      const key = decodeKey(encodedKey);
      const entry = this.entryOf(key);
      if (entry) {
        // Moved keys appear at the end with their new sequence; removed keys not at all.
        if (entry.present && entry.seq < this.baseNextSeq) yield [entry.key, entry.value];
        continue;
      }
      const record = this.visible(this.env.data.get(dataKeyOf(p, encodedKey)));
      if (record !== undefined) yield [key, recordValue(record)];
    }
    // ...then the keys this batch (re)inserted, in insertion order.
    const inserted = [...this.touched()].filter((e) => e.present && e.seq >= this.baseNextSeq).sort((a, b) => a.seq - b.seq);
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
    const { data, undo, meta } = this.env;
    const p = this.partitionId;
    if (!this.env.formatWritten) {
      this.env.flushes.putSync('format', RECORD_FORMAT);
      this.env.formatWritten = true;
    }
    const current = readMeta(this.env, p);
    if (current.version !== this.version) {
      throw new InternalError(`State store ${this.operatorId}/${this.partitionId} was loaded at version ${this.version} but the store now holds version ${current.version}.`);
    }
    // The range the loaded version evicted leaves LMDB now: no version the undo log reaches holds it.
    if (current.purgeUpTo !== undefined) purgeRange(this.env, p, current.purgeUpTo);
    // The undo log only ever covers the latest batch: this batch's record replaces the previous one.
    undoWriter.pos = 0;
    let undoCount = 0;
    const edits = new TimeIndexEdits();
    for (const entry of this.touched()) {
      // LMDB has not changed since the key was touched (the version check above proves it),
      // except for the purged range, whose records touch() already saw as absent.
      const previous = entry.stored;
      if (previous === undefined && !entry.present) continue;
      if (previous !== undefined) {
        addUndo(entry.encodedKey, previous);
        undoCount++;
      }
      if (!entry.present) {
        data.removeSync(entry.dataKey);
        removeIndexEntries(this.env, p, previous!, edits);
        continue;
      }
      // Values are encoded at commit, as the delta-file provider does.
      const record = encodeRecord(entry.seq, entry.time, entry.value);
      data.putSync(entry.dataKey, record);
      if (previous === undefined || recordSeq(previous) !== entry.seq || !Object.is(recordTime(previous), entry.time)) {
        if (previous !== undefined) removeIndexEntries(this.env, p, previous, edits);
        putIndexEntries(this.env, p, record, entry.encodedKey, edits);
      }
    }
    const highest = Math.max(current.maxTime ?? -Infinity, edits.apply(this.env.time, p, current.maxTime ?? -Infinity));
    if (undoCount > 0) undo.putSync(p, Buffer.from(undoWriter.result()));
    else if ((current.undo?.count ?? 0) > 0) undo.removeSync(p);
    const written: PartitionMeta = {
      version: next,
      numKeys: this.keyCount,
      nextSeq: this.nextSeq,
      purgeUpTo: this.evictedUpTo,
      maxTime: highest === -Infinity ? undefined : highest,
      undo: { version: this.version, numKeys: this.meta.numKeys, nextSeq: this.meta.nextSeq, purgeUpTo: this.meta.purgeUpTo, maxTime: this.meta.maxTime, count: undoCount },
    };
    meta.putSync(p, JSON.stringify(written));
    this.env.created = false;
    this.overlay.clear();
    this.objectOverlay.clear();
  }

  abort(): void {
    if (this.state !== 'open') return;
    this.overlay.clear();
    this.objectOverlay.clear();
    this.state = 'aborted';
  }

  hasCommitted(): boolean {
    return this.state === 'committed';
  }
}

/** Deletes a partition's keys with an event time at or below `limit`; runs in a write transaction. */
function purgeRange(env: OperatorEnv, p: number, limit: number): void {
  const expired = [...env.time.getRange({ start: [p], end: [p, limit, Infinity] as unknown as [number, number] })];
  for (const { key, value: record } of expired) {
    env.time.removeSync(key);
    for (const { seq, encodedKey } of timeRecordEntries(record)) {
      env.order.removeSync([p, seq]);
      env.data.removeSync(dataKeyOf(p, encodedKey));
    }
  }
}

/**
 * Environments of earlier layouts are refused by name rather than misread: no format record but
 * partitions (data and undo records as tagged JSON text), or 'binary-1' (keys as tagged JSON text,
 * records without an event time).
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
      : format === 'binary-1'
        ? `An error occurred during loading state. The lmdb state of operator ${operatorId} in ${file} was written by an earlier Rivulet version (record format 'binary-1': keys as tagged JSON text), which this version does not read: it keeps keys in the compact binary encoding too, with an event-time index for range eviction (format '${RECORD_FORMAT}'). Finish the query with the earlier version, or delete the checkpoint directory to start the query afresh (its state is then lost).`
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
      for (const key of [...env.data.getKeys({ start: partitionStart(p), end: partitionStart(p + 1) })]) env.data.removeSync(key);
      for (const db of [env.order, env.time] as unknown as Database<Buffer, number[]>[]) {
        for (const key of [...db.getKeys({ start: [p], end: [p + 1] })]) db.removeSync(key);
      }
      env.undo.removeSync(p);
      env.meta.putSync(p, JSON.stringify({ version, numKeys: 0, nextSeq: 0 } satisfies PartitionMeta));
    });
    return this.getStore(operatorId, partitionId, version);
  }

  /** Undoes the latest batch (a re-run after a crash between the state commit and commits/N). */
  private rollBack(env: OperatorEnv, p: number, current: PartitionMeta): PartitionMeta {
    const undoInfo = current.undo!;
    const restored: PartitionMeta = { version: undoInfo.version, numKeys: undoInfo.numKeys, nextSeq: undoInfo.nextSeq, purgeUpTo: undoInfo.purgeUpTo, maxTime: undoInfo.maxTime };
    env.root.transactionSync(() => {
      const edits = new TimeIndexEdits();
      // Keys the batch (re)inserted carry sequences from the undo's nextSeq on: drop them...
      const inserted = [...env.order.getRange({ start: [p, undoInfo.nextSeq], end: [p + 1] })];
      for (const { value: encodedKey } of inserted) {
        const dataKey = dataKeyOf(p, encodedKey);
        const record = env.data.get(dataKey);
        if (record === undefined) throw new InternalError(`The data record of sequence ${undoInfo.nextSeq}+ in state partition ${p} in ${env.dir} is missing.`);
        removeIndexEntries(env, p, record, edits);
        env.data.removeSync(dataKey);
      }
      // ...then put back what the keys it changed, moved or removed held before. A range the
      // batch evicted needs nothing: restoring purgeUpTo shows its keys again.
      const record = undoInfo.count > 0 ? env.undo.get(p) : undefined;
      if (undoInfo.count > 0 && record === undefined) throw new InternalError(`The undo record of state partition ${p} in ${env.dir} is missing.`);
      for (const { encodedKey, previous } of record === undefined ? [] : decodeUndo(record, undoInfo.count)) {
        const dataKey = dataKeyOf(p, encodedKey);
        const now = env.data.get(dataKey);
        env.data.putSync(dataKey, previous);
        // A key changed in place keeps its index entries.
        if (now !== undefined && recordSeq(now) === recordSeq(previous) && Object.is(recordTime(now), recordTime(previous))) continue;
        if (now !== undefined) removeIndexEntries(env, p, now, edits);
        putIndexEntries(env, p, previous, encodedKey, edits);
      }
      // Rollback reads every time record it edits (its restored maxTime bounds what remains).
      edits.apply(env.time, p, Infinity);
      if (record !== undefined) env.undo.removeSync(p);
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
      const root = lmdb().open({ path: dir, maxDbs: 9, overlappingSync: false });
      env = {
        dir,
        created,
        root,
        data: root.openDB({ name: 'data', encoding: 'binary', keyEncoding: 'binary' }),
        order: root.openDB({ name: 'order', encoding: 'binary' }),
        time: root.openDB({ name: 'time', encoding: 'binary' }),
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
      for (const db of [env.data, env.order, env.time, env.undo, env.meta]) {
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
