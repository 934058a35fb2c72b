// SlidingWindows: the windows containing an event time, found with doubles while exact and with
// bigints beyond; both must give Spark's TimeWindowing windows (checked against a bigint reference).
import { SlidingWindows } from '../../lib/expressions/functions/sliding-windows';

/** Spark's TimeWindowing in bigints: every [start, end) containing t, earliest first. */
function reference(t: bigint, size: bigint, slide: bigint, start: bigint): [bigint, bigint][] {
  let rem = (t - start) % slide;
  if (rem < 0n) rem += slide;
  const lastStart = t - rem;
  const out: [bigint, bigint][] = [];
  for (let i = (size + slide - 1n) / slide - 1n; i >= 0n; i--) {
    const s = lastStart - i * slide;
    if (t < s + size) out.push([s, s + size]);
  }
  return out;
}

function found(w: SlidingWindows, t: bigint): [bigint, bigint][] {
  w.locate(t);
  return w.windows.slice(w.first).map(([s, e]) => [s, e]);
}

const LIMIT = 2n ** 53n;
const shapes: [size: bigint, slide: bigint, start: bigint][] = [
  [60_000_000n, 10_000_000n, 0n],
  [60_000_000n, 60_000_000n, 0n],
  // size not a multiple of slide: the earliest windows may not contain t
  [25_000_000n, 10_000_000n, 0n],
  [7n, 3n, 2n],
  [7n, 3n, -2n],
  [10n, 4n, -3n],
];
const times: bigint[] = [0n, 1n, -1n, 2n, -2n, 9n, -9n, 10n, -10n, 1_700_000_000_123_456n, -1_700_000_000_123_456n];
for (const edge of [LIMIT, -LIMIT]) for (let d = -120_000_001n; d <= 120_000_001n; d += 9_999_999n) times.push(edge + d);
for (const edge of [LIMIT, -LIMIT]) for (let d = -25n; d <= 25n; d++) times.push(edge + d);
times.push(2n ** 62n, -(2n ** 62n), 2n ** 63n - 1n, -(2n ** 63n));

test.each(shapes)('windows of size %s, slide %s, start %s match the bigint reference, around 0 and 2^53 and at the LONG limits', (size, slide, start) => {
  const w = new SlidingWindows(size, slide, start);
  // In order, then shuffled: the cache of the last window start must never leak between times.
  const shuffled = times.map((t, i) => [t, (i * 7919) % times.length] as const).sort((a, b) => a[1] - b[1]).map(([t]) => t);
  for (const t of [...times, ...shuffled]) expect([t, found(w, t)]).toEqual([t, reference(t, size, slide, start)]);
});

test('rows with the same last window start share the window structs', () => {
  const w = new SlidingWindows(60_000_000n, 10_000_000n, 0n);
  w.locate(1_700_000_000_100_000n);
  const first = w.windows;
  w.locate(1_700_000_000_900_000n);
  expect(w.windows).toBe(first);
  expect(w.windows).toHaveLength(6);
  w.locate(1_700_000_010_000_000n);
  expect(w.windows).not.toBe(first);
  expect(w.windows[0]).toEqual([1_699_999_960_000_000n, 1_700_000_020_000_000n]);
});

test('durations too large for doubles use bigints throughout', () => {
  const size = 2n ** 60n;
  const slide = 2n ** 59n + 1n;
  const w = new SlidingWindows(size, slide, 0n);
  for (const t of [0n, 5n, -5n, 2n ** 61n + 3n, -(2n ** 61n) - 3n]) expect(found(w, t)).toEqual(reference(t, size, slide, 0n));
});
