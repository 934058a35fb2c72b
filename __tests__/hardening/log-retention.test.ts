// Issue 15 finding 8: the file sink's _spark_metadata and the file source's log keep one compact
// file plus the deltas since (Spark's log.deletion after log.cleanupDelay), not every file ever.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { newSession } from '../support/session';

let dir: string;
let spark: StreamSession;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-retention-'));
  fs.mkdirSync(path.join(dir, 'in'));
  for (let f = 0; f < 8; f++) {
    const file = path.join(dir, 'in', `${f}.json`);
    fs.writeFileSync(file, `{"v":${f}}\n`);
    fs.utimesSync(file, new Date(1_700_000_000_000 + f * 1000), new Date(1_700_000_000_000 + f * 1000));
  }
});
afterEach(async () => {
  await spark.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(conf: Record<string, string>) {
  spark = newSession({ 'spark.sql.streaming.fileSink.log.compactInterval': '3', 'spark.sql.streaming.fileSource.log.compactInterval': '3', ...conf });
  spark.sparkContext.setLogLevel('OFF');
  return spark.readStream
    .schema('v INT')
    .option('maxFilesPerTrigger', 1)
    .json(path.join(dir, 'in'))
    .writeStream.format('json')
    .option('path', path.join(dir, 'out'))
    .option('checkpointLocation', path.join(dir, 'cp'))
    .trigger({ availableNow: true })
    .start();
}

const names = (d: string) => fs.readdirSync(d).filter((n) => !n.startsWith('.')).sort((a, b) => parseInt(a) - parseInt(b));

test('after a compaction the folded files are deleted once past the cleanup delay; readers see every row', async () => {
  await (await run({ 'spark.sql.streaming.fileSink.log.cleanupDelay': '0ms', 'spark.sql.streaming.fileSource.log.cleanupDelay': '0ms' })).awaitTermination();
  expect(names(path.join(dir, 'out', '_spark_metadata'))).toEqual(['5.compact', '6', '7']);
  expect(names(path.join(dir, 'cp', 'sources', '0'))).toEqual(['5.compact', '6', '7']);
  expect(spark.read.schema('v INT').json(path.join(dir, 'out')).collect().map((r) => r.v).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
});

test('within the default 10 minute delay nothing is deleted', async () => {
  await (await run({})).awaitTermination();
  expect(names(path.join(dir, 'out', '_spark_metadata'))).toEqual(['0', '1', '2.compact', '3', '4', '5.compact', '6', '7']);
});
