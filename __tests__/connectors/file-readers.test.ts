// spark.read for text, CSV and JSON lines: schemas (given and inferred), options, parse modes,
// partition discovery, globs and Spark's errors. Fixtures are written to a temp dir per test.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisException, SparkException, type DataFrame, type StreamSession } from 'rivulet';
import { IntegerType, PlainDate, StringType, StructField, StructType, Timestamp } from 'rivulet/types';
import { Decimal } from '../../lib/types/decimal';
import { setLogSink } from '../../lib/util/logger';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

let spark: StreamSession;
let dir: string;

beforeEach(() => {
  spark = newSession();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-read-'));
});

afterEach(async () => {
  await spark.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes a fixture file (creating folders) and returns its absolute path. */
function write(rel: string, content: string): string {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

const rows = (df: DataFrame): unknown[][] => df.collect().map((r) => Array.from(r as unknown as Iterable<unknown>));
const schemaOf = (df: DataFrame): string => df.schema.simpleString();

/** The error a thunk throws (fails the test when it does not throw). */

describe('text', () => {
  test('one row per line in `value`; a final newline adds no row; \\r\\n and \\r end lines', () => {
    const p = write('a.txt', 'hello world\n\nlast\r\nx\ry\n');
    const df = spark.read.text(p);
    expect(schemaOf(df)).toBe('struct<value:string>');
    expect(rows(df)).toEqual([['hello world'], [''], ['last'], ['x'], ['y']]);
  });

  test('wholetext gives one row per file; lineSep splits on the given separator', () => {
    write('d/a.txt', 'a\nb\n');
    write('d/b.txt', 'c;d;');
    expect(rows(spark.read.text(path.join(dir, 'd'), true))).toEqual([['a\nb\n'], ['c;d;']]);
    expect(rows(spark.read.text(path.join(dir, 'd', 'b.txt'), { lineSep: ';' }))).toEqual([['c'], ['d']]);
    expect(rows(spark.read.format('text').option('wholetext', true).load(path.join(dir, 'd', 'a.txt')))).toEqual([['a\nb\n']]);
  });

  test('a user schema names the column; more than one column is refused', () => {
    const p = write('a.txt', 'x\n');
    const df = spark.read.schema('line STRING').text(p);
    expect(df.columns).toEqual(['line']);
    expect(rows(df)).toEqual([['x']]);
    expect(() => spark.read.schema('a STRING, b STRING').text(p)).toThrow('Text data source supports only a single column, and you have 2 columns.');
    expect(() => spark.read.schema('a INT').text(p)).toThrow('[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The Text datasource doesn\'t support the column `a` of the type "INT". SQLSTATE: 0A000');
  });

  test('partition columns follow the value column', () => {
    write('t/day=2024-01-02/part=a/f.txt', 'one\n');
    write('t/day=2024-01-03/part=b/f.txt', 'two\nthree\n');
    const df = spark.read.text(path.join(dir, 't'));
    expect(schemaOf(df)).toBe('struct<value:string,day:date,part:string>');
    expect(rows(df)).toEqual([
      ['one', PlainDate.fromEpochDay(19724), 'a'],
      ['two', PlainDate.fromEpochDay(19725), 'b'],
      ['three', PlainDate.fromEpochDay(19725), 'b'],
    ]);
  });
});

describe('csv', () => {
  const people = 'name,age,height,member,joined,seen\nann,31,1.7,true,2024-01-15,2024-01-15 10:30:00\nbob,,1.85,false,2023-12-01,2024-02-01T08:00:00Z\n';

  test('without header or inferSchema: columns _c0.. of strings, the header line is data', () => {
    const df = spark.read.csv(write('p.csv', people));
    expect(schemaOf(df)).toBe('struct<_c0:string,_c1:string,_c2:string,_c3:string,_c4:string,_c5:string>');
    expect(rows(df)[0]).toEqual(['name', 'age', 'height', 'member', 'joined', 'seen']);
    expect(rows(df)[2]).toEqual(['bob', null, '1.85', 'false', '2023-12-01', '2024-02-01T08:00:00Z']);
  });

  test('header names the columns; inferSchema infers int, double, boolean, date and timestamp', () => {
    const df = spark.read.csv(write('p.csv', people), { header: true, inferSchema: true });
    expect(schemaOf(df)).toBe('struct<name:string,age:int,height:double,member:boolean,joined:date,seen:timestamp>');
    expect(rows(df)).toEqual([
      ['ann', 31, 1.7, true, PlainDate.fromEpochDay(19737), Timestamp.fromEpochMicros(1705314600000000n)],
      ['bob', null, 1.85, false, PlainDate.fromEpochDay(19692), Timestamp.fromEpochMicros(1706774400000000n)],
    ]);
  });

  test('inference widens per column: int -> bigint (bigint values) -> double -> string; big integers are decimals', () => {
    const p = write('n.csv', 'a,b,c,d,e\n1,1,1,x,12345678901234567890\n2,3000000000,2.5,1,1\n');
    const df = spark.read.option('header', 'true').option('inferSchema', 'true').csv(p);
    expect(schemaOf(df)).toBe('struct<a:int,b:bigint,c:double,d:string,e:decimal(20,0)>');
    expect(rows(df)).toEqual([
      [1, 1, 1, 'x', Decimal.fromString('12345678901234567890')],
      [2, 3000000000, 2.5, '1', Decimal.fromString('1')],
    ]);
  });

  test('a user schema (StructType or DDL) converts the fields; csv(path, schema) works', () => {
    const p = write('p.csv', 'ann,31\nbob,x\n');
    const schema = StructType([StructField('name', StringType()), StructField('age', IntegerType())]);
    expect(rows(spark.read.csv(p, schema))).toEqual([['ann', 31], ['bob', null]]);
    expect(rows(spark.read.schema('name STRING, age BIGINT').csv(p))).toEqual([['ann', 31], ['bob', null]]);
    expect(schemaOf(spark.read.csv(p, 'name STRING, age DOUBLE'))).toBe('struct<name:string,age:double>');
  });

  test('quotes, escapes, empty values and nulls follow Spark\'s defaults', () => {
    const p = write('q.csv', 'a,b,c\n"x, y","say \\"hi\\"",\n"",plain, spaced \n');
    const df = spark.read.csv(p, { header: true });
    // "" (quoted empty) is emptyValue "" and unquoted empty is nullValue "": both read as null.
    expect(rows(df)).toEqual([
      ['x, y', 'say "hi"', null],
      [null, 'plain', ' spaced '],
    ]);
    expect(rows(spark.read.csv(p, { header: true, emptyValue: 'EMPTY', ignoreLeadingWhiteSpace: true, ignoreTrailingWhiteSpace: true }))[1]).toEqual(['EMPTY', 'plain', 'spaced']);
    const rfc = write('rfc.csv', '"a ""quoted"" word";x\n');
    expect(rows(spark.read.csv(rfc, { sep: ';', escape: '"' }))).toEqual([['a "quoted" word', 'x']]);
  });

  test('nullValue, comment, sep and multi-character delimiters', () => {
    const p = write('c.csv', '# a comment\na|NA|c\n\n1|2|NA\n');
    expect(rows(spark.read.csv(p, { sep: '|', comment: '#', nullValue: 'NA' }))).toEqual([['a', null, 'c'], ['1', '2', null]]);
    const m = write('m.csv', 'a::b\n1::2\n');
    expect(rows(spark.read.csv(m, { sep: '::', header: true }))).toEqual([['1', '2']]);
    expect(rows(spark.read.csv(write('t.tsv', 'a\tb\n'), { sep: '\\t' }))).toEqual([['a', 'b']]);
    expect(errorOf(() => spark.read.csv(m, { sep: '' })).message).toBe('[INVALID_DELIMITER_VALUE.EMPTY_STRING] Invalid value for delimiter. Delimiter cannot be empty string. SQLSTATE: 42602');
  });

  test('multiLine reads quoted values across lines', () => {
    const p = write('ml.csv', 'id,text\n1,"line one\nline two"\n2,single\n');
    expect(rows(spark.read.csv(p, { header: true, multiLine: true }))).toEqual([['1', 'line one\nline two'], ['2', 'single']]);
    // Without multiLine each physical line is a record: the open quote runs to the line's end.
    expect(rows(spark.read.csv(p, { header: true }))).toEqual([['1', 'line one'], ['line two"', null], ['2', 'single']]);
  });

  test('the header of every file is skipped; inference drops every line equal to the header', () => {
    write('h/1.csv', 'a,b\n1,2\n');
    write('h/2.csv', 'a,b\n3,4\n');
    const df = spark.read.csv(path.join(dir, 'h'), { header: true, inferSchema: true });
    expect(schemaOf(df)).toBe('struct<a:int,b:int>');
    expect(rows(df)).toEqual([[1, 2], [3, 4]]);
  });

  test('duplicate and empty header names get their index', () => {
    const df = spark.read.csv(write('d.csv', 'a,A,,b\n1,2,3,4\n'), { header: true });
    expect(df.columns).toEqual(['a0', 'A1', '_c2', 'b']);
  });

  test('enforceSchema=false checks the header against the schema (true only warns)', () => {
    const p = write('e.csv', 'x,y\n1,2\n');
    const logged: string[] = [];
    const restore = setLogSink((line) => logged.push(line));
    try {
      expect(rows(spark.read.csv(p, 'a INT, b INT', { header: true }))).toEqual([[1, 2]]);
    } finally {
      restore();
    }
    expect(logged.join('')).toContain('WARN CSVHeaderChecker: CSV header does not conform to the schema.');
    const e = errorOf(() => rows(spark.read.csv(p, 'a INT, b INT', { header: true, enforceSchema: false })));
    expect(e.message).toContain('CSV header does not conform to the schema.\n Header: x, y\n Schema: a, b\nExpected: a but found: x\nCSV file: file:' + p);
  });

  describe('parse modes', () => {
    const bad = 'ann,31\nbob,old\ncid\n';

    test('PERMISSIVE (default): bad fields are null, the raw line goes to the corrupt-record column', () => {
      const p = write('m.csv', bad);
      expect(rows(spark.read.csv(p, 'name STRING, age INT'))).toEqual([['ann', 31], ['bob', null], ['cid', null]]);
      const df = spark.read.csv(p, 'name STRING, age INT, _corrupt_record STRING');
      expect(rows(df)).toEqual([
        ['ann', 31, null],
        ['bob', null, 'bob,old'],
        ['cid', null, 'cid'],
      ]);
      const named = spark.read.csv(p, 'name STRING, bad STRING, age INT', { columnNameOfCorruptRecord: 'bad' });
      expect(rows(named)[1]).toEqual(['bob', 'bob,old', null]);
      expect(() => spark.read.csv(p, 'name STRING, _corrupt_record INT')).toThrow(
        '[INVALID_CORRUPT_RECORD_TYPE] The column `_corrupt_record` for corrupt records must have the nullable STRING type, but got "INT". SQLSTATE: 42804',
      );
    });

    test('DROPMALFORMED drops malformed records (bad values or a wrong token count)', () => {
      const p = write('m.csv', bad);
      expect(rows(spark.read.csv(p, 'name STRING, age INT', { mode: 'DROPMALFORMED' }))).toEqual([['ann', 31]]);
    });

    test('FAILFAST fails the read naming the file and the record', () => {
      const p = write('m.csv', bad);
      const df = spark.read.csv(p, 'name STRING, age INT', { mode: 'FAILFAST' });
      const e = errorOf(() => df.collect());
      expect(e.errorClass).toBe('FAILED_READ_FILE.NO_HINT');
      expect(e.message).toBe(
        `[FAILED_READ_FILE.NO_HINT] Encountered error while reading file file:${p}.  SQLSTATE: KD001\n` +
          "Caused by: [MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing: bob,old.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.  SQLSTATE: 22023",
      );
      expect((e.cause as SparkException).errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
    });
  });

  test('dateFormat and timestampFormat patterns', () => {
    const p = write('dt.csv', '15/01/2024,15/01/2024 10:30\n');
    const df = spark.read.csv(p, 'd DATE, t TIMESTAMP', { dateFormat: 'dd/MM/yyyy', timestampFormat: 'dd/MM/yyyy HH:mm' });
    expect(rows(df)).toEqual([[PlainDate.fromEpochDay(19737), Timestamp.fromEpochMicros(1705314600000000n)]]);
    const inferred = spark.read.csv(p, { inferSchema: true, timestampFormat: 'dd/MM/yyyy HH:mm' });
    expect(schemaOf(inferred)).toBe('struct<_c0:string,_c1:timestamp>');
  });

  test('only UTF-8 is read: another encoding is a clear error', () => {
    const p = write('u.csv', 'a\n');
    expect(() => spark.read.csv(p, { encoding: 'UTF-16' })).toThrow("reads UTF-8 only; encoding 'UTF-16' is not supported");
    expect(rows(spark.read.csv(p, { encoding: 'utf-8' }))).toEqual([['a']]);
  });
});

describe('json', () => {
  test('inference: fields sorted, integers bigint, floats double, nested structs and arrays, conflicts string', () => {
    const p = write(
      'a.json',
      '{"name":"ann","age":31,"tags":["x","y"],"address":{"city":"paris","zip":75001},"score":1.5,"mixed":1}\n' +
        '{"name":"bob","age":17,"tags":[],"score":2,"mixed":"two","none":null}\n',
    );
    const df = spark.read.json(p);
    expect(schemaOf(df)).toBe('struct<address:struct<city:string,zip:bigint>,age:bigint,mixed:string,name:string,none:string,score:double,tags:array<string>>');
    const [first, second] = rows(df);
    expect(Array.from(first[0] as Iterable<unknown>)).toEqual(['paris', 75001]);
    expect(first.slice(1)).toEqual([31, '1', 'ann', null, 1.5, ['x', 'y']]);
    expect(second).toEqual([null, 17, 'two', 'bob', null, 2, []]);
  });

  test('a malformed line adds _corrupt_record in PERMISSIVE mode', () => {
    const p = write('c.json', '{"a":1}\n{"a":\n{"a":2}\n');
    const df = spark.read.json(p);
    expect(schemaOf(df)).toBe('struct<_corrupt_record:string,a:bigint>');
    expect(rows(df)).toEqual([[null, 1], ['{"a":', null], [null, 2]]);
    expect(schemaOf(spark.read.json(p, { mode: 'DROPMALFORMED' }))).toBe('struct<a:bigint>');
    expect(rows(spark.read.json(p, { mode: 'DROPMALFORMED' }))).toEqual([[1], [2]]);
    expect(() => spark.read.json(p, { mode: 'FAILFAST' })).toThrow('Malformed records are detected in schema inference. Parse Mode: FAILFAST.');
  });

  test('a user schema converts values: bad fields are null with the record in the corrupt column', () => {
    const p = write('s.json', '{"a":1,"b":"x","c":{"k":2}}\n{"a":"oops","b":true,"c":[1]}\n');
    const df = spark.read.json(p, 'a INT, b STRING, c STRING, _corrupt_record STRING');
    expect(rows(df)).toEqual([
      [1, 'x', '{"k":2}', null],
      [null, 'true', '[1]', '{"a":"oops","b":true,"c":[1]}'],
    ]);
    const failing = spark.read.json(p, 'a INT', { mode: 'FAILFAST' });
    const e = errorOf(() => failing.collect());
    expect(e.message).toContain(`Encountered error while reading file file:${p}.`);
    expect(e.message).toContain('Malformed records are detected in record parsing: {"a":"oops","b":true,"c":[1]}.');
    expect(rows(spark.read.json(p, 'a INT', { mode: 'DROPMALFORMED' }))).toEqual([[1]]);
  });

  test('values convert to the schema types: timestamps, dates, arrays, structs, maps, decimals', () => {
    const p = write(
      't.json',
      '{"ts":"2024-01-15T10:30:00Z","d":"2024-01-15","arr":[1,2,null],"st":{"x":1.5,"y":"b"},"m":{"k1":1,"k2":2},"dec":12.345,"l":9007199254740993,"f":"NaN"}\n',
    );
    const df = spark.read.json(p, 'ts TIMESTAMP, d DATE, arr ARRAY<INT>, st STRUCT<x: DOUBLE, y: STRING>, m MAP<STRING, BIGINT>, dec DECIMAL(5,2), l BIGINT, f DOUBLE');
    spark.conf.set('rivulet.values.longAsBigInt', 'true');
    const [r] = rows(df);
    spark.conf.unset('rivulet.values.longAsBigInt');
    expect(r.slice(0, 4)).toEqual([Timestamp.fromEpochMicros(1705314600000000n), PlainDate.fromEpochDay(19737), [1, 2, null], expect.anything()]);
    expect(Array.from(r[3] as Iterable<unknown>)).toEqual([1.5, 'b']);
    expect(r[4]).toEqual(new Map([['k1', 1n], ['k2', 2n]]));
    expect(String(r[5])).toBe('12.35');
    expect(r[6]).toBe(9007199254740993n);
    expect(() => rows(df)).toThrow('[RIVULET_LONG_NOT_SAFE_INTEGER] The BIGINT value 9007199254740993 of `l` is not a safe JavaScript integer');
    expect(r[7]).toBeNaN();
    const fmt = write('f.json', '{"t":"26/08/2015 18:00"}\n');
    expect(rows(spark.read.json(fmt, 't TIMESTAMP', { timestampFormat: 'dd/MM/yyyy HH:mm' }))).toEqual([[new Date(1440612000000)]]);
  });

  test('multiLine: the whole file is one JSON value, an array gives one row per object', () => {
    write('m/1.json', '{\n  "a": 1,\n  "b": [1, 2]\n}\n');
    write('m/2.json', '[{"a": 2}, {"a": 3, "b": []}]');
    const df = spark.read.json(path.join(dir, 'm'), { multiLine: true });
    expect(schemaOf(df)).toBe('struct<a:bigint,b:array<bigint>>');
    expect(rows(df)).toEqual([[1, [1, 2]], [2, null], [3, []]]);
  });

  test('primitivesAsString, prefersDecimal, dropFieldIfAllNull', () => {
    const p = write('o.json', '{"a":1,"b":0.1,"c":null,"d":true}\n');
    expect(schemaOf(spark.read.json(p, { primitivesAsString: true }))).toBe('struct<a:string,b:string,c:string,d:string>');
    expect(schemaOf(spark.read.json(p, { prefersDecimal: true }))).toBe('struct<a:bigint,b:decimal(1,1),c:string,d:boolean>');
    expect(schemaOf(spark.read.json(p, { dropFieldIfAllNull: true }))).toBe('struct<a:bigint,b:double,d:boolean>');
  });

  test('allowComments, allowSingleQuotes (default on), allowUnquotedFieldNames', () => {
    const p = write('l.json', "{'a': 1 /* one */}\n{a: 2}\n");
    expect(rows(spark.read.json(p, 'a INT, _corrupt_record STRING'))).toEqual([
      [null, "{'a': 1 /* one */}"],
      [null, '{a: 2}'],
    ]);
    expect(rows(spark.read.json(p, 'a INT', { allowComments: true, allowUnquotedFieldNames: true }))).toEqual([[1], [2]]);
    expect(rows(spark.read.json(p, 'a INT', { allowComments: true, allowSingleQuotes: false }))).toEqual([[null], [null]]);
  });

  test('format("json").load(dir) equals json(dir); blank lines are skipped', () => {
    write('j/a.json', '{"x":1}\n\n{"x":2}\n');
    write('j/b.json', '{"y":"z"}\n');
    const a = spark.read.format('json').load(path.join(dir, 'j'));
    const b = spark.read.json(path.join(dir, 'j'));
    expect(schemaOf(a)).toBe(schemaOf(b));
    expect(rows(a)).toEqual(rows(b));
    expect(rows(b)).toEqual([[1, null], [2, null], [null, 'z']]);
  });
});

describe('files, partitions and globs', () => {
  test('partition discovery infers int, string, date and null partition values', () => {
    write('p/year=2024/city=paris/a.json', '{"v":1}\n');
    write('p/year=2023/city=__HIVE_DEFAULT_PARTITION__/b.json', '{"v":2}\n');
    write('p/year=2023/city=new%20york/c.json', '{"v":3}\n');
    const df = spark.read.json(path.join(dir, 'p'));
    expect(schemaOf(df)).toBe('struct<v:bigint,year:int,city:string>');
    expect(rows(df)).toEqual([
      [2, 2023, null],
      [3, 2023, 'new york'],
      [1, 2024, 'paris'],
    ]);
    // A user schema types the partition columns it names; data columns come first.
    expect(schemaOf(spark.read.schema('year STRING, v INT').json(path.join(dir, 'p')))).toBe('struct<v:int,year:string,city:string>');
  });

  test('a partition directory given directly has no partition column unless basePath is set', () => {
    write('p/k=1/a.csv', 'x\n');
    const leaf = path.join(dir, 'p', 'k=1');
    expect(spark.read.csv(leaf).columns).toEqual(['_c0']);
    expect(rows(spark.read.csv(leaf, { basePath: path.join(dir, 'p') }))).toEqual([['x', 1]]);
  });

  test('conflicting directory structures are an error', () => {
    write('p/k=1/a.csv', 'x\n');
    write('p/other/j=2/b.csv', 'y\n');
    expect(() => spark.read.csv(path.join(dir, 'p'))).toThrow('Conflicting directory structures detected.');
  });

  test('hidden files (_x, .x) are skipped; recursiveFileLookup turns partition discovery off', () => {
    write('h/k=1/a.txt', 'a\n');
    write('h/k=1/_SUCCESS', 'no\n');
    write('h/k=1/.a.txt.crc', 'no\n');
    write('h/_temporary/x.txt', 'no\n');
    expect(rows(spark.read.text(path.join(dir, 'h')))).toEqual([['a', 1]]);
    expect(rows(spark.read.text(path.join(dir, 'h'), { recursiveFileLookup: true }))).toEqual([['a']]);
  });

  test('files in plain (not key=value) subfolders are not read unless recursiveFileLookup is set', () => {
    // PySpark 4.2.0 on these files: ['top'] and, with recursiveFileLookup, ['inner', 'top'].
    write('n/a.txt', 'top\n');
    write('n/sub/b.txt', 'inner\n');
    write('n/sub/deeper/c.txt', 'deep\n');
    expect(rows(spark.read.text(path.join(dir, 'n')))).toEqual([['top']]);
    expect(rows(spark.read.text(path.join(dir, 'n'), { recursiveFileLookup: true }))).toEqual([['top'], ['inner'], ['deep']]);
    expect(rows(spark.read.text(path.join(dir, 'n', 'sub')))).toEqual([['inner']]);
  });

  test('globs in paths, pathGlobFilter on file names, several paths', () => {
    write('g/a1.csv', 'a1\n');
    write('g/a2.csv', 'a2\n');
    write('g/b.csv', 'b\n');
    write('g/c.txt', 'c\n');
    expect(rows(spark.read.csv(path.join(dir, 'g', 'a*.csv')))).toEqual([['a1'], ['a2']]);
    expect(rows(spark.read.csv(path.join(dir, 'g', '{a1,b}.csv')))).toEqual([['a1'], ['b']]);
    expect(rows(spark.read.csv(path.join(dir, 'g'), { pathGlobFilter: '*.txt' }))).toEqual([['c']]);
    expect(rows(spark.read.csv([path.join(dir, 'g', 'b.csv'), path.join(dir, 'g', 'a?.csv')]))).toEqual([['a1'], ['a2'], ['b']]);
  });

  test('a missing path (or a glob matching nothing) is PATH_NOT_FOUND', () => {
    const missing = path.join(dir, 'nope.csv');
    const e = errorOf(() => spark.read.csv(missing));
    expect(e).toBeInstanceOf(AnalysisException);
    expect(e.message).toBe(`[PATH_NOT_FOUND] Path does not exist: file:${missing}. SQLSTATE: 42K03`);
    expect(() => spark.read.json(path.join(dir, '*.json'))).toThrow(`[PATH_NOT_FOUND] Path does not exist: file:${path.join(dir, '*.json')}.`);
  });

  test('an empty directory cannot be inferred; with a schema it is empty', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    expect(() => spark.read.json(path.join(dir, 'empty'))).toThrow('[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for JSON. It must be specified manually. SQLSTATE: 42KD9');
    expect(rows(spark.read.json(path.join(dir, 'empty'), 'a INT'))).toEqual([]);
  });

  test('rows are read at execution, from the files listed at load', () => {
    const p = write('late.txt', 'before\n');
    const df = spark.read.text(p);
    fs.writeFileSync(p, 'after\n');
    expect(rows(df)).toEqual([['after']]);
  });
});

describe('reader API', () => {
  test('unknown formats are DATA_SOURCE_NOT_FOUND; a text file is not Parquet', () => {
    const p = write('a.txt', 'x\n');
    expect(() => spark.read.format('nosuch').load(p)).toThrow(
      '[DATA_SOURCE_NOT_FOUND] Failed to find the data source: nosuch. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version. SQLSTATE: 42K02',
    );
    // load() defaults to parquet (spark.sql.sources.default), as in Spark.
    expect(() => spark.read.parquet(p)).toThrow('[FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER]');
    expect(() => spark.read.load(p)).toThrow('[FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER]');
  });

  test('option("path") with load(); schema() rejects other types; table() reads temp views', () => {
    const p = write('a.txt', 'x\n');
    expect(rows(spark.read.format('text').option('path', p).load())).toEqual([['x']]);
    expect(() => spark.read.format('text').option('path', p).load(p)).toThrow("There is a 'path' or 'paths' option set and load() is called with path parameters.");
    expect(() => spark.read.schema(42 as unknown as string)).toThrow('[NOT_EXPECTED_TYPE] Argument `schema` should be str or struct type, got int.');
    spark.read.text(p).createOrReplaceTempView('lines');
    expect(rows(spark.read.table('lines'))).toEqual([['x']]);
    expect(() => spark.read.table('missing')).toThrow('[TABLE_OR_VIEW_NOT_FOUND]');
  });

  test('options() and keyword objects are equivalent; the reader is immutable', () => {
    const p = write('a.csv', 'a,b\n1,2\n');
    const base = spark.read.format('csv');
    const withHeader = base.options({ header: true, inferSchema: true });
    expect(schemaOf(withHeader.load(p))).toBe('struct<a:int,b:int>');
    expect(schemaOf(base.load(p))).toBe('struct<_c0:string,_c1:string>');
    expect(schemaOf(spark.read.csv(p, { header: true, schema: 'a STRING, b STRING' }))).toBe('struct<a:string,b:string>');
  });
});
