// Spark's CompactibleFileStreamLog: a MetadataLog whose entries are lists (one JSON line each).
// Every `compactInterval`-th batch (batch ids where (id + 1) % interval == 0) is written as
// `<id>.compact` holding all entries so far, so readers load one compact file plus a few deltas.
// Used by the file sink (`_spark_metadata`) and the file source (`sources/<i>`).
import * as path from 'node:path';
import { MetadataLog, missingIds, missingLogFile, parseJsonLine, parseLogVersion } from './metadata-log';

export abstract class CompactibleFileStreamLog<E> extends MetadataLog<E[]> {
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
    const all = this.isCompactionBatch(batchId) ? this.compactEntries([...this.allEntriesBefore(batchId), ...entries]) : entries;
    return super.add(batchId, all);
  }

  /** Every entry of batches < batchId: the latest compact file before it plus later deltas. */
  private allEntriesBefore(batchId: number): E[] {
    const ids = this.batchIds().filter((id) => id < batchId);
    let start = 0;
    for (let i = ids.length - 1; i >= 0; i--) {
      if (this.isCompactionBatch(ids[i])) {
        start = i;
        break;
      }
    }
    const from = ids.length === 0 || !this.isCompactionBatch(ids[start]) ? 0 : ids[start];
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
