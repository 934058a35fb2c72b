// One side of a stream-stream join in one shuffle partition: the rows it keeps, as the state store
// holds them and as the operator reads them.
//
// In the store every kept row is its own record (as Spark's keyWithIndexToValue): key = a sequence
// number, value = the row's columns followed by its `matched` flag. A batch then writes only the
// rows it added, the flags it set and the rows it evicted, not whole per-key lists.
//
// Beside the store, kept across batches while the store's version follows this operator's own
// commits (rebuilt from the store after a restart or a failed batch):
//   - the kept values by sequence number (unless the store's own map has them: valuesInMemory);
//   - an index from join key to the key's sequence numbers in arrival order (the probe reads one
//     list; a key with one row holds its number alone), keyed by the key value itself when it is
//     a single primitive;
//   - a min-heap of the rows by event time (a double; ties in arrival order) with their join keys,
//     so eviction pops the expired rows instead of scanning the state, and finds their index
//     entries without reading the rows.
// Rows are numbers in these structures, not objects: every object kept per row is copied by each
// young-generation GC it lives through, and a join keeps every row it reads for a while.
import { putUpdatedInPlace, type StateStore } from '../state/state-store';
import { int64ToDouble } from '../util/int64-to-double';

/** Join key of rows whose (not null-safe) key is null: they never match; outer rows still wait. */
export const NULL_JOIN_KEY: unique symbol = Symbol('null join key');

export interface JoinSideShape {
  /** Columns of the side's rows; the `matched` flag follows them in the store value. */
  width: number;
  /** The join key of a stored value (NULL_JOIN_KEY when it can never match). */
  keyOf(value: readonly unknown[]): unknown;
  /** The time eviction compares (micros), or undefined when this side is never evicted. */
  timeOf: ((value: readonly unknown[]) => bigint | null) | undefined;
}

export class JoinSideState {
  /** Join key -> the key's row (its sequence number), or its rows in arrival order when several. */
  readonly byKey = new Map<unknown, number | number[]>();
  /**
   * Sequence number -> the stored value (columns, then `matched`); undefined when the store keeps
   * its values in memory, where they are read instead of a second map of the same rows.
   */
  private readonly values: Map<number, unknown[]> | undefined;
  /** The heap by (time, seq): times (micros as doubles) beside the rows' sequence numbers. */
  private readonly heapTime: number[] = [];
  private readonly heapSeq: number[] = [];
  /** The rows' join keys, beside them in the heap: eviction finds a row's index entry without reading the row. */
  private readonly heapKey: unknown[] = [];
  /** The join key of the row pop() returned last. */
  private poppedKey: unknown = undefined;
  private nextSeq = 0;
  /** The store version this state reflects (set after each commit). */
  version = -1;

  /** Rows kept (= records in the store). */
  size = 0;

  constructor(
    private readonly shape: JoinSideShape,
    storeHasValues: boolean,
  ) {
    this.values = storeHasValues ? undefined : new Map();
  }

  /**
   * The side's rows read back from a store. A store of the earlier layout (one record per join key
   * holding a list of `[row, matched]`) is rewritten as records per row in this batch.
   */
  static load(store: StateStore, shape: JoinSideShape): JoinSideState {
    const state = new JoinSideState(shape, store.valuesInMemory === true);
    const earlier: [unknown, [unknown[], boolean][]][] = [];
    let maxSeq = -1;
    const loaded: [number, unknown[]][] = [];
    for (const [key, value] of store.iterator()) {
      if (typeof key === 'number') {
        loaded.push([key, value as unknown[]]);
        if (key > maxSeq) maxSeq = key;
      } else earlier.push([key, value as [unknown[], boolean][]]);
    }
    state.nextSeq = maxSeq + 1;
    for (const [seq, value] of loaded) state.track(value, seq, shape.keyOf(value), state.timeOf(value));
    for (const [key, entries] of earlier) {
      store.remove(key);
      for (const [row, matched] of entries) {
        const value = row.slice();
        value.push(matched);
        state.add(store, value, shape.keyOf(value), state.timeOf(value));
      }
    }
    state.version = store.version;
    return state;
  }

  /** The eviction time of a value as a double (NaN: none). */
  timeOf(value: readonly unknown[]): number {
    const timeOf = this.shape.timeOf;
    if (timeOf === undefined) return NaN;
    const t = timeOf(value);
    return t === null ? NaN : int64ToDouble(t);
  }

  /** The value of a kept row (`store`: this side's store of the batch). */
  valueOf(store: StateStore, seq: number): unknown[] {
    const values = this.values;
    return (values === undefined ? store.get(seq) : values.get(seq)) as unknown[];
  }

  /** The sequence numbers of a join key's rows in arrival order (a copy). */
  rowsOf(key: unknown): number[] {
    const found = this.byKey.get(key);
    return found === undefined ? [] : typeof found === 'number' ? [found] : found.slice();
  }

