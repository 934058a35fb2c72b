// `npm run bench`: engine vs hand-written loop on the same data in the same run, plus start-up
// latency. Ratios are what matter: absolute numbers depend on the machine.
//
//   word count: 1,000,000 generated lines (4-12 words, Zipf over 10,000 words, fixed seed) in
//   batches of 100,000 through MemoryStream -> explode(split) -> groupBy count -> memory sink
//   (complete mode), against split + Map.
//   filter + projection: a WHERE and four computed columns over 1M rows already in a DataFrame,
//   against a loop over the same row arrays; both materialise their output rows.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { StreamSession, type DataFrame } from 'rivulet';
import { explode, split, col } from 'rivulet/functions';
import { StringType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import minimist from 'minimist';
import { benchJson } from './bench-json';
import { benchParquet } from './bench-parquet';
import { benchKafka } from './bench-kafka';
import { benchState } from './bench-state';
import { benchState10M } from './bench-state-10m';
import { benchStateful } from './bench-stateful';
import { mulberry32 } from './seeded-random';
import { benchStartup, printStartup } from './bench-startup';

const LINES = 1_000_000;
const BATCH = 100_000;
const VOCABULARY = 10_000;

function generateCorpus(): string[] {
  const random = mulberry32(42);
  const words = Array.from({ length: VOCABULARY }, (_, i) => `w${i.toString(36)}`);
  const cumulative = new Float64Array(VOCABULARY);
  let total = 0;
  for (let i = 0; i < VOCABULARY; i++) {
    total += 1 / (i + 1);
    cumulative[i] = total;
  }
  const pick = (): string => {
    const r = random() * total;
    let lo = 0;
    let hi = VOCABULARY - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
  const lines: string[] = new Array(LINES);
  for (let i = 0; i < LINES; i++) {
    const n = 4 + Math.floor(random() * 9);
    const parts: string[] = new Array(n);
    for (let j = 0; j < n; j++) parts[j] = pick();
    lines[i] = parts.join(' ');
  }
  return lines;
}

function handWordCount(lines: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (let b = 0; b < lines.length; b += BATCH) {
    const end = Math.min(lines.length, b + BATCH);
    for (let i = b; i < end; i++) {
      const words = lines[i].split(' ');
      for (let j = 0; j < words.length; j++) counts.set(words[j], (counts.get(words[j]) ?? 0) + 1);
    }
  }
  return counts;
}

async function engineWordCount(spark: StreamSession, lines: string[]): Promise<number> {
  const input = new MemoryStream(StringType(), spark);
  const counts = input.toDF().select(explode(split(col('value'), ' ')).alias('word')).groupBy('word').count();
  const query = counts.writeStream.format('memory').queryName('bench_counts').outputMode('complete').start();
  for (let b = 0; b < lines.length; b += BATCH) {
    input.addData(...lines.slice(b, b + BATCH));
    await query.processAllAvailable();
  }
  await query.stop();
  return spark.table('bench_counts').count();
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

// Filter + projection: selectExpr with arithmetic, CASE and string functions over 1M rows.
const PROJECTION_ROWS = 1_000_000;

function projectionInput(): unknown[][] {
  const random = mulberry32(7);
  const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
  const rows: unknown[][] = new Array(PROJECTION_ROWS);
  for (let i = 0; i < PROJECTION_ROWS; i++) rows[i] = [i, names[Math.floor(random() * names.length)], Math.floor(random() * 1000)];
  return rows;
}

function handProjection(rows: unknown[][]): number {
  const out: unknown[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const [id, name, amount] = rows[i] as [number, string, number];
    if (amount % 3 === 0) continue;
    out.push([id * 2 + 1, amount > 500 ? 'high' : 'low', name.toUpperCase(), name.length + id]);
  }
  return out.length;
}

/** The query over an already-created DataFrame: both sides start from the same rows in memory. */
function projectionQuery(spark: StreamSession, rows: unknown[][]): DataFrame {
  return spark
    .createDataFrame(rows, 'id INT, name STRING, amount INT')
    .where('amount % 3 != 0')
    .selectExpr('id * 2 + 1 AS a', "CASE WHEN amount > 500 THEN 'high' ELSE 'low' END AS band", 'upper(name) AS n', 'length(name) + id AS l');
}

async function firstOutputLatency(spark: StreamSession): Promise<number> {
  const input = new MemoryStream(StringType(), spark);
  input.addData('spark sql streaming', 'spark graphx pyspark');
  const counts = input.toDF().select(explode(split(col('value'), ' ')).alias('word')).groupBy('word').count();
  const t0 = performance.now();
  const query = counts.writeStream.format('memory').queryName('latency').outputMode('complete').start();
  await query.processAllAvailable();
  const elapsed = performance.now() - t0;
  await query.stop();
  return elapsed;
}

function processWallTime(): number {
  const root = path.resolve(__dirname, '..');
  const script = `
    const { StreamSession } = require(${JSON.stringify(path.join(root, 'dist/index.js'))});
    const { explode, split, col } = require(${JSON.stringify(path.join(root, 'dist/functions.js'))});
    const { StringType } = require(${JSON.stringify(path.join(root, 'dist/types.js'))});
    const { MemoryStream } = require(${JSON.stringify(path.join(root, 'dist/testing.js'))});
    (async () => {
      const spark = StreamSession.builder().appName('wall').getOrCreate();
      const input = new MemoryStream(StringType(), spark);
      input.addData('spark sql streaming', 'spark graphx pyspark');
      const q = input.toDF().select(explode(split(col('value'), ' ')).alias('word')).groupBy('word').count()
        .writeStream.format('console').outputMode('complete').start();
      await q.processAllAvailable();
      await q.stop();
    })();`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const elapsed = performance.now() - t0;
  if (r.status !== 0) throw new Error(`wall-time child failed (build first: npm run build): ${r.stderr}`);
  return elapsed;
}

async function main(): Promise<void> {
  const spark = StreamSession.builder().appName('bench').getOrCreate();
  spark.sparkContext.setLogLevel('ERROR');
  const [lines, genMs] = time(generateCorpus);
  const words = lines.reduce((n, l) => n + 1 + (l.match(/ /g)?.length ?? 0), 0);
  console.log(`corpus: ${LINES.toLocaleString('en-US')} lines, ${words.toLocaleString('en-US')} words, generated in ${genMs.toFixed(0)} ms`);

  // Warm-up both paths once so JIT state is comparable, then measure.
  handWordCount(lines.slice(0, BATCH));
  await engineWordCount(spark, lines.slice(0, BATCH));
  const [handCounts, handMs] = time(() => handWordCount(lines));
  const [engineGroups, engineMs] = await timeAsync(() => engineWordCount(spark, lines));
  if (engineGroups !== handCounts.size) throw new Error(`engine found ${engineGroups} words, hand loop ${handCounts.size}`);
  const handRate = LINES / (handMs / 1000);
  const engineRate = LINES / (engineMs / 1000);
  console.log(`word count  hand loop: ${handMs.toFixed(0)} ms (${Math.round(handRate).toLocaleString('en-US')} lines/s)`);
  console.log(`word count  engine:    ${engineMs.toFixed(0)} ms (${Math.round(engineRate).toLocaleString('en-US')} lines/s)`);
  console.log(`word count  ratio engine/hand: ${(engineRate / handRate).toFixed(2)}x (state in memory, no checkpoint; with a checkpoint: see the stateful workloads below)`);

  const projectionRows = projectionInput();
  handProjection(projectionRows.slice(0, 100_000));
  projectionQuery(spark, projectionRows.slice(0, 100_000)).count();
  const query = projectionQuery(spark, projectionRows);
  // Median of five runs each: single runs swing with where the collector happens to pause.
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const handRuns = Array.from({ length: 5 }, () => time(() => handProjection(projectionRows)));
  const engineRuns = Array.from({ length: 5 }, () => time(() => query.count()));
  const handKept = handRuns[0][0];
  const engineKept = engineRuns[0][0];
  const handProjMs = median(handRuns.map((r) => r[1]));
  const engineProjMs = median(engineRuns.map((r) => r[1]));
  if (handKept !== engineKept) throw new Error(`projection: engine kept ${engineKept} rows, hand loop ${handKept}`);
  console.log(`filter+projection  hand loop: ${handProjMs.toFixed(0)} ms, engine: ${engineProjMs.toFixed(0)} ms (medians of 5)`);
  console.log(`filter+projection  ratio engine/hand: ${(handProjMs / engineProjMs).toFixed(2)}x (target >= 0.50x)`);

  await firstOutputLatency(spark); // warm
  const latencies: number[] = [];
  for (let i = 0; i < 5; i++) latencies.push(await firstOutputLatency(spark));
  latencies.sort((a, b) => a - b);
  console.log(`start() to first output (two-line query): median ${latencies[2].toFixed(1)} ms (target < 50 ms)`);
  const wall = processWallTime();
  console.log(`whole node process (import rivulet, run the two-line query, exit): ${wall.toFixed(0)} ms`);
  printStartup(benchStartup());
  await spark.stop();

  // Connectors and state (issues #5 and #6); each prints its own lines and ratios.
  const args = minimist(process.argv.slice(2), { boolean: ['state-10m'] });
  for (const [name, run] of [
    ['JSON lines through from_json', benchJson],
    ['Parquet write', benchParquet],
    ['Kafka source', benchKafka],
  ] as const) {
    console.log(`\n== ${name} ==`);
    for (const line of await run()) console.log(line);
  }
  // These print each line as they measure (they run for tens of seconds).
  console.log('\n== stateful workloads: hand loop, in memory, checkpoint on disk ==');
  await benchStateful();
  console.log('\n== state stores and checkpoints ==');
  await benchState();
  if (args['state-10m']) {
    console.log('\n== lmdb state, 10 million keys ==');
    await benchState10M();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
