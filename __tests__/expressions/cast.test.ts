// The cast matrix in ANSI, legacy and TRY modes, checked against Spark's cast.sql golden results.
import {
  canAnsiCast,
  canCast,
  canTryCast,
  castTypeCheckError,
  compileCast,
  compileCastIn,
  type CastMode,
} from '../../lib/expressions/cast';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  CalendarIntervalType,
  DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  TimestampNTZType,
  TimestampType,
} from '../../lib/types/data-types';
import { DayTimeIntervalType, YearMonthIntervalType } from '../../lib/types/interval-types';
import { StructField, StructType } from '../../lib/types/struct-type';
import { Decimal } from '../../lib/types/decimal';
import { SparkException } from '../../lib/errors/spark-exception';

const S = StringType();
const I = IntegerType();
const L = LongType();
const B = ByteType();
const SH = ShortType();
const D = DoubleType();
const F = FloatType();
const BOOL = BooleanType();
const DATE = DateType();
const TS = TimestampType();
const NTZ = TimestampNTZType();
const dec = (p: number, s: number) => DecimalType(p, s);
const utcMicros = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): bigint => BigInt(Date.UTC(y, mo - 1, d, h, mi, s)) * 1000n;

/** The cast result, or `ERR <errorClass>` when it throws a SparkException. */
function run(value: unknown, from: DataType, to: DataType, mode: CastMode, zone = 'UTC'): unknown {
  try {
    const out = compileCastIn(mode, from, to, zone)(value);
    return out instanceof Decimal ? out.toString() : out;
  } catch (e) {
    if (e instanceof SparkException) return `ERR ${e.errorClass}`;
    throw e;
  }
}

function error(value: unknown, from: DataType, to: DataType, mode: CastMode = 'ansi', zone = 'UTC'): SparkException {
  try {
    compileCastIn(mode, from, to, zone)(value);
  } catch (e) {
    return e as SparkException;
  }
  throw new Error('expected an error');
}

const INVALID = 'ERR CAST_INVALID_INPUT';
const OVERFLOW = 'ERR CAST_OVERFLOW';
const OUT_OF_RANGE = 'ERR NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION';

describe('string to numbers (ANSI | legacy)', () => {
  test.each<[string, DataType, unknown, unknown]>([
    ['1.23', I, INVALID, 1],
    ['-4.56', L, INVALID, -4n],
    ['abc', I, INVALID, null],
    ['abc', F, INVALID, null],
    ['abc', D, INVALID, null],
    ['', I, INVALID, null],
    ['', D, INVALID, null],
    ['123.a', I, INVALID, null],
    ['1234567890123', I, INVALID, null],
    ['12345678901234567890123', L, INVALID, null],
    ['-2147483648', I, -2147483648, -2147483648],
    ['-2147483649', I, INVALID, null],
    ['2147483647', I, 2147483647, 2147483647],
    ['2147483648', I, INVALID, null],
    ['-9223372036854775808', L, -9223372036854775808n, -9223372036854775808n],
    ['9223372036854775808', L, INVALID, null],
    [' 1', B, 1, 1],
    [' 1\t', B, 1, 1],
    ['128', B, INVALID, null],
    [' 1', SH, 1, 1],
    ['1中文', I, INVALID, null],
    [' 1', F, 1, 1],
    [' 1 ', D, 1, 1],
    ['1e3', D, 1000, 1000],
    ['1.5d', D, 1.5, 1.5],
    ['inf', D, Infinity, Infinity],
    ['-Infinity', D, -Infinity, -Infinity],
    ['NaN', D, NaN, NaN],
    ['0.1', F, Math.fround(0.1), Math.fround(0.1)],
    ['1.0 ', dec(10, 0), '1', '1'],
    ['23.45', dec(4, 2), '23.45', '23.45'],
    ['123.45', dec(4, 2), OUT_OF_RANGE, null],
    ['xyz', dec(4, 2), INVALID, null],
    ['1.005', dec(4, 2), '1.01', '1.01'],
    ['1e2', dec(5, 1), '100.0', '100.0'],
  ])('%j as %s', (value, to, ansi, legacy) => {
    expect(run(value, S, to, 'ansi')).toEqual(ansi);
    expect(run(value, S, to, 'legacy')).toEqual(legacy);
    expect(run(value, S, to, 'try')).toEqual(typeof ansi === 'string' && ansi.startsWith('ERR') ? null : ansi);
  });

  test('the error texts', () => {
    expect(error('1.23', S, I).message).toBe(
      "[CAST_INVALID_INPUT] The value '1.23' of the type \"STRING\" cannot be cast to \"INT\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead. SQLSTATE: 22018",
    );
    expect(error("it's", S, I).messageParameters.expression).toBe("'it\\'s'");
    const e = error('123.45', S, dec(4, 2));
    expect(e.message).toBe(
      '[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION]  123.45 cannot be represented as Decimal(4, 2). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and return NULL instead. SQLSTATE: 22003',
    );
    expect(e.messageParameters).toEqual({ value: '123.45', precision: '4', scale: '2', config: '"spark.sql.ansi.enabled"' });
    expect(error('xyz', S, dec(4, 2)).messageParameters.targetType).toBe('"DECIMAL(4,2)"');
  });
});

