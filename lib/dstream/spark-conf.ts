// PySpark's SparkConf, as sparkContext.getConf() returns it.

/** PySpark's SparkConf as getConf() returns it: a copy of the context's configuration. */
export class SparkConf {
  private readonly entries: Map<string, string>;

  constructor(entries: Iterable<[string, string]> = []) {
    this.entries = new Map(entries);
  }

  get(key: string, defaultValue: string | null = null): string | null {
    return this.entries.get(key) ?? defaultValue;
  }

  set(key: string, value: string): this {
    this.entries.set(key, String(value));
    return this;
  }

  contains(key: string): boolean {
    return this.entries.has(key);
  }

  getAll(): [string, string][] {
    return [...this.entries];
  }
}
