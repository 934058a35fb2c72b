// Issue 15 finding 3: a kill during a query's first start can leave only some of the per-operator
// state metadata files (state/<op>/_metadata/schema). No batch was committed, so the restart writes
// them again instead of blaming the user with STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA.
// (The crash harness's file pipeline kills real first starts: __tests__/scripts/crash-test.test.ts.)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { expr } from 'rivulet/functions';
import { newSession } from '../support/session';

let dir: string;
let spark: StreamSession;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-first-start-'));
  spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  spark.sparkContext.setLogLevel('OFF');
  for (const side of ['l', 'r']) {
    fs.mkdirSync(path.join(dir, side));
    fs.writeFileSync(path.join(dir, side, 'a.json'), [0, 1, 2].map((i) => JSON.stringify({ [`${side}k`]: i, [`${side}ts`]: `2026-01-01T00:00:0${i}Z` })).join('\n') + '\n');
  }
});
afterEach(async () => {
  await spark.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function join(name: string) {
  const l = spark.readStream.schema('lk INT, lts TIMESTAMP').json(path.join(dir, 'l')).withWatermark('lts', '5 seconds');
  const r = spark.readStream.schema('rk INT, rts TIMESTAMP').json(path.join(dir, 'r')).withWatermark('rts', '5 seconds');
  return l
    .join(r, expr('lk = rk AND rts >= lts AND rts <= lts + interval 1 second'), 'left_outer')
    .selectExpr('lk', 'rk')
    .writeStream.format('json')
    .option('path', path.join(dir, name))
    .option('checkpointLocation', path.join(dir, `${name}-cp`))
    .trigger({ availableNow: true })
    .start();
}

const rows = (name: string) => spark.read.schema('lk INT, rk INT').json(path.join(dir, name)).collect().map((r) => `${String(r.lk)}/${String(r.rk)}`).sort();

test('a first start killed after writing some state metadata files restarts and gives the same output', async () => {
  await join('whole').awaitTermination();
  const expected = rows('whole');
  expect(expected).toEqual(['0/0', '1/1', '2/2']);

  // What the kill leaves: the query metadata, the sources' folders, one operator's schema file.
  await join('killed').awaitTermination();
  const cp = path.join(dir, 'killed-cp');
  const ops = fs.readdirSync(path.join(cp, 'state'));
  expect(ops.length).toBeGreaterThan(0);
  for (const name of ['offsets', 'commits', 'sources']) fs.rmSync(path.join(cp, name), { recursive: true });
  for (const op of ops) {
    for (const entry of fs.readdirSync(path.join(cp, 'state', op))) if (entry !== '_metadata' || op !== '0') fs.rmSync(path.join(cp, 'state', op, entry), { recursive: true });
  }
  fs.rmSync(path.join(dir, 'killed'), { recursive: true });

  const q = join('killed');
  await q.awaitTermination();
  expect(q.exception()).toBeNull();
  expect(rows('killed')).toEqual(expected);
});