describe('string to boolean, date, timestamp, binary', () => {
  test.each<[string, DataType, unknown, unknown]>([
    ['\t\t true \n\r ', BOOL, true, true],
    ['\t\n false \t\r', BOOL, false, false],
    ['Y', BOOL, true, true],
    ['0', BOOL, false, false],
    ['\t\n xyz \t\r', BOOL, INVALID, null],
    ['2022-01-01', DATE, 18993, 18993],
    ['a', DATE, INVALID, null],
    ['2022-01-01 00:00:00', TS, utcMicros(2022, 1, 1), utcMicros(2022, 1, 1)],
    ['a', TS, INVALID, null],
    ['2022-01-01 00:00:00', NTZ, utcMicros(2022, 1, 1), utcMicros(2022, 1, 1)],
    ['a', NTZ, INVALID, null],
  ])('%j as %s', (value, to, ansi, legacy) => {
    expect(run(value, S, to, 'ansi')).toEqual(ansi);
    expect(run(value, S, to, 'legacy')).toEqual(legacy);
  });

  test('timestamps without a zone are read in the session zone', () => {
    expect(run('2022-01-01 00:00:00', S, TS, 'ansi', 'America/Los_Angeles')).toBe(utcMicros(2022, 1, 1, 8));
    expect(run('2022-01-01 00:00:00', S, NTZ, 'ansi', 'America/Los_Angeles')).toBe(utcMicros(2022, 1, 1));
  });

  test('string to binary is UTF-8', () => {
    expect(run('abc', S, BinaryType(), 'ansi')).toEqual(new Uint8Array([0x61, 0x62, 0x63]));
    expect(run('é', S, BinaryType(), 'ansi')).toEqual(new Uint8Array([0xc3, 0xa9]));
  });
});

