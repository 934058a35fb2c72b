// Datetime functions through spark.sql and the DataFrame API: fields, arithmetic, patterns,
// current time per query, ANSI errors vs legacy nulls, tumbling windows.
import type { StreamSession } from 'rivulet';
import * as F from '../../lib/functions';
import { SparkException } from '../../lib/errors/spark-exception';
import { newSession } from '../support/session';

let spark: StreamSession;

afterEach(() => spark?.stop());

/** [column name, value rendered as a string] of one expression. */
function one(expr: string, config: Record<string, string> = {}): [string, unknown] {
  spark = newSession(config);
  const df = spark.sql(`SELECT ${expr}`);
  const v = df.collect()[0][0];
  return [df.schema.fields[0].name, v];
}

function str(expr: string, config: Record<string, string> = {}): unknown {
  return one(`CAST(${expr} AS STRING)`, config)[1];
}

function errorOf(expr: string, config: Record<string, string> = {}): SparkException {
  try {
    one(expr, config);
  } catch (e) {
    return e as SparkException;
  }
  throw new Error(`expected ${expr} to fail`);
}

const LEGACY = { 'spark.sql.ansi.enabled': 'false' };

describe('field extraction', () => {
  test.each([
    ["year('2019-07-30')", 2019],
    ["quarter('2019-07-30')", 3],
    ["month('2019-07-30')", 7],
    ["day('2019-07-30')", 30],
    ["dayofweek('2009-07-30')", 5],
    ["weekday('2009-07-30')", 3],
    ["dayofyear('2016-04-09')", 100],
    ["weekofyear('2008-02-20')", 8],
    ["hour(timestamp'2009-07-30 12:58:59')", 12],
    ["minute('2009-07-30 12:58:59')", 58],
    ["second(timestamp_ntz'2009-07-30 12:58:59')", 59],
    ["extract(YEAR FROM date'2019-08-12')", 2019],
    ["date_part('doy', date'2019-08-12')", 224],
  ])('%s = %p', (expr, expected) => {
    expect(one(expr)[1]).toBe(expected);
  });

  test('hour reads LTZ timestamps in the session time zone', () => {
    expect(one("hour(timestamp'2020-01-01 00:00:00 UTC')", { 'spark.sql.session.timeZone': 'America/Los_Angeles' })[1]).toBe(16);
  });

  test('column names follow Spark', () => {
    expect(one("dayofweek('2007-02-03')")[0]).toBe('dayofweek(2007-02-03)');
    expect(one('extract(YEAR FROM date\'2019-08-12\')')[0]).toBe("extract(YEAR FROM DATE '2019-08-12')");
  });
});

