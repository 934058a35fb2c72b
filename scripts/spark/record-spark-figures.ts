// `npm run bench:spark [workload]`: records Apache Spark's figures for the stateful workloads of
// `npm run bench` into scripts/spark/bench-stateful-spark.json (needs scripts/spark/setup.sh).
//   1. generates each workload's input (scripts/bench-stateful-workloads.ts, fixed seeds) and
//      writes it out, one CSV per stream and batch, for scripts/spark/bench-stateful.py;
//   2. times the TypeScript hand loop on those rows (a warm-up and BENCH_ROUNDS rounds, default 3);
//   3. runs bench-stateful.py in .venv-spark: Spark local[2], checkpoint on disk, memory sink,
//      spark.sql.shuffle.partitions 200 (Spark's default) and 2 (SPARK_BENCH_PARTITIONS), one
//      untimed warm-up run and SPARK_BENCH_ROUNDS timed runs (default 1) per setting;
//   4. times the hand loop again, so Spark's ratio is against a hand loop measured around it;
//   5. runs each query once through Rivulet with a checkpoint and checks that Spark's output has
//      as many rows as Rivulet's (and the hand loop's).
// With a workload name, only that workload's entry of the file is replaced.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StreamSession } from 'rivulet';
import { WORKLOADS, type Workload } from '../bench-stateful-workloads';
import { RECORDED_FIGURES_FILE, formatRate, formatRatio, readSparkFigures, type SparkFigures, type SparkWorkloadFigures } from './recorded-figures';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '3');
// One timed Spark run per setting by default: with 200 partitions a run takes minutes on 2 cores.
const SPARK_ROUNDS = Number(process.env.SPARK_BENCH_ROUNDS ?? '1');
const PARTITIONS = process.env.SPARK_BENCH_PARTITIONS ?? '200,2';
const ROOT = path.resolve(__dirname, '../..');
const PYTHON = path.join(ROOT, '.venv-spark/bin/python');

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** What bench-stateful.py returns per workload (its JSON output). */
interface PythonRun {
  partitions: number;
  wallMs: number[];
  cpuMs: number[];
  medianWallMs: number;
  medianCpuMs: number;
  outputRows: number | null;
  batchesRun: number;
  rerunsForSplitBatches: number;
  durationMs: Record<string, number>;
}
interface PythonResult {
  spark: string;
  master: string;
  java: string;
  workloads: { name: string; runs: PythonRun[]; sourceOnly: PythonRun }[];
}

/** One CSV per stream and batch (header line, then the batch's rows), and the manifest entry. */
function writeInputs(dir: string, w: Workload): unknown {
  const slug = w.name.replace(/[^a-zA-Z]+/g, '-').toLowerCase();
  fs.mkdirSync(path.join(dir, slug));
  const streams = w.streams.map((s) => {
    const per = s.rows / w.batches;
    if (!Number.isInteger(per)) throw new Error(`${w.name}: ${s.rows} rows do not split into ${w.batches} batches`);
    const files: string[] = [];
    for (let b = 0; b < w.batches; b++) {
      const lines: string[] = [s.columns.map((c) => c.name).join(',')];
      for (let i = b * per; i < (b + 1) * per; i++) lines.push(s.columns.map((c) => String(c.values[i])).join(','));
      const file = path.join(slug, `${s.name}-${String(b).padStart(3, '0')}.csv`);
      fs.writeFileSync(path.join(dir, file), lines.join('\n') + '\n');
      files.push(file);
    }
    return { name: s.name, rows: s.rows, columns: s.columns.map((c) => ({ name: c.name, type: c.type })), files };
  });
  return { name: w.name, unit: w.unit, units: w.units, batches: w.batches, streams };
}

/** Median wall and CPU ms of the hand loop over a warm-up and ROUNDS rounds, and its result. */
function timeHandLoop(w: Workload): { wallMs: number[]; cpuMs: number[]; result: number } {
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  let result = -1;
  for (let round = -1; round < ROUNDS; round++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = w.hand();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (round >= 0) {
      wallMs.push(ms);
      cpuMs.push((c.user + c.system) / 1000);
    }
  }
  return { wallMs, cpuMs, result };
}

