// `commits/<N>`: written after batch N's sink output and state are committed. Line 1 `v1`, line 2
// `{"nextBatchWatermarkMs":<ms>}`. The engine renames it into place without an fsync (its loss
// only re-runs batch N: see makeBatchDurable in micro-batch-execution.ts).
import * as fs from 'node:fs';
import { MetadataLog, parseJsonLine, parseLogVersion, removeIfPresent } from './metadata-log';

export interface CommitMetadata {
  nextBatchWatermarkMs: number;
}

export class CommitLog extends MetadataLog<CommitMetadata> {
  protected serialize(value: CommitMetadata): string {
    return `v1\n${JSON.stringify(value)}`;
  }

  protected deserialize(text: string, file: string): CommitMetadata {
    const { rest } = parseLogVersion(text, 1, file);
    const parsed = parseJsonLine(rest[0], file, 'the commit metadata line') as Partial<CommitMetadata>;
    return { nextBatchWatermarkMs: typeof parsed?.nextBatchWatermarkMs === 'number' ? parsed.nextBatchWatermarkMs : 0 };
  }

  /**
   * The latest entry, read at start. An entry that is empty or all zero bytes is what a power
   * failure leaves of a commits/N whose data never reached the disk (it is not fsynced): batch N
   * counts as not committed, the file is removed and the batch re-runs from offsets/N. Any other
   * damage is refused by name, as before.
   */
  getLatestWritten(batchId: number): CommitMetadata | undefined {
    const file = this.fileFor(batchId);
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    if (buf.every((b) => b === 0)) {
      removeIfPresent(file);
      return undefined;
    }
    return this.deserialize(buf.toString('utf8'), file);
  }
}
