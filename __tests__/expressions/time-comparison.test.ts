// Comparisons of timestamps shifted by day-time intervals (a join's time-range condition) are
// evaluated on doubles while exact; the results must be those of exact BigInt arithmetic, at the
// microsecond, for nulls, and beyond 2^53 micros (after the year 2255) where doubles are not exact.
import type { StreamSession } from 'rivulet';
import { newSession } from '../support/session';

let spark: StreamSession;

afterEach(() => spark?.stop());

const SECOND = 1_000_000n;
const DAY = 86_400n * SECOND;
/** 2400-01-01 in micros: beyond 2^53, where neighbouring micros share one double. */
const Y2400 = 13_569_465_600_000_000n;
const Y2024 = 1_704_067_200_000_000n;

/** Pairs (a, b) of micros around the edges of a 20 s range, in 2024 and in 2400, and nulls. */
function pairs(): [bigint | null, bigint | null][] {
  const out: [bigint | null, bigint | null][] = [];
  for (const a of [Y2024, Y2400, -Y2024]) {
    for (const d of [-1n, 0n, 1n, 20n * SECOND - 1n, 20n * SECOND, 20n * SECOND + 1n, DAY + 2n]) out.push([a, a + d]);
  }
  out.push([null, Y2024], [Y2024, null]);
  return out;
}

type Check = [string, (a: bigint, b: bigint) => boolean];

const CHECKS: Check[] = [
  ['b <= a + INTERVAL 20 SECONDS', (a, b) => b <= a + 20n * SECOND],
  ['b >= a - INTERVAL 1 MICROSECOND', (a, b) => b >= a - 1n],
  ['INTERVAL 20 SECONDS + a > b', (a, b) => a + 20n * SECOND > b],
  ['a + INTERVAL 1 DAY < b + INTERVAL \'0 00:00:00.000001\' DAY TO SECOND', (a, b) => a + DAY < b + 1n],
  ['b - INTERVAL 20 SECONDS >= a', (a, b) => b - 20n * SECOND >= a],
];

test.each(['TIMESTAMP', 'TIMESTAMP_NTZ'])('shifted %s comparisons agree with exact arithmetic, nulls included', (type) => {
  spark = newSession({ 'spark.sql.session.timeZone': 'UTC' });
  const input = pairs();
  const df = spark
    .createDataFrame(
      input.map(([a, b]) => [a, b]),
      'a BIGINT, b BIGINT',
    )
    .selectExpr(`CAST(timestamp_micros(a) AS ${type}) AS a`, `CAST(timestamp_micros(b) AS ${type}) AS b`)
    .selectExpr(...CHECKS.map(([e], i) => `${e} AS c${i}`));
  const rows = df.collect();
  rows.forEach((row, r) => {
    const [a, b] = input[r];
    CHECKS.forEach(([e, exact], i) => {
      const expected = a === null || b === null ? null : exact(a, b);
      expect({ e, a, b, got: row[i] }).toEqual({ e, a, b, got: expected });
    });
  });
});

test('an overflowing shift is still an error under ANSI and null without it', () => {
  spark = newSession({ 'spark.sql.session.timeZone': 'UTC' });
  const df = (ansi: string) => {
    spark.conf.set('spark.sql.ansi.enabled', ansi);
    return spark.sql("SELECT TIMESTAMP '9999-12-31 00:00:00' + INTERVAL 106751990 DAYS <= TIMESTAMP '2024-01-01 00:00:00' AS x");
  };
  expect(() => df('true').collect()).toThrow(/overflow/i);
  expect(df('false').collect()[0][0]).toBe(null);
});
