// Arithmetic through the SQL front end: result types (DecimalPrecision), values, ANSI errors and
// legacy wrap-around / null, datetime and interval forms of + and -.
import type { StreamSession } from 'rivulet';
import { Decimal } from '../../lib/types/decimal';
import { PlainDate } from '../../lib/types/plain-date';
import { SparkException } from '../../lib/errors/spark-exception';
import { newSession } from '../support/session';

let spark: StreamSession;

afterEach(() => spark?.stop());

/** [name, type, value] of `expr` over a one-row frame (x INT = 1, y BIGINT = 2). */
function evalExpr(expr: string, config: Record<string, string> = {}): [string, string, unknown] {
  spark = newSession(config);
  const df = spark.createDataFrame([{ x: 1, y: 2 }], 'x INT, y BIGINT').selectExpr(expr);
  const field = df.schema.fields[0];
  const value = df.collect()[0][0];
  return [field.name, field.dataType.simpleString(), value instanceof Decimal ? value.toString() : value];
}

function errorOf(expr: string, config: Record<string, string> = {}): SparkException {
  try {
    evalExpr(expr, config);
  } catch (e) {
    return e as SparkException;
  }
  throw new Error(`expected ${expr} to fail`);
}

const LEGACY = { 'spark.sql.ansi.enabled': 'false' };

describe('decimal arithmetic: result types and exact values', () => {
  test.each([
    ['1.5 + 1', 'decimal(3,1)', '2.5'],
    ['1.5 + 2.25', 'decimal(4,2)', '3.75'],
    ['1.5 - 2.25', 'decimal(4,2)', '-0.75'],
    ['1.5 * 2.25', 'decimal(6,3)', '3.375'],
    ['10.0 / 3', 'decimal(8,6)', '3.333333'],
    ['2.0 / 3.0', 'decimal(8,6)', '0.666667'],
    ['7.5 % 2', 'decimal(2,1)', '1.5'],
    ['x + 1.25', 'decimal(13,2)', '2.25'],
    ['y * 1.5', 'decimal(23,1)', '3.0'],
    ['x / 3.0', 'decimal(17,6)', '0.333333'],
    ['0.1 + 0.2', 'decimal(2,1)', '0.3'],
    ['-(1.5)', 'decimal(2,1)', '-1.5'],
    ['12345678901234567890.12345678901234567 * 1.1', 'decimal(38,16)', '13580246791358024679.1358024679135802'],
  ])('%s', (expr, type, value) => {
    const [, t, v] = evalExpr(expr);
    expect(t).toBe(type);
    expect(v).toBe(value);
  });

  test('decimal with a double is a double', () => {
    expect(evalExpr('1.5 + 1.5D').slice(1)).toEqual(['double', 3]);
    expect(evalExpr('1.5 * 2E0').slice(1)).toEqual(['double', 3]);
  });

  test('overflow: NUMERIC_VALUE_OUT_OF_RANGE in ANSI mode, null in legacy mode', () => {
    const big = '99999999999999999999999999999999999999BD';
    const e = errorOf(`${big} + 1`);
    expect(e.errorClass).toBe('NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION');
    expect(e.messageParameters).toMatchObject({ precision: '38', scale: '0', value: '100000000000000000000000000000000000000' });
    expect(evalExpr(`${big} + 1`, LEGACY)[2]).toBeNull();
  });

  test('division by zero', () => {
    expect(errorOf('1.5 / 0').errorClass).toBe('DIVIDE_BY_ZERO');
    expect(evalExpr('1.5 / 0', LEGACY)[2]).toBeNull();
    expect(evalExpr('1.5 % 0', LEGACY)[2]).toBeNull();
  });
});

