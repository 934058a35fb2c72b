// The streaming file source end to end through the engine: new files per batch, rate limits,
// file order and age, clean-up, partition columns, malformed records, the source log in the
// checkpoint, and a restart from the same checkpoint.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { newSession } from '../../support/session';

let spark: StreamSession;
let root: string;
let input: string;
let checkpoint: string;
let queryCount = 0;

beforeEach(() => {
  spark = newSession();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-file-source-'));
  input = path.join(root, 'in');
  checkpoint = path.join(root, 'checkpoint');
  fs.mkdirSync(input);
});

afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  spark.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const BASE_MS = Date.UTC(2026, 0, 1);

/** Writes a file with a given modification time (seconds after BASE_MS) so order is fixed. */
function writeFile(name: string, content: string, mtimeSeconds: number, dir = input): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const t = new Date(BASE_MS + mtimeSeconds * 1000);
  fs.utimesSync(file, t, t);
  return file;
}

function startMemory(df: ReturnType<StreamSession['readStream']['load']>, name?: string) {
  const queryName = name ?? `q${++queryCount}`;
  const q = df.writeStream.format('memory').queryName(queryName).option('checkpointLocation', checkpoint).start();
  return { q, rows: () => spark.table(queryName).collect().map((r) => r.asDict()) };
}

/**
 * As startMemory, through foreachBatch: Spark's memory sink refuses to restart from a checkpoint
 * outside Complete mode (_LEGACY_ERROR_TEMP_1299), so the restart tests collect rows this way.
 */
function startCollecting(df: ReturnType<StreamSession['readStream']['load']>, name: string) {
  const collected: Record<string, unknown>[] = [];
  const q = df.writeStream.foreachBatch((batch) => {
    for (const r of batch.collect()) collected.push(r.asDict());
  }).queryName(name).option('checkpointLocation', checkpoint).start();
  return { q, rows: () => collected };
}

function sourceLog(batchId: number): string[] {
  return fs.readFileSync(path.join(checkpoint, 'sources', '0', String(batchId)), 'utf8').split('\n');
}

