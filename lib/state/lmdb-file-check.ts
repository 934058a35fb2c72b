// lmdb maps data.mdb into memory: a truncated, zeroed or overwritten file crashes the process
// with SIGBUS/SIGSEGV, with no message, on every start. Before opening, the file's two meta pages
// are checked (LMDB's magic number, and a file long enough for the last page they name), so
// such damage is refused by name instead (issue 15). Damage inside data pages that keeps the meta
// pages intact is beyond this check.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SparkException } from '../errors/spark-exception';

const PAGE_SIZE = 4096;
const MAGIC = 0xbeefc0de;
/** Offsets inside a meta page as lmdb-js's LMDB writes them (24-byte page header). */
const MAGIC_OFFSET = 24;
const LAST_PAGE_OFFSET = 144;

export function checkLmdbFile(dir: string): void {
  const file = path.join(dir, 'data.mdb');
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // a new environment
    throw e;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < 2 * PAGE_SIZE) throw damaged(file, `it has ${size} bytes, less than its two meta pages`);
    const page = Buffer.alloc(PAGE_SIZE);
    let lastPage = -1;
    let metas = 0;
    for (let p = 0; p < 2; p++) {
      fs.readSync(fd, page, 0, PAGE_SIZE, p * PAGE_SIZE);
      if (page.readUInt32LE(MAGIC_OFFSET) !== MAGIC) continue;
      metas++;
      lastPage = Math.max(lastPage, Number(page.readBigUInt64LE(LAST_PAGE_OFFSET)));
    }
    if (metas === 0) throw damaged(file, 'neither meta page holds the LMDB magic number (zeroed or overwritten)');
    if ((lastPage + 1) * PAGE_SIZE > size) throw damaged(file, `it has ${size} bytes, but its meta pages use pages up to ${lastPage} (truncated)`);
  } finally {
    fs.closeSync(fd);
  }
}

function damaged(file: string, reason: string): SparkException {
  return new SparkException(
    `An error occurred during loading state. The lmdb state file ${file} is damaged: ${reason}. Opening it would crash the process. Restore the checkpoint directory from a backup, or delete it to start the query afresh (its state and progress are then lost).`,
    { errorClass: 'CANNOT_LOAD_STATE_STORE.UNCATEGORIZED', sqlState: '58030' },
  );
}
