import { showString } from '../../lib/execution/show-string';
import {
  ArrayType,
  BinaryType,
  DataType,
  DateType,
  IntegerType,
  LongType,
  MapType,
  StringType,
  TimestampType,
} from '../../lib/types/data-types';
import { StructField, StructType } from '../../lib/types/struct-type';
import { stringHalfWidth } from '../../lib/util/display-width';

const schemaOf = (...fields: [string, DataType][]): StructType =>
  StructType(fields.map(([name, type]) => StructField(name, type)));
const lines = (...rows: string[]): string => rows.map((r) => `${r}\n`).join('');
const micros = (y: number, mo: number, d: number, h = 0, mi = 0): bigint =>
  BigInt(Date.UTC(y, mo - 1, d, h, mi)) * 1000n;

const valueSchema = schemaOf(['value', StringType()]);
const longString = '1'.repeat(21);
const keyValue = schemaOf(['key', IntegerType()], ['value', StringType()]);

describe('stringHalfWidth', () => {
  test('counts Spark full-width ranges as two columns', () => {
    expect(stringHalfWidth('')).toBe(0);
    expect(stringHalfWidth('hello')).toBe(5);
    expect(stringHalfWidth('mø γύρ')).toBe(6);
    expect(stringHalfWidth('测试')).toBe(4);
    expect(stringHalfWidth('かな')).toBe(4);
    expect(stringHalfWidth('걸')).toBe(2);
    expect(stringHalfWidth('뺭ᾘ')).toBe(3); // U+1F98 is outside Spark's ranges
    expect(stringHalfWidth('ＡＢ')).toBe(4); // full-width Latin U+FF21..
    expect(stringHalfWidth('ｱ')).toBe(1); // half-width katakana U+FF71 is past U+FF60
    expect(stringHalfWidth('😀')).toBe(2); // a surrogate pair: two UTF-16 units, no extra
  });
});

describe('console sink examples (reference section 8)', () => {
  const counts = schemaOf(['value', StringType()], ['count', LongType()]);
  const windowType = StructType([StructField('start', TimestampType()), StructField('end', TimestampType())]);
  const windowed = schemaOf(['window', windowType], ['word', StringType()], ['count', LongType()]);
  const windowRows = [
    [[micros(2024, 5, 1, 12), micros(2024, 5, 1, 12, 10)], 'cat', 2n],
    [[micros(2024, 5, 1, 12, 5), micros(2024, 5, 1, 12, 15)], 'dog', 1n],
    [[micros(2024, 5, 1, 12, 5), micros(2024, 5, 1, 12, 15)], 'cat', 1n],
  ];

  test('word count, complete mode', () => {
    const out = showString([['apache', 2n], ['spark', 1n], ['hadoop', 1n]], counts, 20, true);
    expect(out).toBe(lines(
      '+------+-----+',
      '| value|count|',
      '+------+-----+',
      '|apache|    2|',
      '| spark|    1|',
      '|hadoop|    1|',
      '+------+-----+',
    ));
    // What the console sink writes: println adds the blank line after the table.
    expect(`${out}\n`.endsWith('+------+-----+\n\n')).toBe(true);
  });

  test('numRows=2 truncates cells to 17 chars + "..." and prints the footer', () => {
    expect(showString(windowRows, windowed, 2, true)).toBe(
      lines(
        '+--------------------+----+-----+',
        '|              window|word|count|',
        '+--------------------+----+-----+',
        '|{2024-05-01 12:00...| cat|    2|',
        '|{2024-05-01 12:05...| dog|    1|',
        '+--------------------+----+-----+',
      ) + 'only showing top 2 rows',
    );
  });

  test('truncate=false: left-aligned, untruncated', () => {
    expect(showString(windowRows, windowed, 20, false)).toBe(lines(
      '+------------------------------------------+----+-----+',
      '|window                                    |word|count|',
      '+------------------------------------------+----+-----+',
      '|{2024-05-01 12:00:00, 2024-05-01 12:10:00}|cat |2    |',
      '|{2024-05-01 12:05:00, 2024-05-01 12:15:00}|dog |1    |',
      '|{2024-05-01 12:05:00, 2024-05-01 12:15:00}|cat |1    |',
      '+------------------------------------------+----+-----+',
    ));
  });

  test('empty batch', () => {
    const schema = schemaOf(['window', windowType], ['count', LongType()]);
    expect(showString([], schema, 20, true)).toBe(lines(
      '+------+-----+',
      '|window|count|',
      '+------+-----+',
      '+------+-----+',
    ));
  });
});

