// Creating a folder where a file stands (checkpointLocation, a sink path, or one of their
// parents): Node says EEXIST/ENOTDIR with its own wording; Spark reports what Hadoop's
// RawLocalFileSystem.mkdirs says, naming the file in the way (checked with PySpark 4.2).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SparkException } from '../errors/spark-exception';

/** mkdir -p with Hadoop's texts when a file is in the way. */
export function mkdirs(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw e;
    throw fileInTheWay(dir, e);
  }
}

/** mkdir -p for a folder files are written into: a file at `dir` is a parent in the way. */
export function mkdirsToWriteIn(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw e;
    throw fileInTheWay(path.join(dir, '_temporary'), e);
  }
}

/**
 * The Hadoop error for `dir` when a file stands at it (FileAlreadyExistsException) or at one of
 * its parents (ParentNotDirectoryException).
 */
export function fileInTheWay(dir: string, cause?: unknown): SparkException {
  const absolute = path.resolve(dir);
  if (isFile(absolute)) return new SparkException(`Destination exists and is not a directory: ${absolute}`, { cause });
  for (let parent = path.dirname(absolute); parent !== path.dirname(parent); parent = path.dirname(parent)) {
    if (isFile(parent)) return new SparkException(`Parent path is not a directory: file:${parent}`, { cause });
  }
  return new SparkException(`Mkdirs failed to create ${absolute}: ${(cause as Error | undefined)?.message ?? 'unknown reason'}`, { cause });
}

function isFile(p: string): boolean {
  try {
    return !fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
