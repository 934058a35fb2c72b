// file: URIs name local paths everywhere Spark takes a path, as in Spark; none of them creates a
// folder named "file:" in the working directory.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { StringType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { toLocalPath } from '../../lib/util/local-path';
import { newSession } from '../support/session';

let spark: StreamSession;
let dir: string;
beforeEach(() => {
  spark = newSession();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-uri-'));
});
afterEach(() => {
  spark.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the three forms of a file: URI and plain paths', () => {
  expect(toLocalPath('file:///tmp/cp')).toBe('/tmp/cp');
  expect(toLocalPath('file:/tmp/cp')).toBe('/tmp/cp');
  expect(toLocalPath('file://localhost/tmp/a%20b')).toBe('/tmp/a b');
  expect(toLocalPath('/tmp/cp')).toBe('/tmp/cp');
  expect(toLocalPath('relative/dir')).toBe('relative/dir');
});

test('checkpointLocation, the file sink path, df.write and spark.read take file: URIs', async () => {
  const input = new MemoryStream(StringType(), spark);
  const q = input
    .toDF()
    .writeStream.format('json')
    .option('checkpointLocation', `file://${dir}/cp`)
    .option('path', `file:${dir}/out`)
    .start();
  input.addData('a', 'b');
  await q.processAllAvailable();
  await q.stop();
  expect(fs.existsSync(path.join(dir, 'cp', 'offsets', '0'))).toBe(true);
  expect(fs.existsSync(path.join(dir, 'out', '_spark_metadata'))).toBe(true);
  expect(fs.existsSync('file:')).toBe(false);
  const read = spark.read.format('json').load(`file://${dir}/out`);
  expect(read.collect().map((r) => r.value).sort()).toEqual(['a', 'b']);
  read.write.format('json').save(`file:${dir}/copy`);
  expect(spark.read.json(`file:///${dir.replace(/^\//, '')}/copy`).count()).toBe(2);
});
