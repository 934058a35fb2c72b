// Engine values <-> JSON text, for state files: numbers keep NaN/Infinity/-0, bigints, decimals,
// binary, Maps and Sets survive the round trip. Every non-JSON value is an object with exactly
// one `$`-tagged key, and plain objects are tagged too, so nothing user-made can be misread.
// Classes reach state only through aggregate buffers; they register here by name.

interface DecimalLike {
  readonly unscaled: bigint;
  readonly scale: number;
}

type DecimalFactory = (unscaled: bigint, scale: number) => unknown;

const classes = new Map<string, { prototype: object }>();
let decimalClass: { prototype: object; of: DecimalFactory } | undefined;

/** Registers a class whose instances may appear in state (restored with their prototype). */
export function registerStateValueClass(name: string, ctor: { prototype: object }): void {
  classes.set(name, ctor);
}

/** The Decimal class (types layer) registers itself so the codec needs no upward import. */
export function registerDecimalClass(ctor: { prototype: object; of: DecimalFactory }): void {
  decimalClass = ctor;
}

export function encodeValue(value: unknown): string {
  return JSON.stringify(toJson(value));
}

export function decodeValue(text: string): unknown {
  return fromJson(JSON.parse(text));
}

function toJson(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      if (Number.isFinite(v) && !Object.is(v, -0)) return v;
      return { $n: Object.is(v, -0) ? '-0' : String(v) };
    case 'bigint':
      return { $b: v.toString() };
    case 'undefined':
      return null;
    case 'object': {
      if (v === null) return null;
      if (Array.isArray(v)) return v.map(toJson);
      if (v instanceof Uint8Array) return { $u: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
      if (v instanceof Map) return { $m: [...v].map(([k, x]) => [toJson(k), toJson(x)]) };
      if (v instanceof Set) return { $s: [...v].map(toJson) };
      if (decimalClass && v instanceof (decimalClass as unknown as new () => object)) {
        const d = v as DecimalLike;
        return { $d: [d.unscaled.toString(), d.scale] };
      }
      const proto = Object.getPrototypeOf(v) as object | null;
      const props: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) props[k] = toJson(x);
      if (proto === Object.prototype || proto === null) return { $o: props };
      for (const [name, ctor] of classes) if (ctor.prototype === proto) return { $c: name, v: props };
      throw new TypeError(`A state value of class ${(v as object).constructor?.name ?? 'unknown'} cannot be written to the checkpoint.`);
    }
    default:
      throw new TypeError(`A state value of type ${typeof v} cannot be written to the checkpoint.`);
  }
}

function fromJson(j: unknown): unknown {
  if (j === null || typeof j !== 'object') return j;
  if (Array.isArray(j)) return j.map(fromJson);
  const o = j as Record<string, unknown>;
  if ('$n' in o) return Number(o.$n);
  if ('$b' in o) return BigInt(o.$b as string);
  if ('$u' in o) return new Uint8Array(Buffer.from(o.$u as string, 'base64'));
  if ('$m' in o) return new Map((o.$m as [unknown, unknown][]).map(([k, x]) => [fromJson(k), fromJson(x)]));
  if ('$s' in o) return new Set((o.$s as unknown[]).map(fromJson));
  if ('$d' in o) {
    const [unscaled, scale] = o.$d as [string, number];
    if (!decimalClass) throw new TypeError('Decimal values cannot be read before the Decimal class is loaded.');
    return decimalClass.of(BigInt(unscaled), scale);
  }
  if ('$o' in o) return mapProps(o.$o as Record<string, unknown>, {});
  if ('$c' in o) {
    const ctor = classes.get(o.$c as string);
    if (!ctor) throw new TypeError(`Unknown state value class ${String(o.$c)}.`);
    return mapProps(o.v as Record<string, unknown>, Object.create(ctor.prototype) as Record<string, unknown>);
  }
  throw new TypeError(`Unrecognised state value ${JSON.stringify(j).slice(0, 60)}.`);
}

function mapProps(props: Record<string, unknown>, target: Record<string, unknown>): Record<string, unknown> {
  for (const [k, x] of Object.entries(props)) target[k] = fromJson(x);
  return target;
}

/** The registered name of a state value's class, or undefined (for the binary codec). */
export function stateValueClassName(value: object): string | undefined {
  const proto = Object.getPrototypeOf(value) as object | null;
  for (const [name, ctor] of classes) if (ctor.prototype === proto) return name;
  return undefined;
}

/** A new instance of a registered state value class (properties set by the caller). */
export function newStateValue(name: string): Record<string, unknown> {
  const ctor = classes.get(name);
  if (!ctor) throw new TypeError(`Unknown state value class ${name}.`);
  return Object.create(ctor.prototype) as Record<string, unknown>;
}

/** The Decimal class, when loaded: instance test and factory (for the binary codec). */
export function decimalSupport(): { isDecimal: (v: object) => boolean; of: DecimalFactory } | undefined {
  const d = decimalClass;
  if (!d) return undefined;
  return { isDecimal: (v) => v instanceof (d as unknown as new () => object), of: d.of };
}
