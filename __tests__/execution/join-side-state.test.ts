// One side of a stream-stream join in one partition (join-side-state.ts): one store record per
// kept row, an index by join key and eviction by event time without scanning; and the join
// condition compiled over a [left, right] pair of rows.
import { InMemoryStateStoreProvider } from '../../lib/state/in-memory-state-store-provider';
import { JoinSideState, NULL_JOIN_KEY, type JoinSideShape } from '../../lib/execution/join-side-state';
import { compileOverTwoRows } from '../../lib/expressions/compiler';
import { attribute, type Expression } from '../../lib/expressions/expression';
import type { CompileContext, ScalarFunction } from '../../lib/expressions/function-definition';
import { createBuiltinRegistry } from '../../lib/expressions/builtin-functions';
import { literal } from '../../lib/expressions/literal';
import { DataTypes } from '../../lib/types/data-types';

/** Rows [key, time in micros]; the matched flag follows at index 2. */
const shape: JoinSideShape = {
  width: 2,
  keyOf: (v) => (v[0] === null ? NULL_JOIN_KEY : v[0]),
  timeOf: (v) => v[1] as bigint | null,
};

function value(key: string | null, time: bigint | null, matched = false): unknown[] {
  return [key, time, matched];
}

function keep(state: JoinSideState, store: ReturnType<InMemoryStateStoreProvider['getStore']>, v: unknown[]): void {
  state.add(store, v, shape.keyOf(v), state.timeOf(v));
}

