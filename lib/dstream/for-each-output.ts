// Output operations: run a function on each batch's RDD (Spark's ForEachDStream), plus the two
// built-in ones, pprint and saveAsTextFiles.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DStream } from './dstream';
import type { OutputOperation } from './dstream-context';
import { formatBatchTime } from './batch-time';
import { pythonStr } from './python-repr';
import type { RDD } from './rdd';
import { toLocalPath } from '../util/local-path';

const RULE = '-------------------------------------------';

export class ForEachOutput<T> implements OutputOperation {
  constructor(
    readonly stream: DStream<T>,
    private readonly run: (rdd: RDD<T>, timeMs: number) => void,
  ) {}

  generateJob(timeMs: number): void {
    const rdd = this.stream.getOrCompute(timeMs);
    if (rdd) this.run(rdd, timeMs);
  }
}

/** PySpark's pprint: take(num + 1), a header with the batch time, `...` when there is more. */
export function pprintBatch<T>(rdd: RDD<T>, timeMs: number, num: number): void {
  const taken = rdd.take(num + 1);
  let text = `${RULE}\nTime: ${formatBatchTime(timeMs)}\n${RULE}\n`;
  for (const record of taken.slice(0, num)) text += `${pythonStr(record)}\n`;
  if (taken.length > num) text += '...\n';
  text += '\n';
  process.stdout.write(text);
}

/** PySpark's rddToFileName: prefix-<ms>[.suffix]. */
export function batchFileName(prefix: string, suffix: string | null | undefined, timeMs: number): string {
  return suffix ? `${prefix}-${timeMs}.${suffix}` : `${prefix}-${timeMs}`;
}

/**
 * rdd.saveAsTextFile into a fresh directory: one line per element (str(x)), one part file (one
 * partition) and _SUCCESS. A directory that already exists is left alone, as PySpark ignores
 * FileAlreadyExistsException when a batch runs twice.
 */
export function saveAsTextFilesBatch<T>(rdd: RDD<T>, timeMs: number, prefix: string, suffix: string | null | undefined): void {
  const target = toLocalPath(batchFileName(prefix, suffix, timeMs));
  if (fs.existsSync(target)) return;
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}`);
  fs.rmSync(temp, { recursive: true, force: true });
  fs.mkdirSync(temp, { recursive: true });
  const lines = rdd.collect().map((x) => `${pythonStr(x)}\n`).join('');
  fs.writeFileSync(path.join(temp, 'part-00000'), lines);
  fs.writeFileSync(path.join(temp, '_SUCCESS'), '');
  fs.renameSync(temp, target);
}
