// One side of a stream-stream join in one shuffle partition: the rows it keeps, as the state store
// holds them and as the operator reads them.
//
// In the store every kept row is its own record (as Spark's keyWithIndexToValue): key = a sequence
// number, value = the row's columns followed by its `matched` flag. A batch then writes only the
// rows it added, the flags it set and the rows it evicted, not whole per-key lists.
//
// Beside the store, kept across batches while the store's version follows this operator's own
// commits (rebuilt from the store after a restart or a failed batch):
//   - an index from join key to the key's rows in arrival order (the probe reads one list), keyed
//     by the key value itself when it is a single primitive;
//   - a min-heap of the rows by event time (a double; ties in arrival order), so eviction pops the
//     expired rows instead of scanning the state.
import type { StateStore } from '../state/state-store';

/** Join key of rows whose (not null-safe) key is null: they never match; outer rows still wait. */
export const NULL_JOIN_KEY: unique symbol = Symbol('null join key');

/** A kept row: its store value (columns, then `matched`), store key and join key. */
export class JoinEntry {
  constructor(
    public value: unknown[],
    readonly seq: number,
    readonly key: unknown,
  ) {}
}

export interface JoinSideShape {
  /** Columns of the side's rows; the `matched` flag follows them in the store value. */
  width: number;
  /** The join key of a stored value (NULL_JOIN_KEY when it can never match). */
  keyOf(value: readonly unknown[]): unknown;
  /** The time eviction compares (micros), or undefined when this side is never evicted. */
  timeOf: ((value: readonly unknown[]) => bigint | null) | undefined;
}

export class JoinSideState {
  readonly byKey = new Map<unknown, JoinEntry[]>();
  /** The heap by (time, seq): times (micros as doubles, unboxed in the array) beside their rows. */
  private readonly heapTime: number[] = [];
  private readonly heap: JoinEntry[] = [];
  private nextSeq = 0;
  /** Rows kept (= records in the store). */
  size = 0;
  /** The store version this state reflects (set after each commit). */
  version = -1;

  constructor(private readonly shape: JoinSideShape) {}

  /**
   * The side's rows read back from a store. A store of the earlier layout (one record per join key
   * holding a list of `[row, matched]`) is rewritten as records per row in this batch.
   */
  static load(store: StateStore, shape: JoinSideShape): JoinSideState {
    const state = new JoinSideState(shape);
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
    return t === null ? NaN : Number(t);
  }

  /**
   * Keeps a new row: its value (columns then `matched`), its join key (shape.keyOf) and its time
   * (timeOf), which the caller has at hand already.
   */
  add(store: StateStore, value: unknown[], key: unknown, time: number): void {
    const seq = this.nextSeq++;
    store.put(seq, value);
    this.track(value, seq, key, time);
  }

  private track(value: unknown[], seq: number, key: unknown, time: number): void {
    const entry = new JoinEntry(value, seq, key);
    this.size++;
    if (key !== NULL_JOIN_KEY) {
      const list = this.byKey.get(key);
      if (list === undefined) this.byKey.set(key, [entry]);
      else list.push(entry);
    }
    if (time === time) this.push(entry, time);
  }

  /** Sets a row's `matched` flag (in place when the store allows it, else on a copy). */
  setMatched(store: StateStore, entry: JoinEntry): void {
    const w = this.shape.width;
    if (store.inPlaceUpdates === true) entry.value[w] = true;
    else {
      const copy = entry.value.slice();
      copy[w] = true;
      entry.value = copy;
    }
    store.put(entry.seq, entry.value);
  }

  /**
   * Removes every row whose time is at or before `limit` (micros) from the store and the index,
   * earliest first (ties in arrival order), and appends their values to `evicted` when given.
   */
  evict(store: StateStore, limit: bigint, evicted: unknown[][] | undefined): number {
    const heap = this.heap;
    const heapTime = this.heapTime;
    if (heap.length === 0) return 0;
    const limitD = Number(limit);
    // Times are exact doubles up to 2^53 micros (the year 2255); beyond, a tie is decided exactly.
    const exact = Number.isSafeInteger(limitD);
    let removed = 0;
    let held: JoinEntry[] | undefined;
    const byKey = this.byKey;
    while (heap.length > 0 && heapTime[0] <= limitD) {
      const time = heapTime[0];
      const entry = this.pop();
      if (!exact && time === limitD) {
        const t = this.shape.timeOf!(entry.value);
        if (t === null || t > limit) {
          (held ??= []).push(entry);
          continue;
        }
      }
      store.remove(entry.seq);
      if (evicted !== undefined) evicted.push(entry.value);
      removed++;
      const key = entry.key;
      if (key === NULL_JOIN_KEY) continue;
      // The key's list is in arrival order and the oldest rows go first: usually its head.
      const list = byKey.get(key)!;
      if (list.length === 1) byKey.delete(key);
      else if (list[0] === entry) list.shift();
      else list.splice(list.indexOf(entry), 1);
    }
    if (held) for (const e of held) this.push(e, limitD);
    this.size -= removed;
    return removed;
  }

  private push(entry: JoinEntry, time: number): void {
    const h = this.heap;
    const ht = this.heapTime;
    let i = h.length;
    h.push(entry);
    ht.push(time);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = ht[parent];
      if (pt < time || (pt === time && h[parent].seq < entry.seq)) break;
      h[i] = h[parent];
      ht[i] = pt;
      i = parent;
    }
    h[i] = entry;
    ht[i] = time;
  }

  /** Removes the earliest row (the heap is not empty). */
  private pop(): JoinEntry {
    const h = this.heap;
    const ht = this.heapTime;
    const top = h[0];
    const last = h.pop()!;
    const lastTime = ht.pop()!;
    const n = h.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && (ht[r] < ht[l] || (ht[r] === ht[l] && h[r].seq < h[l].seq))) c = r;
        const ct = ht[c];
        if (ct > lastTime || (ct === lastTime && h[c].seq > last.seq)) break;
        h[i] = h[c];
        ht[i] = ct;
        i = c;
      }
      h[i] = last;
      ht[i] = lastTime;
    }
    return top;
  }
}