describe('streaming file source', () => {
  test('reads files added between batches, each once, and logs them before the batch runs', async () => {
    writeFile('a.json', '{"id":1,"name":"a"}\n{"id":2,"name":"b"}\n', 1);
    const df = spark.readStream.schema('id INT, name STRING').json(input);
    expect(df.isStreaming).toBe(true);
    const { q, rows } = startMemory(df);
    await q.processAllAvailable();
    expect(rows()).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    writeFile('b.json', '{"id":3,"name":"c"}\n', 2);
    await q.processAllAvailable();
    expect(rows().map((r) => r.id)).toEqual([1, 2, 3]);
    await q.processAllAvailable();
    expect(rows()).toHaveLength(3);

    const log0 = sourceLog(0);
    expect(log0[0]).toBe('v1');
    expect(JSON.parse(log0[1])).toEqual({ path: `file://${path.join(input, 'a.json')}`, timestamp: BASE_MS + 1000, batchId: 0 });
    expect(JSON.parse(sourceLog(1)[1])).toMatchObject({ path: `file://${path.join(input, 'b.json')}`, batchId: 1 });
    expect(q.lastProgress?.sources[0].description).toBe(`FileStreamSource[file:${input}]`);
  });

  test('text has the value schema; csv and the load() form take format options', async () => {
    writeFile('a.txt', 'hello\nworld\n', 1);
    const text = startMemory(spark.readStream.text(input));
    await text.q.processAllAvailable();
    expect(text.rows()).toEqual([{ value: 'hello' }, { value: 'world' }]);
    await text.q.stop();

    const csvDir = path.join(root, 'csv');
    writeFile('a.csv', 'id;name\n1;x\n2;y\n', 1, csvDir);
    checkpoint = path.join(root, 'checkpoint-csv');
    const csv = startMemory(spark.readStream.format('csv').schema('id INT, name STRING').option('header', true).option('sep', ';').load(csvDir));
    await csv.q.processAllAvailable();
    expect(csv.rows()).toEqual([
      { id: 1, name: 'x' },
      { id: 2, name: 'y' },
    ]);
  });

  test('maxFilesPerTrigger splits the files over batches in modification-time order', async () => {
    writeFile('c.json', '{"id":3}\n', 1);
    writeFile('a.json', '{"id":1}\n', 2);
    writeFile('b.json', '{"id":2}\n', 3);
    const { q, rows } = startMemory(spark.readStream.schema('id INT').option('maxFilesPerTrigger', 1).json(input));
    await q.processAllAvailable();
    expect(rows().map((r) => r.id)).toEqual([3, 1, 2]);
    expect(q.recentProgress.map((p) => p.numInputRows)).toEqual([1, 1, 1]);
    expect([0, 1, 2].map((i) => JSON.parse(sourceLog(i)[1]).path)).toEqual(['c', 'a', 'b'].map((n) => `file://${path.join(input, `${n}.json`)}`));
  });

  test('maxBytesPerTrigger takes files while they fit, at least one', async () => {
    writeFile('a.json', '{"id":1}\n', 1); // 9 bytes
    writeFile('b.json', '{"id":2}\n', 2);
    writeFile('c.json', '{"id":3333333}\n', 3); // 15 bytes
    const { q } = startMemory(spark.readStream.schema('id INT').option('maxBytesPerTrigger', 20).json(input));
    await q.processAllAvailable();
    expect(q.recentProgress.map((p) => p.numInputRows)).toEqual([2, 1]);
  });

  test('latestFirst takes the newest files first', async () => {
    writeFile('old.json', '{"id":1}\n', 1);
    writeFile('mid.json', '{"id":2}\n', 2);
    writeFile('new.json', '{"id":3}\n', 3);
    const { q, rows } = startMemory(spark.readStream.schema('id INT').option('latestFirst', 'true').option('maxFilesPerTrigger', 2).json(input));
    await q.processAllAvailable();
    expect(rows().map((r) => r.id)).toEqual([3, 2, 1]);
    expect(q.recentProgress.map((p) => p.numInputRows)).toEqual([2, 1]);
  });

  test('maxFileAge: the first batch takes every file, later ones skip files older than the newest minus the age', async () => {
    writeFile('old.json', '{"id":1}\n', 0);
    writeFile('new.json', '{"id":2}\n', 7200);
    const { q, rows } = startMemory(spark.readStream.schema('id INT').option('maxFileAge', '1h').json(input));
    await q.processAllAvailable();
    expect(rows().map((r) => r.id)).toEqual([1, 2]);
    writeFile('late-but-old.json', '{"id":3}\n', 60);
    writeFile('recent.json', '{"id":4}\n', 7000);
    await q.processAllAvailable();
    expect(rows().map((r) => r.id)).toEqual([1, 2, 4]);
  });

  test('fileNameOnly treats files with the same name in other folders as seen', async () => {
    writeFile('x/data.json', '{"id":1}\n', 1);
    const { q, rows } = startMemory(spark.readStream.schema('id INT').option('fileNameOnly', true).option('recursiveFileLookup', true).json(input));
    await q.processAllAvailable();
    writeFile('y/data.json', '{"id":2}\n', 2);
    writeFile('y/other.json', '{"id":3}\n', 3);
    await q.processAllAvailable();
    expect(rows().map((r) => r.id)).toEqual([1, 3]);
  });

  test('cleanSource delete removes the files of committed batches', async () => {
    const a = writeFile('a.json', '{"id":1}\n', 1);
    const { q, rows } = startMemory(spark.readStream.schema('id INT').option('cleanSource', 'delete').json(input));
    await q.processAllAvailable();
    expect(rows()).toEqual([{ id: 1 }]);
    expect(fs.existsSync(a)).toBe(false);
  });

  test('cleanSource archive moves files under sourceArchiveDir keeping their full path', async () => {
    const a = writeFile('a.json', '{"id":1}\n', 1);
    const archive = path.join(root, 'archive');
    const { q, rows } = startMemory(spark.readStream.schema('id INT').option('cleanSource', 'archive').option('sourceArchiveDir', archive).json(input));
    await q.processAllAvailable();
    writeFile('b.json', '{"id":2}\n', 2);
    await q.processAllAvailable();
    expect(rows().map((r) => r.id)).toEqual([1, 2]);
    expect(fs.existsSync(a)).toBe(false);
    expect(fs.readFileSync(path.join(archive, a), 'utf8')).toBe('{"id":1}\n');
    expect(fs.existsSync(path.join(archive, input, 'b.json'))).toBe(true);
  });

  test('partition folders become columns after the data columns, with inferred types', async () => {
    writeFile('year=2024/country=fr/a.json', '{"id":1}\n', 1);
    writeFile('year=2025/country=__HIVE_DEFAULT_PARTITION__/b.json', '{"id":2}\n', 2);
    const df = spark.readStream.schema('id INT').json(input);
    expect(df.schema.simpleString()).toBe('struct<id:int,year:int,country:string>');
    const { q, rows } = startMemory(df);
    await q.processAllAvailable();
    writeFile('year=2026/country=de/c.json', '{"id":3}\n', 3);
    await q.processAllAvailable();
    expect(rows()).toEqual([
      { id: 1, year: 2024, country: 'fr' },
      { id: 2, year: 2025, country: null },
      { id: 3, year: 2026, country: 'de' },
    ]);
  });

  test('partition column type inference can be turned off', () => {
    spark.conf.set('spark.sql.sources.partitionColumnTypeInference.enabled', 'false');
    writeFile('year=2024/a.json', '{"id":1}\n', 1);
    expect(spark.readStream.schema('id INT').json(input).schema.simpleString()).toBe('struct<id:int,year:string>');
  });

  test('a partition column named in the user schema takes its type and moves after the data columns', () => {
    writeFile('year=2024/a.json', '{"id":1}\n', 1);
    expect(spark.readStream.schema('year STRING, id INT').json(input).schema.simpleString()).toBe('struct<id:int,year:string>');
  });

  test('a glob that matches nothing yet is an empty stream until files arrive', async () => {
    const { q, rows } = startMemory(spark.readStream.schema('id INT').json(path.join(input, 'day=*', '*.json')));
    await q.processAllAvailable();
    expect(rows()).toEqual([]);
    writeFile('day=1/a.json', '{"id":1}\n', 1);
    await q.processAllAvailable();
    expect(rows()).toEqual([{ id: 1 }]);
  });

  test('a glob path and pathGlobFilter choose the files', async () => {
    writeFile('a/1.json', '{"id":1}\n', 1);
    writeFile('b/2.json', '{"id":2}\n', 2);
    writeFile('a/3.txt', '{"id":3}\n', 3);
    const { q, rows } = startMemory(spark.readStream.schema('id INT').option('pathGlobFilter', '*.json').json(path.join(input, '{a,b}')));
    await q.processAllAvailable();
    expect(rows().map((r) => r.id)).toEqual([1, 2]);
  });

  describe('malformed records', () => {
    const content = '{"id":1,"name":"a"}\n{"id":oops\n{"id":3,"name":"c"}\n';

    test('PERMISSIVE keeps a null row with the record in the corrupt-record column', async () => {
      writeFile('a.json', content, 1);
      const { q, rows } = startMemory(spark.readStream.schema('id INT, name STRING, _corrupt_record STRING').json(input));
      await q.processAllAvailable();
      expect(rows()).toEqual([
        { id: 1, name: 'a', _corrupt_record: null },
        { id: null, name: null, _corrupt_record: '{"id":oops' },
        { id: 3, name: 'c', _corrupt_record: null },
      ]);
    });

    test('DROPMALFORMED drops the record', async () => {
      writeFile('a.csv', '1,a\n2,b,extra\nx,c\n3,d\n', 1);
      const { q, rows } = startMemory(spark.readStream.schema('id INT, name STRING').option('mode', 'DROPMALFORMED').csv(input));
      await q.processAllAvailable();
      expect(rows()).toEqual([
        { id: 1, name: 'a' },
        { id: 3, name: 'd' },
      ]);
    });

    test('FAILFAST stops the query with an error naming the file', async () => {
      const file = writeFile('a.json', content, 1);
      const { q } = startMemory(spark.readStream.schema('id INT, name STRING').option('mode', 'FAILFAST').json(input));
      await expect(q.processAllAvailable()).rejects.toThrow(`Encountered error while reading file file:${file}`);
      expect(q.exception()?.message).toContain('[MALFORMED_RECORD_IN_PARSING');
    });
  });

  test('spark.sql.files.ignoreCorruptFiles skips a file that fails to read', async () => {
    spark.conf.set('spark.sql.files.ignoreCorruptFiles', 'true');
    writeFile('a.json', '{"id":1}\n', 1);
    writeFile('b.json', '{"id":oops\n', 2);
    writeFile('c.json', '{"id":3}\n', 3);
    const { q, rows } = startMemory(spark.readStream.schema('id INT').option('mode', 'FAILFAST').json(input));
    await q.processAllAvailable();
    expect(rows().map((r) => r.id)).toEqual([1, 3]);
  });

  test('multiLine JSON and CSV with a corrupt-record column stream like the batch readers', async () => {
    writeFile('a.json', '[\n  {"id": 1, "tags": ["x", "y"]},\n  {"id": 2, "tags": []}\n]\n', 1);
    const json = startMemory(spark.readStream.schema('id INT, tags ARRAY<STRING>').option('multiLine', true).json(input));
    await json.q.processAllAvailable();
    expect(json.rows()).toEqual([
      { id: 1, tags: ['x', 'y'] },
      { id: 2, tags: [] },
    ]);
    await json.q.stop();

    const csvDir = path.join(root, 'csv');
    writeFile('a.csv', 'id,name\n1,a\nnot-a-number,b\n', 1, csvDir);
    checkpoint = path.join(root, 'checkpoint-csv');
    const csvOptions = { header: true, columnNameOfCorruptRecord: 'bad' };
    const csv = startMemory(spark.readStream.schema('id INT, name STRING, bad STRING').options(csvOptions).csv(csvDir));
    await csv.q.processAllAvailable();
    const batch = spark.read.schema('id INT, name STRING, bad STRING').options(csvOptions).csv(csvDir).collect().map((r) => r.asDict());
    expect(csv.rows()).toEqual(batch);
    expect(csv.rows().map((r) => r.bad)).toEqual([null, 'not-a-number,b']);
  });

  test('a logged file that vanished fails with FAILED_READ_FILE.FILE_NOT_EXIST unless ignoreMissingFiles', async () => {
    const file = writeFile('a.json', '{"id":1}\n', 1);
    writeFile('b.json', '{"id":2}\n', 2);
    const { fileStreamSourceProvider } = await import('../../../lib/connectors/file/file-stream-source');
    const { jsonFormat } = await import('../../../lib/connectors/file/json-format');
    const { StructType } = await import('rivulet/types');
    const { CaseInsensitiveMap } = await import('../../../lib/util/case-insensitive-map');
    const source = (conf: Record<string, string>, dir: string) =>
      fileStreamSourceProvider(jsonFormat).createSource({
        options: new CaseInsensitiveMap([['path', input]]),
        conf: (key: string) => conf[key],
        userSchema: StructType.fromDDL('id INT'),
        metadataPath: path.join(root, dir),
      });
    const strict = source({}, 'strict');
    const lenient = source({ 'spark.sql.files.ignoreMissingFiles': 'true' }, 'lenient');
    const end = strict.latestOffset(null) as { logOffset: number };
    expect(end).toEqual({ logOffset: 0 });
    expect(lenient.latestOffset(null)).toEqual({ logOffset: 0 });
    fs.rmSync(file);
    expect(() => strict.getBatch(null, end)).toThrow(`[FAILED_READ_FILE.FILE_NOT_EXIST] Encountered error while reading file file:${file}. File does not exist.`);
    expect(lenient.getBatch(null, end)).toEqual([[2]]);
  });

  test('a restart from the same checkpoint does not read a file twice', async () => {
    writeFile('a.json', '{"id":1}\n', 1);
    const first = startCollecting(spark.readStream.schema('id INT').json(input), 'first_run');
    await first.q.processAllAvailable();
    await first.q.stop();
    expect(first.rows()).toEqual([{ id: 1 }]);

    writeFile('b.json', '{"id":2}\n', 2);
    const second = startCollecting(spark.readStream.schema('id INT').json(input), 'second_run');
    await second.q.processAllAvailable();
    expect(second.rows()).toEqual([{ id: 2 }]);
  });

  test('a batch re-run from offsets/N reads the same files from the source log', async () => {
    writeFile('a.json', '{"id":1}\n', 1);
    const first = startCollecting(spark.readStream.schema('id INT').json(input), 'before_crash');
    await first.q.processAllAvailable();
    writeFile('b.json', '{"id":2}\n', 2);
    await first.q.processAllAvailable();
    await first.q.stop();
    // As if the process died after offsets/1 but before commits/1.
    fs.rmSync(path.join(checkpoint, 'commits', '1'));
    writeFile('c.json', '{"id":3}\n', 3);
    const second = startCollecting(spark.readStream.schema('id INT').json(input), 'after_crash');
    await second.q.processAllAvailable();
    expect(second.rows().map((r) => r.id)).toEqual([2, 3]);
    expect(second.q.recentProgress.map((p) => p.batchId)).toEqual([1, 2]);
  });

  test('the source log is compacted every compactInterval batches and still restores the seen files', async () => {
    spark.conf.set('spark.sql.streaming.fileSource.log.compactInterval', '2');
    const first = startCollecting(spark.readStream.schema('id INT').json(input), 'compact_1');
    for (let i = 0; i < 3; i++) {
      writeFile(`f${i}.json`, `{"id":${i}}\n`, i + 1);
      await first.q.processAllAvailable();
    }
    await first.q.stop();
    const files = fs.readdirSync(path.join(checkpoint, 'sources', '0')).filter((f) => !f.startsWith('.')).sort();
    expect(files).toEqual(['0', '1.compact', '2']);
    const compact = fs.readFileSync(path.join(checkpoint, 'sources', '0', '1.compact'), 'utf8').split('\n');
    expect(compact.slice(1).map((l) => JSON.parse(l).batchId)).toEqual([0, 1]);
    writeFile('f3.json', '{"id":3}\n', 10);
    // A different interval on restart: the log keeps the one it was written with.
    spark.conf.set('spark.sql.streaming.fileSource.log.compactInterval', '10');
    const second = startCollecting(spark.readStream.schema('id INT').json(input), 'compact_2');
    await second.q.processAllAvailable();
    expect(second.rows().map((r) => r.id)).toEqual([3]);
    expect(fs.existsSync(path.join(checkpoint, 'sources', '0', '3.compact'))).toBe(true);
  });

  test('trigger availableNow with maxFilesPerTrigger runs several batches until the files present at start are read', async () => {
    for (let i = 1; i <= 3; i++) writeFile(`f${i}.json`, `{"id":${i}}\n`, i);
    const q = spark.readStream.schema('id INT').option('maxFilesPerTrigger', 1).json(input).writeStream.format('memory').queryName('available_now_limited').option('checkpointLocation', checkpoint).trigger({ availableNow: true }).start();
    await q.awaitTermination();
    expect(spark.table('available_now_limited').collect().map((r) => r.asDict().id)).toEqual([1, 2, 3]);
    expect(q.recentProgress.map((p) => p.numInputRows)).toEqual([1, 1, 1]);
  });

  test('trigger availableNow processes the files present at start and stops', async () => {
    writeFile('a.json', '{"id":1}\n', 1);
    writeFile('b.json', '{"id":2}\n', 2);
    const q = spark.readStream.schema('id INT').json(input).writeStream.format('memory').queryName('available_now').option('checkpointLocation', checkpoint).trigger({ availableNow: true }).start();
    await q.awaitTermination();
    expect(q.exception()).toBeNull();
    expect(spark.table('available_now').collect().map((r) => r.asDict().id)).toEqual([1, 2]);
  });
});

