// Spark's implicit type coercion, ANSI (AnsiTypeCoercion) and legacy (TypeCoercion): the rules
// themselves, and their effect through the public API (result types, values, errors).
import { AnalysisException, SparkException, type StreamSession } from 'rivulet';
import { ArrayType, DataType, DataTypes, DecimalType, MapType } from '../../lib/types/data-types';
import { StructField, StructType } from '../../lib/types/struct-type';
import { findCommonType, findComparisonType, findTightestCommonType, findWiderType, implicitCastType } from '../../lib/expressions/type-coercion';
import { newSession } from '../support/session';

const T = DataTypes;
const str = (t: DataType | undefined) => (t === undefined ? undefined : t.simpleString());

describe('coercion rules', () => {
  test('numeric widening: byte < short < int < long < decimal < float < double', () => {
    for (const ansi of [true, false]) {
      expect(str(findWiderType(T.ByteType, T.ShortType, ansi))).toBe('smallint');
      expect(str(findWiderType(T.IntegerType, T.LongType, ansi))).toBe('bigint');
      expect(str(findWiderType(T.LongType, T.DoubleType, ansi))).toBe('double');
      expect(str(findWiderType(new DecimalType(5, 2), T.IntegerType, ansi))).toBe('decimal(12,2)');
      expect(str(findWiderType(T.LongType, new DecimalType(3, 1), ansi))).toBe('decimal(21,1)');
      expect(str(findWiderType(new DecimalType(5, 2), new DecimalType(10, 0), ansi))).toBe('decimal(12,2)');
      expect(str(findWiderType(new DecimalType(38, 10), new DecimalType(38, 0), ansi))).toBe('decimal(38,10)');
      expect(str(findWiderType(new DecimalType(5, 2), T.DoubleType, ansi))).toBe('double');
      expect(str(findWiderType(T.NullType, T.DateType, ansi))).toBe('date');
      expect(str(findWiderType(T.DateType, T.TimestampType, ansi))).toBe('timestamp');
      expect(str(findWiderType(T.DateType, T.TimestampNTZType, ansi))).toBe('timestamp_ntz');
      expect(findWiderType(T.BooleanType, T.IntegerType, ansi)).toBeUndefined();
    }
    // ANSI keeps integral values exact next to FLOAT by going to DOUBLE.
    expect(str(findTightestCommonType(T.IntegerType, T.FloatType, true))).toBe('double');
    expect(str(findTightestCommonType(T.IntegerType, T.FloatType, false))).toBe('float');
  });

  test('strings: ANSI promotes the string, legacy promotes to the string', () => {
    expect(str(findWiderType(T.StringType, T.IntegerType, true))).toBe('bigint');
    expect(str(findWiderType(T.StringType, new DecimalType(5, 2), true))).toBe('double');
    expect(str(findWiderType(T.DateType, T.StringType, true))).toBe('date');
    expect(str(findWiderType(T.StringType, T.BooleanType, true))).toBe('boolean');
    expect(str(findWiderType(T.StringType, T.IntegerType, false))).toBe('string');
    expect(str(findWiderType(T.DateType, T.StringType, false))).toBe('string');
    expect(findWiderType(T.StringType, T.BooleanType, false)).toBeUndefined();
    expect(findWiderType(T.StringType, T.BinaryType, false)).toBeUndefined();
    // Legacy folds strings first: (TIMESTAMP, INT, STRING) is STRING; ANSI has no common type.
    expect(str(findCommonType([T.TimestampType, T.IntegerType, T.StringType], false))).toBe('string');
    expect(findCommonType([T.TimestampType, T.IntegerType, T.StringType], true)).toBeUndefined();
    expect(str(findCommonType([T.NullType, T.IntegerType, T.LongType], true))).toBe('bigint');
  });

  test('arrays, maps and structs element-wise', () => {
    expect(str(findWiderType(new ArrayType(T.IntegerType, false), new ArrayType(T.LongType, false), true))).toBe('array<bigint>');
    expect(str(findWiderType(new MapType(T.StringType, T.IntegerType), new MapType(T.StringType, T.DoubleType), true))).toBe('map<string,double>');
    const s1 = new StructType([new StructField('a', T.IntegerType), new StructField('b', T.StringType)]);
    const s2 = new StructType([new StructField('A', T.LongType), new StructField('b', T.StringType)]);
    expect(str(findWiderType(s1, s2, true))).toBe('struct<a:bigint,b:string>');
    const s3 = new StructType([new StructField('x', T.IntegerType), new StructField('b', T.StringType)]);
    expect(findWiderType(s1, s3, true)).toBeUndefined();
    expect(str(findWiderType(new ArrayType(T.StringType), new ArrayType(T.IntegerType), false))).toBe('array<string>');
  });

  test('comparison types', () => {
    // ANSI: the string side takes the other side's type (integral: BIGINT, fractional: DOUBLE).
    expect(str(findComparisonType(T.StringType, T.IntegerType, true))).toBe('bigint');
    expect(str(findComparisonType(T.StringType, T.FloatType, true))).toBe('double');
    expect(str(findComparisonType(T.StringType, T.DateType, true))).toBe('date');
    expect(findComparisonType(T.BooleanType, T.IntegerType, true, true)).toBeUndefined();
    // Legacy: cast the string to the other side's type; decimals with a scale compare as DOUBLE.
    expect(str(findComparisonType(T.StringType, T.IntegerType, false))).toBe('int');
    expect(str(findComparisonType(new DecimalType(5, 2), T.StringType, false))).toBe('double');
    expect(str(findComparisonType(new DecimalType(5, 0), T.StringType, false))).toBe('decimal(5,0)');
    expect(str(findComparisonType(T.TimestampType, T.StringType, false))).toBe('timestamp');
    expect(str(findComparisonType(T.DateType, T.TimestampType, false))).toBe('timestamp');
    expect(str(findComparisonType(T.BooleanType, T.IntegerType, false, true))).toBe('int');
    expect(findComparisonType(T.BooleanType, T.IntegerType, false, false)).toBeUndefined();
    expect(str(findComparisonType(T.IntegerType, new DecimalType(3, 1), true))).toBe('decimal(11,1)');
  });

  test('implicit casts of function arguments', () => {
    expect(str(implicitCastType(T.IntegerType, T.StringType, true))).toBe('string');
    expect(str(implicitCastType(T.StringType, T.IntegerType, false))).toBe('int');
    expect(str(implicitCastType(T.LongType, T.IntegerType, true))).toBe('int');
    expect(implicitCastType(T.BooleanType, T.IntegerType, true)).toBeUndefined();
    expect(str(implicitCastType(T.StringType, T.BooleanType, true))).toBe('boolean');
    expect(implicitCastType(T.StringType, T.BooleanType, false)).toBeUndefined();
    expect(implicitCastType(new ArrayType(T.IntegerType), T.StringType, true)).toBeUndefined();
  });
});