  /**
   * Keeps a new row: its value (columns then `matched`), its join key (shape.keyOf) and its time
   * (timeOf), which the caller has at hand already.
   */
  add(store: StateStore, value: unknown[], key: unknown, time: number): void {
    const seq = this.nextSeq++;
    // A fresh sequence number is never in the store.
    if (store.putNew !== undefined) store.putNew(seq, value);
    else store.put(seq, value);
    this.track(value, seq, key, time);
  }

  private track(value: unknown[], seq: number, key: unknown, time: number): void {
    this.values?.set(seq, value);
    this.size++;
    if (key !== NULL_JOIN_KEY) {
      const found = this.byKey.get(key);
      if (found === undefined) this.byKey.set(key, seq);
      else if (typeof found === 'number') this.byKey.set(key, [found, seq]);
      else found.push(seq);
    }
    if (time === time) this.push(seq, time, key);
  }

  /**
   * Sets a row's `matched` flag (in place when the store allows it, else on a copy) and returns
   * the value now kept.
   */
  setMatched(store: StateStore, seq: number): unknown[] {
    const w = this.shape.width;
    let value = this.valueOf(store, seq);
    if (store.inPlaceUpdates === true) {
      value[w] = true;
      putUpdatedInPlace(store, seq, value);
      return value;
    }
    value = value.slice();
    value[w] = true;
    this.values?.set(seq, value);
    store.put(seq, value);
    return value;
  }

  /**
   * Removes every row whose time is at or before `limit` (micros) from the store and the index,
   * earliest first (ties in arrival order), and appends their values to `evicted` when given.
   */
  evict(store: StateStore, limit: bigint, evicted: unknown[][] | undefined): number {
    const heapSeq = this.heapSeq;
    const heapTime = this.heapTime;
    if (heapSeq.length === 0) return 0;
    const limitD = Number(limit);
    // Times are exact doubles up to 2^53 micros (the year 2255); beyond, a tie is decided exactly.
    const exact = Number.isSafeInteger(limitD);
    let removed = 0;
    /** Rows whose time only ties the limit as a double: (seq, key) pairs put back. */
    let held: unknown[] | undefined;
    const byKey = this.byKey;
    while (heapSeq.length > 0 && heapTime[0] <= limitD) {
      const time = heapTime[0];
      const seq = this.pop();
      const key = this.poppedKey;
      if (!exact && time === limitD) {
        const t = this.shape.timeOf!(this.valueOf(store, seq));
        if (t === null || t > limit) {
          (held ??= []).push(seq, key);
          continue;
        }
      }
      // The row itself is read only when it is emitted (outer joins).
      if (evicted !== undefined) evicted.push(this.valueOf(store, seq));
      store.remove(seq);
      this.values?.delete(seq);
      removed++;
      if (key === NULL_JOIN_KEY) continue;
      const found = byKey.get(key)!;
      if (typeof found === 'number') {
        byKey.delete(key);
        continue;
      }
      // The key's list is in arrival order and the oldest rows go first: usually its head.
      if (found[0] === seq) found.shift();
      else found.splice(found.indexOf(seq), 1);
      if (found.length === 1) byKey.set(key, found[0]);
    }
    if (held) for (let i = 0; i < held.length; i += 2) this.push(held[i] as number, limitD, held[i + 1]);
    this.size -= removed;
    return removed;
  }

  private push(seq: number, time: number, key: unknown): void {
    const h = this.heapSeq;
    const ht = this.heapTime;
    const hk = this.heapKey;
    let i = h.length;
    h.push(seq);
    ht.push(time);
    hk.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = ht[parent];
      if (pt < time || (pt === time && h[parent] < seq)) break;
      h[i] = h[parent];
      ht[i] = pt;
      hk[i] = hk[parent];
      i = parent;
    }
    h[i] = seq;
    ht[i] = time;
    hk[i] = key;
  }

  /** Removes the earliest row (the heap is not empty) and returns its sequence number (its key: poppedKey). */
  private pop(): number {
    const h = this.heapSeq;
    const ht = this.heapTime;
    const hk = this.heapKey;
    const top = h[0];
    this.poppedKey = hk[0];
    const last = h.pop()!;
    const lastTime = ht.pop()!;
    const lastKey = hk.pop();
    const n = h.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && (ht[r] < ht[l] || (ht[r] === ht[l] && h[r] < h[l]))) c = r;
        const ct = ht[c];
        if (ct > lastTime || (ct === lastTime && h[c] > last)) break;
        h[i] = h[c];
        ht[i] = ct;
        hk[i] = hk[c];
        i = c;
      }
      h[i] = last;
      ht[i] = lastTime;
      hk[i] = lastKey;
    }
    return top;
  }
}
