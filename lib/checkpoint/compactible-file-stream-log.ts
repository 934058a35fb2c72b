// Spark's CompactibleFileStreamLog: a MetadataLog whose entries are lists (one JSON line each).
// Every `compactInterval`-th batch (batch ids where (id + 1) % interval == 0) is written as
// `<id>.compact` holding all entries so far, so readers load one compact file plus a few deltas.
// Used by the file sink (`_spark_metadata`) and the file source (`sources/<i>`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MetadataLog, missingIds, missingLogFile, parseJsonLine, parseLogVersion } from './metadata-log';

export abstract class CompactibleFileStreamLog<E> extends MetadataLog<E[]> {
  /**
   * Spark's spark.sql.streaming.file{Sink,Source}.log.deletion / .cleanupDelay: after a compact
   * file is written, the files it folds in are deleted once older than the delay (readers still
   * listing them have that long), so the log keeps one compact file plus the deltas since.
   */
  deletion = { enabled: true, cleanupDelayMs: 10 * 60_000 };

  constructor(
    dir: string,
    readonly compactInterval: number,
    private readonly logVersion = 1,
  ) {
    super(dir);
  }

  isCompactionBatch(batchId: number): boolean {
    return (batchId + 1) % this.compactInterval === 0;
  }

  protected override fileFor(batchId: number): string {
    return path.join(this.dir, this.isCompactionBatch(batchId) ? `${batchId}.compact` : String(batchId));
  }

  protected override batchIdOf(fileName: string): number | undefined {
    const m = /^(\d+)(\.compact)?$/.exec(fileName);
    return m ? Number(m[1]) : undefined;
  }

  /** Entries kept when compacting (the sink drops deleted files; the source keeps all). */
  protected compactEntries(entries: E[]): E[] {
    return entries;
  }

  protected serialize(entries: E[]): string {
    return ['v' + this.logVersion, ...entries.map((e) => JSON.stringify(e))].join('\n');
  }

  protected deserialize(text: string, file: string): E[] {
    const { rest } = parseLogVersion(text, this.logVersion, file);
    return rest.filter((l) => l !== '').map((l, i) => parseJsonLine(l, file, `entry ${i + 1}`) as E);
  }

  /** Adds a batch; a compaction batch also folds in every entry since the previous compaction. */
  override add(batchId: number, entries: E[]): boolean {
    if (this.has(batchId)) return false;
    const compaction = this.isCompactionBatch(batchId);
    const all = compaction ? this.compactEntries([...this.allEntriesBefore(batchId), ...entries]) : entries;
    const added = super.add(batchId, all);
    if (added && compaction && this.deletion.enabled) this.deleteExpiredLog(batchId);
    return added;
  }

  /** Spark's deleteExpiredLog: files of batches before `compactBatchId`, older than the delay. */
  private deleteExpiredLog(compactBatchId: number): void {
    const expiredBefore = Date.now() - this.deletion.cleanupDelayMs;
    for (const id of this.batchIds()) {
      if (id >= compactBatchId) break;
      const file = this.fileFor(id);
      try {
        if (fs.statSync(file).mtimeMs < expiredBefore) fs.rmSync(file, { force: true });
      } catch {
        // Gone already, or the disk refuses: the next compaction tries again.
      }
    }
  }

  /** Ids written as `<id>.compact`, from the names on disk (the interval may have changed). */
  private compactIdsOnDisk(): Set<number> {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return new Set();
    }
    return new Set(names.map((n) => /^(\d+)\.compact$/.exec(n)).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1])));
  }

  /** Reads `<id>` or `<id>.compact`, whichever is on disk. */
  override get(batchId: number): E[] | undefined {
    const entries = super.get(batchId);
    if (entries !== undefined) return entries;
    const other = this.isCompactionBatch(batchId) ? path.join(this.dir, String(batchId)) : path.join(this.dir, `${batchId}.compact`);
    let text: string;
    try {
      text = fs.readFileSync(other, 'utf8');
    } catch {
      return undefined;
    }
    return this.deserialize(text, other);
  }

  /** Every entry of batches < batchId: the latest compact file before it plus later deltas. */
  private allEntriesBefore(batchId: number): E[] {
    const ids = this.batchIds().filter((id) => id < batchId);
    const compacts = this.compactIdsOnDisk();
    let start = 0;
    for (let i = ids.length - 1; i >= 0; i--) {
      if (compacts.has(ids[i])) {
        start = i;
        break;
      }
    }
    const from = ids.length === 0 || !compacts.has(ids[start]) ? 0 : ids[start];
    this.requireBatches(ids, from, batchId - 1);
    const out: E[] = [];
    for (const id of ids.slice(start)) out.push(...this.get(id)!);
    return out;
  }

  /** Refuses a log with a hole in [first, last], naming the first missing file. */
  requireBatches(present: readonly number[], first: number, last: number): void {
    const missing = missingIds(present, first, last);
    if (missing.length === 0) return;
    throw missingLogFile(this.fileFor(missing[0]), `batches (${missing.join(', ')}) don't exist (startId: ${first}, endId: ${last})`);
  }

  /** Every entry of every batch in the log (what readers of a sink folder see). */
  allEntries(): E[] {
    const latest = this.batchIds();
    if (latest.length === 0) return [];
    return this.allEntriesBefore(latest[latest.length - 1] + 1);
  }
}
