// A min-heap of (time, state key) entries: transformWithState's index of registered timers and of
// TTL expiries (Spark keeps both as secondary column families ordered by time, so a batch reads
// only what is due). Entries are never removed in place: a deleted timer or a rewritten expiry
// leaves a stale entry that the operator recognises (the key's state no longer has that time) and
// drops when it reaches the top. The heap is compacted when stale entries outnumber live ones.
export interface ExpiryEntry {
  time: number;
  /** The state store key (encoded grouping key). */
  encoded: string;
  /** The grouping values, for ordering due entries as Spark does (time, then key). */
  key: unknown[];
}

export class ExpiryIndex {
  private heap: ExpiryEntry[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(entry: ExpiryEntry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent].time <= entry.time) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = entry;
  }

  /** The earliest entry, without removing it. */
  peek(): ExpiryEntry | undefined {
    return this.heap[0];
  }

  pop(): ExpiryEntry | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && h[r].time < h[l].time ? r : l;
        if (h[c].time >= last.time) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }

  /** Removes and returns every entry with `time <= threshold`, earliest first. */
  popDue(threshold: number): ExpiryEntry[] {
    const due: ExpiryEntry[] = [];
    while (this.heap.length > 0 && this.heap[0].time <= threshold) due.push(this.pop()!);
    return due;
  }

  /** Keeps only the entries `live` accepts (rebuilds the heap). */
  retain(live: (e: ExpiryEntry) => boolean): void {
    const kept = this.heap.filter(live);
    this.heap = [];
    for (const e of kept) this.push(e);
  }
}
