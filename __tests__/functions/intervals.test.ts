// Interval literals (Spark 4 builds ANSI YEAR-MONTH / DAY-TIME literals from unit-qualified
// forms), casts of ANSI intervals to numbers and strings, date ± INTERVAL DAY, nanosecond
// timestamps TIMESTAMP_NTZ(p) / TIMESTAMP_LTZ(p) and typeof, under ANSI and legacy mode.
import type { StreamSession } from 'rivulet';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

function first(spark: StreamSession, sql: string): { name: string; type: string; value: unknown } {
  const df = spark.sql(sql);
  const field = df.schema.fields[0];
  return { name: field.name, type: field.dataType.simpleString(), value: (df.collectInternalRows() as unknown[][])[0][0] };
}

describe.each([
  ['ANSI', 'true'],
  ['legacy', 'false'],
])('intervals (%s mode)', (_mode, ansi) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.ansi.enabled': ansi });
  });
  afterEach(() => spark.stop());

  it('types unit-qualified literals as ANSI intervals, named by their SQL', () => {
    expect(first(spark, "SELECT INTERVAL '1' YEAR")).toEqual({ name: "INTERVAL '1' YEAR", type: 'interval year', value: 12 });
    expect(first(spark, 'SELECT interval 3 year 1 month')).toEqual({ name: "INTERVAL '3-1' YEAR TO MONTH", type: 'interval year to month', value: 37 });
    expect(first(spark, "SELECT INTERVAL '1 02:03:04' DAY TO SECOND")).toMatchObject({ type: 'interval day to second', value: 93784000000n });
    expect(first(spark, "SELECT INTERVAL '10' SECOND")).toMatchObject({ type: 'interval second', value: 10000000n });
    expect(first(spark, 'SELECT interval 2 week')).toMatchObject({ type: 'interval day', value: 14n * 86400000000n });
    // The string form too: the units in the string pick the fields (Spark 4's visitTypeConstructor).
    expect(first(spark, "SELECT INTERVAL '1 day'")).toEqual({ name: "INTERVAL '1' DAY", type: 'interval day', value: 86400000000n });
    expect(first(spark, "SELECT +interval '1 day 2 hours'")).toMatchObject({ name: "(+ INTERVAL '1 02' DAY TO HOUR)", type: 'interval day to hour' });
  });

  it('rejects mixing year-month and day-time units', () => {
    expect(errorOf(() => spark.sql('SELECT interval 3 month 1 hour')).errorClass).toBe('_LEGACY_ERROR_TEMP_0029');
    expect(errorOf(() => spark.sql("SELECT interval '1 month 2 days'")).errorClass).toBe('_LEGACY_ERROR_TEMP_0029');
  });

  it('casts ANSI interval literals to strings and numbers', () => {
    expect(first(spark, 'SELECT CAST(interval 3 day 1 second AS string)')).toEqual({
      name: "CAST(INTERVAL '3 00:00:01' DAY TO SECOND AS STRING)",
      type: 'string',
      value: "INTERVAL '3 00:00:01' DAY TO SECOND",
    });
    expect(first(spark, "SELECT CAST(interval '-10-2' year to month AS smallint)").value).toBe(-122);
    expect(first(spark, "SELECT CAST(interval '10' day AS bigint)").value).toBe(10n);
  });

  it('keeps date ± INTERVAL DAY a date', () => {
    expect(first(spark, "SELECT date '2011-11-11' - interval '2' day")).toMatchObject({ type: 'date', value: 15287 });
    expect(first(spark, "SELECT interval '-2' day + date '2011-11-11'")).toMatchObject({ type: 'date', value: 15287 });
  });

  it('casts to and from nanosecond timestamps', () => {
    expect(first(spark, "SELECT typeof(cast('2022-01-01 00:00:00.123456789' AS timestamp_ntz(9)))").value).toBe('timestamp_ntz(9)');
    expect(first(spark, "SELECT cast(cast('2020-01-01 00:00:00.123456789' AS timestamp_ntz(8)) AS string)").value).toBe('2020-01-01 00:00:00.12345678');
    expect(first(spark, "SELECT cast(cast('1960-01-01 00:00:00.000000001' AS timestamp_ntz(9)) AS string)").value).toBe('1960-01-01 00:00:00.000000001');
    expect(first(spark, "SELECT cast(cast('2020-01-01 00:00:00.123456789' AS timestamp_ltz(9)) AS timestamp)").value).toBe(1577836800123456n);
    expect(first(spark, "SELECT timestamp_ltz'2020-01-01 00:00:00.123456789'::timestamp_ntz(9)::timestamp_ltz(7)")).toMatchObject({
      type: 'timestamp_ltz(7)',
      value: 1577836800123456700n,
    });
    expect(first(spark, "SELECT typeof(timestamp_ntz'2020-01-01 00:00:00.1'::timestamp_ltz(6))").value).toBe('timestamp');
  });

  it('fails or nulls malformed nanosecond timestamps by mode', () => {
    const sql = "SELECT cast('a' AS timestamp_ntz(9)) IS NULL";
    if (ansi === 'true') expect(errorOf(() => spark.sql(sql).collect()).errorClass).toBe('CAST_INVALID_INPUT');
    else expect(first(spark, sql).value).toBe(true);
  });
});
