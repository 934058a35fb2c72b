// The keys of a streaming deduplication's state ordered by the time they expire at (their event
// time, or first event time + delay within the watermark): a min-heap of (time, partition, key), so
// watermark eviction pops exactly the expired keys instead of scanning every key in state. Each
// stored key with a time has one entry (a key is written once and leaves state only by eviction),
// so the heap never holds stale entries.
import type { EventTime } from './event-time-buckets';

export class DedupExpiryHeap {
  private times: (number | bigint)[] = [];
  private partitions: number[] = [];
  private keys: unknown[] = [];

  get size(): number {
    return this.times.length;
  }

  push(time: Exclude<EventTime, null>, partition: number, key: unknown): void {
    const t = this.times;
    const p = this.partitions;
    const k = this.keys;
    let i = t.length;
    t.push(time);
    p.push(partition);
    k.push(key);
    // Times mostly arrive in order: the new entry usually stays at the bottom.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (t[parent] <= time) break;
      t[i] = t[parent];
      p[i] = p[parent];
      k[i] = k[parent];
      i = parent;
    }
    t[i] = time;
    p[i] = partition;
    k[i] = key;
  }

  /** Removes every entry with `time <= threshold`, earliest first, calling `evict` on each. */
  popDue(threshold: number, evict: (partition: number, key: unknown) => void): number {
    const t = this.times;
    let n = 0;
    while (t.length > 0 && t[0] <= threshold) {
      evict(this.partitions[0], this.keys[0]);
      this.removeTop();
      n++;
    }
    return n;
  }

  private removeTop(): void {
    const t = this.times;
    const p = this.partitions;
    const k = this.keys;
    const lastT = t.pop()!;
    const lastP = p.pop()!;
    const lastK = k.pop();
    const n = t.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && t[r] < t[l] ? r : l;
      if (t[c] >= lastT) break;
      t[i] = t[c];
      p[i] = p[c];
      k[i] = k[c];
      i = c;
    }
    t[i] = lastT;
    p[i] = lastP;
    k[i] = lastK;
  }
}
