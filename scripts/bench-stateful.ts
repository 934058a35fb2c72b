// Stateful workloads of `npm run bench` (issue 14; `tsx --expose-gc scripts/bench-stateful.ts`
// alone). Every workload runs three ways in the same process, interleaved round by round (hand,
// in memory, on disk, hand, ...), and the medians give the ratios, so a machine shared with other
// work shifts all three alike:
//   hand       a hand-written loop over the same rows and batches (Map-based, naive eviction)
//   in memory  the query without checkpointLocation (state stays in memory)
//   on disk    the query with a checkpoint directory (default state store, fsync per batch;
//              BENCH_STORE=lmdb runs it on the lmdb state store instead)
//
// Workloads (fixed seeds):
//   word count        1,000,000 lines (Zipf over 10,000 words) in 10 batches, groupBy count, complete
//   windowed sum      240,000 rows, 10,000 INT keys, window(ts, '1 minute', '10 seconds'),
//                     sum(LONG), watermark 10 s, append, 12 batches
//   stream join       100,000 impressions and 100,000 clicks (20,000 ad ids), watermarks 10 s,
//                     clickAdId = adId AND clickTime BETWEEN impressionTime AND +20 s, 10 batches
//   dropDuplicates    200,000 rows (each event twice), dropDuplicates(id, ts), watermark 10 s
//   1M keys           1,000,000 distinct keys through groupBy count: heap and RSS growth vs a Map
//   1-row latency     one row per batch through groupBy count with a checkpoint, 200 partitions, on
//                     both providers: the median batch, the fsync calls per batch and how long they
//                     are in flight, the same with fsync answered at once, and one fsync of a small
//                     file on this disk for reference ("< 1 ms + one fsync" is read off these)
// Under each of the first four, Spark's figures recorded by `npm run bench:spark`
// (scripts/spark/bench-stateful-spark.json) as a ratio of this run's hand loop; no JVM runs here.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { StreamSession } from 'rivulet';
import { StringType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { WORKLOADS, type Workload } from './bench-stateful-workloads';
import { readSparkFigures, sparkFigureLine, type SparkFigures } from './spark/recorded-figures';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '3');

type Mode = 'hand' | 'memory' | 'disk';
/** BENCH_MODES=disk (comma-separated) runs only some of the three, for profiling. */
const MODES = (process.env.BENCH_MODES ?? 'hand,memory,disk').split(',') as Mode[];
/** BENCH_STORE=lmdb: the on-disk runs of the throughput workloads use the lmdb state store. */
const STORE = process.env.BENCH_STORE ?? 'default';
if (STORE !== 'default' && STORE !== 'lmdb') throw new Error(`BENCH_STORE must be 'default' or 'lmdb', not '${STORE}'`);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-bench-stateful-'));
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---- runner ----------------------------------------------------------------------------------