/** One row: a = 1 (INT), s = '1' (STRING), d = 2.5 (DOUBLE). */
function frame(spark: StreamSession) {
  return spark.createDataFrame([[1, '1', 2.5]], 'a INT, s STRING, d DOUBLE');
}

describe('coercion through the API', () => {
  test('ANSI: strings become BIGINT next to integers; bad strings fail at run time', () => {
    const spark = newSession();
    const df = frame(spark).selectExpr("coalesce(a, '2')", "CASE WHEN a > 0 THEN a ELSE '3' END", 's = a', "a IN ('1', 2)", "if(true, d, '1')");
    expect(df.dtypes).toEqual([
      ["coalesce(a, 2)", 'bigint'],
      ['CASE WHEN (a > 0) THEN a ELSE 3 END', 'bigint'],
      ['(s = a)', 'boolean'],
      ['(a IN (1, 2))', 'boolean'],
      ['(IF(true, d, 1))', 'double'],
    ]);
    expect([...df.collect()[0]]).toEqual([1, 1, true, true, 2.5]);
    let error: unknown;
    try {
      frame(spark).selectExpr("coalesce(NULL, 'x', a)").collect();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SparkException);
    expect((error as SparkException).getErrorClass()).toBe('CAST_INVALID_INPUT');
    expect((error as SparkException).getMessageParameters().targetType).toBe('"BIGINT"');
    expect(() => frame(spark).selectExpr('a = true')).toThrow(
      '[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve "(a = true)" due to data type mismatch: the left and right operands of the binary operator have incompatible types ("INT" and "BOOLEAN"). SQLSTATE: 42K09',
    );
    spark.stop();
  });

  test('legacy: strings absorb other types; comparisons cast the string; BOOLEAN = number', () => {
    const spark = newSession({ 'spark.sql.ansi.enabled': 'false' });
    const df = frame(spark).selectExpr("coalesce(a, 'x')", "CASE WHEN a > 0 THEN d ELSE 'y' END", "s = a", "'x' = a", "a IN ('1', 2)", 'a = true', "coalesce(CAST(1 AS FLOAT), a)");
    expect(df.dtypes.map((t) => t[1])).toEqual(['string', 'string', 'boolean', 'boolean', 'boolean', 'boolean', 'float']);
    expect([...df.collect()[0]]).toEqual(['1', '2.5', true, null, true, true, 1]);
    expect(() => frame(spark).selectExpr('coalesce(a, true)')).toThrow(AnalysisException);
    spark.stop();
  });

  test('numeric and datetime widening in results', () => {
    const spark = newSession();
    const df = frame(spark).selectExpr(
      'coalesce(a, 2L)',
      'coalesce(CAST(1 AS TINYINT), CAST(2 AS SMALLINT))',
      'coalesce(a, d)',
      'coalesce(CAST(1 AS FLOAT), a)',
      'coalesce(a, 1.5)',
      "coalesce(DATE '2020-01-02', TIMESTAMP '2020-01-01 00:00:00')",
      'a < d',
    );
    expect(df.dtypes.map((t) => t[1])).toEqual(['bigint', 'smallint', 'double', 'double', 'decimal(11,1)', 'timestamp', 'boolean']);
    spark.stop();
  });
});
