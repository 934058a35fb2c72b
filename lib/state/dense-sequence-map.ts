// The in-memory entries of a state partition whose keys are put in ascending integer order (a
// stream-stream join's row sequence numbers): the values sit in a plain array indexed by key, with
// holes where keys were removed. A lookup, an insert or a removal is an array access, with no hash
// table to grow, shrink and copy, and iterating the array in key order is the insertion order a
// Map would give. A key the layout cannot place the way a Map would (not an integer, below a key
// already put, far beyond the last one) is refused: the store then turns the entries into a Map,
// in the same order, and keeps the Map (other operators' keys leave this layout at their first put).

/** A slot whose key is absent (a value may be `undefined`, so that cannot mark one). */
const HOLE: unique symbol = Symbol('absent state key');

/**
 * A key beyond the last one by more than this is refused: the layout is for keys numbered one
 * after the other (a join side's rows in a partition), not for numbers shared out among many
 * partitions (an aggregation's groups), where most slots would be holes.
 */
const MAX_GAP = 16;

export class DenseSequenceMap {
  /** The value of key base + i at slots[i] (HOLE when absent); none before `head`. */
  private slots: unknown[] = [];
  private head = 0;
  private base = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: unknown): unknown {
    if (typeof key !== 'number') return undefined;
    const i = key - this.base;
    // (A fractional key reads no slot: the layout holds integer keys only.)
    if (i < this.head || i >= this.slots.length) return undefined;
    const v = this.slots[i];
    return v === HOLE ? undefined : v;
  }

  has(key: unknown): boolean {
    if (typeof key !== 'number') return false;
    const i = key - this.base;
    return i >= this.head && i < this.slots.length && Number.isInteger(i) && this.slots[i] !== HOLE;
  }

  /**
   * Map#set when the layout can do it as a Map would: a present key keeps its place, a key past
   * the last one goes to the end. False (nothing changed) for any other key.
   */
  trySet(key: unknown, value: unknown): boolean {
    if (typeof key !== 'number' || !Number.isSafeInteger(key)) return false;
    const slots = this.slots;
    const n = slots.length;
    if (this.count === 0 && key >= this.base + n) {
      // Empty: start afresh at this key (no key put before it is present).
      this.slots = [value];
      this.base = key;
      this.head = 0;
      this.count = 1;
      return true;
    }
    const i = key - this.base;
    if (i === n) {
      slots.push(value);
      this.count++;
      return true;
    }
    if (i > n) {
      if (i - n > MAX_GAP) return false;
      for (let j = n; j < i; j++) slots.push(HOLE);
      slots.push(value);
      this.count++;
      return true;
    }
    if (i >= this.head && slots[i] !== HOLE) {
      slots[i] = value;
      return true;
    }
    // An absent key below the last one would go to the end: only a Map can say so.
    return false;
  }

  delete(key: unknown): boolean {
    if (typeof key !== 'number') return false;
    const slots = this.slots;
    const i = key - this.base;
    if (i < this.head || i >= slots.length || !Number.isInteger(i) || slots[i] === HOLE) return false;
    slots[i] = HOLE;
    this.count--;
    if (i === this.head) {
      let h = i + 1;
      while (h < slots.length && slots[h] === HOLE) h++;
      this.head = h;
      // Drop the leading holes now and then: the array keeps about the live range.
      if (h > 4096 && h * 2 > slots.length) {
        this.slots = slots.slice(h);
        this.base += h;
        this.head = 0;
      }
    }
    return true;
  }

  /** Mostly holes that a long-lived early key holds in place: a Map would be smaller. */
  get sparse(): boolean {
    return this.slots.length - this.head > 8 * this.count + 4096;
  }

  /** Calls `fn(value, key)` for every entry in insertion order (no changes while it runs). */
  forEach(fn: (value: unknown, key: unknown) => void): void {
    const slots = this.slots;
    const base = this.base;
    for (let i = this.head; i < slots.length; i++) {
      const v = slots[i];
      if (v !== HOLE) fn(v, base + i);
    }
  }

  /** The entries in insertion order (a copy: the caller may change the map meanwhile). */
  entries(): IterableIterator<[unknown, unknown]> {
    const out: [unknown, unknown][] = [];
    this.forEach((v, k) => out.push([k, v]));
    return out[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[unknown, unknown]> {
    return this.entries();
  }

  /** The same entries in a Map, in the same order. */
  toMap(): Map<unknown, unknown> {
    const map = new Map<unknown, unknown>();
    this.forEach((v, k) => map.set(k, v));
    return map;
  }

  /** The entries of `map` in this layout, or undefined when its keys are not ascending integers. */
  static fromMap(map: ReadonlyMap<unknown, unknown>): DenseSequenceMap | undefined {
    const dense = new DenseSequenceMap();
    // Map keys are distinct: trySet refuses exactly the keys below the last one.
    for (const [k, v] of map) if (!dense.trySet(k, v)) return undefined;
    return dense.sparse ? undefined : dense;
  }
}
