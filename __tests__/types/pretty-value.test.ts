import {
  ArrayType,
  BinaryType,
  BooleanType,
  CalendarIntervalType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  StringType,
  TimestampNTZType,
  TimestampType,
} from '../../lib/types/data-types';
import { javaDoubleToString, javaFloatToString, toPrettyString } from '../../lib/types/pretty-value';
import { StructField, StructType } from '../../lib/types/struct-type';

const UTC = 'UTC';
const LA = 'America/Los_Angeles';
/** Microseconds since the epoch of a UTC wall-clock time. */
const micros = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): bigint =>
  BigInt(Date.UTC(y, mo - 1, d, h, mi, s)) * 1000n;

describe('toPrettyString: nulls and simple types', () => {
  test('null and undefined render as NULL for every type', () => {
    expect(toPrettyString(null, StringType(), UTC)).toBe('NULL');
    expect(toPrettyString(undefined, IntegerType(), UTC)).toBe('NULL');
    expect(toPrettyString(null, NullType(), UTC)).toBe('NULL');
    expect(toPrettyString(null, ArrayType(IntegerType()), UTC)).toBe('NULL');
  });

  test('strings are printed as is', () => {
    expect(toPrettyString('hello world', StringType(), UTC)).toBe('hello world');
    expect(toPrettyString('', StringType(), UTC)).toBe('');
    expect(toPrettyString('a\nb', StringType(), UTC)).toBe('a\nb'); // escaping is show()'s job
  });

  test('integers and longs print plain digits', () => {
    expect(toPrettyString(42, IntegerType(), UTC)).toBe('42');
    expect(toPrettyString(-7, IntegerType(), UTC)).toBe('-7');
    expect(toPrettyString(9007199254740993n, LongType(), UTC)).toBe('9007199254740993');
    expect(toPrettyString(-9223372036854775808n, LongType(), UTC)).toBe('-9223372036854775808');
    expect(toPrettyString(1e21, LongType(), UTC)).toBe('1000000000000000000000');
  });

  test('booleans', () => {
    expect(toPrettyString(true, BooleanType(), UTC)).toBe('true');
    expect(toPrettyString(false, BooleanType(), UTC)).toBe('false');
  });
});

describe('doubles and floats follow Java toString', () => {
  test.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [100, '100.0'],
    [-2.5, '-2.5'],
    [123456.789, '123456.789'],
    [9999999, '9999999.0'],
    [1e7, '1.0E7'],
    [12345678.9, '1.23456789E7'],
    [1e10, '1.0E10'],
    [0.001, '0.001'],
    [1e-4, '1.0E-4'],
    [1.234e-5, '1.234E-5'],
    [1 / 3, '0.3333333333333333'],
    [1.7976931348623157e308, '1.7976931348623157E308'],
    [5e-324, '4.9E-324'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [0, '0.0'],
    [-0, '-0.0'],
  ])('double %p -> %s', (value, expected) => {
    expect(javaDoubleToString(value)).toBe(expected);
    expect(toPrettyString(value, DoubleType(), UTC)).toBe(expected);
  });

  test.each([
    [0.1, '0.1'],
    [1.1, '1.1'],
    [0.3, '0.3'],
    [1 / 3, '0.33333334'],
    [16777216, '1.6777216E7'],
    [1e10, '1.0E10'],
    [3.4028234663852886e38, '3.4028235E38'],
    [1.401298464324817e-45, '1.4E-45'],
    [1.1754943508222875e-38, '1.1754944E-38'], // JDK 19+ shortest digits (JDK 17 printed 1.17549435E-38)
    [-0, '-0.0'],
    [NaN, 'NaN'],
  ])('float %p -> %s', (value, expected) => {
    expect(javaFloatToString(value)).toBe(expected);
    expect(toPrettyString(Math.fround(value), FloatType(), UTC)).toBe(expected);
  });
});

describe('decimals print in plain notation with the type scale', () => {
  test.each([
    ['123.45', DecimalType(10, 2), '123.45'],
    ['1.5', DecimalType(10, 2), '1.50'],
    ['1E+3', DecimalType(10, 0), '1000'],
    ['1.5E-7', DecimalType(10, 8), '0.00000015'],
    ['-0.5', DecimalType(5, 1), '-0.5'],
    [7, DecimalType(10, 0), '7'],
  ] as const)('%p as %s -> %s', (value, type, expected) => {
    expect(toPrettyString(value, type, UTC)).toBe(expected);
  });
});

