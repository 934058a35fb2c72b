// The default state store (Spark's HDFSBackedStateStoreProvider): each operator partition lives in
// memory as a Map; on disk each operator has ONE file per version, `state/<op>/<version>.delta`
// (format: state-file-format.ts), with a section per shuffle partition: the partition's changes of
// that batch, or a snapshot of it. So a batch costs one file and one fsync per operator, whatever
// spark.sql.shuffle.partitions is (Spark's 200 logical partitions and their output order stay).
//
// Snapshots rotate: at version v, partition p is written whole when v % minDeltasForSnapshot ===
// p % minDeltasForSnapshot, so each batch re-encodes about 1/minDeltasForSnapshot of the state
// instead of all of it every minDeltasForSnapshot batches, and loading a partition reads at most
// minDeltasForSnapshot files back. The engine commits every partition, then calls commitBatch(),
// which writes the file; a crash before it is harmless (no commits/N, the batch is re-run).
// Files no retained version needs are deleted. A checkpoint of the earlier layout (a directory
// and text files per partition) is refused with a message saying so.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InternalError, SparkException } from '../errors/spark-exception';
import { StagedFile } from '../checkpoint/checkpoint-file-manager';
import { removeAllIfPresent, removeIfPresent } from '../checkpoint/metadata-log';
import { BinaryWriter } from '../util/binary-value-codec';
import type { StateStore, StateStoreProvider } from './state-store';
import { DenseSequenceMap } from './dense-sequence-map';
import { estimateMapsBytes, takeCommitted } from './state-memory-estimate';
import { applySection, parseStateFile, sectionBody, StateFileWriter, type ParsedStateFile, type StateChange } from './state-file-format';

export interface DeltaFileStateStoreOptions {
  /** `<checkpoint>/state`. */
  stateDir: string;
  /** spark.sql.streaming.stateStore.minDeltasForSnapshot (10). */
  minDeltasForSnapshot: number;
  /** spark.sql.streaming.minBatchesToRetain (100). */
  minVersionsToRetain: number;
  /** Kept for the factory's signature: commits are always gathered into one file per version. */
  batchedCommits?: boolean;
}

interface LoadedPartition {
  version: number;
  /** A Map, or the dense layout while every key came in ascending integer order. */
  data: Map<unknown, unknown> | DenseSequenceMap;
  /** Written whole at its next commit (a fresh store: earlier files must not show through). */
  snapshotNext?: boolean;
}

interface PendingPartition {
  loaded: LoadedPartition;
  appended: unknown[];
  changes: Map<unknown, StateChange>;
  removed: unknown[];
}

interface StagedVersion {
  operatorId: number;
  version: number;
  file: StagedFile;
}

interface PendingVersion {
  version: number;
  partitions: Map<number, PendingPartition>;
}

class DeltaFileStateStore implements StateStore {
  /** Keys this batch touched, in the order that reproduces the Map's iteration order. */
  private changes = new Map<unknown, StateChange>();
  /**
   * Keys put with putNew before any removal, in order: written before `changes` (see addDelta).
   * An array instead of Map records: a join adds thousands of fresh keys per partition and batch.
   */
  private appended: unknown[] = [];
  /**
   * Keys removed while the partition's entries are dense (dense-sequence-map.ts: a removed key is
   * never put again there), written after `changes`: an array instead of Map records, as a join
   * evicts thousands of rows per partition and batch.
   */
  private removed: unknown[] = [];
  private state: 'open' | 'committed' | 'aborted' = 'open';
  /** Keys removed in this batch (0: no change record is a removal). */
  private removals = 0;
  /**
   * Keys put() inserted in this batch: `appended` is written before `changes`, so putNew appends
   * only while no change record moves a key to the end.
   */
  private moves = 0;
  /** Abort drops the partition and reloads it from disk, so values may change in place. */
  readonly inPlaceUpdates = true;
  readonly valuesInMemory = true;

  constructor(
    readonly operatorId: number,
    readonly partitionId: number,
    readonly version: number,
    private readonly loaded: LoadedPartition,
    private readonly provider: DeltaFileStateStoreProvider,
  ) {}

