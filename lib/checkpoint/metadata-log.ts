// MetadataLog<T>: one file per batch id in a folder (Spark's HDFSMetadataLog). add() never
// overwrites an entry; every file is written to a temp name, fsynced and renamed, so a crash leaves
// either no entry or a whole one. A file that cannot be parsed is reported by name, never skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SparkException } from '../errors/spark-exception';
import { StagedFile, writeFileAtomic } from './checkpoint-file-manager';

export abstract class MetadataLog<T> {
  constructor(readonly dir: string) {}

  protected abstract serialize(value: T): string;
  protected abstract deserialize(text: string, file: string): T;

  /** The file holding `batchId`'s entry (subclasses add suffixes such as `.compact`). */
  protected fileFor(batchId: number): string {
    return path.join(this.dir, String(batchId));
  }

  /** Writes the entry for `batchId`; false when the batch already has one (it is kept as it is). */
  add(batchId: number, value: T, options?: { sync?: boolean }): boolean {
    if (this.has(batchId)) return false;
    writeFileAtomic(this.fileFor(batchId), this.serialize(value), options);
    return true;
  }

  /**
   * The entry for `batchId` written to its temp file but not yet in place (the caller fsyncs it,
   * with other files of the batch, and publishes it); undefined when the batch already has one.
   */
  stage(batchId: number, value: T): StagedFile | undefined {
    if (this.has(batchId)) return undefined;
    return StagedFile.write(this.fileFor(batchId), this.serialize(value));
  }

  has(batchId: number): boolean {
    return fs.existsSync(this.fileFor(batchId));
  }

  get(batchId: number): T | undefined {
    const file = this.fileFor(batchId);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    return this.deserialize(text, file);
  }

  /** Batch ids with an entry, ascending. Temp files of interrupted writes are ignored. */
  batchIds(): number[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const ids: number[] = [];
    for (const name of names) {
      const id = this.batchIdOf(name);
      if (id !== undefined) ids.push(id);
    }
    return ids.sort((a, b) => a - b);
  }

  protected batchIdOf(fileName: string): number | undefined {
    return /^\d+$/.test(fileName) ? Number(fileName) : undefined;
  }

  getLatest(): { batchId: number; value: T } | undefined {
    const ids = this.batchIds();
    if (ids.length === 0) return undefined;
    const batchId = ids[ids.length - 1];
    return { batchId, value: this.get(batchId)! };
  }

  /** Removes entries older than `thresholdBatchId` (exclusive). */
  purge(thresholdBatchId: number): void {
    for (const file of this.filesToPurge(thresholdBatchId)) removeIfPresent(file);
  }

  /**
   * purge with the unlinks on the thread pool: an unlink can wait for the file system's journal
   * (milliseconds while fsyncs are in flight), so the engine runs them beside the batch.
   */
  purgeAsync(thresholdBatchId: number): Promise<void> {
    const files = this.filesToPurge(thresholdBatchId);
    return files.length === 0 ? Promise.resolve() : removeAllIfPresent(files);
  }

  private filesToPurge(thresholdBatchId: number): string[] {
    const below = this.purgedBelow;
    const files: string[] = [];
    if (below === undefined || thresholdBatchId - below > 1000) {
      for (const id of this.batchIds()) if (id < thresholdBatchId) files.push(this.fileFor(id));
    } else {
      // Entries are only ever added above the last purge: the ones to remove are known by name,
      // so a batch's purge is one unlink instead of a listing of the folder.
      for (let id = below; id < thresholdBatchId; id++) files.push(this.fileFor(id));
    }
    if (below === undefined || thresholdBatchId > below) this.purgedBelow = thresholdBatchId;
    return files;
  }

  /** No entry below this id is left (set by a purge, which lists the folder the first time). */
  private purgedBelow: number | undefined;

  /** Removes entries newer than `batchId`: a re-run batch replaces what a crashed run left. */
  purgeAfter(batchId: number): void {
    for (const id of this.batchIds()) {
      if (id > batchId) fs.rmSync(this.fileFor(id), { force: true });
    }
  }
}

/** unlink, where a file already gone is fine (fs.rmSync adds an lstat and rimraf's retries). */
export function removeIfPresent(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** removeIfPresent on the thread pool, all at once. */
export async function removeAllIfPresent(files: readonly string[]): Promise<void> {
  await Promise.all(
    files.map((f) =>
      fs.promises.unlink(f).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      }),
    ),
  );
}

/** Log files start with a version line `v<N>`; newer versions than we write are refused. */
export function parseLogVersion(text: string, maxSupported: number, file: string): { version: number; rest: string[] } {
  const lines = text.split('\n');
  if (text.length === 0) throw corruptLogFile(file, 'the file is empty');
  const match = /^v(\d+)$/.exec(lines[0]);
  if (!match) throw corruptLogFile(file, 'failed to detect the log file version line');
  const version = Number(match[1]);
  if (version > maxSupported) {
    throw new SparkException(
      `UnsupportedLogVersion: maximum supported log version is v${maxSupported}, but encountered v${version}. The log file was produced by a newer version of Spark and cannot be read by this version. Please upgrade. (file: ${file})`,
    );
  }
  return { version, rest: lines.slice(1) };
}

/** A damaged checkpoint file: name it and say what the user can do. */
export function corruptLogFile(file: string, reason: string): SparkException {
  // Spark's IllegalStateException text, plus the file and the way out.
  return new SparkException(
    `Log file was malformed: ${reason}. The checkpoint file ${file} is damaged; no batch writes a file like it. Restore the checkpoint directory from a backup, or delete it to start the query afresh (its state and progress are then lost).`,
  );
}

/**
 * A checkpoint file that must exist is gone (Spark's "batches (...) don't exist" check of
 * HDFSMetadataLog): name it, and never carry on as if the batch had not happened.
 */
export function missingLogFile(file: string, detail: string): SparkException {
  return new SparkException(
    `The checkpoint file ${file} is missing: ${detail}. Files of a checkpoint must not be deleted while later batches depend on them; going on would re-read or lose data. Restore the checkpoint directory from a backup, or delete it to start the query afresh (its state and progress are then lost).`,
  );
}

/** Ids in [first, last] with no entry, for the missing-file error. */
export function missingIds(present: readonly number[], first: number, last: number): number[] {
  const have = new Set(present);
  const out: number[] = [];
  for (let id = first; id <= last; id++) if (!have.has(id)) out.push(id);
  return out;
}

export function parseJsonLine(line: string | undefined, file: string, what: string): unknown {
  if (line === undefined || line === '') throw corruptLogFile(file, `${what} is missing`);
  try {
    return JSON.parse(line);
  } catch {
    throw corruptLogFile(file, `${what} is not valid JSON`);
  }
}
