// textFileStream (Spark's FileInputDStream with newFilesOnly): each batch reads the files that
// appeared in the directory since the last one: modified at or after the context start and not
// after the batch time, not seen before, name not starting with '.'. Files should be moved in
// atomically, as in Spark.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from '../util/logger';
import { DStream } from './dstream';
import type { DStreamContext, InputReceiver } from './dstream-context';
import { RDD } from './rdd';

const log = new Logger('FileInputDStream');
/** spark.streaming.fileStream.minRememberDuration */
const MIN_REMEMBER_MS = 60_000;

export class DirectoryWatcher implements InputReceiver {
  private startMs = 0;
  private readonly selected = new Map<string, number>();

  constructor(
    private readonly directory: string,
    private readonly now: () => number,
  ) {}

  async start(): Promise<void> {
    if (this.restored) {
      this.startMs = this.restored.startMs;
      for (const [f, t] of this.restored.selected) this.selected.set(f, t);
      return;
    }
    this.startMs = this.now();
  }

  async beforeBatch(): Promise<void> {}

  /** The files new at batch `timeMs`, in name order; each is selected once. */
  newFiles(timeMs: number, batchMs: number): string[] {
    const rememberMs = Math.ceil(MIN_REMEMBER_MS / batchMs) * batchMs;
    const threshold = Math.max(this.startMs, timeMs - rememberMs);
    for (const [file, t] of this.selected) if (t < threshold) this.selected.delete(file);
    let names: string[];
    try {
      names = fs.readdirSync(this.directory);
    } catch (e) {
      log.warn(`Error finding new files under ${this.directory}: ${(e as Error).message}`);
      return [];
    }
    const fresh: { file: string; mtime: number }[] = [];
    for (const name of names.sort()) {
      if (name.startsWith('.')) continue;
      const file = path.join(this.directory, name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        continue;
      }
      if (!stat.isFile()) continue;
      const mtime = Math.floor(stat.mtimeMs);
      if (mtime < threshold || mtime > timeMs || this.selected.has(file)) continue;
      fresh.push({ file, mtime });
    }
    for (const { file, mtime } of fresh) this.selected.set(file, mtime);
    return fresh.map((f) => f.file);
  }

  /** Checkpoint state: the files already selected and the start threshold. */
  snapshot(): { startMs: number; selected: [string, number][] } {
    return { startMs: this.startMs, selected: [...this.selected] };
  }

  restore(state: { startMs: number; selected: [string, number][] }): void {
    this.restored = state;
  }

  private restored: { startMs: number; selected: [string, number][] } | undefined;

  pendingCount(): number {
    return 0;
  }

  stop(): void {}
}

function textLines(file: string): string[] {
  const parts = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Hadoop's FixedLengthBinaryRecordReader reading past the end of a file (a partial last record). */
export class EOFException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'java.io.EOFException';
  }
}

/** binaryRecordsStream: the file cut into records of `recordLength` bytes. */
function fixedLengthRecords(recordLength: number): (file: string) => Uint8Array[] {
  return (file) => {
    const bytes = fs.readFileSync(file);
    if (bytes.length % recordLength !== 0) {
      throw new EOFException(`${file}: ${bytes.length} bytes is not a whole number of ${recordLength}-byte records`);
    }
    const out: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += recordLength) out.push(new Uint8Array(bytes.subarray(i, i + recordLength)));
    return out;
  };
}

function filesDStream<T>(ssc: DStreamContext, directory: string, read: (file: string) => T[]): DStream<T> {
  const watcher = new DirectoryWatcher(directory, ssc.clockNow);
  ssc.registerInput(watcher);
  const id = ssc.newInputStreamId();
  const stream = new DStream<T>(ssc, ssc.batchDurationMs, [], (t) => {
    const files = watcher.newFiles(t, ssc.batchDurationMs);
    const records: T[] = [];
    for (const file of files) records.push(...read(file));
    ssc.reportInputRecords(id, records.length, { files, Description: files.length > 0 ? `file: ${files.join('\n')}` : '' });
    // No new file: an RDD without partitions (count() of the batch prints nothing, as in PySpark).
    return files.length === 0 ? RDD.withoutPartitions<T>() : new RDD(records);
  });
  watchers.set(stream as DStream<unknown>, watcher);
  return stream;
}

const watchers = new WeakMap<DStream<unknown>, DirectoryWatcher>();

/** The directory watcher of a file stream (checkpoints save and restore its selected files). */
export function directoryWatcherOf(stream: DStream<unknown>): DirectoryWatcher | undefined {
  return watchers.get(stream);
}

export function fileInputDStream(ssc: DStreamContext, directory: string): DStream<string> {
  return filesDStream(ssc, directory, textLines);
}

export function binaryRecordsInputDStream(ssc: DStreamContext, directory: string, recordLength: number): DStream<Uint8Array> {
  return filesDStream(ssc, directory, fixedLengthRecords(recordLength));
}
