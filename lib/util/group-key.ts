// Hash-map keys for grouping. One column groups by the value itself (Map's SameValueZero already
// treats NaN = NaN and 0 = -0, as Spark's normalisation does); several columns get a compact
// string encoding that cannot collide across types or boundaries.

export function encodeCompositeKey(values: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out += encodeValue(values[i]);
  return out;
}

function encodeValue(v: unknown): string {
  if (v === null || v === undefined) return 'n;';
  switch (typeof v) {
    case 'string':
      return `s${v.length}:${v}`;
    case 'number':
      return Object.is(v, -0) ? 'd0;' : `d${v};`;
    case 'bigint':
      return `l${v};`;
    case 'boolean':
      return v ? 't;' : 'f;';
    default:
      if (Array.isArray(v)) {
        // A loop, not map/join: window structs are arrays, encoded once per row and window.
        let out = `a${v.length}[`;
        for (let i = 0; i < v.length; i++) out += encodeValue(v[i]);
        return out + ']';
      }
      if (v instanceof Uint8Array) return `b${v.length}:${Array.from(v).join(',')};`;
      // Maps group regardless of entry order (Spark normalises them with MapSort before grouping).
      if (v instanceof Map) return `m${v.size}{${[...v].map(([k, x]) => encodeValue(k) + encodeValue(x)).sort().join('')}}`;
      return `o${JSON.stringify(v)};`;
  }
}
