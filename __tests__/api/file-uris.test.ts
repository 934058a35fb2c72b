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
import { harness, START, type Harness } from '../dstream/dstream-harness';

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

test('readStream load(), writeStream start(path) and the checkpoint root conf take file: URIs', async () => {
  fs.mkdirSync(path.join(dir, 'in'));
  fs.writeFileSync(path.join(dir, 'in', 'a.txt'), 'x\ny\n');
  spark.conf.set('spark.sql.streaming.checkpointLocation', `file://${dir}/root`);
  const q = spark.readStream.format('text').load(`file:${dir}/in`).writeStream.format('json').queryName('q1').start(`file://${dir}/out`);
  await q.processAllAvailable();
  await q.stop();
  expect(fs.readdirSync(path.join(dir, 'root'))).toEqual(['q1']);
  expect(spark.read.json(`file:${dir}/out`).count()).toBe(2);
  expect(spark.readStream.text(`file:///${dir.replace(/^\//, '')}/in`).isStreaming).toBe(true);
  expect(fs.existsSync('file:')).toBe(false);
});

test('the table warehouse (spark.sql.warehouse.dir) takes a file: URI', () => {
  const s = newSession({ 'spark.sql.warehouse.dir': `file://localhost${dir}/wh` });
  try {
    s.createDataFrame([[1]], ['x']).write.saveAsTable('t');
    expect(fs.existsSync(path.join(dir, 'wh', 't'))).toBe(true);
    expect(s.table('t').count()).toBe(1);
  } finally {
    s.stop();
  }
  expect(fs.existsSync('file:')).toBe(false);
});

describe('DStreams', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => h.close());

  test('ssc.checkpoint, textFileStream and saveAsTextFiles take file: URIs', async () => {
    fs.mkdirSync(path.join(dir, 'in'));
    h.ssc.checkpoint(`file://${dir}/cp`);
    expect(fs.existsSync(path.join(dir, 'cp'))).toBe(true);
    const lines = h.ssc.textFileStream(`file:${dir}/in`);
    lines.saveAsTextFiles(`file://${dir}/out`, 'txt');
    h.ssc.start();
    const file = path.join(dir, 'in', 'a.txt');
    fs.writeFileSync(file, 'one\ntwo\n');
    fs.utimesSync(file, (START + 500) / 1000, (START + 500) / 1000);
    await h.runBatches(1);
    expect(fs.readFileSync(path.join(dir, `out-${START + 1000}.txt`, 'part-00000'), 'utf8')).toBe('one\ntwo\n');
    expect(fs.existsSync('file:')).toBe(false);
  });
});
