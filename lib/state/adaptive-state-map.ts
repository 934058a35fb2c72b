// The in-memory entries of one state partition, with a Map's semantics (iteration in insertion
// order, a re-inserted key goes to the end). While every key is put in ascending integer order (a
// stream-stream join's row sequence numbers) the values sit in a plain array indexed by key, with
// holes where keys were removed: a lookup, an insert or a removal is an array access, with no hash
// table to grow, shrink and copy. Iterating the array in key order is then the insertion order.
// The first key that breaks the pattern (not an integer, lower than a key already put, or far
// beyond the last one) turns the entries into a Map, in the same order, for good.

/** A slot whose key is absent (a value may be `undefined`, so that cannot mark one). */
const HOLE: unique symbol = Symbol('absent state key');

/** Keys beyond the last one by more than this (and than the entry count) end the dense layout. */
const MAX_GAP = 1024;

export class AdaptiveStateMap {
  /** The entries once the dense layout ended. */
  private map: Map<unknown, unknown> | undefined;
  /** Dense layout: the value of key base + i at slots[i] (HOLE when absent); none before `head`. */
  private slots: unknown[] = [];
  private head = 0;
  private base = 0;
  private count = 0;

  /** True while the entries are in the dense layout (every key an ascending integer). */
  get dense(): boolean {
    return this.map === undefined;
  }

  get size(): number {
    return this.map === undefined ? this.count : this.map.size;
  }

  get(key: unknown): unknown {
    if (this.map !== undefined) return this.map.get(key);
    if (typeof key !== 'number') return undefined;
    const i = key - this.base;
    // (A fractional key reads no slot: the dense layout holds integer keys only.)
    if (i < this.head || i >= this.slots.length) return undefined;
    const v = this.slots[i];
    return v === HOLE ? undefined : v;
  }

  has(key: unknown): boolean {
    if (this.map !== undefined) return this.map.has(key);
    if (typeof key !== 'number') return false;
    const i = key - this.base;
    return i >= this.head && i < this.slots.length && Number.isInteger(i) && this.slots[i] !== HOLE;
  }

  set(key: unknown, value: unknown): this {
    if (this.map !== undefined) {
      this.map.set(key, value);
      return this;
    }
    if (typeof key !== 'number' || !Number.isSafeInteger(key)) return this.toMap().setInMap(key, value);
    const slots = this.slots;
    if (this.count === 0 && key >= this.base + slots.length) {
      // Empty: start afresh at this key (no key put before it is present).
      this.slots = [value];
      this.base = key;
      this.head = 0;
      this.count = 1;
      return this;
    }
    const i = key - this.base;
    const n = slots.length;
    if (i === n) {
      slots.push(value);
      this.count++;
    } else if (i > n) {
      if (i - n > MAX_GAP && i - n > this.count) return this.toMap().setInMap(key, value);
      for (let j = n; j < i; j++) slots.push(HOLE);
      slots.push(value);
      this.count++;
    } else if (i >= this.head && slots[i] !== HOLE) {
      // A present key keeps its place.
      slots[i] = value;
    } else {
      // An absent key below the last one would go to the end: only a Map can say so.
      return this.toMap().setInMap(key, value);
    }
    return this;
  }

  delete(key: unknown): boolean {
    if (this.map !== undefined) return this.map.delete(key);
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
    } else if (slots.length - this.head > 8 * this.count + 4 * MAX_GAP) {
      // Mostly holes that a long-lived early key holds in place: a Map is smaller.
      this.toMap();
    }
    return true;
  }

  /**
   * Forgets the removed keys after the last present one, so that they count as fresh again. Only
   * between batches (a store records this batch's removals assuming a removed key is never put
   * again while dense): the provider calls it after loading a version, where a join that restarts
   * numbers its rows from the last one present.
   */
  trimRemovedTail(): void {
    if (this.map !== undefined) return;
    const slots = this.slots;
    while (slots.length > this.head && slots[slots.length - 1] === HOLE) slots.pop();
  }

  clear(): void {
    this.map = undefined;
    this.slots = [];
    this.head = 0;
    this.base = 0;
    this.count = 0;
  }

  /** Calls `fn(value, key)` for every entry in insertion order (no changes while it runs). */
  forEach(fn: (value: unknown, key: unknown) => void): void {
    if (this.map !== undefined) {
      this.map.forEach((v, k) => fn(v, k));
      return;
    }
    const slots = this.slots;
    const base = this.base;
    for (let i = this.head; i < slots.length; i++) {
      const v = slots[i];
      if (v !== HOLE) fn(v, base + i);
    }
  }

  /** The entries in insertion order (a copy while dense: the caller may change the map meanwhile). */
  entries(): IterableIterator<[unknown, unknown]> {
    if (this.map !== undefined) return this.map.entries();
    const out: [unknown, unknown][] = [];
    this.forEach((v, k) => out.push([k, v]));
    return out[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[unknown, unknown]> {
    return this.entries();
  }

  private setInMap(key: unknown, value: unknown): this {
    this.map!.set(key, value);
    return this;
  }

  /** Ends the dense layout: the same entries in a Map, in the same order. */
  private toMap(): this {
    const map = new Map<unknown, unknown>();
    this.forEach((v, k) => map.set(k, v));
    this.map = map;
    this.slots = [];
    this.head = 0;
    this.base = 0;
    this.count = 0;
    return this;
  }
}
