// PySpark keyword arguments as the porting rule spells them: a trailing options object. A key the
// Python method does not take is refused with Python's own TypeError text, never ignored.
/** True for a plain `{ ... }` object (not an RDD, array, Date or other class instance). */
export function isOptionsObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Checks `options` against the keyword names of `method` (e.g. 'StreamingContext.stop'). */
export function keywordArguments<K extends string>(method: string, options: Record<string, unknown>, names: readonly K[]): Partial<Record<K, unknown>> {
  for (const key of Object.keys(options)) {
    if (!(names as readonly string[]).includes(key)) {
      throw new TypeError(`${method}() got an unexpected keyword argument '${key}'`);
    }
  }
  return options as Partial<Record<K, unknown>>;
}

/** One optional trailing parameter, given positionally or as `{ name: value }`. */
export function optionalArgument<V>(method: string, value: V | Record<string, unknown> | undefined, name: string): V | undefined {
  if (isOptionsObject(value)) return keywordArguments(method, value, [name])[name] as V | undefined;
  return value as V | undefined;
}