  // Each method tests for a Map first: other operators' partitions are Maps from their first put,
  // and their calls stay as direct as before the dense layout existed.

  /** Sets the entry, turning a dense partition into a Map when it refuses the key. */
  private setEntry(key: unknown, value: unknown): void {
    const data = this.loaded.data;
    if (data instanceof Map) data.set(key, value);
    else if (!data.trySet(key, value)) this.leaveDense().set(key, value);
  }

  /** put()'s change record for a key just set, the partition having held `sizeBefore` entries. */
  private recordPut(key: unknown, sizeBefore: number): void {
    if (this.loaded.data.size !== sizeBefore) {
      // A (re)inserted key goes to the end of the iteration order: so does its change record. A
      // new key has a change record only if this batch removed it: none when nothing was removed
      // (a dense partition never puts a removed key again).
      if (this.removals !== 0) this.changes.delete(key);
      this.changes.set(key, 'moved');
      this.moves++;
    } else if (!this.changes.has(key)) {
      this.changes.set(key, 'inPlace');
    }
  }

  get(key: unknown): unknown {
    const data = this.loaded.data;
    return data instanceof Map ? data.get(key) : data.get(key);
  }

  put(key: unknown, value: unknown): void {
    if (this.state !== 'open') this.closed();
    const size = this.loaded.data.size;
    this.setEntry(key, value);
    this.recordPut(key, size);
  }

  putNew(key: unknown, value: unknown): void {
    // Once the batch has removed keys, a fresh key may have a removal record; once put() moved a key
    // to the end, a fresh key goes after it: put() handles both.
    if (this.removals !== 0 || this.moves !== 0) {
      this.put(key, value);
      return;
    }
    if (this.state !== 'open') this.closed();
    const size = this.loaded.data.size;
    this.setEntry(key, value);
    // Leaving the dense layout just turned its removals into records: recorded as put() does.
    if (this.removals !== 0) {
      this.recordPut(key, size);
      return;
    }
    // Nothing removed yet (removals of a dense partition aside: those keys never come back), so a
    // new key has no change record (a later put or markUpdated of it adds an 'inPlace' one, which
    // rewrites the same value); a key that was there keeps its place.
    if (this.loaded.data.size !== size) this.appended.push(key);
    else if (!this.changes.has(key)) this.changes.set(key, 'inPlace');
  }

  markUpdated(key: unknown): void {
    if (this.state !== 'open') this.closed();
    // As put() of the same value: the key stays where it is in the Map.
    if (!this.changes.has(key)) this.changes.set(key, 'inPlace');
  }

  remove(key: unknown): void {
    if (this.state !== 'open') this.closed();
    const data = this.loaded.data;
    if (!(data instanceof Map)) {
      if (!data.delete(key)) return;
      this.removed.push(key);
      if (data.sparse) this.leaveDense();
      return;
    }
    if (!data.delete(key)) return;
    this.removals++;
    this.changes.set(key, 'removed');
  }

  /**
   * Turns the partition's dense entries into a Map (a key came out of order, or holes pile up);
   * the removals kept aside become change records, as remove() writes them from now on.
   */
  private leaveDense(): Map<unknown, unknown> {
    const map = (this.loaded.data as DenseSequenceMap).toMap();
    this.loaded.data = map;
    const removed = this.removed;
    for (let i = 0; i < removed.length; i++) this.changes.set(removed[i], 'removed');
    this.removals += removed.length;
    this.removed = [];
    return map;
  }

  private closed(): never {
    throw new InternalError(`State store ${this.operatorId}/${this.partitionId} is used after commit or abort.`);
  }

  iterator(): IterableIterator<[unknown, unknown]> {
    return this.loaded.data.entries();
  }

  get numKeys(): number {
    return this.loaded.data.size;
  }

  commit(): number {
    if (this.state !== 'open') throw new InternalError(`State store ${this.operatorId}/${this.partitionId} is committed twice.`);
    const next = this.version + 1;
    this.state = 'committed';
    this.loaded.version = next;
    this.provider.committed(this.operatorId, this.partitionId, next, this.loaded, this.appended, this.changes, this.removed);
    this.changes = new Map();
    this.appended = [];
    this.removed = [];
    this.removals = 0;
    this.moves = 0;
    return next;
  }

