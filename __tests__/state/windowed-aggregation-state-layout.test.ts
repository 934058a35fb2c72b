// A streaming aggregation with an event-time key stores each group under its first-insertion
// sequence (a number) and finds groups through in-memory buckets by window. Checkpoints of the
// earlier layout, where the store key was the encoded grouping key, are re-keyed on load: the
// query continues with the same sums, the same evictions and the same output order as a run that
// never stopped.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamingQuery, StreamSession } from 'rivulet';
import { col, sum, window } from 'rivulet/functions';
import { IntegerType, LongType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { parseStateFile, StateFileWriter, SECTION_SNAPSHOT, type StateChange } from '../../lib/state/state-file-format';
import { BinaryReader } from '../../lib/util/binary-value-codec';
import { encodeCompositeKey } from '../../lib/util/group-key';
import { newSession } from '../support/session';

let checkpoint: string;
let spark: StreamSession;
beforeEach(() => {
  checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-win-layout-'));
  spark = newSession({ 'spark.sql.shuffle.partitions': '3' });
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  fs.rmSync(checkpoint, { recursive: true, force: true });
});

const schema = StructType([StructField('key', IntegerType(), false), StructField('ts', TimestampType(), false), StructField('value', LongType(), false)]);
const T0 = 1_700_000_000_000;
const batches: [number, number, number][][] = [
  [
    [1, 0, 5],
    [2, 3_000, 7],
    [1, 12_000, 1],
  ],
  [
    [2, 21_000, 4],
    [3, 25_000, 2],
  ],
  [
    [1, 41_000, 10],
    [3, 9_000, 100], // late for some windows
  ],
  [
    [2, 70_000, 3],
    [1, 95_000, 6],
  ],
  [[3, 130_000, 1]],
];

function start(input: MemoryStream, mode: 'append' | 'update', seen: unknown[][][]): StreamingQuery {
  return input
    .toDF()
    .withWatermark('ts', '10 seconds')
    .groupBy(window(col('ts'), '20 seconds', '10 seconds'), col('key'))
    .agg(sum('value').alias('total'))
    .writeStream.outputMode(mode)
    .option('checkpointLocation', checkpoint)
    .foreachBatch((df) => {
      seen.push(df.collect().map((r) => [((r[0] as unknown[])[0] as Date).getTime() - T0, r[1], Number(r[2])]));
    })
    .start();
}

function feed(input: MemoryStream, b: number): void {
  input.addData(...batches[b].map(([k, t, v]) => [k, new Date(T0 + t), BigInt(v)]));
}

/** Rewrites operator 0's state files with the encoded grouping key as store key (the earlier layout). */
function toEarlierLayout(groupingWidth: number): number {
  const dir = path.join(checkpoint, 'state', '0');
  const names = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.delta'))
    .sort((a, b) => parseInt(a) - parseInt(b));
  const keyOfSeq = new Map<number, string>();
  let converted = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const parsed = parseStateFile(fs.readFileSync(file));
    if (typeof parsed === 'string') throw new Error(parsed);
    const writer = new StateFileWriter(parsed.partitions);
    for (const [p, section] of parsed.sections) {
      const r = new BinaryReader(parsed.buf, section.start, section.end);
      const changes = new Map<unknown, StateChange>();
      const data = new Map<unknown, unknown>();
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const op = r.u8();
        const seq = r.value();
        expect(typeof seq).toBe('number');
        if (op === 2) {
          changes.set(keyOfSeq.get(seq as number)!, 'removed');
          continue;
        }
        const flat = r.value() as unknown[];
        expect(flat[0]).toBe(seq);
        const key = encodeCompositeKey(flat.slice(1, 1 + groupingWidth));
        keyOfSeq.set(seq as number, key);
        data.set(key, flat);
        changes.set(key, op === 1 ? 'moved' : 'inPlace');
        converted++;
      }
      if (section.kind === SECTION_SNAPSHOT) writer.addSnapshot(p, data);
      else writer.addDelta(p, [], changes, [], data);
    }
    fs.writeFileSync(file, writer.finish());
  }
  return converted;
}

for (const mode of ['append', 'update'] as const) {
  test(`${mode}: a checkpoint with grouping keys as store keys is re-keyed and continues`, async () => {
    const input = new MemoryStream(schema, spark);
    const seen: unknown[][][] = [];
    let query = start(input, mode, seen);
    for (const b of [0, 1, 2]) {
      feed(input, b);
      await query.processAllAvailable();
    }
    await query.stop();
    expect(toEarlierLayout(2)).toBeGreaterThan(0);

    query = start(input, mode, seen);
    for (const b of [3, 4]) {
      feed(input, b);
      await query.processAllAvailable();
    }
    await query.stop();
    const rowsInState = query.recentProgress.map((p) => p.stateOperators[0].numRowsTotal);

    // A run that never stopped gives the reference output, order included.
    fs.rmSync(checkpoint, { recursive: true, force: true });
    const reference: unknown[][][] = [];
    const again = new MemoryStream(schema, spark);
    query = start(again, mode, reference);
    for (let b = 0; b < batches.length; b++) {
      feed(again, b);
      await query.processAllAvailable();
    }
    await query.stop();
    expect(seen).toEqual(reference);
    // No group is left behind under its earlier key: the state holds what the reference's does.
    expect(rowsInState).toEqual(query.recentProgress.map((p) => p.stateOperators[0].numRowsTotal).slice(-rowsInState.length));
    // Something was emitted after the restart (windows closed by the later watermark).
    expect(seen.slice(3).flat().length).toBeGreaterThan(0);
  });
}