describe('file source definition errors', () => {
  test('a schema is required unless spark.sql.streaming.schemaInference is on', () => {
    writeFile('a.json', '{"id":1,"name":"x"}\n', 1);
    expect(() => spark.readStream.json(input)).toThrow(
      "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.",
    );
    spark.conf.set('spark.sql.streaming.schemaInference', 'true');
    expect(spark.readStream.json(input).schema.simpleString()).toBe('struct<id:bigint,name:string>');
  });

  test('a missing folder is PATH_NOT_FOUND; a missing path option is reported', () => {
    expect(() => spark.readStream.schema('id INT').json(path.join(root, 'nope'))).toThrow(`Path does not exist: file:${path.join(root, 'nope')}.`);
    expect(() => spark.readStream.format('json').schema('id INT').load()).toThrow("'path' is not specified");
  });

  test.each([
    ['maxFilesPerTrigger', '0', "Invalid value '0' for option 'maxFilesPerTrigger', must be a positive integer"],
    ['maxFilesPerTrigger', 'x', "Invalid value 'x' for option 'maxFilesPerTrigger', must be a positive integer"],
    ['maxBytesPerTrigger', '-1', "Invalid value '-1' for option 'maxBytesPerTrigger', must be a positive integer"],
    ['latestFirst', 'yes', "Invalid value 'yes' for option 'latestFirst', must be 'true' or 'false'"],
    ['cleanSource', 'move', 'Invalid mode for clean source option Some(move). Must be one of ARCHIVE,DELETE,OFF'],
    ['cleanSource', 'archive', "Archive mode must be used with 'sourceArchiveDir' option."],
    ['modifiedBefore', '2020-01-01T00:00:00', "option 'modifiedBefore' is not allowed in file stream sources"],
    ['maxFileAge', '1 week', 'Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), hour (h), or day (d).'],
  ])('option %s=%s is refused', (name, value, message) => {
    expect(() => spark.readStream.schema('id INT').option(name, value).json(input)).toThrow(message);
  });

  test('maxFilesPerTrigger and maxBytesPerTrigger cannot be combined', () => {
    expect(() => spark.readStream.schema('id INT').option('maxFilesPerTrigger', 1).option('maxBytesPerTrigger', 10).json(input)).toThrow(
      "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time",
    );
  });

  test('an archive folder that matches the source pattern is refused at start', () => {
    const df = spark.readStream.schema('id INT').option('cleanSource', 'archive').option('sourceArchiveDir', path.join(root, 'archive')).json(path.join(root, '*'));
    expect(() => df.writeStream.format('memory').queryName('bad_archive').option('checkpointLocation', checkpoint).start()).toThrow(
      "Base archive path cannot be set to the path where archived path can possibly match with source pattern.",
    );
  });

  test('the shortcut readers take one path string', () => {
    expect(() => spark.readStream.json([input] as unknown as string)).toThrow('[NOT_EXPECTED_TYPE] Argument `path` should be str, got list.');
  });

  test('text refuses a schema with more than one column', () => {
    expect(() => spark.readStream.schema('a STRING, b STRING').text(input)).toThrow('Text data source supports only a single column, and you have 2 columns.');
  });
});
