// EventTimeBuckets: a streaming aggregation's groups by event time. Event times are numbers while
// exact and bigints beyond 2^53 micros; windows with the same end but another start are distinct.
import { canonicalTime, EventTimeBuckets, isAtOrBelow, restKeyFunction } from '../../lib/execution/event-time-buckets';

test('event times are numbers while exact, bigints beyond 2^53, null for null', () => {
  expect(canonicalTime(1_700_000_000_000_000n)).toBe(1_700_000_000_000_000);
  expect(canonicalTime(-5n)).toBe(-5);
  expect(canonicalTime(2n ** 53n - 1n)).toBe(2 ** 53 - 1);
  expect(canonicalTime(2n ** 53n)).toBe(2n ** 53n);
  expect(canonicalTime(2n ** 53n + 1n)).toBe(2n ** 53n + 1n);
  expect(canonicalTime(null)).toBeNull();
  // Beyond 2^53 the comparison with the watermark stays exact.
  expect(isAtOrBelow(2n ** 53n + 1n, 2 ** 53)).toBe(false);
  expect(isAtOrBelow(2n ** 53n, 2 ** 53)).toBe(true);
  expect(isAtOrBelow(null, Number.MAX_SAFE_INTEGER)).toBe(false);
});

test('window structs find their bucket by value, shared or not; another start is another bucket', () => {
  const buckets = new EventTimeBuckets<number>(true);
  const w1 = [0n, 10n];
  const a = buckets.bucketOf(w1);
  expect(buckets.bucketOf(w1)).toBe(a);
  // A different struct object of the same window (the generator rebuilt its cache).
  expect(buckets.bucketOf([0n, 10n])).toBe(a);
  const other = buckets.bucketOf([5n, 10n]);
  expect(other).not.toBe(a);
  expect(other.time).toBe(10);
  expect(other.start).toBe(5);
  expect(buckets.bucketOf([5n, 10n])).toBe(other);
  expect(buckets.byTime.size).toBe(1);
  // More structs than the identity cache holds still resolve to their buckets.
  const many = Array.from({ length: 40 }, (_, i) => [BigInt(i * 10), BigInt(i * 10 + 10)]);
  const first = many.map((w) => buckets.bucketOf(w));
  expect(many.map((w) => buckets.bucketOf([w[0], w[1]]))).toEqual(first);
  expect(first[0]).toBe(a);
});

test('timestamps bucket by value, null included', () => {
  const buckets = new EventTimeBuckets<number>(false);
  const t = buckets.bucketOf(1_000_000n);
  expect(buckets.bucketOf(1_000_000n)).toBe(t);
  expect(t.time).toBe(1_000_000);
  const big = buckets.bucketOf(2n ** 60n);
  expect(big.time).toBe(2n ** 60n);
  expect(buckets.bucketOf(2n ** 60n + 1n)).not.toBe(big);
  const none = buckets.bucketOf(null);
  expect(none.time).toBeNull();
  expect(buckets.bucketOf(null)).toBe(none);
});

test('the key within a bucket leaves out the event time', () => {
  const one = restKeyFunction({ index: 0, isWindow: true, width: 2 });
  expect(one([0, [1n, 2n], 7], 1)).toBe(7);
  const none = restKeyFunction({ index: 0, isWindow: false, width: 1 });
  expect(none([0, 5n], 1)).toBe('');
  const two = restKeyFunction({ index: 1, isWindow: true, width: 3 });
  expect(two(['a', [1n, 2n], 1], 0)).not.toBe(two(['a', [1n, 2n], 2], 0));
  expect(two(['a', [1n, 2n], 1], 0)).toBe(two(['a', [3n, 4n], 1], 0));
  // An array value keys by content.
  const arr = restKeyFunction({ index: 1, isWindow: false, width: 2 });
  expect(arr([[1, 2], 5n], 0)).toBe(arr([[1, 2], 6n], 0));
});
