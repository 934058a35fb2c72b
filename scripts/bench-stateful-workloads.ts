// The stateful workloads of issue 14 (fixed seeds), shared by `npm run bench`
// (scripts/bench-stateful.ts: hand loop, in memory, on disk) and `npm run bench:spark`
// (scripts/spark/bench-stateful.ts: the same inputs written out for Spark, and the hand loop).
// Each workload gives its generated input column by column (`streams`) and its batch count, so
// Spark reads exactly the rows, in the same batches, that the engine and the hand loop get.
import { StreamSession, type DataFrame } from 'rivulet';
import { col, explode, expr, split, sum, window } from 'rivulet/functions';
import { IntegerType, LongType, StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { mulberry32 } from './seeded-random';

const T0 = 1_700_000_000_000; // ms, a multiple of 10 s

/** One column of a workload's input; timestamps are epoch milliseconds. */
export interface WorkloadColumn {
  name: string;
  type: 'string' | 'int' | 'long' | 'timestamp';
  values: ArrayLike<string | number>;
}

/** One input stream of a workload: its rows are dealt into `batches` equal consecutive batches. */
export interface WorkloadStream {
  name: string;
  rows: number;
  columns: WorkloadColumn[];
}

export interface Workload {
  name: string;
  /** What one unit of work is (for the rate). */
  unit: string;
  units: number;
  /** Batches of input (each stream's rows split evenly, in order). */
  batches: number;
  streams: WorkloadStream[];
  hand(): number;
  engine(spark: StreamSession, checkpoint: string | undefined): Promise<number>;
}

async function runQuery(
  spark: StreamSession,
  checkpoint: string | undefined,
  build: () => { df: DataFrame; feed: (b: number) => void; batches: number },
  mode: 'append' | 'update' | 'complete',
  name: string,
): Promise<number> {
  const { df, feed, batches } = build();
  let writer = df.writeStream.format('memory').queryName(name).outputMode(mode);
  if (checkpoint) writer = writer.option('checkpointLocation', checkpoint);
  const query = writer.start();
  for (let b = 0; b < batches; b++) {
    feed(b);
    await query.processAllAvailable();
  }
  await query.stop();
  const n = spark.table(name).count();
  spark.sql(`DROP VIEW IF EXISTS ${name}`);
  return n;
}

// ---- word count ----------------------------------------------------------------------------

function wordCorpus(lines: number): string[] {
  const random = mulberry32(42);
  const vocabulary = 10_000;
  const words = Array.from({ length: vocabulary }, (_, i) => `w${i.toString(36)}`);
  const cumulative = new Float64Array(vocabulary);
  let total = 0;
  for (let i = 0; i < vocabulary; i++) cumulative[i] = total += 1 / (i + 1);
  const out: string[] = new Array(lines);
  for (let i = 0; i < lines; i++) {
    const n = 4 + Math.floor(random() * 9);
    const parts: string[] = new Array(n);
    for (let j = 0; j < n; j++) {
      const r = random() * total;
      let lo = 0;
      let hi = vocabulary - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      parts[j] = words[lo];
    }
    out[i] = parts.join(' ');
  }
  return out;
}

function wordCount(): Workload {
  const lines = wordCorpus(1_000_000);
  const batch = 100_000;
  return {
    name: 'word count',
    unit: 'lines',
    units: lines.length,
    batches: lines.length / batch,
    streams: [{ name: 'lines', rows: lines.length, columns: [{ name: 'value', type: 'string', values: lines }] }],
    hand() {
      const counts = new Map<string, number>();
      for (let b = 0; b < lines.length; b += batch) {
        const end = Math.min(lines.length, b + batch);
        for (let i = b; i < end; i++) {
          const words = lines[i].split(' ');
          for (let j = 0; j < words.length; j++) counts.set(words[j], (counts.get(words[j]) ?? 0) + 1);
        }
      }
      return counts.size;
    },
    async engine(spark, checkpoint) {
      const input = new MemoryStream(StringType(), spark);
      return runQuery(
        spark,
        checkpoint,
        () => ({
          df: input.toDF().select(explode(split(col('value'), ' ')).alias('word')).groupBy('word').count(),
          feed: (b) => input.addData(...lines.slice(b * batch, (b + 1) * batch)),
          batches: lines.length / batch,
        }),
        'complete',
        'bench_wc',
      );
    },
  };
}

// ---- windowed sum with watermark -------------------------------------------------------------

function windowedSum(): Workload {
  const rows = 240_000;
  const batch = 20_000;
  const keys = 10_000;
  const random = mulberry32(11);
  // 1 ms of event time per row, up to 2 s out of order (inside the 10 s watermark delay).
  const key = new Int32Array(rows);
  const ts = new Float64Array(rows);
  const value = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    key[i] = Math.floor(random() * keys);
    ts[i] = T0 + i + Math.floor(random() * 2000);
    value[i] = Math.floor(random() * 1000);
  }
  const delay = 10_000;
  const size = 60_000;
  const slide = 10_000;
  const batches = rows / batch;
  return {
    name: 'windowed sum',
    unit: 'rows',
    units: rows,
    batches,
    streams: [
      {
        name: 'rows',
        rows,
        columns: [
          { name: 'key', type: 'int', values: key },
          { name: 'ts', type: 'timestamp', values: ts },
          { name: 'value', type: 'long', values: value },
        ],
      },
    ],
    hand() {
      // Naive: one Map entry per (window, key), a full scan per batch to evict closed windows.
      const state = new Map<string, { start: number; sum: number }>();
      let watermark = 0;
      let maxTs = 0;
      let emitted = 0;
      const evict = () => {
        for (const [k, s] of state) {
          if (s.start + size <= watermark) {
            emitted++;
            state.delete(k);
          }
        }
      };
      for (let b = 0; b < batches; b++) {
        for (let i = b * batch; i < (b + 1) * batch; i++) {
          const t = ts[i];
          const last = t - (t % slide);
          for (let start = last; start > t - size; start -= slide) {
            if (start + size <= watermark) continue;
            const k = `${start}|${key[i]}`;
            const s = state.get(k);
            if (s) s.sum += value[i];
            else state.set(k, { start, sum: value[i] });
          }
          if (t > maxTs) maxTs = t;
        }
        evict();
        watermark = Math.max(watermark, maxTs - delay);
      }
      evict(); // the engine's no-data batch once the watermark moved
      return emitted;
    },
    async engine(spark, checkpoint) {
      const schema = StructType([StructField('key', IntegerType(), false), StructField('ts', TimestampType(), false), StructField('value', LongType(), false)]);
      const input = new MemoryStream(schema, spark);
      return runQuery(
        spark,
        checkpoint,
        () => ({
          df: input
            .toDF()
            .withWatermark('ts', '10 seconds')
            .groupBy(window(col('ts'), '1 minute', '10 seconds'), col('key'))
            .agg(sum('value').alias('total')),
          feed: (b) => {
            const out: unknown[] = new Array(batch);
            for (let i = b * batch, j = 0; j < batch; i++, j++) out[j] = [key[i], new Date(ts[i]), value[i]];
            input.addData(...out);
          },
          batches,
        }),
        'append',
        'bench_ws',
      );
    },
  };
}

