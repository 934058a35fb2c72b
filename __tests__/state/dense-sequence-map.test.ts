// DenseSequenceMap must behave exactly as a Map (values, sizes, iteration order) for the keys it
// accepts, refuse exactly the keys it cannot place as a Map would, and convert to a Map in order.
import { DenseSequenceMap } from '../../lib/state/dense-sequence-map';

function expectSame(m: DenseSequenceMap, model: Map<unknown, unknown>): void {
  expect(m.size).toBe(model.size);
  expect([...m.entries()]).toEqual([...model.entries()]);
  const seen: [unknown, unknown][] = [];
  m.forEach((v, k) => seen.push([k, v]));
  expect(seen).toEqual([...model.entries()]);
  expect([...m.toMap()]).toEqual([...model]);
}

function lcg(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65536) % n;
  };
}

test('ascending integer keys: removals (mostly the oldest), updates and lookups match a Map', () => {
  const m = new DenseSequenceMap();
  const model = new Map<unknown, unknown>();
  const random = lcg(3);
  let next = 0;
  for (let i = 0; i < 20_000; i++) {
    const op = random(10);
    if (op < 5) {
      expect(m.trySet(next, [i])).toBe(true);
      model.set(next++, [i]);
    } else if (op < 8) {
      if (model.size === 0) continue;
      const k = random(3) === 0 ? [...model.keys()][random(model.size)] : model.keys().next().value;
      expect(m.delete(k)).toBe(true);
      model.delete(k);
      expect(m.delete(k)).toBe(false);
    } else if (op < 9 && model.size > 0) {
      const k = [...model.keys()][random(model.size)];
      expect(m.trySet(k, 'updated')).toBe(true);
      model.set(k, 'updated');
    } else {
      const k = random(next + 3) - 1;
      expect(m.get(k)).toEqual(model.get(k));
      expect(m.has(k)).toBe(model.has(k));
    }
    if (i % 1000 === 0) expectSame(m, model);
  }
  expect(m.sparse).toBe(false);
  expectSame(m, model);
});

test('refuses, without changing anything, the keys a Map would place differently', () => {
  for (const key of [1, 3, 'k', 7.5, 10_000_000, -1, 2 ** 53]) {
    const m = new DenseSequenceMap();
    for (const k of [2, 3, 4, 6, 8]) m.trySet(k, k);
    m.delete(3);
    const before = [...m.entries()];
    expect({ key, accepted: m.trySet(key, 'x') }).toEqual({ key, accepted: false });
    expect([...m.entries()]).toEqual(before);
  }
  // A few missing keys are held as holes; numbers shared out among partitions are refused.
  const m = new DenseSequenceMap();
  m.trySet(0, 'a');
  expect(m.trySet(17, 'b')).toBe(true);
  expect(m.trySet(217, 'c')).toBe(false);
  expect([...m.entries()]).toEqual([[0, 'a'], [17, 'b']]);
});

test('undefined values, an emptied map, fractional and missing keys', () => {
  const m = new DenseSequenceMap();
  m.trySet(5, undefined);
  expect(m.has(5)).toBe(true);
  expect(m.get(5.5)).toBe(undefined);
  expect(m.has(5.5)).toBe(false);
  expect(m.delete(5.5)).toBe(false);
  expect(m.get('5')).toBe(undefined);
  m.delete(5);
  expect(m.size).toBe(0);
  // Empty: a later key starts afresh; an earlier one is refused (a Map would put it last anyway,
  // but a store must not see a removed key come back while dense).
  expect(m.trySet(4, 'b')).toBe(false);
  expect(m.trySet(9, 'a')).toBe(true);
  expect([...m.entries()]).toEqual([[9, 'a']]);
});

test('fromMap takes a Map of ascending integer keys, nothing else', () => {
  const fromKeys = (keys: unknown[]) => DenseSequenceMap.fromMap(new Map(keys.map((k) => [k, String(k)])));
  const dense = fromKeys([3, 4, 7, 9]);
  expect(dense && [...dense.entries()]).toEqual([[3, '3'], [4, '4'], [7, '7'], [9, '9']]);
  expect(fromKeys([])?.size).toBe(0);
  expect(fromKeys([3, 2])).toBeUndefined();
  expect(fromKeys(['a'])).toBeUndefined();
  expect(fromKeys([0, 200, 400])).toBeUndefined();
  // Rebuilt from the present keys only: the keys removed after the last one count as fresh again.
  const again = fromKeys([0, 1, 2])!;
  expect(again.trySet(3, 'x')).toBe(true);
});

test('holes held open by one long-lived early key make it sparse', () => {
  const m = new DenseSequenceMap();
  m.trySet(0, 'kept');
  let k = 1;
  while (!m.sparse) {
    m.trySet(k, k);
    m.delete(k);
    k++;
  }
  expect(k).toBeGreaterThan(4096);
  expect([...m.toMap()]).toEqual([[0, 'kept']]);
});
