// AdaptiveStateMap must behave exactly as a Map (values, sizes, iteration order), whether its
// entries are still dense or have turned into a Map.
import { AdaptiveStateMap } from '../../lib/state/adaptive-state-map';

function expectSame(m: AdaptiveStateMap, model: Map<unknown, unknown>): void {
  expect(m.size).toBe(model.size);
  expect([...m.entries()]).toEqual([...model.entries()]);
  const seen: [unknown, unknown][] = [];
  m.forEach((v, k) => seen.push([k, v]));
  expect(seen).toEqual([...model.entries()]);
}

function lcg(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65536) % n;
  };
}

test('ascending integer keys stay dense through removals, updates and a long run of evictions', () => {
  const m = new AdaptiveStateMap();
  const model = new Map<unknown, unknown>();
  const random = lcg(3);
  let next = 0;
  for (let i = 0; i < 20_000; i++) {
    const op = random(10);
    if (op < 5) {
      m.set(next, [i]);
      model.set(next++, [i]);
    } else if (op < 8) {
      // Oldest first mostly (eviction by time), sometimes any key.
      if (model.size === 0) continue;
      const k = random(3) === 0 ? [...model.keys()][random(model.size)] : model.keys().next().value;
      expect(m.delete(k)).toBe(true);
      model.delete(k);
      expect(m.delete(k)).toBe(false);
    } else if (op < 9 && model.size > 0) {
      const keys = [...model.keys()];
      const k = keys[random(keys.length)];
      m.set(k, 'updated');
      model.set(k, 'updated');
    } else {
      const k = random(next + 3) - 1;
      expect(m.get(k)).toEqual(model.get(k));
      expect(m.has(k)).toBe(model.has(k));
    }
    if (i % 1000 === 0) expectSame(m, model);
  }
  expect(m.dense).toBe(true);
  expectSame(m, model);
});

test('a key out of order, a removed key put again, a non-integer key or a far gap turn it into a Map in the same order', () => {
  const cases: [string, (m: Map<unknown, unknown> | AdaptiveStateMap) => void][] = [
    ['lower absent key', (m) => m.set(1, 'x')],
    ['removed key again', (m) => m.set(3, 'again')],
    ['string key', (m) => m.set('k', 's')],
    ['fractional key', (m) => m.set(7.5, 'f')],
    ['far key', (m) => m.set(10_000_000, 'far')],
    ['negative key', (m) => m.set(-1, 'neg')],
  ];
  for (const [name, change] of cases) {
    const m = new AdaptiveStateMap();
    const model = new Map<unknown, unknown>();
    for (const k of [2, 3, 4, 6, 8]) {
      m.set(k, k);
      model.set(k, k);
    }
    m.delete(3);
    model.delete(3);
    change(m);
    change(model);
    expect(m.dense).toBe(false);
    expectSame(m, model);
    // Still a Map afterwards.
    m.set(9, 9);
    model.set(9, 9);
    m.delete(2);
    model.delete(2);
    expect({ name, entries: [...m.entries()] }).toEqual({ name, entries: [...model.entries()] });
    expect(m.get(undefined)).toBe(undefined);
  }
});

test('undefined values, an emptied map and clear() behave as a Map', () => {
  const m = new AdaptiveStateMap();
  m.set(5, undefined);
  expect(m.has(5)).toBe(true);
  expect(m.size).toBe(1);
  m.delete(5);
  expect(m.size).toBe(0);
  // Empty: a later key starts afresh and stays dense.
  m.set(9, 'a');
  expect(m.dense).toBe(true);
  expect([...m.entries()]).toEqual([[9, 'a']]);
  m.clear();
  m.set(0, 'b');
  expect([...m.entries()]).toEqual([[0, 'b']]);
  expect(m.dense).toBe(true);
});

test('holes held open by one long-lived early key end the dense layout before they pile up', () => {
  const m = new AdaptiveStateMap();
  m.set(0, 'kept');
  for (let k = 1; k < 100_000; k++) {
    m.set(k, k);
    m.delete(k);
  }
  expect(m.dense).toBe(false);
  expect([...m.entries()]).toEqual([[0, 'kept']]);
});

test('trimRemovedTail lets the removed keys after the last present one be put again while dense', () => {
  const m = new AdaptiveStateMap();
  for (let k = 0; k < 10; k++) m.set(k, k);
  m.delete(8);
  m.delete(9);
  m.delete(3);
  m.trimRemovedTail();
  m.set(8, 'again');
  expect(m.dense).toBe(true);
  expect([...m.entries()].map(([k]) => k)).toEqual([0, 1, 2, 4, 5, 6, 7, 8]);
  // A hole before the last present key is still a removed key: putting it again leaves the dense layout.
  m.trimRemovedTail();
  m.set(3, 'back');
  expect(m.dense).toBe(false);
  expect([...m.entries()].map(([k]) => k)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 3]);
});