// ---- stream-stream join ----------------------------------------------------------------------

function streamJoin(): Workload {
  const n = 100_000;
  const batches = 10;
  const batch = n / batches;
  const ads = 20_000;
  const random = mulberry32(23);
  const impId = new Int32Array(n);
  const impTs = new Float64Array(n);
  const clkId = new Int32Array(n);
  const clkTs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    impId[i] = Math.floor(random() * ads);
    impTs[i] = T0 + i * 2 + Math.floor(random() * 1000);
  }
  for (let i = 0; i < n; i++) {
    // A click follows an impression of the same ad 0-25 s later (some fall outside the 20 s range).
    const j = Math.max(0, i - Math.floor(random() * 50));
    clkId[i] = impId[j];
    clkTs[i] = Math.max(impTs[j] + Math.floor(random() * 25_000), T0 + i * 2);
  }
  const delay = 10_000;
  const range = 20_000;
  return {
    name: 'stream join',
    unit: 'rows',
    units: 2 * n,
    batches,
    streams: [
      {
        name: 'impressions',
        rows: n,
        columns: [
          { name: 'adId', type: 'int', values: impId },
          { name: 'impressionTime', type: 'timestamp', values: impTs },
        ],
      },
      {
        name: 'clicks',
        rows: n,
        columns: [
          { name: 'clickAdId', type: 'int', values: clkId },
          { name: 'clickTime', type: 'timestamp', values: clkTs },
        ],
      },
    ],
    hand() {
      // Symmetric hash join: new left rows probe right state, then new right rows probe all left
      // state; state is trimmed by a scan once per batch by the watermark and the range. Like the
      // engine with its memory sink, it materialises every joined row (adId, impressionTime,
      // clickAdId, clickTime) and keeps them all.
      const left = new Map<number, number[]>();
      const right = new Map<number, number[]>();
      const out: [number, number, number, number][] = [];
      let maxL = 0;
      let maxR = 0;
      let watermark = 0;
      for (let b = 0; b < batches; b++) {
        for (let i = b * batch; i < (b + 1) * batch; i++) {
          const id = impId[i];
          const t = impTs[i];
          const others = right.get(id);
          if (others) for (const c of others) if (c >= t && c <= t + range) out.push([id, t, id, c]);
          let mine = left.get(id);
          if (!mine) left.set(id, (mine = []));
          mine.push(t);
          if (t > maxL) maxL = t;
        }
        for (let i = b * batch; i < (b + 1) * batch; i++) {
          const id = clkId[i];
          const c = clkTs[i];
          const others = left.get(id);
          if (others) for (const t of others) if (c >= t && c <= t + range) out.push([id, t, id, c]);
          let mine = right.get(id);
          if (!mine) right.set(id, (mine = []));
          mine.push(c);
          if (c > maxR) maxR = c;
        }
        // Left rows wait until no click can match them (clickTime <= impressionTime + range), right
        // rows until no impression can (impressionTime >= clickTime - range).
        const trim = (state: Map<number, number[]>, limit: number) => {
          for (const [k, list] of state) {
            const kept = list.filter((t) => t > limit);
            if (kept.length === 0) state.delete(k);
            else if (kept.length !== list.length) state.set(k, kept);
          }
        };
        trim(left, watermark - range);
        trim(right, watermark);
        watermark = Math.max(watermark, Math.min(maxL, maxR) - delay);
      }
      return out.length;
    },
    async engine(spark, checkpoint) {
      const left = new MemoryStream(StructType([StructField('adId', IntegerType(), false), StructField('impressionTime', TimestampType(), false)]), spark);
      const right = new MemoryStream(StructType([StructField('clickAdId', IntegerType(), false), StructField('clickTime', TimestampType(), false)]), spark);
      return runQuery(
        spark,
        checkpoint,
        () => ({
          df: left
            .toDF()
            .withWatermark('impressionTime', '10 seconds')
            .join(right.toDF().withWatermark('clickTime', '10 seconds'), expr('clickAdId = adId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 20 seconds'), 'inner'),
          feed: (b) => {
            const l: unknown[] = new Array(batch);
            const r: unknown[] = new Array(batch);
            for (let i = b * batch, j = 0; j < batch; i++, j++) {
              l[j] = [impId[i], new Date(impTs[i])];
              r[j] = [clkId[i], new Date(clkTs[i])];
            }
            left.addData(...l);
            right.addData(...r);
          },
          batches,
        }),
        'append',
        'bench_join',
      );
    },
  };
}