describe('numeric narrowing and overflow (ANSI | legacy)', () => {
  test.each<[unknown, DataType, DataType, unknown, unknown]>([
    [2147483648n, L, I, OVERFLOW, -2147483648],
    [300, I, B, OVERFLOW, 44],
    [-129, I, B, OVERFLOW, 127],
    [40000, I, SH, OVERFLOW, -25536],
    [127, I, B, 127, 127],
    [1e20, D, I, OVERFLOW, 2147483647],
    [NaN, D, I, OVERFLOW, 0],
    [-1.9, D, I, -1, -1],
    [2147483647.5, D, I, 2147483647, 2147483647],
    [1e20, D, L, OVERFLOW, 9223372036854775807n],
    [3.7, D, L, 3n, 3n],
    [1e10, D, SH, OVERFLOW, -1],
    ['123.9', dec(4, 1), I, 123, 123],
    ['-123.9', dec(4, 1), B, -123, -123],
    ['200.5', dec(4, 1), B, OVERFLOW, -56],
    ['99999999999', dec(11, 0), I, OVERFLOW, 1215752191],
    [true, BOOL, I, 1, 1],
    [false, BOOL, L, 0n, 0n],
    [7, I, D, 7, 7],
    [9007199254740993n, L, D, 9007199254740992, 9007199254740992],
    ['1.5', dec(2, 1), D, 1.5, 1.5],
    [70, I, dec(1, 0), OUT_OF_RANGE, null],
    [7, I, dec(3, 1), '7.0', '7.0'],
    [0.1, D, dec(5, 3), '0.100', '0.100'],
    [1.25, D, dec(5, 1), '1.3', '1.3'],
    [NaN, D, dec(5, 1), null, null],
    ['12.345', dec(5, 3), dec(4, 2), '12.35', '12.35'],
    ['123.45', dec(5, 2), dec(4, 2), OUT_OF_RANGE, null],
    [5, I, BOOL, true, true],
    [0, D, BOOL, false, false],
    ['0.00', dec(3, 2), BOOL, false, false],
  ])('%p %s -> %s', (value, from, to, ansi, legacy) => {
    expect(run(value, from, to, 'ansi')).toEqual(ansi);
    expect(run(value, from, to, 'legacy')).toEqual(legacy);
  });

  test('overflow texts quote the value as SQL', () => {
    expect(error(2147483648n, L, I).message).toBe(
      '[CAST_OVERFLOW] The value 2147483648L of the type "BIGINT" cannot be cast to "INT" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead. SQLSTATE: 22003',
    );
    expect(error(1e20, D, I).messageParameters.value).toBe('1.0E20D');
    expect(error(300, SH, B).messageParameters.value).toBe('300S');
    expect(error('99999999999', dec(11, 0), I).messageParameters.value).toBe('99999999999BD');
  });

  test('TRY mode turns every error into null', () => {
    expect(run(2147483648n, L, I, 'try')).toBeNull();
    expect(run(300, I, B, 'try')).toBeNull();
    expect(run('123.45', S, dec(4, 2), 'try')).toBeNull();
    expect(compileCast(L, I, true, 'UTC', true)(2147483648n)).toBeNull();
    expect(compileCast(L, I, true, 'UTC')(2147483648n)).toBe(-2147483648);
    expect(() => compileCast(L, I, false, 'UTC')(2147483648n)).toThrow(SparkException);
  });
});

describe('datetime casts', () => {
  const day = 18993; // 2022-01-01
  test('date <-> timestamp in the session zone', () => {
    expect(run(day, DATE, TS, 'ansi', 'America/Los_Angeles')).toBe(utcMicros(2022, 1, 1, 8));
    expect(run(utcMicros(2022, 1, 1, 7), TS, DATE, 'ansi', 'America/Los_Angeles')).toBe(day - 1);
    expect(run(day, DATE, NTZ, 'ansi', 'America/Los_Angeles')).toBe(utcMicros(2022, 1, 1));
    expect(run(utcMicros(2022, 1, 1, 23), NTZ, DATE, 'ansi', 'Asia/Tokyo')).toBe(day);
    expect(run(utcMicros(2022, 1, 1, 8), TS, NTZ, 'ansi', 'America/Los_Angeles')).toBe(utcMicros(2022, 1, 1));
    expect(run(utcMicros(2022, 1, 1), NTZ, TS, 'ansi', 'America/Los_Angeles')).toBe(utcMicros(2022, 1, 1, 8));
  });

  test('timestamp <-> numbers are seconds since the epoch', () => {
    expect(run(utcMicros(1970, 1, 1, 0, 0, 1) + 500000n, TS, L, 'ansi')).toBe(1n);
    expect(run(-1n, TS, L, 'ansi')).toBe(-1n); // floor division
    expect(run(1500000n, TS, D, 'ansi')).toBe(1.5);
    expect(run(1500000n, TS, dec(10, 3), 'ansi')).toBe('1.500');
    expect(run(1n, L, TS, 'ansi')).toBe(1000000n);
    expect(run(1.5, D, TS, 'ansi')).toBe(1500000n);
    expect(run('1.5', dec(2, 1), TS, 'ansi')).toBe(1500000n);
    expect(run(Infinity, D, TS, 'ansi')).toBe(INVALID);
    expect(run(Infinity, D, TS, 'legacy')).toBeNull();
    expect(error(Infinity, F, TS).messageParameters).toMatchObject({ expression: 'Infinity', sourceType: '"DOUBLE"', targetType: '"TIMESTAMP"' });
    expect(run(86_400_000_000n * 40_000n, TS, SH, 'ansi')).toBe(OVERFLOW);
    expect(run(86_400_000_000n * 40_000n, TS, SH, 'legacy')).toBeNull();
    expect(run(day, DATE, I, 'legacy')).toBeNull();
    expect(run(day, DATE, BOOL, 'legacy')).toBeNull();
  });
});