describe('dates and timestamps', () => {
  test('dates are days since the epoch', () => {
    expect(toPrettyString(0, DateType(), UTC)).toBe('1970-01-01');
    expect(toPrettyString(19844, DateType(), UTC)).toBe('2024-05-01');
    expect(toPrettyString(-1, DateType(), UTC)).toBe('1969-12-31');
    expect(toPrettyString(-719162, DateType(), UTC)).toBe('0001-01-01');
    expect(toPrettyString(2932897, DateType(), UTC)).toBe('+10000-01-01');
  });

  test('timestamps in UTC drop a zero fraction and trailing zeros', () => {
    expect(toPrettyString(micros(2024, 5, 1, 12), TimestampType(), UTC)).toBe('2024-05-01 12:00:00');
    expect(toPrettyString(micros(2024, 5, 1, 12) + 123_000n, TimestampType(), UTC)).toBe('2024-05-01 12:00:00.123');
    expect(toPrettyString(micros(2024, 5, 1, 12) + 1n, TimestampType(), UTC)).toBe('2024-05-01 12:00:00.000001');
    expect(toPrettyString(micros(2024, 5, 1, 12) + 120_500n, TimestampType(), UTC)).toBe('2024-05-01 12:00:00.1205');
    expect(toPrettyString(-1n, TimestampType(), UTC)).toBe('1969-12-31 23:59:59.999999');
    expect(toPrettyString(0n, TimestampType(), UTC)).toBe('1970-01-01 00:00:00');
  });

  test('timestamps are shifted into the session time zone', () => {
    expect(toPrettyString(micros(2024, 5, 1, 12), TimestampType(), LA)).toBe('2024-05-01 05:00:00'); // PDT
    expect(toPrettyString(micros(2024, 1, 15, 12), TimestampType(), LA)).toBe('2024-01-15 04:00:00'); // PST
    expect(toPrettyString(micros(2024, 3, 10, 9, 59, 59), TimestampType(), LA)).toBe('2024-03-10 01:59:59');
    expect(toPrettyString(micros(2024, 3, 10, 10), TimestampType(), LA)).toBe('2024-03-10 03:00:00');
    expect(toPrettyString(micros(2024, 11, 3, 8, 30) + 5n, TimestampType(), LA)).toBe('2024-11-03 01:30:00.000005');
    expect(toPrettyString(micros(2024, 11, 3, 9, 30), TimestampType(), LA)).toBe('2024-11-03 01:30:00');
    expect(toPrettyString(micros(1800, 1, 1), TimestampType(), LA)).toBe('1799-12-31 16:07:02'); // LMT -7:52:58
    expect(toPrettyString(micros(2024, 5, 1, 12), TimestampType(), 'Asia/Kolkata')).toBe('2024-05-01 17:30:00');
    expect(toPrettyString(micros(2024, 5, 1, 12), TimestampType(), '+08:00')).toBe('2024-05-01 20:00:00');
    expect(toPrettyString(micros(2024, 5, 1, 12), TimestampType(), 'GMT-03:30')).toBe('2024-05-01 08:30:00');
  });

  test('timestamp_ntz ignores the time zone', () => {
    expect(toPrettyString(micros(2024, 5, 1, 12) + 500_000n, TimestampNTZType(), LA)).toBe('2024-05-01 12:00:00.5');
  });
});

describe('binary and collections', () => {
  test('binary is upper-case hex in brackets', () => {
    expect(toPrettyString(new Uint8Array([0x4a, 0x6f]), BinaryType(), UTC)).toBe('[4A 6F]');
    expect(toPrettyString(new Uint8Array([0, 255, 16]), BinaryType(), UTC)).toBe('[00 FF 10]');
    expect(toPrettyString(new Uint8Array([]), BinaryType(), UTC)).toBe('[]');
  });

  test('arrays', () => {
    expect(toPrettyString([1, 2, 3], ArrayType(IntegerType()), UTC)).toBe('[1, 2, 3]');
    expect(toPrettyString([null, 2, null], ArrayType(IntegerType()), UTC)).toBe('[NULL, 2, NULL]');
    expect(toPrettyString([], ArrayType(StringType()), UTC)).toBe('[]');
    expect(toPrettyString([[1.5], [], null], ArrayType(ArrayType(DoubleType())), UTC)).toBe('[[1.5], [], NULL]');
  });

  test('maps', () => {
    const type = MapType(StringType(), LongType());
    expect(toPrettyString(new Map([['a', 1n], ['b', null]]), type, UTC)).toBe('{a -> 1, b -> NULL}');
    expect(toPrettyString(new Map(), type, UTC)).toBe('{}');
    expect(toPrettyString(new Map([[1, 'a'], [2, 'b']]), MapType(IntegerType(), StringType()), UTC)).toBe('{1 -> a, 2 -> b}');
  });

  test('structs are positional and use braces', () => {
    const window = StructType([StructField('start', TimestampType()), StructField('end', TimestampType())]);
    expect(toPrettyString([micros(2024, 5, 1, 12), micros(2024, 5, 1, 12, 10)], window, UTC)).toBe(
      '{2024-05-01 12:00:00, 2024-05-01 12:10:00}',
    );
    const type = StructType([StructField('a', IntegerType()), StructField('b', StringType()), StructField('c', DoubleType())]);
    expect(toPrettyString([1, 'x', null], type, UTC)).toBe('{1, x, NULL}');
    expect(toPrettyString([null, 'x', 2], type, UTC)).toBe('{NULL, x, 2.0}');
    const nested = ArrayType(StructType([StructField('k', StringType()), StructField('v', ArrayType(IntegerType()))]));
    expect(toPrettyString([['a', [1, 2]], null], nested, UTC)).toBe('[{a, [1, 2]}, NULL]');
  });
});

describe('calendar intervals follow CalendarInterval.toString', () => {
  test.each([
    [{ months: 0, days: 0, microseconds: 0n }, '0 seconds'],
    [{ months: 14, days: 3, microseconds: 3_723_500_000n }, '1 years 2 months 3 days 1 hours 2 minutes 3.5 seconds'],
    [{ months: 0, days: 0, microseconds: 600_000_000n }, '10 minutes'],
    [{ months: 0, days: 0, microseconds: -1_500_000n }, '-1.5 seconds'],
    [{ months: -13, days: 0, microseconds: 0n }, '-1 years -1 months'],
    [{ months: 0, days: 2, microseconds: 1n }, '2 days 0.000001 seconds'],
  ])('%p -> %s', (value, expected) => {
    expect(toPrettyString(value, CalendarIntervalType(), UTC)).toBe(expected);
  });
});