describe('integral and floating arithmetic', () => {
  test.each([
    ['x + 1', '(x + 1)', 'int', 2],
    ['y + 1', '(y + 1)', 'bigint', 3],
    ['x / 2', '(x / 2)', 'double', 0.5],
    ['7 % 3', '(7 % 3)', 'int', 1],
    ['-7 % 3', '(-7 % 3)', 'int', -1],
    ['7 div 2', '(7 div 2)', 'bigint', 3],
    ['-7 div 2', '(-7 div 2)', 'bigint', -3],
    ['7.9 div 2', '(7.9 div 2)', 'bigint', 3],
    ['+x', '(+ x)', 'int', 1],
    ['-x', '(- x)', 'int', -1],
    ['x * 2.5D', '(x * 2.5)', 'double', 2.5],
    // ANSI (AnsiStringPromotionTypeCoercion): a string next to an integral type is BIGINT.
    ["'3' + x", '(3 + x)', 'bigint', 4],
    ["'3' * 1.5D", '(3 * 1.5)', 'double', 4.5],
    ['negative(x)', 'negative(x)', 'int', -1],
    ['positive(x)', 'positive(x)', 'int', 1],
    ["DATE'2020-01-01' + x", "date_add(DATE '2020-01-01', x)", 'date', expect.anything()],
    ["x + DATE'2020-01-01'", "date_add(DATE '2020-01-01', x)", 'date', expect.anything()],
    ["DATE'2020-01-01' - x", "date_sub(DATE '2020-01-01', x)", 'date', expect.anything()],
  ])('%s', (expr, name, type, value) => {
    expect(evalExpr(expr)).toEqual([name, type, value]);
  });

  test('legacy mode casts a string operand to DOUBLE', () => {
    expect(evalExpr("'3' + x", LEGACY)).toEqual(['(3 + x)', 'double', 4]);
  });

  test('date - string promotes the string to DATE (ANSI); date + string fails the type check', () => {
    expect(evalExpr("DATE'2001-10-01' - '2001-09-28'")[1]).toBe('interval day');
    // The string becomes a DATE, and date + date is DateAdd, which refuses a DATE (Spark's golden date.sql).
    const e = errorOf("DATE'2001-10-01' + '1'");
    expect(e.errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(e.messageParameters).toMatchObject({ sqlExpr: '"date_add(DATE \'2001-10-01\', 1)"', paramIndex: 'second', requiredType: '("INT" or "SMALLINT" or "TINYINT")', inputType: '"DATE"' });
  });

  test('the same type on both sides that an arithmetic operator does not take is BINARY_OP_WRONG_TYPE; ANSI promotes a string next to a timestamp (PySpark 4.2.0, checked)', () => {
    const wrong = (sql: string, config: Record<string, string> = {}) => {
      const e = errorOf(sql, config);
      return [e.errorClass, e.messageParameters.inputType, e.messageParameters.actualDataType];
    };
    const plusMinus = '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")';
    expect(wrong('true + true')).toEqual(['DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', plusMinus, '"BOOLEAN"']);
    expect(wrong("x'01' - x'01'")).toEqual(['DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', plusMinus, '"BINARY"']);
    expect(wrong("date'2020-01-01' * date'2020-01-01'")).toEqual(['DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', '"NUMERIC"', '"DATE"']);
    expect(wrong('true / true')).toEqual(['DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', '("DOUBLE" or "DECIMAL")', '"BOOLEAN"']);
    expect(wrong("date'2020-01-01' % date'2020-01-01'")).toEqual(['DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', '"NUMERIC"', '"DATE"']);
    expect(wrong('true div true')).toEqual(['DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', '("BIGINT" or "DECIMAL" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")', '"BOOLEAN"']);
    expect(wrong("timestamp'2011-11-11 11:11:11' + '1'")).toEqual(['DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', plusMinus, '"TIMESTAMP"']);
    expect(wrong("'1' + timestamp_ntz'2011-11-11 11:11:11'")).toEqual(['DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', plusMinus, '"TIMESTAMP_NTZ"']);
    // Legacy mode casts the string to DOUBLE first: different types, named as such.
    const legacy = errorOf("timestamp'2011-11-11 11:11:11' + '1'", { 'spark.sql.ansi.enabled': 'false' });
    expect(legacy.errorClass).toBe('DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES');
    expect(legacy.message).toContain('("TIMESTAMP" and "DOUBLE")');
  });

  test('ANSI overflow errors name the try_ function', () => {
    const e = errorOf('2147483647 + x');
    expect(e.message).toBe(
      `[ARITHMETIC_OVERFLOW] integer overflow. Use 'try_add' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`,
    );
    expect(e.messageParameters.alternative).toBe(" Use 'try_add' to tolerate overflow and return NULL instead.");
    expect(errorOf('9223372036854775807L * y').message).toContain("long overflow. Use 'try_multiply'");
    expect(errorOf('127Y + 1Y').message).toContain('127S + 1S caused overflow');
    expect(errorOf('-9223372036854775808L div -1L').message).toContain("Overflow in integral divide. Use 'try_divide'");
    expect(errorOf('x div 0').errorClass).toBe('DIVIDE_BY_ZERO');
    expect(errorOf('x / 0').errorClass).toBe('DIVIDE_BY_ZERO');
    expect(errorOf('x % 0').errorClass).toBe('DIVIDE_BY_ZERO');
  });

  test('legacy mode wraps around and divides by zero into null', () => {
    expect(evalExpr('2147483647 + x', LEGACY)[2]).toBe(-2147483648);
    expect(evalExpr('2147483647 * 3', LEGACY)[2]).toBe(2147483645);
    expect(evalExpr('CAST(9223372036854775807L + y AS STRING)', LEGACY)[2]).toBe('-9223372036854775807');
    expect(evalExpr('127Y + 1Y', LEGACY)[2]).toBe(-128);
    expect(evalExpr('x / 0', LEGACY)[2]).toBeNull();
    expect(evalExpr('x div 0', LEGACY)[2]).toBeNull();
  });
});

describe('datetime and interval arithmetic', () => {
  test('date ± int, date - date, timestamp - timestamp', () => {
    expect(evalExpr("date'2020-02-28' + 2").slice(1)).toEqual(['date', PlainDate.fromEpochDay(18322)]); // 2020-03-01
    expect(evalExpr("date'2020-03-01' - 1").slice(1)).toEqual(['date', PlainDate.fromEpochDay(18321)]);
    expect(evalExpr("date'2020-01-03' - date'2020-01-01'").slice(1)).toEqual(['interval day', 172_800_000_000n]);
    expect(evalExpr("timestamp'2020-01-02 00:00:01' - timestamp'2020-01-01 00:00:00'").slice(1)).toEqual(['interval day to second', 86_401_000_000n]);
  });

  test('timestamp - timestamp is the wall-clock difference in the session time zone (Spark 4.2.0, checked)', () => {
    const la = { 'spark.sql.session.timeZone': 'America/Los_Angeles' };
    // 2019-10-06 is in daylight-saving time, 2020-01-01 not: Spark answers 86 13:48:47.654322, not 14:48.
    const expected = 86n * 86_400_000_000n + 13n * 3_600_000_000n + 48n * 60_000_000n + 47_654_322n;
    expect(evalExpr("timestamp'2020-01-01 00:00:00' - timestamp'2019-10-06 10:11:12.345678'", la).slice(1)).toEqual(['interval day to second', expected]);
    expect(evalExpr("date'2020-01-01' - timestamp'2019-10-06 10:11:12.345678'", la).slice(1)).toEqual(['interval day to second', expected]);
    expect(evalExpr("timestamp_ntz'2020-01-01 00:00:00' - timestamp_ntz'2019-10-06 10:11:12.345678'", la).slice(1)).toEqual(['interval day to second', expected]);
    // Across the fall-back night: 3 hours on the clock (4 elapsed).
    expect(evalExpr("timestamp'2019-11-03 03:00:00' - timestamp'2019-11-03 00:00:00'", la).slice(1)).toEqual(['interval day to second', 3n * 3_600_000_000n]);
  });

  test('date and timestamp plus calendar intervals', () => {
    expect(evalExpr("date'2020-01-31' + interval '1' month").slice(1)).toEqual(['date', PlainDate.fromEpochDay(18321)]); // 2020-02-29
    expect(evalExpr("timestamp'2020-01-01 00:00:00' + interval '1 day 2 hours'").slice(1)).toEqual(['timestamp', new Date(1_577_930_400_000)]);
    expect(evalExpr("interval '2 hours' + timestamp'2020-01-01 00:00:00'").slice(1)).toEqual(['timestamp', new Date(1_577_844_000_000)]);
    expect(evalExpr("timestamp'2020-03-31 10:00:00' - interval '1' month").slice(1)).toEqual(['timestamp', new Date(1_582_970_400_000)]); // 2020-02-29 10:00
  });

  test('ANSI intervals from casts', () => {
    expect(evalExpr("cast('1-2' as interval year to month) + cast('0-11' as interval year to month)").slice(1)).toEqual(['interval year to month', 25]);
    expect(evalExpr("cast('1' as interval day) + cast('1' as interval hour)").slice(1)).toEqual(['interval day to hour', 90_000_000_000n]);
    expect(evalExpr("timestamp'2020-01-01 00:00:00' + cast('1 00:00:01' as interval day to second)").slice(1)).toEqual(['timestamp', new Date(1_577_923_201_000)]);
    expect(evalExpr("date'2020-01-31' + cast('1' as interval month)").slice(1)).toEqual(['date', PlainDate.fromEpochDay(18321)]);
    expect(evalExpr("-cast('1-2' as interval year to month)").slice(1)).toEqual(['interval year to month', -14]);
  });

  test('type errors', () => {
    expect(errorOf("x + date'2020-01-01' + date'2020-01-01'").errorClass).toMatch(/^DATATYPE_MISMATCH/);
    expect(errorOf('-true').errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
  });
});