describe('interval casts', () => {
  const YM = YearMonthIntervalType();
  const DT = DayTimeIntervalType();
  const second = DayTimeIntervalType(3);
  const hourToSecond = DayTimeIntervalType(1, 3);
  test('intervals to numbers (errors in both modes)', () => {
    expect(run(12, YearMonthIntervalType(0), B, 'legacy')).toBe(1);
    expect(run(-122, YM, SH, 'ansi')).toBe(-122);
    expect(run(-10_123_456n, second, B, 'ansi')).toBe(-10);
    expect(run(-(93_784_123_000n), DT, I, 'ansi')).toBe(-93784);
    expect(run(86_399_000_000n, hourToSecond, SH, 'legacy')).toBe(OVERFLOW);
    expect(error(86_399_000_000n, hourToSecond, SH).messageParameters.value).toBe("INTERVAL '23:59:59' HOUR TO SECOND");
    expect(run(-12, YearMonthIntervalType(0), dec(10, 0), 'ansi')).toBe('-1');
    expect(run(1_000_001n, second, dec(10, 6), 'ansi')).toBe('1.000001');
    expect(run(29_470_001_000n, hourToSecond, dec(10, 4), 'ansi')).toBe('29470.0010');
    expect(run(10_005_000n, second, dec(4, 2), 'ansi')).toBe('10.01');
    expect(run(10_123_000n, second, dec(1, 0), 'legacy')).toBe(OUT_OF_RANGE);
    expect(error(10_123_000n, second, dec(1, 0)).messageParameters.value).toBe('10.123000');
  });

  test('numbers to intervals', () => {
    expect(run(1, B, YearMonthIntervalType(0), 'ansi')).toBe(12);
    expect(run(-122, SH, YM, 'ansi')).toBe(-122);
    expect(run(1000, I, YearMonthIntervalType(1), 'ansi')).toBe(1000);
    expect(run(-10n, L, second, 'ansi')).toBe(-10_000_000n);
    expect(run(100, B, hourToSecond, 'ansi')).toBe(100_000_000n);
    expect(run(10, I, DayTimeIntervalType(0), 'ansi')).toBe(864_000_000_000n);
    expect(run(2147483647, I, YearMonthIntervalType(0), 'legacy')).toBe(OVERFLOW);
    expect(run(-9223372036854775808n, L, DayTimeIntervalType(0), 'ansi')).toBe(OVERFLOW);
    expect(run('10.123456', dec(8, 6), DT, 'ansi')).toBe(10_123_456n);
    expect(run('80.654321', dec(8, 6), DayTimeIntervalType(1, 2), 'ansi')).toBe(4_800_000_000n);
    expect(run('-10.123456', dec(8, 6), YM, 'ansi')).toBe(-10);
    expect(run('10.654321', dec(8, 6), YearMonthIntervalType(1), 'ansi')).toBe(11);
  });

  test('strings to intervals', () => {
    expect(run("interval '3-1' year to month", S, YM, 'ansi')).toBe(37);
    expect(run('-1-2', S, YM, 'ansi')).toBe(-14);
    expect(run("interval '3 00:00:01' day to second", S, DT, 'ansi')).toBe(259_201_000_000n);
    expect(run('1 02:03:04.5', S, DT, 'ansi')).toBe(93_784_500_000n);
    expect(run('10.5', S, second, 'ansi')).toBe(10_500_000n);
    expect(run('abc', S, DT, 'legacy')).toBe('ERR INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE');
    expect(run('abc', S, YM, 'ansi')).toBe('ERR INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING');
    expect(run('abc', S, YM, 'try')).toBeNull();
    expect(run('interval 3 month 1 hour', S, CalendarIntervalType(), 'ansi')).toEqual({ months: 3, days: 0, microseconds: 3_600_000_000n });
    expect(run('1 day 2 hours', S, CalendarIntervalType(), 'ansi')).toEqual({ months: 0, days: 1, microseconds: 7_200_000_000n });
    expect(run('nonsense', S, CalendarIntervalType(), 'ansi')).toBeNull();
  });

  test('intervals to string, ANSI style', () => {
    expect(run(37, YM, S, 'ansi')).toBe("INTERVAL '3-1' YEAR TO MONTH");
    expect(run(259_201_000_000n, DT, S, 'ansi')).toBe("INTERVAL '3 00:00:01' DAY TO SECOND");
    expect(run(1_000_001n, second, S, 'ansi')).toBe("INTERVAL '01.000001' SECOND");
    expect(run(-12000, YearMonthIntervalType(1), S, 'ansi')).toBe("INTERVAL '-12000' MONTH");
    expect(run({ months: 3, days: 0, microseconds: 3_600_000_000n }, CalendarIntervalType(), S, 'ansi')).toBe('3 months 1 hours');
  });
});

