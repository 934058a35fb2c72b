// Parquet reading checked against an independent writer: DuckDB writes files with every
// physical/logical type Spark maps, and spark.read / spark.readStream read them back.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { PlainDate } from 'rivulet/types';
import { newSession } from '../../support/session';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');

let spark: StreamSession;
let root: string;

beforeEach(() => {
  spark = newSession();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-parquet-'));
});

afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  spark.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Runs `copy (<select>) to <file> (format parquet<extra>)` in DuckDB. */
async function duckdbParquet(file: string, select: string, extra = ''): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    await connection.run(`copy (${select}) to '${file}' (format parquet${extra})`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return file;
}

const ALL_TYPES = `
  select 1::TINYINT as i8, 2::SMALLINT as i16, 3::INTEGER as i32, 4::BIGINT as i64,
    200::UTINYINT as u8, 4000000000::UINTEGER as u32, 18000000000000000000::UBIGINT as u64,
    1.5::FLOAT as f, 2.25::DOUBLE as d, true as b, 'héllo' as s, '\\xAA\\xBB'::BLOB as bin,
    DATE '2024-02-29' as dt,
    TIMESTAMPTZ '2024-01-02 03:04:05.123456+00' as tstz, TIMESTAMP '2024-01-02 03:04:05.123456' as ts,
    TIMESTAMP_MS '2024-01-02 03:04:05.123' as tsms, TIMESTAMP_NS '2024-01-02 03:04:05.123456789' as tsns,
    12.34::DECIMAL(4,2) as dec4, -1234567890.12::DECIMAL(12,2) as dec12, 12345678901234567890.123456::DECIMAL(38,6) as dec38,
    [1, 2, NULL] as arr, {'a': 1, 'b': 'x'} as st, MAP {'k1': 10, 'k2': NULL} as mp, MAP {1: 'one'} as mpi,
    [{'x': 1}, NULL] as arrst, [[1], [], NULL] as nested
  union all
  select NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL`;

