// try_* arithmetic, zeroifnull/nullifzero, bitwise operators/functions/aggregates, shifts,
// width_bucket and make_interval: values, Spark's column names, types and error classes, in
// ANSI and legacy mode.
import type { StreamSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

function row(spark: StreamSession, sql: string): unknown[] {
  return (spark.sql(sql).collectInternalRows() as unknown[][])[0];
}

function schema(spark: StreamSession, sql: string): string[] {
  return spark.sql(sql).schema.fields.map((f) => `${f.name}:${f.dataType.simpleString()}`);
}

describe.each([
  ['ANSI', 'true'],
  ['legacy', 'false'],
])('math extras (%s mode)', (_mode, ansi) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.ansi.enabled': ansi });
  });
  afterEach(() => spark.stop());

  test('try_* arithmetic returns NULL on overflow and division by zero', () => {
    expect(schema(spark, 'SELECT try_add(1, 2), try_divide(7, 2), try_mod(7L, 2L), try_multiply(2, 3)')).toEqual([
      'try_add(1, 2):int',
      'try_divide(7, 2):double',
      'try_mod(7, 2):bigint',
      'try_multiply(2, 3):int',
    ]);
    expect(row(spark, 'SELECT try_add(2147483647, 1), try_subtract(-9223372036854775808L, 1L), try_multiply(2147483647, 2), try_divide(1, 0), try_mod(5, 0)')).toEqual([null, null, null, null, null]);
    expect(row(spark, 'SELECT try_add(1, 2), try_subtract(5, 7), try_multiply(3, 4), try_divide(7, 2), try_mod(-7, 3), try_add(NULL, 1)')).toEqual([3, -2, 12, 3.5, -1, null]);
    expect(row(spark, 'SELECT try_add(99999999999999999999999999999999999999BD, 1BD)')).toEqual([null]);
    // The plain operators still follow the mode.
    if (ansi === 'true') expect(errorOf(() => spark.sql('SELECT 2147483647 + 1').collectInternalRows()).errorClass).toBe('ARITHMETIC_OVERFLOW');
    else expect(row(spark, 'SELECT 2147483647 + 1')).toEqual([-2147483648]);
    expect(errorOf(() => spark.sql('SELECT try_add(1)')).errorClass).toBe('WRONG_NUM_ARGS.WITHOUT_SUGGESTION');
  });

  test('zeroifnull and nullifzero', () => {
    expect(schema(spark, 'SELECT zeroifnull(NULL), zeroifnull(CAST(NULL AS BIGINT)), nullifzero(0)')).toEqual([
      'zeroifnull(NULL):int',
      'zeroifnull(CAST(NULL AS BIGINT)):bigint',
      'nullifzero(0):int',
    ]);
    expect(row(spark, 'SELECT zeroifnull(NULL), zeroifnull(7), zeroifnull(CAST(NULL AS BIGINT)), nullifzero(0), nullifzero(0.0D), nullifzero(4)')).toEqual([0, 7, 0n, null, null, 4]);
  });

  test('bitwise operators and bit_count', () => {
    expect(schema(spark, 'SELECT 3 & 5, 3 | 5, 3 ^ 5, ~0, bit_count(0)')).toEqual(['(3 & 5):int', '(3 | 5):int', '(3 ^ 5):int', '~0:int', 'bit_count(0):int']);
    expect(row(spark, 'SELECT 3 & 5, 3 | 5, 3 ^ 5, ~0, ~5L, 12L & 10, bit_count(7), bit_count(-1L), bit_count(false), bit_count(NULL)')).toEqual([1, 7, 6, -1, -6n, 8n, 3, 64, 0, null]);
    expect(errorOf(() => spark.sql("SELECT 'a' & 'b'")).errorClass).toBe('DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE');
    expect(errorOf(() => spark.sql("SELECT bit_count('x')")).errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
  });

  test('shifts mask the count to the operand width', () => {
    expect(schema(spark, 'SELECT shiftleft(2, 1), shiftright(8L, 1), shiftrightunsigned(-1, 28)')).toEqual([
      'shiftleft(2, 1):int',
      'shiftright(8, 1):bigint',
      'shiftrightunsigned(-1, 28):int',
    ]);
    expect(row(spark, 'SELECT shiftleft(2, 1), shiftleft(1, 33), shiftright(-16, 2), shiftrightunsigned(-1, 28), shiftleft(1L, 63), shiftrightunsigned(-1L, 60), 1 << 4, -16 >> 2, -1 >>> 28')).toEqual([
      4, 2, -4, 15, -(2n ** 63n), 15n, 16, -4, 15,
    ]);
    expect(errorOf(() => spark.sql("SELECT shiftleft('a', 1)")).errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
  });

  test('bit_and / bit_or / bit_xor aggregates', () => {
    const sql = 'SELECT bit_and(x), bit_or(x), bit_xor(x), bit_or(CAST(x AS BIGINT)) FROM VALUES (3), (5), (NULL), (6) AS t(x)';
    expect(schema(spark, sql)).toEqual(['bit_and(x):int', 'bit_or(x):int', 'bit_xor(x):int', 'bit_or(CAST(x AS BIGINT)):bigint']);
    expect(row(spark, sql)).toEqual([0, 7, 0, 7n]);
    expect(row(spark, 'SELECT bit_or(x) FROM VALUES (1) AS t(x) WHERE x > 1')).toEqual([null]);
    expect(errorOf(() => spark.sql("SELECT bit_and('a')")).errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
  });

  test('width_bucket', () => {
    expect(schema(spark, 'SELECT width_bucket(5.3, 0.2, 10.6, 5)')).toEqual(['width_bucket(5.3, 0.2, 10.6, 5):bigint']);
    expect(row(spark, 'SELECT width_bucket(5.3, 0.2, 10.6, 5), width_bucket(-2.1, 1.3, 3.4, 3), width_bucket(8.1, 0.0, 5.7, 4), width_bucket(-0.9, 5.2, 0.5, 2), width_bucket(5, 0, 10, 0), width_bucket(1, 2, 2, 3)')).toEqual([3n, 0n, 5n, 3n, null, null]);
  });

  test('make_interval builds a CalendarInterval', () => {
    expect(schema(spark, 'SELECT make_interval(1, 2, 3, 4, 5, 6, 7.5)')).toEqual(['make_interval(1, 2, 3, 4, 5, 6, 7.5):interval']);
    expect(row(spark, 'SELECT make_interval(1, 2, 3, 4, 5, 6, 7.5), make_interval(1)')).toEqual([
      { months: 14, days: 25, microseconds: 5n * 3_600_000_000n + 6n * 60_000_000n + 7_500_000n },
      { months: 12, days: 0, microseconds: 0n },
    ]);
    if (ansi === 'true') expect(errorOf(() => spark.sql('SELECT make_interval(2147483647)').collectInternalRows()).errorClass).toBe('ARITHMETIC_OVERFLOW');
    else expect(row(spark, 'SELECT make_interval(2147483647)')).toEqual([null]);
  });

  test('DataFrame API wrappers', () => {
    const df = spark.sql('SELECT 2147483647 AS i, 6 AS j, 0 AS z');
    const out = df.select(
      F.try_add('i', F.lit(1)), F.try_divide('j', 'z'), F.try_mod('j', F.lit(4)), F.zeroifnull(F.lit(null)), F.nullifzero('z'),
      F.bit_count('j'), F.bitwise_not('j'), F.shiftleft('j', 1), F.shiftright('j', 1), F.shiftrightunsigned('j', 1),
      F.width_bucket(F.lit(5.3), F.lit(0.2), F.lit(10.6), 5), F.make_interval(F.lit(1), undefined, F.lit(2)),
    );
    expect(out.columns.slice(0, 10)).toEqual(['try_add(i, 1)', 'try_divide(j, z)', 'try_mod(j, 4)', 'zeroifnull(NULL)', 'nullifzero(z)', 'bit_count(j)', '~j', 'shiftleft(j, 1)', 'shiftright(j, 1)', 'shiftrightunsigned(j, 1)']);
    const r = out.collectInternalRows()[0];
    expect(r.slice(0, 11)).toEqual([null, null, 2, 0, null, 2, -7, 12, 3, 3, 3n]);
    expect(r[11]).toEqual({ months: 12, days: 14, microseconds: 0n });
    const agg = spark.sql('SELECT * FROM VALUES (3), (5) AS t(x)').agg(F.bit_and('x'), F.bit_or('x'), F.bit_xor('x'));
    expect(agg.columns).toEqual(['bit_and(x)', 'bit_or(x)', 'bit_xor(x)']);
    expect(agg.collectInternalRows()[0]).toEqual([1, 7, 6]);
  });
});