describe('JoinSideState', () => {
  test('keeps one store record per row and evicts the rows at or before the limit, earliest first, ties in arrival order', () => {
    const provider = new InMemoryStateStoreProvider();
    const store = provider.getStore(0, 0, 0);
    const state = JoinSideState.load(store, shape);
    keep(state, store, value('a', 30n));
    keep(state, store, value('b', 10n));
    keep(state, store, value('a', 10n));
    keep(state, store, value(null, 5n));
    keep(state, store, value('c', null));
    keep(state, store, value('b', 40n));
    expect([...store.iterator()].map(([k, v]) => [k, (v as unknown[])[0]])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'a'],
      [3, null],
      [4, 'c'],
      [5, 'b'],
    ]);
    expect(state.rowsOf('a').map((seq) => state.valueOf(store, seq)[1])).toEqual([30n, 10n]);
    expect(state.byKey.has(NULL_JOIN_KEY)).toBe(false);

    const evicted: unknown[][] = [];
    expect(state.evict(store, 30n, evicted)).toBe(4);
    // By time, then arrival: the null-key row (5), b (10, arrived first), a (10), a (30).
    expect(evicted.map((v) => `${v[0]}@${v[1]}`)).toEqual(['null@5', 'b@10', 'a@10', 'a@30']);
    expect([...store.iterator()].map(([k]) => k)).toEqual([4, 5]);
    expect(state.byKey.has('a')).toBe(false);
    expect(state.rowsOf('b')).toEqual([5]);
    expect(state.size).toBe(2);
    // A row without a time stays whatever the limit.
    evicted.length = 0;
    expect(state.evict(store, 1_000n, evicted)).toBe(1);
    expect(evicted.map((v) => v[0])).toEqual(['b']);
    expect([...store.iterator()].map(([k]) => k)).toEqual([4]);
  });

  test('a reloaded state continues the sequence and evicts in the same order', () => {
    const provider = new InMemoryStateStoreProvider();
    let store = provider.getStore(0, 0, 0);
    const first = JoinSideState.load(store, shape);
    for (const v of [value('a', 20n), value('b', 10n), value('a', 10n)]) keep(first, store, v);
    store.commit();
    store = provider.getStore(0, 0, 1);
    const state = JoinSideState.load(store, shape);
    expect(state.version).toBe(1);
    expect(state.size).toBe(3);
    keep(state, store, value('c', 10n));
    expect([...store.iterator()].map(([k]) => k)).toEqual([0, 1, 2, 3]);
    const evicted: unknown[][] = [];
    state.evict(store, 20n, evicted);
    expect(evicted.map((v) => `${v[0]}@${v[1]}`)).toEqual(['b@10', 'a@10', 'c@10', 'a@20']);
  });

  test('a store of the earlier layout (a list of [row, matched] per join key) is rewritten as records per row', () => {
    const provider = new InMemoryStateStoreProvider();
    let store = provider.getStore(0, 0, 0);
    store.put('s1:a', [
      [['a', 10n], true],
      [['a', 30n], false],
    ]);
    store.put('!null', [[[null, 20n], false]]);
    store.put('s1:b', [[['b', 5n], false]]);
    store.commit();
    store = provider.getStore(0, 0, 1);
    const state = JoinSideState.load(store, shape);
    expect([...store.iterator()]).toEqual([
      [0, ['a', 10n, true]],
      [1, ['a', 30n, false]],
      [2, [null, 20n, false]],
      [3, ['b', 5n, false]],
    ]);
    expect(state.size).toBe(4);
    expect(state.rowsOf('a').map((seq) => state.valueOf(store, seq)[2])).toEqual([true, false]);
    const evicted: unknown[][] = [];
    state.evict(store, 100n, evicted);
    expect(evicted.map((v) => `${v[0]}@${v[1]}/${v[2]}`)).toEqual(['b@5/false', 'a@10/true', 'null@20/false', 'a@30/false']);
  });

  test('beyond 2^53 microseconds a time equal to the limit as a double is compared exactly', () => {
    const provider = new InMemoryStateStoreProvider();
    const store = provider.getStore(0, 0, 0);
    const state = JoinSideState.load(store, shape);
    const big = 2n ** 60n;
    // big + 1 and big + 64 round to the same double as big; only big + 1 is at or before the limit.
    keep(state, store, value('x', big + 64n));
    keep(state, store, value('y', big + 1n));
    keep(state, store, value('z', big - 4096n));
    expect(Number(big + 64n)).toBe(Number(big + 1n));
    const evicted: unknown[][] = [];
    expect(state.evict(store, big + 1n, evicted)).toBe(2);
    expect(evicted.map((v) => v[0])).toEqual(['z', 'y']);
    expect(state.byKey.has('x')).toBe(true);
    expect(state.evict(store, big + 64n, evicted)).toBe(1);
  });

  test('setting the matched flag copies the value when the store restores values by reference on abort', () => {
    const provider = new InMemoryStateStoreProvider();
    let store = provider.getStore(0, 0, 0);
    const state = JoinSideState.load(store, shape);
    keep(state, store, value('a', 10n));
    store.commit();
    store = provider.getStore(0, 0, 1);
    const [seq] = state.rowsOf('a');
    const before = state.valueOf(store, seq);
    expect(state.setMatched(store, seq)).toEqual(['a', 10n, true]);
    expect(state.valueOf(store, seq)).toEqual(['a', 10n, true]);
    expect(before).toEqual(['a', 10n, false]);
    store.abort();
    expect(provider.getStore(0, 0, 1).get(0)).toEqual(['a', 10n, false]);
  });
});

describe('compileOverTwoRows', () => {
  test('reads each column from its own side of a [left, right] pair', () => {
    const registry = createBuiltinRegistry();
    const call = (name: string, args: Expression[], dataType = DataTypes.BooleanType): Expression => ({ kind: 'scalarCall', fn: registry.lookup(name) as ScalarFunction, args, dataType, nullable: true });
    const ctx = { ansiEnabled: true, timeZone: 'UTC' } as CompileContext;
    const l = attribute('lt', DataTypes.LongType);
    const r = attribute('rt', DataTypes.LongType);
    // rt >= lt AND rt <= lt + 10, with the left row wider than the column read.
    const condition = call('and', [call('>=', [r, l]), call('<=', [r, call('+', [l, literal(10n, DataTypes.LongType)], DataTypes.LongType)])]);
    const within = compileOverTwoRows(condition, [attribute('other', DataTypes.StringType), l], [r], ctx);
    expect(within([['x', 100n], [105n]])).toBe(true);
    expect(within([['x', 100n], [111n]])).toBe(false);
    expect(within([['x', 100n], [null]])).toBe(null);
  });
});
