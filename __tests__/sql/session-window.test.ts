import { newSession } from '../support/session';

const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe('session_window in batch SQL (Spark SessionWindowing + MergingSessionsExec)', () => {
  const setup = () => {
    const spark = newSession();
    spark.sql(`CREATE TEMPORARY VIEW events AS SELECT * FROM VALUES
      ('u1', TIMESTAMP'2021-01-01 00:00:00'), ('u1', TIMESTAMP'2021-01-01 00:04:30'), ('u1', TIMESTAMP'2021-01-01 00:10:00'),
      ('u2', TIMESTAMP'2021-01-01 00:01:00'), ('u2', CAST(NULL AS TIMESTAMP)) AS t(user, ts)`);
    return spark;
  };

  test('sessions merge per key while the next event starts within the gap', () => {
    const spark = setup();
    const rows = spark.sql("SELECT user, session_window.start, session_window.end, count(*) AS n FROM events GROUP BY user, session_window(ts, '5 minutes') ORDER BY user, start").collectInternalRows();
    expect(rows).toEqual([
      ['u1', us('2021-01-01T00:00:00Z'), us('2021-01-01T00:09:30Z'), 2n],
      ['u1', us('2021-01-01T00:10:00Z'), us('2021-01-01T00:15:00Z'), 1n],
      ['u2', us('2021-01-01T00:01:00Z'), us('2021-01-01T00:06:00Z'), 1n],
    ]);
  });

  test('a session ending exactly where the next starts merges with it; a per-row gap works', () => {
    const spark = newSession();
    const rows = spark
      .sql(`SELECT session_window.start, session_window.end, count(*) FROM VALUES
        (TIMESTAMP'2021-01-01 00:00:00', '1 minute'), (TIMESTAMP'2021-01-01 00:01:00', '2 minutes'), (TIMESTAMP'2021-01-01 00:05:00', '1 minute')
        AS t(ts, gap) GROUP BY session_window(ts, gap) ORDER BY 1`)
      .collectInternalRows();
    expect(rows).toEqual([
      [us('2021-01-01T00:00:00Z'), us('2021-01-01T00:03:00Z'), 2n],
      [us('2021-01-01T00:05:00Z'), us('2021-01-01T00:06:00Z'), 1n],
    ]);
  });

  test('a non-positive gap drops every row; outside GROUP BY each row keeps its own session', () => {
    const spark = setup();
    expect(spark.sql("SELECT count(*) FROM events GROUP BY session_window(ts, '-5 minutes')").collectInternalRows()).toEqual([]);
    expect(spark.sql("SELECT count(*) FROM events WHERE session_window(ts, '5 minutes').start IS NOT NULL").collectInternalRows()).toEqual([[4n]]);
    const perRow = spark.sql("SELECT count(*) FROM events GROUP BY concat(cast(session_window(ts, '5 minutes').start AS string), user)").collectInternalRows();
    expect(perRow).toHaveLength(4);
  });

  test("Spark's errors: arity, two session windows, window_time next to the grouping", () => {
    const spark = setup();
    expect(() => spark.sql('SELECT count(*) FROM events GROUP BY session_window(ts)')).toThrow(expect.objectContaining({ errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' }));
    expect(() => spark.sql("SELECT count(*) FROM events GROUP BY session_window(ts, '5 minutes'), session_window(ts, '10 minutes')")).toThrow(expect.objectContaining({ errorClass: '_LEGACY_ERROR_TEMP_1039' }));
    expect(() => spark.sql("SELECT window_time(session_window), count(*) FROM events GROUP BY session_window(ts, '5 minutes')")).toThrow(expect.objectContaining({ errorClass: 'MISSING_AGGREGATION' }));
  });
});
