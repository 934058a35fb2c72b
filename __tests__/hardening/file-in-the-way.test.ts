// Issue 15 finding 9: a file where a folder must go (checkpointLocation, a sink path, a batch
// write's path, or one of their parents) fails with Hadoop's texts as PySpark 4.2 shows them,
// not Node's raw EEXIST/ENOTDIR.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { newSession } from '../support/session';

let dir: string;
let spark: StreamSession;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-in-the-way-'));
  fs.mkdirSync(path.join(dir, 'in'));
  fs.writeFileSync(path.join(dir, 'in', 'a.json'), '{"a":1}\n');
  fs.writeFileSync(path.join(dir, 'afile'), 'x');
  spark = newSession();
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  await spark.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const source = () => spark.readStream.schema('a INT').json(path.join(dir, 'in'));
const afile = () => path.join(dir, 'afile');

test('checkpointLocation is a file, or under one', () => {
  expect(() => source().writeStream.format('console').option('checkpointLocation', afile()).start()).toThrow(`Destination exists and is not a directory: ${afile()}`);
  expect(() => source().writeStream.format('console').option('checkpointLocation', path.join(afile(), 'cp')).start()).toThrow(`Parent path is not a directory: file:${afile()}`);
});

test('a file sink path that is a file, or under one', () => {
  for (const p of [afile(), path.join(afile(), 'x')]) {
    expect(() => source().writeStream.format('json').option('path', p).option('checkpointLocation', path.join(dir, 'cp')).start()).toThrow(`Parent path is not a directory: file:${afile()}`);
  }
});

test('a batch write into a file, or under one', () => {
  expect(() => spark.range(3).write.mode('append').json(afile())).toThrow(`Parent path is not a directory: file:${afile()}`);
  expect(() => spark.range(3).write.json(path.join(afile(), 'y'))).toThrow(`Parent path is not a directory: file:${afile()}`);
  expect(fs.readFileSync(afile(), 'utf8')).toBe('x');
});