/** [result, wall ms, CPU ms]: CPU time (all threads of the process) is steadier on a loaded machine. */
async function measure(spark: StreamSession, w: Workload, mode: Mode): Promise<[number, number, number]> {
  const dir = mode === 'disk' ? tempDir() : undefined;
  // The provider is pinned in the checkpoint at the query's first batch: set for on-disk runs only.
  if (dir && STORE === 'lmdb') spark.conf.set('spark.sql.streaming.stateStore.providerClass', 'lmdb');
  try {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const result = mode === 'hand' ? w.hand() : await w.engine(spark, dir);
    const c = process.cpuUsage(c0);
    return [result, performance.now() - t0, (c.user + c.system) / 1000];
  } finally {
    if (dir && STORE === 'lmdb') spark.conf.unset('spark.sql.streaming.stateStore.providerClass');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function throughput(spark: StreamSession, w: Workload, say: (l: string) => void, sparkFigures: SparkFigures | undefined): Promise<void> {
  const times: Record<Mode, number[]> = { hand: [], memory: [], disk: [] };
  const cpu: Record<Mode, number[]> = { hand: [], memory: [], disk: [] };
  const results: Record<Mode, number> = { hand: -1, memory: -1, disk: -1 };
  // One untimed round warms the JIT of all three paths.
  for (let round = -1; round < ROUNDS; round++) {
    for (const mode of MODES) {
      const [r, ms, cpuMs] = await measure(spark, w, mode);
      if (round >= 0) {
        times[mode].push(ms);
        cpu[mode].push(cpuMs);
      }
      results[mode] = r;
    }
  }
  if (MODES.length < 3) {
    say(`${w.name}: ${MODES.map((m) => `${m} ${median(times[m]).toFixed(0)} ms (CPU ${median(cpu[m]).toFixed(0)} ms) [${results[m]}]`).join(', ')}`);
    const line = MODES.includes('hand') ? sparkFigureLine(sparkFigures, w.name, median(times.hand)) : undefined;
    if (line) say(line);
    return;
  }
  if (results.memory !== results.hand || results.disk !== results.hand) {
    throw new Error(`${w.name}: results differ (hand ${results.hand}, in memory ${results.memory}, on disk ${results.disk})`);
  }
  const hand = median(times.hand);
  const rate = (ms: number) => `${Math.round(w.units / (ms / 1000)).toLocaleString('en-US')} ${w.unit}/s`;
  const handCpu = median(cpu.hand);
  say(
    `${w.name.padEnd(15)} hand ${hand.toFixed(0).padStart(5)} ms (${rate(hand)}) | in memory ${median(times.memory).toFixed(0).padStart(5)} ms, ${(hand / median(times.memory)).toFixed(2)}x hand | checkpoint ${median(times.disk).toFixed(0).padStart(5)} ms, ${(hand / median(times.disk)).toFixed(2)}x hand  [result ${results.hand}]`,
  );
  say(
    `${''.padEnd(15)} CPU time: hand ${handCpu.toFixed(0).padStart(5)} ms | in memory ${median(cpu.memory).toFixed(0).padStart(5)} ms, ${(handCpu / median(cpu.memory)).toFixed(2)}x hand | checkpoint ${median(cpu.disk).toFixed(0).padStart(5)} ms, ${(handCpu / median(cpu.disk)).toFixed(2)}x hand`,
  );
  const line = sparkFigureLine(sparkFigures, w.name, hand);
  if (line) say(line);
}

// A full collection before each reading (works without --expose-gc on the command line too).
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function heapNow(): { heap: number; rss: number } {
  collectGarbage();
  collectGarbage();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

async function millionKeys(spark: StreamSession, say: (l: string) => void): Promise<void> {
  const keys = 1_000_000;
  const batch = 100_000;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const base = heapNow();
  const map: Map<string, number> = new Map();
  for (let i = 0; i < keys; i++) map.set(`key-${i}`, 1);
  const withMap = heapNow();
  say(`1M keys         Map<string, number>: heap +${mb(withMap.heap - base.heap)}, RSS +${mb(withMap.rss - base.rss)} (${map.size} keys)`);
  map.clear();
  // MemoryStream keeps every row it was given (rows are replayable), and state keys share those
  // rows' strings: the same rows in a stream without a query give the input's share of the growth.
  const inputBefore = heapNow();
  const control = new MemoryStream(StringType(), spark);
  for (let b = 0; b < keys / batch; b++) {
    const rows: string[] = new Array(batch);
    for (let i = 0; i < batch; i++) rows[i] = `key-${b * batch + i}`;
    control.addData(...rows);
  }
  const inputHeap = heapNow().heap - inputBefore.heap;
  say(`1M keys         input rows kept by a MemoryStream (strings included): heap +${mb(inputHeap)}`);
  for (const mode of ['memory', 'disk'] as const) {
    const dir = mode === 'disk' ? tempDir() : undefined;
    const before = heapNow();
    const input = new MemoryStream(StringType(), spark);
    let writer = input.toDF().groupBy('value').count().writeStream.format('noop').outputMode('update');
    if (dir) writer = writer.option('checkpointLocation', dir);
    const query = writer.start();
    for (let b = 0; b < keys / batch; b++) {
      const rows: string[] = new Array(batch);
      for (let i = 0; i < batch; i++) rows[i] = `key-${b * batch + i}`;
      input.addData(...rows);
      await query.processAllAvailable();
    }
    const after = heapNow();
    say(
      `1M keys         groupBy count, ${mode === 'disk' ? 'checkpoint' : 'in memory '}: heap +${mb(after.heap - before.heap)}, RSS +${mb(after.rss - before.rss)}; state without the input rows: heap +${mb(after.heap - before.heap - inputHeap)} (target < 120 MB heap)`,
    );
    await query.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    heapNow();
  }
}

/**
 * Counts the fsync calls of the process (sync and thread-pool ones) and the wall time during which
 * at least one is in flight (the disk wait: concurrent fsyncs count once). `stub` answers them at
 * once without touching the disk, to measure a batch's work without the wait.
 */
function fsyncProbe(): { calls: number; waitMs: number; stub: boolean; restore(): void } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rawFs = require('node:fs') as { fsync: typeof fs.fsync; fsyncSync: typeof fs.fsyncSync };
  const realAsync = rawFs.fsync;
  const realSync = rawFs.fsyncSync;
  let inFlight = 0;
  let since = 0;
  const probe = {
    calls: 0,
    waitMs: 0,
    stub: false,
    restore() {
      rawFs.fsync = realAsync;
      rawFs.fsyncSync = realSync;
    },
  };
  const begin = () => {
    probe.calls++;
    if (inFlight++ === 0) since = performance.now();
  };
  const done = () => {
    if (--inFlight === 0) probe.waitMs += performance.now() - since;
  };
  rawFs.fsync = ((fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
    begin();
    if (probe.stub) {
      done();
      setImmediate(() => cb(null));
      return;
    }
    realAsync(fd, (e) => {
      done();
      cb(e);
    });
  }) as typeof fs.fsync;
  rawFs.fsyncSync = ((fd: number) => {
    begin();
    try {
      if (!probe.stub) realSync(fd);
    } finally {
      done();
    }
  }) as typeof fs.fsyncSync;
  return probe;
}

async function oneRowLatency(spark: StreamSession, say: (l: string) => void): Promise<void> {
  // One fsync of a small file on this disk, for reference (before and after the runs).
  const dir = tempDir();
  const fsyncs: number[] = [];
  const referenceFsyncs = () => {
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      const fd = fs.openSync(path.join(dir, `f${fsyncs.length}`), 'w');
      fs.writeSync(fd, 'x'.repeat(100));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fsyncs.push(performance.now() - t0);
    }
  };
  referenceFsyncs();
  const probe = fsyncProbe();
  const run = async (provider: string, stub: boolean) => {
    probe.stub = stub;
    const cp = path.join(dir, `cp-${provider}-${stub}`);
    spark.conf.set('spark.sql.streaming.stateStore.providerClass', provider);
    const input = new MemoryStream(StringType(), spark);
    const query = input.toDF().groupBy('value').count().writeStream.format('noop').outputMode('update').option('checkpointLocation', cp).start();
    const times: number[] = [];
    const waits: number[] = [];
    const cpus: number[] = [];
    const batches = 200;
    let calls = 0;
    for (let b = 0; b < batches + 10; b++) {
      input.addData(`w${b % 7}`);
      if (b === 10) calls = probe.calls;
      const w0 = probe.waitMs;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await query.processAllAvailable();
      const t = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (b >= 10) {
        times.push(t);
        waits.push(probe.waitMs - w0);
        cpus.push((c.user + c.system) / 1000);
      }
    }
    await query.stop();
    return { median: median(times), calls: (probe.calls - calls) / batches, wait: median(waits), cpu: median(cpus) };
  };
  try {
    for (const provider of ['hdfs', 'lmdb']) {
      const real = await run(provider, false);
      const stubbed = await run(provider, true);
      say(
        `1-row batch     groupBy count with checkpoint, 200 partitions, ${provider === 'hdfs' ? 'default store' : 'lmdb store   '}: median ${real.median.toFixed(2)} ms per batch (CPU ${real.cpu.toFixed(2)} ms); ${real.calls.toFixed(1)} fsync calls per batch, in flight together for a median ${real.wait.toFixed(2)} ms; with fsync answered at once: median ${stubbed.median.toFixed(2)} ms`,
      );
    }
  } finally {
    probe.restore();
    spark.conf.unset('spark.sql.streaming.stateStore.providerClass');
  }
  referenceFsyncs();
  fs.rmSync(dir, { recursive: true, force: true });
  say(`1-row batch     one small-file fsync on this disk: median ${median(fsyncs).toFixed(2)} ms (min ${Math.min(...fsyncs).toFixed(2)}, max ${Math.max(...fsyncs).toFixed(2)}); target: a batch < 1 ms + one fsync (lmdb's own fsyncs are native: not counted above)`);
}

export async function benchStateful(only?: string): Promise<string[]> {
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  const spark = new StreamSession({});
  spark.sparkContext.setLogLevel('ERROR');
  try {
    say(`stateful workloads: medians of ${ROUNDS} interleaved rounds; ratio = hand time / engine time (1.00x = as fast as the hand loop); checkpoint runs on the ${STORE === 'lmdb' ? 'lmdb' : 'default'} state store`);
    // Spark's figures are recorded by `npm run bench:spark`: this run only reads them (no JVM).
    const sparkFigures = readSparkFigures();
    for (const { name, make } of WORKLOADS) {
      // Inputs are generated only for the workloads that run (the word corpus alone takes seconds).
      if (only && !name.includes(only)) continue;
      const w = make();
      await throughput(spark, w, say, sparkFigures);
    }
    if (!only || '1M keys'.includes(only)) await millionKeys(spark, say);
    if (!only || '1-row latency'.includes(only)) await oneRowLatency(spark, say);
    say('targets (issue 14, checkpoint on disk): word count >= 0.55x, windowed sum >= 0.50x, stream join >= 0.40x');
    if (!sparkFigures) say('Spark for comparison: no recorded figures (scripts/spark/bench-stateful-spark.json); `npm run bench:spark` records them');
  } finally {
    await spark.stop();
  }
  return lines;
}

if (require.main === module) {
  benchStateful(process.argv[2]).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
