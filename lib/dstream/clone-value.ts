// A deep copy of a DStream value. In PySpark every batch's state travels pickled, so an update
// function that mutates its state (s.extend(vs)) changes only the new batch's copy; handing JS
// functions the previous batch's objects would let a later batch rewrite what earlier batches
// output. Arrays (and their subclasses), plain and class objects, Map, Set, Date and typed arrays
// are copied with their prototypes; functions and primitives are shared.

export function cloneValue<T>(value: T, seen = new Map<object, unknown>()): T {
  if (value === null || typeof value !== 'object') return value;
  const known = seen.get(value);
  if (known !== undefined) return known as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (ArrayBuffer.isView(value)) {
    const copy = (value as unknown as { slice(): unknown }).slice();
    return copy as T;
  }
  if (Array.isArray(value)) {
    const copy = new (value.constructor as ArrayConstructor)() as unknown[];
    seen.set(value, copy);
    for (const item of value) copy.push(cloneValue(item, seen));
    return copy as T;
  }
  if (value instanceof Map) {
    const copy = new Map();
    seen.set(value, copy);
    for (const [k, v] of value) copy.set(cloneValue(k, seen), cloneValue(v, seen));
    return copy as T;
  }
  if (value instanceof Set) {
    const copy = new Set();
    seen.set(value, copy);
    for (const v of value) copy.add(cloneValue(v, seen));
    return copy as T;
  }
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<PropertyKey, unknown>;
  seen.set(value, copy);
  for (const key of Reflect.ownKeys(value)) {
    const desc = Object.getOwnPropertyDescriptor(value, key)!;
    if ('value' in desc) desc.value = cloneValue(desc.value, seen);
    Object.defineProperty(copy, key, desc);
  }
  return copy as T;
}
