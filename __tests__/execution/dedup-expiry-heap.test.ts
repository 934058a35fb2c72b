// The dedup operator's heap of state keys by expiry time: eviction pops exactly the keys at or
// below the watermark, earliest first, with their partitions.
import { DedupExpiryHeap } from '../../lib/execution/dedup-expiry-heap';

describe('DedupExpiryHeap', () => {
  test('pops the due entries earliest first and keeps the rest', () => {
    const heap = new DedupExpiryHeap();
    const times = [50, 10, 40, 10, 30, 20, 60, 5];
    times.forEach((t, i) => heap.push(t, i % 3, `k${i}`));
    const popped: [number, unknown][] = [];
    expect(heap.popDue(30, (p, k) => popped.push([p, k]))).toBe(5);
    // Equal times (10) may come in either order: compare times, then the set of keys.
    expect(popped.map(([, k]) => times[Number((k as string).slice(1))])).toEqual([5, 10, 10, 20, 30]);
    expect(new Set(popped.map(([, k]) => k))).toEqual(new Set(['k7', 'k1', 'k3', 'k5', 'k4']));
    expect(popped.find(([, k]) => k === 'k4')![0]).toBe(4 % 3);
    expect(heap.size).toBe(3);
    expect(heap.popDue(30, () => undefined)).toBe(0);
    const rest: unknown[] = [];
    heap.popDue(Number.MAX_SAFE_INTEGER, (_, k) => rest.push(k));
    expect(rest).toEqual(['k2', 'k0', 'k6']);
  });

  test('bigint times beyond 2^53 order with number times', () => {
    const heap = new DedupExpiryHeap();
    heap.push(2n ** 60n, 0, 'big');
    heap.push(7, 0, 'small');
    heap.push(-(2n ** 60n), 0, 'negative');
    const popped: unknown[] = [];
    heap.popDue(100, (_, k) => popped.push(k));
    expect(popped).toEqual(['negative', 'small']);
    expect(heap.size).toBe(1);
  });
});
