// A file sink's output folder is read through its `_spark_metadata` log (Spark's
// MetadataLogFileIndex), by spark.read and by the streaming file source: a part file that no
// committed batch lists (left by a crashed attempt) is never read.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { newSession } from '../../support/session';

let spark: StreamSession;
let root: string;

beforeEach(() => {
  spark = newSession();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-sink-folder-'));
});

afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  spark.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

function writeInput(dir: string, name: string, content: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), content);
}

test('spark.read and readStream list only the files in _spark_metadata', async () => {
  const input = path.join(root, 'in');
  const out = path.join(root, 'out');
  writeInput(input, 'a.json', '{"id":1}\n{"id":2}\n');
  const q = spark.readStream
    .schema('id INT')
    .json(input)
    .writeStream.format('json')
    .option('path', out)
    .option('checkpointLocation', path.join(root, 'cp-sink'))
    .trigger({ availableNow: true })
    .start();
  await q.awaitTermination();
  expect(q.exception()).toBeNull();
  expect(fs.existsSync(path.join(out, '_spark_metadata', '0'))).toBe(true);

  // A stray part file (as a failed attempt leaves) is in the folder but not in the log.
  fs.writeFileSync(path.join(out, 'part-99999-stray.json'), '{"id":666}\n');

  expect(spark.read.schema('id INT').json(out).collect().map((r) => r.asDict().id)).toEqual([1, 2]);
  // Without the log the stray file would be read.
  expect(spark.read.schema('id INT').json(path.join(out, 'part-*')).collect().map((r) => r.asDict().id).sort()).toEqual([1, 2, 666]);

  const downstream = spark.readStream
    .schema('id INT')
    .json(out)
    .writeStream.format('memory')
    .queryName('downstream')
    .option('checkpointLocation', path.join(root, 'cp-down'))
    .start();
  await downstream.processAllAvailable();
  expect(spark.table('downstream').collect().map((r) => r.asDict().id)).toEqual([1, 2]);

  // Files another query's sink owns cannot be archived or deleted by a reader.
  const cleaning = spark.readStream.schema('id INT').option('cleanSource', 'delete').json(out);
  expect(() => cleaning.writeStream.format('memory').queryName('cleaning').option('checkpointLocation', path.join(root, 'cp-clean')).start()).toThrow(
    'Clean up source files is not supported when reading from the output directory of FileStreamSink.',
  );
});

test('a parquet sink folder reads back with every type through spark.read.parquet', async () => {
  const input = path.join(root, 'in');
  writeInput(input, 'a.json', '{"id":1,"s":"x","d":1.5,"t":"2024-01-01T00:00:00Z","arr":[1,2],"m":{"k":1},"st":{"a":1}}\n{"id":2}\n');
  const schema = 'id BIGINT, s STRING, d DECIMAL(10,2), t TIMESTAMP, arr ARRAY<INT>, m MAP<STRING,INT>, st STRUCT<a: INT>';
  const q = spark.readStream
    .schema(schema)
    .json(input)
    .writeStream.format('parquet')
    .option('path', path.join(root, 'out'))
    .option('checkpointLocation', path.join(root, 'cp'))
    .trigger({ availableNow: true })
    .start();
  await q.awaitTermination();
  expect(q.exception()).toBeNull();
  const df = spark.read.parquet(path.join(root, 'out'));
  expect(df.schema.simpleString()).toBe('struct<id:bigint,s:string,d:decimal(10,2),t:timestamp,arr:array<int>,m:map<string,int>,st:struct<a:int>>');
  const [first, second] = df.collect().map((r) => r.asDict());
  expect({ ...first, d: String(first.d) }).toEqual({ id: 1, s: 'x', d: '1.50', t: new Date(Date.UTC(2024, 0, 1)), arr: [1, 2], m: new Map([['k', 1]]), st: { a: 1 } });
  expect(Object.values(second)).toEqual([2, null, null, null, null, null, null]);
});
