// Spark's FileStreamSourceLog: `<checkpoint>/sources/<i>/<logBatchId>`, one JSON line per file
// a log batch took: {"path":"file:///...","timestamp":<mtime ms>,"batchId":N}. Every
// compactInterval-th batch is a `.compact` file holding every entry so far (the source keeps all
// entries: they are the files already seen). A compact file serves its own batch by filtering on
// the entries' batchId.
import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CompactibleFileStreamLog } from '../../checkpoint/compactible-file-stream-log';
import { missingLogFile } from '../../checkpoint/metadata-log';

export interface FileEntry {
  /** The file as a URI: `file:///tmp/in/a.json`. */
  readonly path: string;
  /** Modification time, epoch milliseconds. */
  readonly timestamp: number;
  readonly batchId: number;
}

/** spark.sql.streaming.fileSource.log.compactInterval default. */
export const DEFAULT_SOURCE_LOG_COMPACT_INTERVAL = 10;

export function fileUri(localPath: string): string {
  return pathToFileURL(localPath).href;
}

/** A logged path back to a local path; Spark's own logs write `file:/x` as well as `file:///x`. */
export function localPathOfUri(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(new URL(uri)) : uri;
}

/**
 * Spark's deriveCompactInterval: a log already compacted keeps the interval it was written with
 * (the largest divisor of latestCompactBatchId + 1 not above the configured one), so changing the
 * conf between runs does not break reading the existing `.compact` files.
 */
export function compactIntervalFor(dir: string, configured: number): number {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return configured;
  }
  const compacts = names.map((n) => /^(\d+)\.compact$/.exec(n)).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1]));
  if (compacts.length === 0) return configured;
  const total = Math.max(...compacts) + 1;
  if (total <= configured) return total;
  for (let d = configured; d >= 1; d--) if (total % d === 0) return d;
  return 1;
}

export class FileStreamSourceLog extends CompactibleFileStreamLog<FileEntry> {
  constructor(dir: string, compactInterval = DEFAULT_SOURCE_LOG_COMPACT_INTERVAL) {
    super(dir, compactIntervalFor(dir, compactInterval), 1);
  }

  fileOf(batchId: number): string {
    return this.fileFor(batchId);
  }

  /** The files of log batches first..last (inclusive), in log order. */
  filesOfBatches(first: number, last: number): FileEntry[] {
    const out: FileEntry[] = [];
    for (let id = first; id <= last; id++) {
      const entries = this.get(id);
      if (entries === undefined) throw missingLogFile(this.fileOf(id), `batch ${id} doesn't exist in the file source log`);
      for (const e of entries) if (!this.isCompactionBatch(id) || e.batchId === id) out.push(e);
    }
    return out;
  }
}
