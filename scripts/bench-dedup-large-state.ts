// `tsx scripts/bench-dedup-large-state.ts`: dropDuplicates with watermark over a large state (200k
// keys, delay 1 hour) fed 100-row batches with a checkpoint: the CPU time of a small batch, which
// a full-state scan for eviction would make grow with the state (docs/guides/benchmarks.md).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StreamSession } from 'rivulet';
import { IntegerType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';

const STATE_KEYS = 200_000;
const BATCHES = 31;
const BATCH_ROWS = 100;

async function main(): Promise<void> {
  const spark = new StreamSession({});
  spark.sparkContext.setLogLevel('ERROR');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-dedup-large-'));
  try {
    const input = new MemoryStream(StructType([StructField('id', IntegerType(), false), StructField('ts', TimestampType(), false)]), spark);
    const q = input.toDF().withWatermark('ts', '1 hour').dropDuplicates(['id', 'ts']).writeStream.format('noop').option('checkpointLocation', dir).start();
    const t0 = Date.UTC(2024, 0, 1);
    let id = 0;
    const rows = (n: number) => {
      const out: unknown[] = [];
      for (let i = 0; i < n; i++, id++) out.push([id, new Date(t0 + id * 5)]);
      return out;
    };
    for (let i = 0; i < STATE_KEYS; i += 10_000) input.addData(...rows(10_000));
    await q.processAllAvailable();
    const cpu: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const batch = rows(BATCH_ROWS);
      const c0 = process.cpuUsage();
      input.addData(...batch);
      await q.processAllAvailable();
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    cpu.sort((a, b) => a - b);
    const op = q.lastProgress!.stateOperators[0];
    console.log(`dropDuplicates, ${op.numRowsTotal} keys in state, checkpoint: ${BATCH_ROWS}-row batch CPU median ${cpu[BATCHES >> 1].toFixed(1)} ms (min ${cpu[0].toFixed(1)} ms) over ${BATCHES} batches`);
    await q.stop();
  } finally {
    await spark.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
