/** Spark's CaseInsensitiveMap for options: keys compare case-insensitively, original case kept. */
export class CaseInsensitiveMap implements ReadonlyMap<string, string> {
  private readonly entries_ = new Map<string, [string, string]>();

  constructor(entries: Iterable<[string, string]> = []) {
    for (const [k, v] of entries) this.entries_.set(k.toLowerCase(), [k, v]);
  }

  with(key: string, value: string): CaseInsensitiveMap {
    const next = new CaseInsensitiveMap(this);
    next.entries_.set(key.toLowerCase(), [key, value]);
    return next;
  }

  get(key: string): string | undefined {
    return this.entries_.get(key.toLowerCase())?.[1];
  }

  has(key: string): boolean {
    return this.entries_.has(key.toLowerCase());
  }

  get size(): number {
    return this.entries_.size;
  }

  forEach(fn: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    for (const [k, v] of this) fn(v, k, this);
  }

  *entries(): MapIterator<[string, string]> {
    for (const [k, v] of this.entries_.values()) yield [k, v];
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries_.values()) yield k;
  }

  *values(): MapIterator<string> {
    for (const [, v] of this.entries_.values()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }
}