describe('truncation and alignment (DataFrameShowSuite)', () => {
  const rows = [['1'], [longString]];

  test('truncate = 0 and 20', () => {
    expect(showString(rows, valueSchema, 10, 0)).toBe(lines(
      '+---------------------+',
      '|value                |',
      '+---------------------+',
      '|1                    |',
      '|111111111111111111111|',
      '+---------------------+',
    ));
    expect(showString(rows, valueSchema, 10, 20)).toBe(lines(
      '+--------------------+',
      '|               value|',
      '+--------------------+',
      '|                   1|',
      '|11111111111111111...|',
      '+--------------------+',
    ));
  });

  test('truncate = 3 cuts without ellipsis and never truncates the header', () => {
    expect(showString(rows, valueSchema, 10, 3)).toBe(lines(
      '+-----+',
      '|value|',
      '+-----+',
      '|    1|',
      '|  111|',
      '+-----+',
    ));
  });

  test('truncate = 5 and 17 keep truncate - 3 chars plus "..."', () => {
    expect(showString(rows, valueSchema, 10, 5)).toBe(lines(
      '+-----+',
      '|value|',
      '+-----+',
      '|    1|',
      '|11...|',
      '+-----+',
    ));
    expect(showString(rows, valueSchema, 10, 17)).toBe(lines(
      '+-----------------+',
      '|            value|',
      '+-----------------+',
      '|                1|',
      '|11111111111111...|',
      '+-----------------+',
    ));
  });

  test('boolean truncate: true means 20, false means 0', () => {
    expect(showString(rows, valueSchema, 10, true)).toBe(showString(rows, valueSchema, 10, 20));
    expect(showString(rows, valueSchema, 10, false)).toBe(showString(rows, valueSchema, 10, 0));
  });

  test('minimum column width is 3', () => {
    const schema = schemaOf(['_1', IntegerType()], ['_2', IntegerType()]);
    expect(showString([[1, 1], [2, 2]], schema, 10)).toBe(lines(
      '+---+---+',
      '| _1| _2|',
      '+---+---+',
      '|  1|  1|',
      '|  2|  2|',
      '+---+---+',
    ));
  });

  test('NULL cells', () => {
    expect(showString([[1, null], [null, 'x']], keyValue, 20)).toBe(lines(
      '+----+-----+',
      '| key|value|',
      '+----+-----+',
      '|   1| NULL|',
      '|NULL|    x|',
      '+----+-----+',
    ));
  });
});

describe('footer', () => {
  test('singular row', () => {
    expect(showString([[1, '1'], [2, '2']], keyValue, 1)).toBe(
      lines('+---+-----+', '|key|value|', '+---+-----+', '|  1|    1|', '+---+-----+') + 'only showing top 1 row',
    );
  });

  test('plural rows; no footer when nothing more exists', () => {
    const rows = [[1, 'a'], [2, 'b'], [3, 'c']];
    expect(showString(rows, keyValue, 2).endsWith('+---+-----+\nonly showing top 2 rows')).toBe(true);
    expect(showString(rows, keyValue, 3).endsWith('|  3|    c|\n+---+-----+\n')).toBe(true);
  });

  test('numRows 0 and negative show no rows and a "top 0 rows" footer', () => {
    const expected = lines('+---+-----+', '|key|value|', '+---+-----+', '+---+-----+') + 'only showing top 0 rows';
    expect(showString([[1, '1']], keyValue, 0)).toBe(expected);
    expect(showString([[1, '1']], keyValue, -1)).toBe(expected);
  });
});

describe('escaping', () => {
  test('meta characters are escaped in cells and header names', () => {
    const text = 'aaa\nbbb\tccc\rddd\feee\bfff\u000Bggg\u0007hhh';
    const escaped = 'aaa\\nbbb\\tccc\\rddd\\feee\\bfff\\vggg\\ahhh';
    expect(showString([[text]], schemaOf([text, StringType()]), 1, 0)).toBe(lines(
      '+--------------------------------------+',
      `|${escaped}|`,
      '+--------------------------------------+',
      `|${escaped}|`,
      '+--------------------------------------+',
    ));
  });

  test('escaping happens before truncation', () => {
    expect(showString([['a\nb\tc']], valueSchema, 20, 6)).toBe(lines(
      '+------+',
      '| value|',
      '+------+',
      '|a\\n...|',
      '+------+',
    ));
  });

  test('inside collections', () => {
    const schema = schemaOf(['m', MapType(StringType(), StringType())]);
    expect(showString([[new Map([['k\tk', 'v\nv']])]], schema, 20, 0)).toBe(lines(
      '+--------------+',
      '|m             |',
      '+--------------+',
      '|{k\\tk -> v\\nv}|',
      '+--------------+',
    ));
  });
});

describe('East Asian wide characters', () => {
  test('right-aligned padding counts wide characters as two columns', () => {
    const schema = schemaOf(['name', StringType()], ['city', StringType()]);
    expect(showString([['张三', '東京'], ['Bob', 'Paris']], schema)).toBe(lines(
      '+----+-----+',
      '|name| city|',
      '+----+-----+',
      '|张三| 東京|',
      '| Bob|Paris|',
      '+----+-----+',
    ));
  });

  test('left-aligned with wide header and mixed cells', () => {
    const schema = schemaOf(['名前', StringType()], ['r', IntegerType()]);
    expect(showString([['ab', 1], ['测试一下', 2], ['뺭ᾘ', 3], [null, 4]], schema, 20, false)).toBe(lines(
      '+--------+---+',
      '|名前    |r  |',
      '+--------+---+',
      '|ab      |1  |',
      '|测试一下|2  |',
      '|뺭ᾘ     |3  |',
      '|NULL    |4  |',
      '+--------+---+',
    ));
  });
});