describe('date arithmetic', () => {
  test.each([
    ["date_add('2011-11-11', 1)", '2011-11-12'],
    ["date_sub(date'2011-11-11', '1')", '2011-11-10'],
    ["add_months('2016-01-31', 1)", '2016-02-29'],
    ["last_day('2009-01-12')", '2009-01-31'],
    ["next_day('2015-07-23', 'Mon')", '2015-07-27'],
    ["trunc('2019-08-04', 'MM')", '2019-08-01'],
    ["date_trunc('HOUR', timestamp'2015-03-05 09:32:05.359')", '2015-03-05 09:00:00'],
    ["make_date(2019, 2, 28)", '2019-02-28'],
    ["date_from_unix_date(1)", '1970-01-02'],
    ["timestampadd(MONTH, 1, timestamp'2022-01-31 10:00:00')", '2022-02-28 10:00:00'],
  ])('%s = %s', (expr, expected) => {
    expect(str(expr)).toBe(expected);
  });

  test('datediff, months_between, timestampdiff', () => {
    expect(one("datediff('2009-07-31', '2009-07-30')")[1]).toBe(1);
    expect(one("months_between('1997-02-28 10:30:00', '1996-10-30')")[1]).toBe(3.94959677);
    expect(one("timestampdiff(MONTH, timestamp'2022-02-25 01:02:03', timestamp'2022-01-25 01:02:03')")[1]).toBe(-1);
    expect(one("unix_date(date'1970-01-02')")[1]).toBe(1);
  });

  test('date_add rejects BIGINT days; quoted units are DATETIME_UNIT errors', () => {
    expect(errorOf("date_add('2011-11-11', 1L)").errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(errorOf("dateadd('MICROSECOND', 1001, timestamp'2022-02-25 01:02:03.123')").errorClass).toBe('INVALID_PARAMETER_VALUE.DATETIME_UNIT');
    expect(errorOf("date_add('2011-11-11', '1.2')", LEGACY).errorClass).toBe('SECOND_FUNCTION_ARGUMENT_NOT_INTEGER');
  });

  test('timestampadd/timestampdiff take the unit as a keyword, never as a string', () => {
    expect(one("timestampadd(HOUR, 2, timestamp'2022-02-25 01:02:03')")[0]).toBe("timestampadd(HOUR, 2, TIMESTAMP '2022-02-25 01:02:03')");
    expect(errorOf("timestampadd('MONTH', -1, timestamp'2022-02-14 01:02:03')").errorClass).toBe('INVALID_PARAMETER_VALUE.DATETIME_UNIT');
    expect(errorOf("timestampdiff('YEAR', date'2022-02-15', date'2023-02-15')").errorClass).toBe('INVALID_PARAMETER_VALUE.DATETIME_UNIT');
  });

  test('cast functions are named after their argument', () => {
    expect(one("unix_date(date('1970-01-02'))")).toEqual(['unix_date(1970-01-02)', 1]);
    expect(one('timestamp_seconds(float(1.5))')[0]).toBe('timestamp_seconds(1.5)');
  });

  test('ANSI errors vs legacy nulls', () => {
    expect(errorOf('make_date(2000, 13, 1)').errorClass).toBe('DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION');
    expect(one('make_date(2000, 13, 1)', LEGACY)[1]).toBeNull();
    expect(errorOf("next_day('2015-07-23', 'xx')").errorClass).toBe('ILLEGAL_DAY_OF_WEEK');
    expect(one("next_day('2015-07-23', 'xx')", LEGACY)[1]).toBeNull();
  });
});

describe('timestamps and epochs', () => {
  test.each([
    ['timestamp_seconds(1230219000)', '2008-12-25 15:30:00'],
    ['timestamp_millis(1230219000123)', '2008-12-25 15:30:00.123'],
    ['timestamp_micros(1230219000123123)', '2008-12-25 15:30:00.123123'],
    ['make_timestamp(2014, 12, 28, 6, 30, 45.887)', '2014-12-28 06:30:45.887'],
    ["make_timestamp(2014, 12, 28, 6, 30, 45.887, 'CET')", '2014-12-28 05:30:45.887'],
    ["from_utc_timestamp('2016-08-31', 'Asia/Seoul')", '2016-08-31 09:00:00'],
    ["to_utc_timestamp('2016-08-31', 'Asia/Seoul')", '2016-08-30 15:00:00'],
  ])('%s = %s', (expr, expected) => {
    expect(str(expr)).toBe(expected);
  });

  test('unix_* and overflow', () => {
    expect(one("unix_seconds(timestamp'1970-01-01 00:00:01Z')")[1]).toBe(1);
    expect(one("unix_millis(timestamp'1970-01-01 00:00:01.123Z')")[1]).toBe(1123);
    expect(errorOf('timestamp_seconds(1230219000123123)').errorClass).toBe('DATETIME_OVERFLOW');
  });
});

describe('datetime patterns', () => {
  test.each([
    ["date_format(timestamp'2016-04-08 13:04:05.123', 'yyyy-MM-dd HH:mm:ss.SSS')", '2016-04-08 13:04:05.123'],
    ["date_format(date'2016-04-08', 'EEE, d MMM yyyy')", 'Fri, 8 Apr 2016'],
    ["date_format(timestamp'2016-04-08 13:04:05', 'hh:mm a')", '01:04 PM'],
    ["date_format(timestamp'2016-04-08 13:04:05', 'XXX')", 'Z'],
    ["from_unixtime(0, 'yyyy-MM-dd HH:mm:ss')", '1970-01-01 00:00:00'],
  ])('%s = %s', (expr, expected) => {
    expect(one(expr)[1]).toBe(expected);
  });

  test.each([
    ["to_timestamp('2016-12-31 00:12:00')", '2016-12-31 00:12:00'],
    ["to_timestamp('2019-10-06 10:11:12.12', 'yyyy-MM-dd HH:mm:ss.SSSSSS[zzz]')", '2019-10-06 10:11:12.12'],
    ["to_timestamp('2019-10-06 10:11', 'yyyy-MM-dd HH:mm[:ss.SSSSSS]')", '2019-10-06 10:11:00'],
    ["to_timestamp('20191006101112', 'yyyyMMddHHmmss')", '2019-10-06 10:11:12'],
    ["to_timestamp('2019-10-06 10:11:12+02:00', 'yyyy-MM-dd HH:mm:ssXXX')", '2019-10-06 08:11:12'],
    ["to_date('2016-12-31', 'yyyy-MM-dd')", '2016-12-31'],
    ["to_date('16', 'dd')", '1970-01-16'],
  ])('%s = %s', (expr, expected) => {
    expect(str(expr)).toBe(expected);
  });

  test('unix_timestamp parses with the default pattern', () => {
    expect(one("unix_timestamp('1970-01-01 00:00:10')")[1]).toBe(10);
  });

  test('unparseable text: CANNOT_PARSE_TIMESTAMP in ANSI, null in legacy and try_', () => {
    expect(errorOf("to_timestamp('2019-10-06 10:11:12.', 'yyyy-MM-dd HH:mm:ss.SSSSSS')").errorClass).toBe('CANNOT_PARSE_TIMESTAMP');
    expect(errorOf("to_date('02-29', 'MM-dd')").errorClass).toBe('CANNOT_PARSE_TIMESTAMP');
    expect(one("to_timestamp('xx', 'yyyy')", LEGACY)[1]).toBeNull();
    expect(one("try_to_timestamp('xx', 'yyyy')")[1]).toBeNull();
  });

  test('patterns Spark cannot recognise', () => {
    expect(errorOf("to_timestamp('22 05 2020 Friday', 'dd MM yyyy EEEEEE')").errorClass).toBe('INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION');
    expect(errorOf("date_format(date'2020-01-01', 'YYYY')").errorClass).toBe('INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN');
  });
});

describe('current time', () => {
  test('current_timestamp is one value per query, with or without parentheses', () => {
    expect(one('current_timestamp = current_timestamp()')[1]).toBe(true);
    expect(one('current_date = current_date()')[1]).toBe(true);
    expect(one('current_date')[0]).toBe('current_date()');
  });

  test('current_date is close to now', () => {
    const days = one('unix_date(current_date())')[1] as number;
    expect(Math.abs(days - Math.floor(Date.now() / 86_400_000))).toBeLessThanOrEqual(1);
  });
});

describe('window', () => {
  test('tumbling windows group rows', () => {
    spark = newSession();
    const rows = spark
      .sql(
        "SELECT CAST(w.start AS STRING), CAST(w.end AS STRING), count(*) FROM (SELECT window(ts, '5 minutes') AS w FROM VALUES (timestamp'2021-01-01 00:00:00'), (timestamp'2021-01-01 00:04:30'), (timestamp'2021-01-01 00:06:00') AS t(ts)) GROUP BY w ORDER BY 1",
      )
      .collect()
      .map((r) => [r[0], r[1], r[2]]);
    expect(rows).toEqual([
      ['2021-01-01 00:00:00', '2021-01-01 00:05:00', 2],
      ['2021-01-01 00:05:00', '2021-01-01 00:10:00', 1],
    ]);
  });

  test('sliding windows in SQL: one row per overlapping window, GROUP BY window and window.start meet', () => {
    spark = newSession();
    const rows = spark
      .sql(
        "SELECT CAST(window.start AS STRING) AS s, count(*) AS c FROM VALUES (timestamp'2021-01-01 00:04:30'), (CAST(NULL AS TIMESTAMP)) AS t(ts) GROUP BY window(ts, '10 minutes', '5 minutes') ORDER BY s",
      )
      .collect()
      .map((r) => [r[0], r[1]]);
    expect(rows).toEqual([
      ['2020-12-31 23:55:00', 1],
      ['2021-01-01 00:00:00', 1],
    ]);
  });

  test('sliding windows whose size is not a multiple of the slide: a row is only in the windows that contain it (as Spark 4.2)', () => {
    spark = newSession();
    // Rows share their last window start in pairs, so the shared window structs are reused; each
    // row still lands only in windows that contain it.
    const rows = spark
      .sql(
        "SELECT CAST(window.start AS STRING) AS s, CAST(window.end AS STRING) AS e, count(*) AS c FROM VALUES (timestamp'2021-01-01 00:00:01'), (timestamp'2021-01-01 00:00:02'), (timestamp'2021-01-01 00:00:07'), (timestamp'2021-01-01 00:00:09.5'), (timestamp'2021-01-01 00:00:03') AS t(ts) GROUP BY window(ts, '10 seconds', '4 seconds') ORDER BY s",
      )
      .collect()
      .map((r) => [r[0], r[1], r[2]]);
    expect(rows).toEqual([
      ['2020-12-31 23:59:52', '2021-01-01 00:00:02', 1],
      ['2020-12-31 23:59:56', '2021-01-01 00:00:06', 3],
      ['2021-01-01 00:00:00', '2021-01-01 00:00:10', 5],
      ['2021-01-01 00:00:04', '2021-01-01 00:00:14', 2],
      ['2021-01-01 00:00:08', '2021-01-01 00:00:18', 1],
    ]);
  });

  test('a window of windows groups by the outer window (inner window_time as the time)', () => {
    spark = newSession();
    const rows = spark
      .sql(
        "SELECT CAST(window(window(ts, '1 minute'), '5 minutes').start AS STRING) AS s, count(*) FROM VALUES (timestamp'2021-01-01 00:04:30'), (timestamp'2021-01-01 00:06:00') AS t(ts) GROUP BY window(window(ts, '1 minute'), '5 minutes') ORDER BY s",
      )
      .collect()
      .map((r) => [r[0], r[1]]);
    expect(rows).toEqual([
      ['2021-01-01 00:00:00', 1],
      ['2021-01-01 00:05:00', 1],
    ]);
  });

  test('window errors', () => {
    expect(errorOf("window(timestamp'2021-01-01 00:00:00', '10 minutes', '20 minutes')").errorClass).toBe('DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION');
    expect(errorOf("window_time(named_struct('start', timestamp'2021-01-01 00:00:00', 'end', timestamp'2021-01-01 00:00:00'))").errorClass).toBe('_LEGACY_ERROR_TEMP_3101');
  });

  test('window_time is the end minus one microsecond', () => {
    expect(str("window_time(window(timestamp'2021-01-01 00:01:00', '5 minutes'))")).toBe('2021-01-01 00:04:59.999999');
  });
});

describe('DataFrame API', () => {
  test('pyspark-style wrappers', () => {
    spark = newSession();
    const df = spark.createDataFrame([{ d: '2015-04-08 13:08:15' }], 'd STRING');
    const row = df
      .select(
        F.year('d'),
        F.date_format(F.to_timestamp('d'), 'MM/dd/yyyy'),
        F.date_add('d', 2).cast('string'),
        F.unix_timestamp('d'),
        F.to_date(F.col('d'), 'yyyy-MM-dd HH:mm:ss').cast('string'),
        F.dayofweek('d'),
      )
      .collect()[0];
    expect([row[0], row[1], row[2], row[3], row[4], row[5]]).toEqual([2015, '04/08/2015', '2015-04-10', 1428498495, '2015-04-08', 4]);
  });
});

describe('streaming', () => {
  test('windowed counts over a MemoryStream (sliding windows via the DataFrame API)', async () => {
    const { MemoryStream } = await import('rivulet/testing');
    const { StructType, StructField, TimestampType, IntegerType } = await import('rivulet/types');
    spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
    const input = new MemoryStream(StructType([StructField('ts', TimestampType(), true), StructField('v', IntegerType(), true)]), spark);
    const q = input
      .toDF()
      .groupBy(F.window('ts', '10 minutes', '5 minutes'))
      .count()
      .select(F.col('window.start').cast('string').alias('start'), F.col('count'))
      .writeStream.format('memory')
      .queryName('windowed')
      .outputMode('complete')
      .start();
    const at = (s: string) => new Date(`${s}Z`);
    input.addData({ ts: at('2021-01-01T00:04:30'), v: 1 }, { ts: at('2021-01-01T00:06:00'), v: 2 });
    await q.processAllAvailable();
    await q.stop();
    const rows = spark.table('windowed').collect().map((r) => [r[0], r[1]]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(rows).toEqual([
      ['2020-12-31 23:55:00', 1],
      ['2021-01-01 00:00:00', 2],
      ['2021-01-01 00:05:00', 1],
    ]);
  });
});
