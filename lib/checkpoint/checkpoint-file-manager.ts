// Checkpoint files are written to a temp name, fsynced and renamed, so a crash leaves either the
// old file or the new one, never a torn one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InternalError, SparkException } from '../errors/spark-exception';

// Fault injection for the crash harness (scripts/crash-test): RIVULET_CRASH_AFTER_WRITES=n kills
// this process with SIGKILL in the middle of its n-th checkpoint file, leaving a torn temp file;
// with RIVULET_CRASH_WRITES_MATCHING=text only files whose path holds the text are counted.
const crashAfterWrites = Number(process.env.RIVULET_CRASH_AFTER_WRITES ?? '0');
const crashWritesMatching = process.env.RIVULET_CRASH_WRITES_MATCHING;
let writesSoFar = 0;
/** Two writes of one file within a millisecond get distinct temp names. */
let tempCounter = 0;

/**
 * A checkpoint file written to its temp name and not yet in place: `syncAsync()` fsyncs it on
 * libuv's thread pool (so the fsyncs of one batch's files run at the same time, and the disk
 * commits them in one journal flush), `publish()` renames it into place. Until then a crash
 * leaves only a temp file, which the next start removes.
 */
export class StagedFile {
  private fd: number | undefined;
  private synced = false;

  private constructor(
    readonly file: string,
    private readonly temp: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Writes `content` to the temp file beside `file` (no fsync yet). */
  static write(file: string, content: string | Uint8Array, options?: { createDir?: boolean }): StagedFile {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}${++tempCounter}.tmp`);
    try {
      // The folder is created when the first open finds it missing (not by a mkdir per write).
      let fd: number;
      try {
        fd = fs.openSync(temp, 'w');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || options?.createDir === false) throw e;
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fd = fs.openSync(temp, 'w');
      }
      try {
        if (crashAfterWrites > 0 && (crashWritesMatching === undefined || file.includes(crashWritesMatching)) && ++writesSoFar === crashAfterWrites) {
          if (typeof content === 'string') fs.writeSync(fd, content.slice(0, content.length >> 1));
          else fs.writeSync(fd, content.subarray(0, content.length >> 1));
          process.kill(process.pid, 'SIGKILL');
        }
        if (typeof content === 'string') fs.writeSync(fd, content);
        else for (let at = 0; at < content.length; ) at += fs.writeSync(fd, content, at, content.length - at);
      } catch (e) {
        fs.closeSync(fd);
        throw e;
      }
      return new StagedFile(file, temp, fd);
    } catch (e) {
      removeQuietly(temp);
      throw checkpointWriteFailed(file, e);
    }
  }

  /** fsync now, on this thread. */
  syncNow(): void {
    try {
      fs.fsyncSync(this.fd!);
      this.synced = true;
    } catch (e) {
      this.discard();
      throw checkpointWriteFailed(this.file, e);
    }
  }

  /** fsync on the thread pool; the promise rejects with the checkpoint write error. */
  syncAsync(): Promise<void> {
    const fd = this.fd!;
    return new Promise((resolve, reject) => {
      fs.fsync(fd, (e) => {
        if (e) {
          this.discard();
          reject(checkpointWriteFailed(this.file, e));
        } else {
          this.synced = true;
          resolve();
        }
      });
    });
  }

  /**
   * Closes and renames the temp file into place. `unsynced` says the caller knows the file may go
   * into place without an fsync (a file whose loss or emptiness after a power failure only re-runs
   * work: commits/N).
   */
  publish(unsynced = false): void {
    if (!this.synced && !unsynced) throw new InternalError(`The checkpoint file ${this.file} is put in place before its fsync.`);
    try {
      fs.closeSync(this.fd!);
      this.fd = undefined;
      fs.renameSync(this.temp, this.file);
    } catch (e) {
      this.discard();
      throw checkpointWriteFailed(this.file, e);
    }
  }

  /** Drops the temp file (the write is abandoned). */
  discard(): void {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Already closed by a failed call.
      }
      this.fd = undefined;
    }
    removeQuietly(this.temp);
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // The disk refuses even that (read-only): the next start removes temp files.
  }
}

/**
 * Writes `file` atomically: temp name, fsync, rename. `createDir: false` when the caller knows the
 * folder exists (state files: created once); `sync: false` skips the fsync (see StagedFile.publish).
 */
export function writeFileAtomic(file: string, content: string | Uint8Array, options?: { createDir?: boolean; sync?: boolean }): void {
  const staged = StagedFile.write(file, content, options);
  if (options?.sync !== false) staged.syncNow();
  staged.publish(options?.sync === false);
}

/** ENOSPC, EROFS, EACCES...: Node names no path; the user needs to know which file and why. */
export function checkpointWriteFailed(file: string, cause: unknown): SparkException {
  const code = (cause as NodeJS.ErrnoException).code;
  const reason = code === 'ENOSPC' ? 'no space left on the device' : code === 'EROFS' ? 'the file system is read-only' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (cause as Error).message;
  return new SparkException(`Failed to write the checkpoint file ${file}: ${reason}${code ? ` (${code})` : ''}.`, { cause });
}

/** Temp files of writes a crash interrupted (`.<name>.<pid>.<ms>.tmp`) are never entries. */
export function removeTempFiles(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (n.startsWith('.') && n.endsWith('.tmp')) {
      try {
        fs.rmSync(path.join(dir, n), { force: true });
      } catch {
        // Read-only: leave it; it is never read as an entry.
      }
    }
  }
}

/** removeTempFiles in `dir` and every folder below it (a start's one-off sweep of a checkpoint). */
export function removeTempFilesBelow(dir: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  removeTempFiles(dir);
  for (const e of entries) if (e.isDirectory()) removeTempFilesBelow(path.join(dir, e.name));
}
