// Spark's recorded figures for the stateful workloads (scripts/spark/bench-stateful-spark.json):
// written by `npm run bench:spark` (scripts/spark/bench-stateful.ts), read by `npm run bench`,
// which prints them beside its own run without starting a JVM.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const RECORDED_FIGURES_FILE = path.join(__dirname, 'bench-stateful-spark.json');

/** One setting of spark.sql.shuffle.partitions: medians over the timed rounds. */
export interface SparkRun {
  partitions: number;
  wallMs: number;
  cpuMs: number;
  unitsPerSecond: number;
  /** Micro-batches Spark ran (the data batches and the no-data batches its watermark asked for). */
  batchesRun: number;
  /** Hand loop time / Spark time, with the hand loop measured around the Spark run. */
  ratioToHandLoop: number;
  cpuRatioToHandLoop: number;
  wallMsRounds: number[];
  cpuMsRounds: number[];
  /** Spark's progress reports summed over the median run: durationMs keys, state.* operator times. */
  durationMs: Record<string, number>;
}

export interface SparkWorkloadFigures {
  name: string;
  /** When this workload was recorded (`npm run bench:spark <workload>` replaces one entry), and the load average then. */
  recorded: string;
  loadAverage: string;
  unit: string;
  units: number;
  dataBatches: number;
  outputRows: { spark: number; rivulet: number; handLoop: number };
  spark: SparkRun[];
  /** The same Parquet files read by a stateless query (noop sink): what the file source costs Spark. */
  sourceOnlyWallMs: number;
  /** The TypeScript hand loop on the same rows, medians of the rounds before and after Spark ran. */
  handLoop: { wallMsBefore: number; wallMsAfter: number; wallMs: number; cpuMs: number; unitsPerSecond: number };
}

export interface SparkFigures {
  about: string;
  spark: string;
  master: string;
  java: string;
  recorded: string;
  machine: string;
  /** Timed Spark runs per setting, and hand-loop rounds before and after. */
  rounds: number;
  handLoopRounds: number;
  method: string;
  workloads: SparkWorkloadFigures[];
}

export function readSparkFigures(file = RECORDED_FIGURES_FILE): SparkFigures | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SparkFigures;
}

export const formatRate = (units: number, ms: number): string => Math.round(units / (ms / 1000)).toLocaleString('en-US');

/** Two decimals, or two significant digits below 0.1 (Spark's 200-partition runs are far below). */
export const formatRatio = (ratio: number): string => `${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}x`;

/**
 * The line `npm run bench` prints under a workload: Spark's recorded rate for each partition
 * setting as a ratio of this run's hand loop (`handMs` for the workload's `units`).
 */
export function sparkFigureLine(figures: SparkFigures | undefined, name: string, handMs: number): string | undefined {
  const w = figures?.workloads.find((x) => x.name === name);
  if (!figures || !w) return undefined;
  const runs = w.spark.map(
    (r) => `${r.partitions} partitions ${formatRate(w.units, r.wallMs)} ${w.unit}/s = ${formatRatio(handMs / r.wallMs)} of this run's hand loop`,
  );
  return `${''.padEnd(15)} Spark ${figures.spark} ${figures.master} (recorded ${w.recorded.slice(0, 10)}, checkpoint on disk): ${runs.join('; ')} (hand loop here ${formatRate(w.units, handMs)} ${w.unit}/s; Spark's output rows ${w.outputRows.spark.toLocaleString('en-US')})`;
}
