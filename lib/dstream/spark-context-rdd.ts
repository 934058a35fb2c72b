// The RDD half of PySpark's SparkContext on `spark.sparkContext` (and on `new SparkContext(...)`):
// parallelize with Spark's slices, range, emptyRDD, union, textFile with Hadoop's input splits,
// setCheckpointDir/getCheckpointDir, getConf. Declared here, in the layer that owns RDDs, because
// the session layer cannot import them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SparkContext, StreamSession } from '../session/stream-session';
import { PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { toLocalPath as localPath } from '../util/local-path';
import { lazy } from '../util/lazy';
import { SparkConf } from './spark-conf';
import type { RDD } from './rdd';
import type { MapResultHint, Widened } from './map-result';
// Loaded on first use, so `import 'rivulet'` stays fast.
const parallelizeSlicesModule = lazy(() => require('../util/parallelize-slices') as typeof import('../util/parallelize-slices'));
const rddModule = lazy(() => require('./rdd') as typeof import('./rdd'));

declare module '../session/stream-session' {
  interface SparkContext {
    /** `sc.defaultParallelism`: the number of cores of `local[n]` (or spark.default.parallelism). */
    readonly defaultParallelism: number;
    /** `sc.defaultMinPartitions`: min(defaultParallelism, 2), textFile's default. */
    readonly defaultMinPartitions: number;
    parallelize<T extends MapResultHint>(data: Iterable<T>, numSlices?: number): RDD<Widened<T>>;
    range(start: number, end?: number, step?: number, numSlices?: number): RDD<number>;
    emptyRDD<T>(): RDD<T>;
    union<T>(rdds: RDD<T>[]): RDD<T>;
    textFile(name: string, minPartitions?: number): RDD<string>;
    setCheckpointDir(dirName: string): void;
    getCheckpointDir(): string | null;
    getConf(): SparkConf;
  }
}

function sessionOf(context: SparkContext): StreamSession {
  return (context as unknown as { session?: StreamSession; backingSession?: StreamSession }).backingSession ?? (context as unknown as { session: StreamSession }).session;
}

const checkpointDirs = new WeakMap<StreamSession, string>();

function checkSlices(numSlices: number | undefined, fallback: number): number {
  if (numSlices === undefined || numSlices === null) return fallback;
  if (typeof numSlices !== 'number' || !Number.isInteger(numSlices)) {
    throw new PySparkTypeError('NOT_INT', `Argument \`numSlices\` should be an int, got ${numSlices === null ? 'NoneType' : typeof numSlices}.`, { arg_name: 'numSlices', arg_type: typeof numSlices });
  }
  // Spark: require(numSlices >= 1, "Positive number of partitions required").
  if (numSlices < 1) throw new PySparkValueError('ILLEGAL_ARGUMENT', 'Positive number of partitions required');
  return numSlices;
}

/** Hadoop's FileInputFormat splits of the files, then LineRecordReader's lines of each split. */
function textFileSplits(files: string[], minPartitions: number): string[][] {
  const sizes = files.map((f) => fs.statSync(f).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const goal = Math.floor(total / Math.max(1, minPartitions));
  const blockSize = 32 * 1024 * 1024;
  const splitSize = Math.max(1, Math.min(goal, blockSize));
  const out: string[][] = [];
  files.forEach((file, index) => {
    const bytes = fs.readFileSync(file);
    const length = sizes[index];
    const ranges: [number, number][] = [];
    let remaining = length;
    while (remaining / splitSize > 1.1) {
      ranges.push([length - remaining, splitSize]);
      remaining -= splitSize;
    }
    if (remaining !== 0) ranges.push([length - remaining, remaining]);
    for (const [start, size] of ranges) out.push(linesOfSplit(bytes, start, start + size));
  });
  return out;
}

/** A split reads the lines that start in (start, end] (and at 0), skipping a partial first line. */
function linesOfSplit(bytes: Buffer, start: number, end: number): string[] {
  let pos = start;
  if (start !== 0) {
    // Skip the first line from the split's start (LineRecordReader): the previous split read it.
    const nl = bytes.indexOf(10, start);
    pos = nl < 0 ? bytes.length : nl + 1;
  }
  const lines: string[] = [];
  while (pos <= end && pos < bytes.length) {
    const nl = bytes.indexOf(10, pos);
    const stop = nl < 0 ? bytes.length : nl;
    let line = bytes.subarray(pos, stop).toString('utf8');
    if (line.endsWith('\r')) line = line.slice(0, -1);
    lines.push(line);
    pos = stop + 1;
  }
  return lines;
}

function inputFiles(name: string): string[] {
  const out: string[] = [];
  for (const part of name.split(',')) {
    const p = localPath(part);
    if (!fs.existsSync(p)) throw new PySparkValueError('PATH_NOT_FOUND', `Input path does not exist: file:${path.resolve(p)}`);
    if (fs.statSync(p).isDirectory()) {
      for (const f of fs.readdirSync(p).sort()) if (!f.startsWith('.') && !f.startsWith('_') && fs.statSync(path.join(p, f)).isFile()) out.push(path.join(p, f));
    } else out.push(p);
  }
  return out;
}

const proto = SparkContext.prototype as unknown as Record<string, unknown>;

Object.defineProperties(SparkContext.prototype, {
  defaultParallelism: {
    get(this: SparkContext): number {
      return sessionOf(this).defaultParallelism();
    },
    configurable: true,
  },
  defaultMinPartitions: {
    get(this: SparkContext): number {
      return Math.min(sessionOf(this).defaultParallelism(), 2);
    },
    configurable: true,
  },
});

proto.parallelize = function parallelize<T extends MapResultHint>(this: SparkContext, data: Iterable<T>, numSlices?: number): RDD<Widened<T>> {
  const n = checkSlices(numSlices, this.defaultParallelism);
  return rddModule().RDD.fromPartitions(parallelizeSlicesModule().parallelizeSlices([...data] as Widened<T>[], n));
};

/** PySpark's sc.range: parallelize(range(...)), sliced by position in the range. */
proto.range = function range(this: SparkContext, start: number, end?: number, step = 1, numSlices?: number): RDD<number> {
  const [from, to] = end === undefined ? [0, start] : [start, end];
  if (step === 0) throw new PySparkValueError('ILLEGAL_ARGUMENT', 'range() arg 3 must not be zero');
  const n = checkSlices(numSlices, this.defaultParallelism);
  const size = Math.max(0, Math.ceil((to - from) / step));
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor((i * size) / n);
    const b = Math.floor(((i + 1) * size) / n);
    const part: number[] = [];
    for (let k = a; k < b; k++) part.push(from + k * step);
    out.push(part);
  }
  return rddModule().RDD.fromPartitions(out);
};

// Spark's emptyRDD has no partition at all.
proto.emptyRDD = function emptyRDD<T>(): RDD<T> {
  return rddModule().RDD.withoutPartitions<T>();
};

/** Spark's sc.union: partitioner-aware when every RDD has the same partitioner. */
proto.union = function union<T>(this: SparkContext, rdds: RDD<T>[]): RDD<T> {
  return rddModule().unionOf(rdds);
};

proto.textFile = function textFile(this: SparkContext, name: string, minPartitions?: number): RDD<string> {
  return rddModule().RDD.fromPartitions(textFileSplits(inputFiles(name), minPartitions ?? this.defaultMinPartitions));
};

/** Spark creates a fresh sub-directory (a UUID) under the given one and reports it as a URI. */
proto.setCheckpointDir = function setCheckpointDir(this: SparkContext, dirName: string): void {
  const dir = path.join(path.resolve(localPath(dirName)), (require('node:crypto') as typeof import('node:crypto')).randomUUID());
  fs.mkdirSync(dir, { recursive: true });
  checkpointDirs.set(sessionOf(this), `file:${dir}`);
};

proto.getCheckpointDir = function getCheckpointDir(this: SparkContext): string | null {
  return checkpointDirs.get(sessionOf(this)) ?? null;
};

proto.getConf = function getConf(this: SparkContext): SparkConf {
  const session = sessionOf(this);
  const all = session.conf.getAll as unknown;
  const entries: [string, string][] = typeof all === 'function' ? Object.entries((all as () => Record<string, string>).call(session.conf)) : [];
  const conf = new SparkConf(entries);
  for (const key of ['spark.master', 'spark.app.name']) if (!conf.contains(key)) conf.set(key, session.conf.get(key));
  return conf;
};
