// One running query per checkpoint, across processes: `<checkpoint>/.lock` holds the owner's pid,
// the owner process's start time and the run id. Created with O_EXCL; a lock whose process is gone
// (a crash, kill -9), or whose pid now belongs to another process (pid reuse: the start time
// differs), is taken over. Taking over needs a guard file named after the stale lock's content,
// created with O_EXCL, and replaces the lock by rename only while it still holds that content, so
// two processes finding the same stale lock cannot both win (issue 15).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { SparkException } from '../errors/spark-exception';
import { Logger } from '../util/logger';
import { mkdirs } from './local-directories';

const log = new Logger('CheckpointLock');

interface LockOwner {
  pid: number;
  runId: string;
  /** The owner process's start time (Linux /proc/<pid>/stat field 22), when known. */
  started?: string;
}

export class CheckpointLock {
  private constructor(
    private readonly file: string,
    private readonly runId: string,
  ) {}

  static acquire(checkpointDir: string, queryId: string, runId: string): CheckpointLock {
    const file = path.join(checkpointDir, '.lock');
    mkdirs(checkpointDir);
    const me: LockOwner = { pid: process.pid, runId, started: processStartTime(process.pid) };
    for (let attempt = 0; attempt < 500; attempt++) {
      if (createWithContent(file, JSON.stringify(me))) return new CheckpointLock(file, runId);
      const text = readText(file);
      if (text === undefined) continue; // gone meanwhile: try again
      const owner = parseOwner(text);
      if (owner && owner.pid !== process.pid && isOwnerAlive(owner)) {
        throw new SparkException(
          `Cannot start query with id ${queryId} as another query with same id is already active. Perhaps you are attempting to restart a query from checkpoint that is already active. (The checkpoint ${checkpointDir} is in use by process ${owner.pid}, run ${owner.runId}.)`,
        );
      }
      // A dead owner's lock, a torn one, or our own process's (the session's active-query check
      // already refused a live duplicate; this is a stopped run's leftover): take it over.
      if (takeOver(file, text, me)) return new CheckpointLock(file, runId);
    }
    throw new SparkException(`Could not lock the checkpoint ${checkpointDir}: another process keeps taking the lock.`);
  }

  /** Removes the lock if it is still this run's. Never throws: the query is ending anyway. */
  release(): void {
    try {
      const owner = parseOwner(readText(this.file) ?? '');
      if (owner && owner.runId !== this.runId) return;
      fs.rmSync(this.file, { force: true });
    } catch (e) {
      log.warn(`Could not remove the checkpoint lock ${this.file}: ${(e as Error).message}`);
    }
  }
}

/**
 * Creates `file` holding `content`, or returns false if it exists. The content is written to a
 * temp file first and hard-linked into place, so the lock is never seen empty: an empty lock read
 * by a racing process between open and write would pass for a torn, stale one and be taken over
 * while its owner goes on (two winners). File systems without hard links fall back to O_EXCL.
 */
function createWithContent(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}-${randomUUID()}.tmp`;
  try {
    fs.writeFileSync(temp, content);
    try {
      fs.linkSync(temp, file);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // The lock holder's start-up sweep may remove our temp file: try again.
      if (code === 'ENOENT') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
  try {
    const fd = fs.openSync(file, 'wx');
    try {
      fs.writeSync(fd, content);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  }
}

/**
 * Replaces the stale lock holding `staleText` with ours; false when another process is doing so
 * (then the caller reads the lock again) or the lock changed meanwhile.
 */
function takeOver(file: string, staleText: string, me: LockOwner): boolean {
  const guard = `${file}.takeover-${createHash('sha1').update(staleText).digest('hex').slice(0, 16)}`;
  // The guard is created with its content in place (as the lock is): a guard seen empty would pass
  // for a torn one, be removed, and let a second taker in beside the first (two winners).
  if (!createWithContent(guard, JSON.stringify(me))) {
    const text = readText(guard);
    if (text === undefined) return false; // released meanwhile: read the lock again
    const holder = parseOwner(text);
    // A taker killed mid-takeover leaves its guard: remove it once its process is gone.
    if (holder === undefined || !isOwnerAlive(holder)) fs.rmSync(guard, { force: true });
    else pause(2);
    return false;
  }
  try {
    if (readText(file) !== staleText) return false;
    const temp = `${file}.${process.pid}-${randomUUID()}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(me));
    fs.renameSync(temp, file);
    return true;
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(text) as { pid?: unknown; runId?: unknown; started?: unknown };
    if (typeof parsed.pid === 'number') return { pid: parsed.pid, runId: String(parsed.runId), started: typeof parsed.started === 'string' ? parsed.started : undefined };
  } catch {
    // A lock torn by a crash while it was written: treat as stale.
  }
  return undefined;
}

function isOwnerAlive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid is in use; by the owner only if it started when the owner did.
  if (owner.started === undefined) return true;
  const now = processStartTime(owner.pid);
  return now === undefined || now === owner.started;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined off Linux. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}
