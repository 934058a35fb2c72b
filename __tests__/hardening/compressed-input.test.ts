// Issue 15 finding 9: text, CSV and JSON files compressed with a Hadoop codec are decompressed by
// their extension (as Spark does), in batch reads, schema inference and the file stream source;
// gzip, deflate, bzip2 and zstd are read; Hadoop's lz4/snappy block formats are refused naming the
// file, never read as one all-null row.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { StreamSession } from 'rivulet';
import { newSession } from '../support/session';

let dir: string;
let spark: StreamSession;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-codecs-'));
  spark = newSession();
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  await spark.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const json = '{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n';

test.each([
  ['gz', zlib.gzipSync],
  ['deflate', zlib.deflateSync],
])('.%s JSON is decompressed in batch reads with inference, and by the stream source', async (ext, compress) => {
  fs.mkdirSync(path.join(dir, 'in'));
  fs.writeFileSync(path.join(dir, 'in', `part.json.${ext}`), compress(Buffer.from(json)));
  const df = spark.read.json(path.join(dir, 'in'));
  expect(df.schema.simpleString()).toBe('struct<a:bigint,b:string>');
  expect(df.collect().map((r) => `${String(r.a)}${String(r.b)}`)).toEqual(['1x', '2y']);
  const seen: string[] = [];
  const q = spark.readStream
    .schema('a INT, b STRING')
    .json(path.join(dir, 'in'))
    .writeStream.option('checkpointLocation', path.join(dir, 'cp'))
    .trigger({ availableNow: true })
    .foreachBatch((batch) => {
      for (const r of batch.collect()) seen.push(`${String(r.a)}${String(r.b)}`);
    })
    .start();
  await q.awaitTermination();
  expect(seen).toEqual(['1x', '2y']);
});

test("Rivulet's own gzip output reads back", () => {
  spark.createDataFrame([{ a: 1, b: 'x' }, { a: 2, b: 'y' }], 'a INT, b STRING').write.option('compression', 'gzip').csv(path.join(dir, 'out'));
  expect(fs.readdirSync(path.join(dir, 'out')).some((n) => n.endsWith('.csv.gz'))).toBe(true);
  const rows = spark.read.schema('a INT, b STRING').csv(path.join(dir, 'out')).collect();
  expect(rows.map((r) => `${String(r.a)}${String(r.b)}`).sort()).toEqual(['1x', '2y']);
});

// Two concatenated streams each (as `bzip2 -c a >> f` and `zstd -c a >> f` write them), made by
// the bzip2 1.0.8 and zstd 1.5 command-line tools from '{"a":1}\n{"a":2}\n' and '{"a":3}\n'.
const BZIP2 =
  'QlpoOTFBWSZTWSKd4ukAAAZZgAAQEAAwECAAAAogADEMCBKAeonCJoaL4u5IpwoSBFO8XSBCWmg5MUFZJlNZuXcU1QAAA1mAABAQAAgQIAAACiAAIgNlCGARSh8XckU4UJC5dxTV';
const ZSTD = 'KLUv/SQQgQAAeyJhIjoxfQp7ImEiOjJ9Cu7trPIotS/9JAhBAAB7ImEiOjN9ChNbt88=';

test.each([
  ['bz2', BZIP2],
  ['zst', ZSTD],
])('.%s JSON (concatenated streams) is decompressed in batch reads and by the stream source', async (ext, base64) => {
  fs.mkdirSync(path.join(dir, 'in'));
  fs.writeFileSync(path.join(dir, 'in', `part.json.${ext}`), Buffer.from(base64, 'base64'));
  expect(spark.read.json(path.join(dir, 'in')).collect().map((r) => r.a)).toEqual([1, 2, 3]);
  const seen: unknown[] = [];
  const q = spark.readStream
    .schema('a INT')
    .json(path.join(dir, 'in'))
    .writeStream.option('checkpointLocation', path.join(dir, 'cp'))
    .trigger({ availableNow: true })
    .foreachBatch((batch) => {
      for (const r of batch.collect()) seen.push(r.a);
    })
    .start();
  await q.awaitTermination();
  expect(seen).toEqual([1, 2, 3]);
});

test("Hadoop's lz4 and snappy block formats are refused naming the file", () => {
  fs.writeFileSync(path.join(dir, 'part.json.lz4'), Buffer.from([0, 0, 0, 8, 0, 0, 0, 9, 1, 2, 3]));
  expect(() => spark.read.schema('a INT').json(path.join(dir, 'part.json.lz4')).collect()).toThrow(
    `The file ${path.join(dir, 'part.json.lz4')} is lz4-compressed (by its extension, as Hadoop's codecs are chosen), and Rivulet cannot decompress lz4`,
  );
});

test('a damaged bzip2 file fails naming it', () => {
  fs.writeFileSync(path.join(dir, 'part.json.bz2'), Buffer.from('BZh91AY&SY'));
  expect(() => spark.read.schema('a INT').json(path.join(dir, 'part.json.bz2')).collect()).toThrow(/\[FAILED_READ_FILE.NO_HINT\] Encountered error while reading file .*part\.json\.bz2/);
});

test('a damaged gzip file fails naming it', () => {
  fs.writeFileSync(path.join(dir, 'part.json.gz'), zlib.gzipSync(Buffer.from(json)).subarray(0, 12));
  expect(() => spark.read.schema('a INT').json(path.join(dir, 'part.json.gz')).collect()).toThrow(/\[FAILED_READ_FILE.NO_HINT\] Encountered error while reading file .*part\.json\.gz/);
});