async function rivuletOutputRows(w: Workload): Promise<number> {
  const spark = new StreamSession({});
  spark.sparkContext.setLogLevel('ERROR');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-bench-spark-cp-'));
  try {
    return await w.engine(spark, dir);
  } finally {
    await spark.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function machineNote(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.platform()} ${os.release()}; load average ${load} when the recording ended`;
}

async function main(): Promise<void> {
  const only = process.argv[2] ?? '';
  if (!fs.existsSync(PYTHON)) throw new Error(`${PYTHON} not found: run scripts/spark/setup.sh first`);
  const chosen = WORKLOADS.filter((x) => x.name.includes(only));
  if (chosen.length === 0) throw new Error(`no workload matches ${JSON.stringify(only)}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-bench-spark-'));
  try {
    const workloads = chosen.map(({ make }) => make());
    const manifest = { workloads: workloads.map((w) => writeInputs(dir, w)) };
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));

    const before = workloads.map(timeHandLoop);
    const out = path.join(dir, 'spark-results.json');
    const py = spawnSync(PYTHON, [path.join(__dirname, 'bench-stateful.py'), dir, '--partitions', PARTITIONS, '--rounds', String(SPARK_ROUNDS), '--out', out], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (py.status !== 0) throw new Error(`bench-stateful.py failed (exit ${py.status}, signal ${py.signal})`);
    const after = workloads.map(timeHandLoop);
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as PythonResult;

    const entries: SparkWorkloadFigures[] = [];
    for (let i = 0; i < workloads.length; i++) {
      const w = workloads[i];
      const s = result.workloads.find((x) => x.name === w.name)!;
      const handWall = median([...before[i].wallMs, ...after[i].wallMs]);
      const handCpu = median([...before[i].cpuMs, ...after[i].cpuMs]);
      const rivulet = await rivuletOutputRows(w);
      const sparkRows = s.runs[0].outputRows ?? -1;
      const outputRows = { spark: sparkRows, rivulet, handLoop: before[i].result };
      console.log(`${w.name.padEnd(15)} output rows: Spark ${sparkRows}, Rivulet ${rivulet}, hand loop ${before[i].result}${sparkRows === rivulet ? '' : '  <-- DIFFERENT'}`);
      for (const r of s.runs) {
        if (r.outputRows !== sparkRows) console.log(`${''.padEnd(15)} Spark with ${r.partitions} partitions gave ${r.outputRows} rows  <-- DIFFERENT`);
      }
      entries.push({
        name: w.name,
        recorded: new Date().toISOString().slice(0, 16) + 'Z',
        loadAverage: os.loadavg().map((x) => x.toFixed(1)).join(' '),
        unit: w.unit,
        units: w.units,
        dataBatches: w.batches,
        outputRows,
        spark: s.runs.map((r) => ({
          partitions: r.partitions,
          wallMs: Math.round(r.medianWallMs),
          cpuMs: Math.round(r.medianCpuMs),
          unitsPerSecond: Math.round(w.units / (r.medianWallMs / 1000)),
          batchesRun: r.batchesRun,
          ratioToHandLoop: Number((handWall / r.medianWallMs).toPrecision(3)),
          cpuRatioToHandLoop: Number((handCpu / r.medianCpuMs).toPrecision(3)),
          wallMsRounds: r.wallMs.map(Math.round),
          cpuMsRounds: r.cpuMs.map(Math.round),
          durationMs: r.durationMs,
        })),
        sourceOnlyWallMs: Math.round(s.sourceOnly.medianWallMs),
        handLoop: {
          wallMsBefore: Math.round(median(before[i].wallMs)),
          wallMsAfter: Math.round(median(after[i].wallMs)),
          wallMs: Math.round(handWall),
          cpuMs: Math.round(handCpu),
          unitsPerSecond: Math.round(w.units / (handWall / 1000)),
        },
      });
    }

    const previous = only ? readSparkFigures() : undefined;
    const kept = (previous?.workloads ?? []).filter((x) => !entries.some((e) => e.name === x.name));
    const figures: SparkFigures = {
      about: 'Apache Spark on the stateful workloads of npm run bench: written by npm run bench:spark (scripts/spark/record-spark-figures.ts), read by npm run bench',
      spark: result.spark,
      master: result.master,
      java: result.java,
      recorded: new Date().toISOString().slice(0, 16) + 'Z',
      machine: machineNote(),
      rounds: SPARK_ROUNDS,
      handLoopRounds: ROUNDS,
      method:
        'Medians of the timed Spark runs (rounds) after one untimed warm-up run per workload with the fewest partitions (JVM start-up not timed). Each batch of the TypeScript bench is one Parquet file hard-linked into the directory a file source reads, then processAllAvailable(); the time runs from writeStream.start() to stop() and the count of the memory sink table; checkpoint on local disk, default (HDFS-backed) state store. CPU is the JVM process (all threads) plus the Python driver. The hand loop is the TypeScript one on the same rows, timed before and after Spark in the same session.',
      workloads: WORKLOADS.map((x) => entries.find((e) => e.name === x.name) ?? kept.find((e) => e.name === x.name)).filter(
        (e): e is SparkWorkloadFigures => e !== undefined,
      ),
    };
    fs.writeFileSync(RECORDED_FIGURES_FILE, JSON.stringify(figures, null, 2) + '\n');

    for (const e of entries) {
      for (const r of e.spark) {
        console.log(
          `${e.name.padEnd(15)} Spark ${figures.spark} ${figures.master}, ${String(r.partitions).padStart(3)} partitions: ${r.wallMs} ms (${formatRate(e.units, r.wallMs)} ${e.unit}/s, CPU ${r.cpuMs} ms, ${r.batchesRun} batches) = ${formatRatio(r.ratioToHandLoop)} hand loop (CPU ${formatRatio(r.cpuRatioToHandLoop)})`,
        );
      }
      console.log(
        `${''.padEnd(15)} hand loop ${e.handLoop.wallMs} ms (${formatRate(e.units, e.handLoop.wallMs)} ${e.unit}/s; before ${e.handLoop.wallMsBefore} ms, after ${e.handLoop.wallMsAfter} ms, CPU ${e.handLoop.cpuMs} ms); Spark's file source alone ${e.sourceOnlyWallMs} ms`,
      );
    }
    console.log(`recorded in ${path.relative(ROOT, RECORDED_FIGURES_FILE)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