describe('cast to string', () => {
  test('timestamps in two session zones', () => {
    const t = utcMicros(2022, 1, 1, 8, 30, 0) + 120000n;
    expect(run(t, TS, S, 'ansi', 'UTC')).toBe('2022-01-01 08:30:00.12');
    expect(run(t, TS, S, 'ansi', 'America/Los_Angeles')).toBe('2022-01-01 00:30:00.12');
    expect(run(t, NTZ, S, 'ansi', 'America/Los_Angeles')).toBe('2022-01-01 08:30:00.12');
    expect(run(18993, DATE, S, 'ansi')).toBe('2022-01-01');
  });

  test('numbers follow Java; decimals are plain in ANSI mode, Java toString in legacy mode', () => {
    expect(run(1, D, S, 'ansi')).toBe('1.0');
    expect(run(1e21, D, S, 'ansi')).toBe('1.0E21');
    expect(run(Math.fround(0.1), F, S, 'ansi')).toBe('0.1');
    expect(run(-9223372036854775808n, L, S, 'ansi')).toBe('-9223372036854775808');
    expect(run(Decimal.fromString('0.00000001'), dec(10, 8), S, 'ansi')).toBe('0.00000001');
    expect(run(Decimal.fromString('0.00000001'), dec(10, 8), S, 'legacy')).toBe('1E-8');
    expect(run('1.5', dec(10, 2), S, 'ansi')).toBe('1.50');
    expect(run(true, BOOL, S, 'ansi')).toBe('true');
  });

  test('binary decodes as UTF-8 (show() prints hex instead)', () => {
    expect(run(new Uint8Array([0x61, 0x62]), BinaryType(), S, 'ansi')).toBe('ab');
  });

  test('nested values: null prints "null", structs and maps use braces', () => {
    const struct = StructType([StructField('a', I), StructField('b', S), StructField('c', ArrayType(D))]);
    expect(run([1, null, [1.5, null]], struct, S, 'ansi')).toBe('{1, null, [1.5, null]}');
    expect(run([null, 2, null], ArrayType(I), S, 'ansi')).toBe('[null, 2, null]');
    expect(run(new Map<unknown, unknown>([['a', 1], ['b', null]]), MapType(S, I), S, 'ansi')).toBe('{a -> 1, b -> null}');
    expect(run([], ArrayType(I), S, 'ansi')).toBe('[]');
  });
});