// ---- dropDuplicates with watermark -----------------------------------------------------------

function dropDuplicates(): Workload {
  const events = 100_000;
  const batches = 10;
  const random = mulberry32(31);
  // Every event arrives twice, the copy up to 500 rows later (often in the next batch).
  const order: number[] = [];
  const pending: [number, number][] = [];
  for (let i = 0; i < events; i++) {
    order.push(i);
    pending.push([i + 1 + Math.floor(random() * 500), i]);
    while (pending.length > 0 && pending[0][0] <= i) order.push(pending.shift()![1]);
  }
  for (const [, e] of pending) order.push(e);
  const ids = new Int32Array(order.length);
  const ts = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) {
    ids[i] = order[i];
    ts[i] = T0 + order[i] * 5;
  }
  const batch = order.length / batches;
  const delay = 10_000;
  return {
    name: 'dropDuplicates',
    unit: 'rows',
    units: order.length,
    batches,
    streams: [
      {
        name: 'events',
        rows: order.length,
        columns: [
          { name: 'id', type: 'int', values: ids },
          { name: 'ts', type: 'timestamp', values: ts },
        ],
      },
    ],
    hand() {
      const seen = new Map<string, number>();
      let kept = 0;
      let maxTs = 0;
      let watermark = 0;
      for (let b = 0; b < batches; b++) {
        for (let i = b * batch; i < (b + 1) * batch; i++) {
          const t = ts[i];
          if (t <= watermark) continue;
          const k = `${ids[i]}|${t}`;
          if (seen.has(k)) continue;
          seen.set(k, t);
          kept++;
          if (t > maxTs) maxTs = t;
        }
        for (const [k, t] of seen) if (t <= watermark) seen.delete(k);
        watermark = Math.max(watermark, maxTs - delay);
      }
      return kept;
    },
    async engine(spark, checkpoint) {
      const input = new MemoryStream(StructType([StructField('id', IntegerType(), false), StructField('ts', TimestampType(), false)]), spark);
      return runQuery(
        spark,
        checkpoint,
        () => ({
          df: input.toDF().withWatermark('ts', '10 seconds').dropDuplicates(['id', 'ts']),
          feed: (b) => {
            const out: unknown[] = new Array(batch);
            for (let i = b * batch, j = 0; j < batch; i++, j++) out[j] = [ids[i], new Date(ts[i])];
            input.addData(...out);
          },
          batches,
        }),
        'append',
        'bench_dedup',
      );
    },
  };
}

/** The workloads in the order the bench runs them; inputs are generated when a factory is called. */
export const WORKLOADS: { name: string; make: () => Workload }[] = [
  { name: 'word count', make: wordCount },
  { name: 'windowed sum', make: windowedSum },
  { name: 'stream join', make: streamJoin },
  { name: 'dropDuplicates', make: dropDuplicates },
];