describe('collection and binary columns (DataFrameShowSuite)', () => {
  test('arrays', () => {
    const schema = schemaOf(['_1', ArrayType(IntegerType())], ['_2', ArrayType(IntegerType())]);
    expect(showString([[[1, 2, 3], [1, 2, 3]], [[2, 3, 4], [2, 3, 4]]], schema, 10)).toBe(lines(
      '+---------+---------+',
      '|       _1|       _2|',
      '+---------+---------+',
      '|[1, 2, 3]|[1, 2, 3]|',
      '|[2, 3, 4]|[2, 3, 4]|',
      '+---------+---------+',
    ));
  });

  test('binary', () => {
    const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
    const schema = schemaOf(['_1', BinaryType()], ['_2', BinaryType()]);
    expect(showString([[bytes('12'), bytes('ABC.')], [bytes('34'), bytes('12346')]], schema, 10)).toBe(lines(
      '+-------+----------------+',
      '|     _1|              _2|',
      '+-------+----------------+',
      '|[31 32]|   [41 42 43 2E]|',
      '|[33 34]|[31 32 33 34 36]|',
      '+-------+----------------+',
    ));
  });

  test('maps and structs', () => {
    expect(showString([[new Map([[1, 'a'], [2, 'b']])]], schemaOf(['a', MapType(IntegerType(), StringType())]), 10)).toBe(
      lines('+----------------+', '|               a|', '+----------------+', '|{1 -> a, 2 -> b}|', '+----------------+'),
    );
    const pair = StructType([StructField('_1', IntegerType()), StructField('_2', StringType())]);
    expect(showString([[[1, 'a'], 0], [[2, 'b'], 0]], schemaOf(['a', pair], ['b', IntegerType()]), 10)).toBe(lines(
      '+------+---+',
      '|     a|  b|',
      '+------+---+',
      '|{1, a}|  0|',
      '|{2, b}|  0|',
      '+------+---+',
    ));
  });
});

describe('time zones', () => {
  const schema = schemaOf(['d', DateType()], ['ts', TimestampType()]);
  const row = [17136, micros(2016, 12, 1, 8)]; // 2016-12-01, 2016-12-01 08:00:00 UTC

  test('UTC and America/Los_Angeles', () => {
    const table = (ts: string): string => lines(
      '+----------+-------------------+',
      '|d         |ts                 |',
      '+----------+-------------------+',
      `|2016-12-01|${ts}|`,
      '+----------+-------------------+',
    );
    expect(showString([row], schema, 1, 0, false, 'UTC')).toBe(table('2016-12-01 08:00:00'));
    expect(showString([row], schema, 1, 0, false, 'America/Los_Angeles')).toBe(table('2016-12-01 00:00:00'));
  });
});

describe('vertical mode', () => {
  test('truncate = 0 and 20', () => {
    const rows = [['1'], [longString]];
    expect(showString(rows, valueSchema, 10, 0, true)).toBe(
      '-RECORD 0----------------------\n' +
      ' value | 1                     \n' +
      '-RECORD 1----------------------\n' +
      ' value | 111111111111111111111 \n',
    );
    expect(showString(rows, valueSchema, 10, 20, true)).toBe(
      '-RECORD 0---------------------\n' +
      ' value | 1                    \n' +
      '-RECORD 1---------------------\n' +
      ' value | 11111111111111111... \n',
    );
  });

  test('truncate = 3 uses the minimum data width', () => {
    expect(showString([['1'], [longString]], valueSchema, 10, 3, true)).toBe(
      '-RECORD 0----\n' +
      ' value | 1   \n' +
      '-RECORD 1----\n' +
      ' value | 111 \n',
    );
  });

  test('several columns and the footer', () => {
    expect(showString([[1, '1'], [2, '2']], keyValue, 1, 20, true)).toBe(
      '-RECORD 0----\n' +
      ' key   | 1   \n' +
      ' value | 1   \n' +
      'only showing top 1 row',
    );
  });

  test('no rows prints "(0 rows)"', () => {
    expect(showString([], keyValue, 20, 20, true)).toBe('(0 rows)');
    expect(showString([[1, '1']], keyValue, 0, 20, true)).toBe('(0 rows)');
  });

  test('wide characters in names and values', () => {
    const schema = schemaOf(['名', StringType()], ['id', IntegerType()]);
    expect(showString([['東京都', 7]], schema, 20, 20, true)).toBe(
      '-RECORD 0-----\n' +
      ' 名  | 東京都 \n' +
      ' id  | 7      \n',
    );
  });
});