describe('collections cast element by element', () => {
  test('arrays, maps and structs', () => {
    expect(run(['1', null, '3'], ArrayType(S), ArrayType(I), 'ansi')).toEqual([1, null, 3]);
    expect(run(['1', 'x'], ArrayType(S), ArrayType(I), 'legacy')).toEqual([1, null]);
    expect(run(['1', 'x'], ArrayType(S), ArrayType(I), 'ansi')).toBe(INVALID);
    expect(run(new Map([['a', '1']]), MapType(S, S), MapType(S, L), 'ansi')).toEqual(new Map([['a', 1n]]));
    const from = StructType([StructField('a', S), StructField('b', I)]);
    const to = StructType([StructField('x', I), StructField('y', S)]);
    expect(run(['7', 8], from, to, 'ansi')).toEqual([7, '8']);
    expect(run([null, 8], from, to, 'ansi')).toEqual([null, '8']);
  });
});

describe('legality', () => {
  test.each<[DataType, DataType, boolean, boolean]>([
    [S, I, true, true],
    [I, BinaryType(), true, false],
    [B, BinaryType(), true, false],
    [D, BinaryType(), false, false],
    [DATE, I, true, false],
    [DATE, BOOL, true, false],
    [BOOL, TS, true, false],
    [I, TS, true, true],
    [TS, I, true, true],
    [DATE, TS, true, true],
    [I, DATE, false, false],
    [NullType(), ArrayType(I), true, true],
    [ArrayType(I), S, true, true],
    [I, DayTimeIntervalType(), true, true],
    [I, DayTimeIntervalType(3), true, true],
    [YearMonthIntervalType(), DayTimeIntervalType(), false, false],
    [DayTimeIntervalType(), dec(10, 2), true, true],
    [ArrayType(S), ArrayType(I), true, true],
    [ArrayType(S), ArrayType(I, false), false, false],
    [ArrayType(I, true), ArrayType(L, false), false, false],
    [ArrayType(I, false), ArrayType(L, false), true, true],
    [MapType(S, I), MapType(I, I), false, true],
    [StructType([StructField('a', I)]), StructType([StructField('b', S)]), true, true],
    [StructType([StructField('a', I)]), StructType([StructField('a', I), StructField('b', I)]), false, false],
    [BinaryType(), I, false, false],
  ])('%s -> %s: legacy %s, ANSI %s', (from, to, legacy, ansi) => {
    expect(canCast(from, to)).toBe(legacy);
    expect(canAnsiCast(from, to)).toBe(ansi);
  });

  test('try_cast follows legacy rules inside collections', () => {
    expect(canTryCast(MapType(S, I), MapType(I, I))).toBe(false);
    expect(canTryCast(I, BinaryType())).toBe(false);
    expect(canTryCast(S, I)).toBe(true);
  });

  test('analysis errors pick Spark\'s suggestion', () => {
    const conf = castTypeCheckError('CAST(123 AS BINARY)', I, BinaryType(), 'ansi');
    expect(conf.errorClass).toBe('DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION');
    expect(conf.messageParameters).toEqual({
      sqlExpr: '"CAST(123 AS BINARY)"',
      srcType: '"INT"',
      targetType: '"BINARY"',
      config: '"spark.sql.ansi.enabled"',
      configVal: "'false'",
    });
    expect(castTypeCheckError('CAST(d AS INT)', DATE, I, 'ansi').errorClass).toBe('DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION');
    expect(castTypeCheckError('CAST(d AS INT)', DATE, I, 'ansi').messageParameters.functionNames).toBe('`unix_date`');
    expect(castTypeCheckError('CAST(b AS INT)', BinaryType(), I, 'legacy').message).toBe(
      '[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] Cannot resolve "CAST(b AS INT)" due to data type mismatch: cannot cast "BINARY" to "INT". SQLSTATE: 42K09',
    );
  });

  test('legacy integral -> binary is big-endian two\'s complement', () => {
    expect(run(123, B, BinaryType(), 'legacy')).toEqual(new Uint8Array([0x7b]));
    expect(run(-123, SH, BinaryType(), 'legacy')).toEqual(new Uint8Array([0xff, 0x85]));
    expect(run(-123n, L, BinaryType(), 'legacy')).toEqual(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x85]));
  });
});
