// Checkpoint files are written to a temp name, fsynced and renamed, so a crash leaves either the
// old file or the new one, never a torn one.
import * as fs from 'node:fs';
import * as path from 'node:path';

// Fault injection for the crash harness (scripts/crash-test): RIVULET_CRASH_AFTER_WRITES=n kills
// this process with SIGKILL in the middle of its n-th checkpoint file, leaving a torn temp file.
const crashAfterWrites = Number(process.env.RIVULET_CRASH_AFTER_WRITES ?? '0');
let writesSoFar = 0;

/** `createDir: false` when the caller knows the folder exists (state files: created once). */
export function writeFileAtomic(file: string, content: string | Uint8Array, options?: { createDir?: boolean }): void {
  if (options?.createDir !== false) fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(temp, 'w');
  try {
    if (crashAfterWrites > 0 && ++writesSoFar === crashAfterWrites) {
      if (typeof content === 'string') fs.writeSync(fd, content.slice(0, content.length >> 1));
      else fs.writeSync(fd, content.subarray(0, content.length >> 1));
      process.kill(process.pid, 'SIGKILL');
    }
    if (typeof content === 'string') fs.writeSync(fd, content);
    else for (let at = 0; at < content.length; ) at += fs.writeSync(fd, content, at, content.length - at);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}
