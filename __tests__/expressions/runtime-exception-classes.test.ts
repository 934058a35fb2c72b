// The exception class of a runtime error is PySpark's (each a SparkException): what PySpark 4.2.0
// raised for the same queries, ANSI mode.
import { ArithmeticException, ArrayIndexOutOfBoundsException, DateTimeException, NumberFormatException, SparkException } from '../../lib';
import { newSession } from '../support/session';

test.each([
  ['SELECT 1/0', ArithmeticException, 'DIVIDE_BY_ZERO'],
  ['SELECT 2147483647 + 1', ArithmeticException, 'ARITHMETIC_OVERFLOW'],
  ['SELECT CAST(1000 AS TINYINT)', ArithmeticException, 'CAST_OVERFLOW'],
  ['SELECT CAST(12345.6 AS DECIMAL(4,1))', ArithmeticException, 'NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION'],
  ["SELECT CAST('abc' AS INT)", NumberFormatException, 'CAST_INVALID_INPUT'],
  ["SELECT CAST('abc' AS DATE)", DateTimeException, 'CAST_INVALID_INPUT'],
  ["SELECT CAST('abc' AS TIMESTAMP)", DateTimeException, 'CAST_INVALID_INPUT'],
  ['SELECT array(1,2)[5]', ArrayIndexOutOfBoundsException, 'INVALID_ARRAY_INDEX'],
  ['SELECT element_at(array(1,2), 5)', ArrayIndexOutOfBoundsException, 'INVALID_ARRAY_INDEX_IN_ELEMENT_AT'],
  ["SELECT to_timestamp('2024-13-01', 'yyyy-MM-dd')", DateTimeException, 'CANNOT_PARSE_TIMESTAMP'],
  ["SELECT timestampadd(YEAR, 1000000, TIMESTAMP'2024-01-01')", ArithmeticException, 'DATETIME_OVERFLOW'],
  ['SELECT CAST(1e20 AS BIGINT)', ArithmeticException, 'CAST_OVERFLOW'],
  ["SELECT to_date('2024-02-30')", DateTimeException, 'CAST_INVALID_INPUT'],
])('%s raises %p', (sql, cls, errorClass) => {
  const spark = newSession();
  let error: unknown;
  try {
    spark.sql(sql).collect();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(cls);
  expect(error).toBeInstanceOf(SparkException);
  expect((error as SparkException).name).toBe(cls.name);
  expect((error as SparkException).errorClass).toBe(errorClass);
});

test('other runtime errors stay SparkException (PySpark: SparkRuntimeException)', () => {
  const spark = newSession();
  let error: unknown;
  try {
    spark.sql("SELECT CAST('abc' AS BOOLEAN)").collect();
  } catch (e) {
    error = e;
  }
  expect((error as Error).constructor).toBe(SparkException);
  expect((error as SparkException).errorClass).toBe('CAST_INVALID_INPUT');
});

describe('datetime arithmetic beyond the range of a timestamp or a date (PySpark 4.2.0)', () => {
  const failure = (sql: string) => {
    try {
      newSession().sql(sql).collect();
    } catch (e) {
      return e as SparkException;
    }
    throw new Error(`${sql} did not fail`);
  };
  const text = (sql: string) => String(newSession().sql(sql).toDF('v').selectExpr('CAST(v AS STRING)').collect()[0].v);

  test.each([
    ["SELECT timestampadd(YEAR, 1000000, TIMESTAMP'2024-01-01')", 'add 1000000L YEAR'],
    ["SELECT timestampadd(MONTH, 2000000000, TIMESTAMP'2024-01-01')", 'add 2000000000L MONTH'],
    ["SELECT timestampadd(DAY, 1000000000, TIMESTAMP'2024-01-01')", 'add 1000000000L DAY'],
    ["SELECT timestampadd(SECOND, 10000000000000, TIMESTAMP'2024-01-01')", 'add 10000000000000L SECOND'],
  ])('%s is DATETIME_OVERFLOW', (sql, operation) => {
    const e = failure(sql);
    expect(e).toBeInstanceOf(ArithmeticException);
    expect(e.errorClass).toBe('DATETIME_OVERFLOW');
    expect(e.rawMessage).toBe(`Datetime operation overflow: ${operation} to TIMESTAMP '2024-01-01 00:00:00'.`);
  });

  test('add_months past the last DATE is ARITHMETIC_OVERFLOW; timestamp + interval past a long is "long overflow"', () => {
    const months = failure("SELECT add_months(DATE'2024-01-01', 100000000)");
    expect(months).toBeInstanceOf(ArithmeticException);
    expect(months.errorClass).toBe('ARITHMETIC_OVERFLOW');
    expect(months.rawMessage).toBe('overflow. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.');
    const interval = failure("SELECT TIMESTAMP'2024-01-01' + make_interval(1000000)");
    expect(interval).toBeInstanceOf(ArithmeticException);
    expect(interval.errorClass).toBeUndefined();
    expect(interval.message).toBe('long overflow');
  });

  test('far dates that still fit are computed exactly (beyond a JavaScript Date)', () => {
    expect(text("SELECT timestampadd(YEAR, 290000, TIMESTAMP'2024-01-01')")).toBe('+292024-01-01 00:00:00');
    expect(text("SELECT add_months(DATE'2024-01-01', 1000000)")).toBe('+85357-05-01');
    expect(text("SELECT timestampadd(DAY, 100000000, TIMESTAMP'2024-01-01')")).toBe('+275814-09-14 00:00:00');
  });
});