  abort(): void {
    if (this.state !== 'open') return;
    // No undo log: the changes were made to the live Map, so the partition is dropped and the
    // next getStore reloads its committed version from disk (whole-batch copy-on-write by reload).
    this.provider.forget(this.operatorId, this.partitionId);
    this.state = 'aborted';
  }

  hasCommitted(): boolean {
    return this.state === 'committed';
  }
}

export class DeltaFileStateStoreProvider implements StateStoreProvider {
  private readonly loaded = new Map<number, Map<number, LoadedPartition>>();
  private readonly pending = new Map<number, PendingVersion>();
  /** One output buffer for every file this provider writes (no 10 MB allocation per batch). */
  private readonly writer = new BinaryWriter();
  /** Parsed files read while loading, by `<op>/<version>`; dropped when a file is written. */
  private readonly fileCache = new Map<string, ParsedStateFile>();
  private readonly checkedOperators = new Set<number>();

  constructor(private readonly options: DeltaFileStateStoreOptions) {}

  private operatorDir(operatorId: number): string {
    return path.join(this.options.stateDir, String(operatorId));
  }

  private file(operatorId: number, version: number): string {
    return path.join(this.operatorDir(operatorId), `${version}.delta`);
  }

  getStore(operatorId: number, partitionId: number, version: number): StateStore {
    this.checkLayout(operatorId);
    // Used without the engine's commitBatch (tests, tools): a later version needs the file.
    const pending = this.pending.get(operatorId);
    if (pending && version >= pending.version) this.writeVersion(operatorId);
    let partitions = this.loaded.get(operatorId);
    if (!partitions) this.loaded.set(operatorId, (partitions = new Map()));
    let entry = partitions.get(partitionId);
    if (!entry || entry.version !== version) {
      entry = this.load(operatorId, partitionId, version);
      partitions.set(partitionId, entry);
    }
    return new DeltaFileStateStore(operatorId, partitionId, version, entry, this);
  }

  getFreshStore(operatorId: number, partitionId: number, version: number): StateStore {
    this.checkLayout(operatorId);
    const pending = this.pending.get(operatorId);
    if (pending && version >= pending.version) this.writeVersion(operatorId);
    let partitions = this.loaded.get(operatorId);
    if (!partitions) this.loaded.set(operatorId, (partitions = new Map()));
    const entry: LoadedPartition = { version, data: new DenseSequenceMap(), snapshotNext: true };
    partitions.set(partitionId, entry);
    return new DeltaFileStateStore(operatorId, partitionId, version, entry, this);
  }

  /** An operator folder of the earlier per-partition layout is refused, once per operator. */
  private checkLayout(operatorId: number): void {
    if (this.checkedOperators.has(operatorId)) return;
    const dir = this.operatorDir(operatorId);
    if (fs.existsSync(dir)) {
      const old = fs.readdirSync(dir).filter((n) => n === '_index' || /^\d+$/.test(n));
      if (old.length > 0) {
        throw new SparkException(
          `An error occurred during loading state. The state of operator ${operatorId} in ${dir} was written in the layout of an earlier Rivulet version (a folder of text files per partition: ${path.join(dir, old[0])}), which this version does not read: it keeps one binary file per operator and batch. Finish the query with the earlier version, or delete the checkpoint directory to start the query afresh (its state is then lost).`,
          { errorClass: 'CANNOT_LOAD_STATE_STORE.UNCATEGORIZED', sqlState: '58030', messageParameters: { fileToRead: path.join(dir, old[0]) } },
        );
      }
    } else {
      fs.mkdirSync(dir, { recursive: true });
    }
    this.checkedOperators.add(operatorId);
  }