const ts = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe('parquet', () => {
  test('every DuckDB type maps to Spark types and values', async () => {
    const file = await duckdbParquet(path.join(root, 'all.parquet'), ALL_TYPES);
    const df = spark.read.parquet(file);
    expect(df.schema.simpleString()).toBe(
      'struct<i8:tinyint,i16:smallint,i32:int,i64:bigint,u8:smallint,u32:bigint,u64:decimal(20,0),f:float,d:double,b:boolean,s:string,bin:binary,' +
        'dt:date,tstz:timestamp,ts:timestamp_ntz,tsms:timestamp_ntz,tsns:timestamp_ntz,dec4:decimal(4,2),dec12:decimal(12,2),dec38:decimal(38,6),' +
        'arr:array<int>,st:struct<a:int,b:string>,mp:map<string,int>,mpi:map<int,string>,arrst:array<struct<x:int>>,nested:array<array<int>>>',
    );
    const rows = df.collect();
    expect(rows).toHaveLength(2);
    const r = rows[0].asDict() as Record<string, unknown>;
    expect([r.i8, r.i16, r.i32, r.i64, r.u8, r.u32]).toEqual([1, 2, 3, 4, 200, 4000000000]);
    expect(String(r.u64)).toBe('18000000000000000000');
    expect([r.f, r.d, r.b, r.s]).toEqual([1.5, 2.25, true, 'héllo']);
    expect(Array.from(r.bin as Uint8Array)).toEqual([0xaa, 0xbb]);
    expect(r.dt).toEqual(new PlainDate(2024, 2, 29));
    expect((r.tstz as { epochMicros: bigint }).epochMicros).toBe(ts('2024-01-02T03:04:05.123Z') + 456n);
    expect((r.ts as { epochMicros: bigint }).epochMicros).toBe(ts('2024-01-02T03:04:05.123Z') + 456n);
    expect((r.tsms as { epochMicros: bigint }).epochMicros).toBe(ts('2024-01-02T03:04:05.123Z'));
    expect((r.tsns as { epochMicros: bigint }).epochMicros).toBe(ts('2024-01-02T03:04:05.123Z') + 456n);
    expect([String(r.dec4), String(r.dec12), String(r.dec38)]).toEqual(['12.34', '-1234567890.12', '12345678901234567890.123456']);
    expect(r.arr).toEqual([1, 2, null]);
    expect(r.st).toEqual({ a: 1, b: 'x' });
    expect(r.mp).toEqual(new Map<string, number | null>([['k1', 10], ['k2', null]]));
    expect(r.mpi).toEqual(new Map([[1, 'one']]));
    expect(r.arrst).toEqual([{ x: 1 }, null]);
    expect(r.nested).toEqual([[1], [], null]);
    expect(Object.values(rows[1].asDict()).every((v) => v === null)).toBe(true);
  });

  test('SQL over the values: arithmetic, decimals and timestamps print as Spark prints them', async () => {
    const file = await duckdbParquet(path.join(root, 'v.parquet'), `select 12.34::DECIMAL(4,2) as dec, TIMESTAMPTZ '2024-01-02 03:04:05+00' as t, 3::INTEGER as n`);
    const out = spark.read.parquet(file).selectExpr('dec * 2 AS dec2', "date_format(t, 'yyyy-MM-dd HH:mm:ss') AS t", 'n + 1 AS n').collect();
    expect(out.map((r) => r.asDict())).toEqual([{ dec2: expect.anything(), t: '2024-01-02 03:04:05', n: 4 }]);
    expect(String(out[0].asDict().dec2)).toBe('24.68');
  });

  test('INT96 timestamps (legacy Spark/Impala files) read as timestamps', async () => {
    // Neither DuckDB nor hyparquet-writer writes INT96, so the conversion is checked directly.
    const julianDay = 2_440_588n + 19_724n; // 2024-01-02
    const nanos = (3n * 3600n + 4n * 60n + 5n) * 1_000_000_000n + 123_456_789n;
    const raw = (julianDay << 64n) | nanos;
    const { int96ToMicros } = await import('../../../lib/connectors/file/parquet-reader');
    expect(int96ToMicros(raw)).toBe(ts('2024-01-02T03:04:05.123Z') + 456n);
  });

  test('a user schema picks columns by name, in its order; missing columns are null; widening applies', async () => {
    const file = await duckdbParquet(path.join(root, 'u.parquet'), `select 1::INTEGER as a, 'x' as b, {'p': 1, 'q': 2} as s`);
    const rows = spark.read.schema('B STRING, missing DOUBLE, a BIGINT, s STRUCT<q: INT, z: STRING>').parquet(file).collect();
    expect(rows.map((r) => r.asDict())).toEqual([{ B: 'x', missing: null, a: 1, s: { q: 2, z: null } }]);
    expect(() => spark.read.schema('a BOOLEAN').parquet(file).collect()).toThrow(
      `Data type mismatches when reading Parquet column a. Expected Spark type "BOOLEAN", actual Parquet type INT32.`,
    );
  });

  test('schema from the first file unless mergeSchema; incompatible types fail the merge', async () => {
    const dir = path.join(root, 'merge');
    await duckdbParquet(path.join(dir, 'a.parquet'), `select 1::INTEGER as a`);
    await duckdbParquet(path.join(dir, 'b.parquet'), `select 2::INTEGER as a, 'y' as b`);
    expect(spark.read.parquet(dir).schema.simpleString()).toBe('struct<a:int>');
    const merged = spark.read.option('mergeSchema', true).parquet(dir);
    expect(merged.schema.simpleString()).toBe('struct<a:int,b:string>');
    expect(merged.collect().map((r) => r.asDict())).toEqual([
      { a: 1, b: null },
      { a: 2, b: 'y' },
    ]);
    await duckdbParquet(path.join(dir, 'c.parquet'), `select 'text' as a`);
    expect(() => spark.read.parquet(dir, { mergeSchema: true })).toThrow(`Failed to merge fields 'a' and 'a'. [CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE] Failed to merge incompatible data types "INT" and "STRING".`);
  });

  test('several row groups, dictionary pages and compression codecs', async () => {
    const file = await duckdbParquet(
      path.join(root, 'big.parquet'),
      `select i::BIGINT as id, 'v' || (i % 3) as s from range(5000) t(i)`,
      ', row_group_size 1000, compression snappy',
    );
    const rows = spark.read.parquet(file).collect();
    expect(rows).toHaveLength(5000);
    expect(rows[4321].asDict()).toEqual({ id: 4321, s: 'v1' });
    const uncompressed = await duckdbParquet(path.join(root, 'plain.parquet'), `select i::INTEGER as id from range(10) t(i)`, ', compression uncompressed');
    expect(spark.read.parquet(uncompressed).collect().map((r) => r.asDict().id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const gzip = await duckdbParquet(path.join(root, 'gzip.parquet'), `select i::INTEGER as id, repeat('x', 50) as s from range(100) t(i)`, ', compression gzip');
    expect(spark.read.parquet(gzip).collect().map((r) => r.asDict().id)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  test('a file that is not Parquet fails naming the file', async () => {
    const file = path.join(root, 'bad.parquet');
    fs.writeFileSync(file, 'not parquet at all');
    expect(() => spark.read.schema('a INT').parquet(file).collect()).toThrow(`[FAILED_READ_FILE.NO_HINT] Encountered error while reading file file:${file}.`);
    expect(() => spark.read.parquet(file)).toThrow(`[FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER] Encountered error while reading file file:${file}. Could not read footer.`);
    // spark.sql.sources.default is parquet.
    expect(() => spark.read.load(file)).toThrow('CANNOT_READ_FILE_FOOTER');
  });

  test('partition folders of parquet files', async () => {
    const dir = path.join(root, 'parts');
    await duckdbParquet(path.join(dir, 'k=1', 'a.parquet'), `select 10::INTEGER as v`);
    await duckdbParquet(path.join(dir, 'k=2', 'b.parquet'), `select 20::INTEGER as v`);
    const df = spark.read.parquet(dir);
    expect(df.schema.simpleString()).toBe('struct<v:int,k:int>');
    expect(df.collect().map((r) => r.asDict())).toEqual([
      { v: 10, k: 1 },
      { v: 20, k: 2 },
    ]);
  });

  test('streaming parquet source reads new files per batch', async () => {
    const dir = path.join(root, 'stream');
    await duckdbParquet(path.join(dir, 'a.parquet'), `select 1::INTEGER as id, 'a' as name`);
    const df = spark.readStream.schema('id INT, name STRING').parquet(dir);
    const q = df.writeStream.format('memory').queryName('pq_stream').option('checkpointLocation', path.join(root, 'cp')).start();
    await q.processAllAvailable();
    await duckdbParquet(path.join(dir, 'b.parquet'), `select 2::INTEGER as id, 'b' as name`);
    await q.processAllAvailable();
    expect(spark.table('pq_stream').collect().map((r) => r.asDict())).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    spark.conf.set('spark.sql.streaming.schemaInference', 'true');
    expect(spark.readStream.format('parquet').load(dir).schema.simpleString()).toBe('struct<id:int,name:string>');
  });
});
