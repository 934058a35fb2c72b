// Aggregation state entries are flat arrays `[seq, ...grouping values, ...buffers]`. A checkpoint
// written with the earlier tuple layout `[values[], buffers[], seq]` (same file format) is converted
// on load: the query continues with the right counts and the same update-mode order.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataFrame, StreamingQuery, StreamSession } from 'rivulet';
import { StringType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { parseStateFile, StateFileWriter, SECTION_SNAPSHOT, type StateChange } from '../../lib/state/state-file-format';
import { BinaryReader } from '../../lib/util/binary-value-codec';
import { newSession } from '../support/session';

let checkpoint: string;
let spark: StreamSession;
beforeEach(() => {
  checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-agg-layout-'));
  spark = newSession({ 'spark.sql.shuffle.partitions': '3' });
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  fs.rmSync(checkpoint, { recursive: true, force: true });
});

function wordCount(input: DataFrame, seen: unknown[][][]): StreamingQuery {
  return input
    .groupBy('value')
    .count()
    .writeStream.outputMode('update')
    .option('checkpointLocation', checkpoint)
    .foreachBatch((df) => {
      seen.push(df.collect().map((r) => [r[0], Number(r[1])]));
    })
    .start();
}

/** Rewrites every state file of operator 0 with entries in the earlier `[values, buffers, seq]` layout. */
function toEarlierLayout(): number {
  const dir = path.join(checkpoint, 'state', '0');
  let converted = 0;
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.delta'))) {
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
        const key = r.value();
        if (op === 2) {
          changes.set(key, 'removed');
          continue;
        }
        const flat = r.value() as unknown[];
        expect(typeof flat[0]).toBe('number');
        // One grouping value (the word), one buffer (the count).
        data.set(key, [[flat[1]], [flat[2]], flat[0]]);
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

test('state of the earlier tuple layout is read and continues', async () => {
  const input = new MemoryStream(StringType(), spark);
  const seen: unknown[][][] = [];
  let query = wordCount(input.toDF(), seen);
  input.addData('a', 'b', 'c');
  await query.processAllAvailable();
  input.addData('a', 'd');
  await query.processAllAvailable();
  await query.stop();
  expect(toEarlierLayout()).toBeGreaterThan(0);

  input.addData('d', 'b', 'a', 'e');
  query = wordCount(input.toDF(), seen);
  await query.processAllAvailable();
  input.addData('c', 'e');
  await query.processAllAvailable();
  await query.stop();

  // A run that never stopped gives the reference output, order included.
  fs.rmSync(checkpoint, { recursive: true, force: true });
  const reference: unknown[][][] = [];
  const again = new MemoryStream(StringType(), spark);
  query = wordCount(again.toDF(), reference);
  for (const batch of [['a', 'b', 'c'], ['a', 'd'], ['d', 'b', 'a', 'e'], ['c', 'e']]) {
    again.addData(...batch);
    await query.processAllAvailable();
  }
  await query.stop();
  expect(seen).toEqual(reference);
  expect(seen[2]).toContainEqual(['a', 3]);
  expect(seen[3]).toContainEqual(['c', 2]);
});