  /** Version `version` of a partition: the files back to its last snapshot (or to empty). */
  private load(operatorId: number, partitionId: number, version: number): LoadedPartition {
    const data = new Map<unknown, unknown>();
    const chain: [ParsedStateFile, number][] = [];
    for (let v = version; v > 0; v--) {
      const file = this.read(operatorId, partitionId, v);
      const section = file.sections.get(partitionId);
      if (!section) continue;
      chain.push([file, v]);
      if (section.kind === 1) break;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const [file, v] = chain[i];
      const problem = applySection(file, file.sections.get(partitionId)!, data);
      if (problem !== undefined) throw stateFileCorrupt(this.file(operatorId, v), problem);
    }
    // Dense again when its keys allow (a join's rows, renumbered after the last present one).
    return { version, data: DenseSequenceMap.fromMap(data) ?? data };
  }

  private read(operatorId: number, partitionId: number, version: number): ParsedStateFile {
    const key = `${operatorId}/${version}`;
    const cached = this.fileCache.get(key);
    if (cached) return cached;
    const file = this.file(operatorId, version);
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw deltaFileMissing(file, operatorId, partitionId, path.dirname(file));
      throw e;
    }
    const parsed = parseStateFile(buf);
    if (typeof parsed === 'string') throw stateFileCorrupt(file, parsed);
    if (this.fileCache.size > 64) this.fileCache.clear();
    this.fileCache.set(key, parsed);
    return parsed;
  }

  /** Operators with a store committed since memoryOfCommittedOperators last ran. */
  private readonly committedOperators = new Set<number>();

  takeCommittedOperators(): number[] {
    return takeCommitted(this.committedOperators);
  }

  memoryUsedBytes(operatorIds: readonly number[]): number {
    let bytes = 0;
    for (const operatorId of operatorIds) {
      const partitions = this.loaded.get(operatorId);
      if (partitions) bytes += estimateMapsBytes([...partitions.values()].map((p) => p.data));
    }
    return bytes;
  }

  /** A partition's commit: remembered until the operator's file for the version is written. */
  committed(operatorId: number, partitionId: number, version: number, loaded: LoadedPartition, appended: unknown[], changes: Map<unknown, StateChange>, removed: unknown[]): void {
    this.committedOperators.add(operatorId);
    let pending = this.pending.get(operatorId);
    if (pending && pending.version !== version) {
      this.writeVersion(operatorId);
      pending = undefined;
    }
    if (!pending) this.pending.set(operatorId, (pending = { version, partitions: new Map() }));
    pending.partitions.set(partitionId, { loaded, appended, changes, removed });
  }

  /** One file per operator: every partition committed in this batch, each written and fsynced now. */
  commitBatch(): void {
    for (const operatorId of [...this.pending.keys()]) this.writeVersion(operatorId);
  }

  /**
   * commitBatch for the engine: one file per operator, every partition committed in this batch. The files are written now and
   * fsynced on the thread pool; each goes into place by rename once on disk, and the promise
   * resolves when all have.
   */
  commitBatchAsync(): Promise<void> {
    const staged: StagedVersion[] = [];
    try {
      for (const operatorId of [...this.pending.keys()]) {
        const s = this.stageVersion(operatorId);
        if (s) staged.push(s);
      }
    } catch (e) {
      for (const s of staged) s.file.discard();
      throw e;
    }
    if (staged.length === 0) return Promise.resolve();
    return Promise.all(
      staged.map(async (s) => {
        // Files no retained version needs go beside the fsync, on the thread pool (an unlink can
        // wait for the journal); they are older than every retained version, new one or not.
        const removed = s.version % this.options.minDeltasForSnapshot === 0 ? removeAllIfPresent(this.filesToClean(s.operatorId, s.version)) : undefined;
        await s.file.syncAsync();
        this.published(s, false);
        await removed;
      }),
    ).then(() => undefined);
  }

  private writeVersion(operatorId: number): void {
    const staged = this.stageVersion(operatorId);
    if (!staged) return;
    staged.file.syncNow();
    this.published(staged);
  }

  private published(staged: StagedVersion, clean = true): void {
    staged.file.publish();
    this.fileCache.delete(`${staged.operatorId}/${staged.version}`);
    if (clean && staged.version % this.options.minDeltasForSnapshot === 0) for (const f of this.filesToClean(staged.operatorId, staged.version)) removeIfPresent(f);
  }

  /** Writes the operator's pending version to its temp file (not yet fsynced or in place). */
  private stageVersion(operatorId: number): StagedVersion | undefined {
    const pending = this.pending.get(operatorId);
    if (!pending) return undefined;
    this.pending.delete(operatorId);
    const { version } = pending;
    const k = this.options.minDeltasForSnapshot;
    const loaded = this.loaded.get(operatorId);
    let partitions = 0;
    if (loaded) for (const p of loaded.keys()) partitions = Math.max(partitions, p + 1);
    // Partitions committed separately at this same version (standalone use) keep their sections.
    // The engine commits every partition each batch, so a file left by a crashed run of the same
    // batch is replaced whole.
    const file = this.file(operatorId, version);
    let merged: ParsedStateFile | undefined;
    if (fs.existsSync(file)) {
      const parsed = parseStateFile(fs.readFileSync(file));
      if (typeof parsed !== 'string') merged = parsed;
    }
    if (merged) partitions = Math.max(partitions, merged.partitions);
    const writer = new StateFileWriter(partitions, this.writer);
    const ids = [...pending.partitions.keys()].sort((a, b) => a - b);
    if (merged) {
      for (const [p, section] of merged.sections) if (!pending.partitions.has(p)) writer.addRaw(p, section.kind, sectionBody(merged, section));
    }
    for (const p of ids) {
      const { loaded: part, appended, changes, removed } = pending.partitions.get(p)!;
      if (part.snapshotNext === true || version % k === p % k) {
        writer.addSnapshot(p, part.data);
        part.snapshotNext = false;
      }
      else if (changes.size > 0 || appended.length > 0 || removed.length > 0) writer.addDelta(p, appended, changes, removed, part.data);
    }
    const content = writer.finish();
    return { operatorId, version, file: StagedFile.write(file, content, { createDir: false }) };
  }

  /**
   * The files no retained version needs: the oldest retained version, latest -
   * minVersionsToRetain, builds each partition on a snapshot at most minDeltasForSnapshot - 1
   * versions older.
   */
  private filesToClean(operatorId: number, latestVersion: number): string[] {
    const keepFrom = latestVersion - this.options.minVersionsToRetain - this.options.minDeltasForSnapshot + 1;
    if (keepFrom <= 1) return [];
    const dir = this.operatorDir(operatorId);
    const files: string[] = [];
    for (const name of fs.readdirSync(dir)) {
      const m = /^(\d+)\.delta$/.exec(name);
      if (m && Number(m[1]) < keepFrom) files.push(path.join(dir, name));
    }
    return files;
  }

  forget(operatorId: number, partitionId: number): void {
    this.loaded.get(operatorId)?.delete(partitionId);
    this.pending.get(operatorId)?.partitions.delete(partitionId);
  }

  close(): void {
    this.commitBatch();
    this.loaded.clear();
    this.fileCache.clear();
  }
}

function providerName(operatorId: number, partitionId: number, dir: string): string {
  return `HDFSStateStoreProvider[id = (op=${operatorId},part=${partitionId}),dir = ${dir}]`;
}

function deltaFileMissing(file: string, operatorId: number, partitionId: number, dir: string): SparkException {
  return new SparkException(
    `An error occurred during loading state. Error reading delta file ${file} of ${providerName(operatorId, partitionId, dir)}: ${file} does not exist. The checkpoint's state is incomplete: restore the checkpoint directory from a backup, or delete it to start the query afresh.`,
    { errorClass: 'CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS', sqlState: '58030', messageParameters: { fileToRead: file } },
  );
}

function stateFileCorrupt(file: string, problem: string): SparkException {
  return new SparkException(
    `An error occurred during loading state. The state file ${file} is damaged: ${problem}. Restore the checkpoint directory from a backup, or delete it to start the query afresh (its state is then lost).`,
    { errorClass: 'CANNOT_LOAD_STATE_STORE.UNCATEGORIZED', sqlState: '58030', messageParameters: { fileToRead: file } },
  );
}
