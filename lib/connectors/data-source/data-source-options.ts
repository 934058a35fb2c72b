// The options a DataSource receives: PySpark passes a CaseInsensitiveDict of strings. Here a plain
// object whose keys are lower-cased (as that dict stores them) and read case-insensitively, so
// `this.options.numRows`, `this.options.numrows` and `this.options['NUMROWS']` all work.

export type DataSourceOptions = Readonly<Record<string, string>>;

export function dataSourceOptions(entries: Iterable<readonly [string, string]>): DataSourceOptions {
  const target: Record<string, string> = {};
  for (const [k, v] of entries) target[k.toLowerCase()] = v;
  return new Proxy(target, {
    get: (t, key) => (typeof key === 'string' ? t[key.toLowerCase()] : undefined),
    has: (t, key) => (typeof key === 'string' ? Object.prototype.hasOwnProperty.call(t, key.toLowerCase()) : false),
    set: () => false,
    deleteProperty: () => false,
    getOwnPropertyDescriptor: (t, key) => (typeof key === 'string' ? Object.getOwnPropertyDescriptor(t, key.toLowerCase()) : undefined),
  });
}
