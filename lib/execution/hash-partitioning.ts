// Spark's HashPartitioning: pmod(murmur3(keys, seed 42), numPartitions). Aggregation output comes
// out partition by partition, so computing the same partition ids reproduces Spark's row order.
import { ArrayType, DataType, MapType } from '../types/data-types';
import type { StructType } from '../types/struct-type';
import { murmur3HashBytes, murmur3HashInt, murmur3HashLong, murmur3HashString, positiveMod } from '../util/murmur3';

const SEED = 42;
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

type Hasher = (value: unknown, seed: number) => number;

function hasherFor(t: DataType): Hasher {
  switch (t.typeName()) {
    case 'string':
      return (v, s) => murmur3HashString(v as string, s);
    case 'integer':
    case 'short':
    case 'byte':
    case 'date':
      return (v, s) => murmur3HashInt(v as number, s);
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz':
      return (v, s) => murmur3HashLong(v as bigint, s);
    case 'boolean':
      return (v, s) => murmur3HashInt(v ? 1 : 0, s);
    case 'double':
      return (v, s) => {
        const d = v as number;
        f64[0] = d === 0 ? 0 : Number.isNaN(d) ? NaN : d;
        return murmur3HashLong(i64[0], s);
      };
    case 'float':
      return (v, s) => {
        const d = v as number;
        f32[0] = d === 0 ? 0 : Number.isNaN(d) ? NaN : d;
        return murmur3HashInt(i32[0], s);
      };
    case 'binary':
      return (v, s) => murmur3HashBytes(v as Uint8Array, s);
    case 'struct': {
      // Spark's InterpretedHashFunction: each non-null field in order, the running hash as seed.
      const fields = (t as StructType).fields.map((f) => hasherFor(f.dataType));
      return (v, s) => {
        const values = v as readonly unknown[];
        let h = s;
        for (let i = 0; i < fields.length; i++) if (values[i] !== null && values[i] !== undefined) h = fields[i](values[i], h);
        return h;
      };
    }
    case 'array': {
      const element = hasherFor((t as ArrayType).elementType);
      return (v, s) => {
        let h = s;
        for (const x of v as readonly unknown[]) if (x !== null && x !== undefined) h = element(x, h);
        return h;
      };
    }
    case 'map': {
      const key = hasherFor((t as MapType).keyType);
      const value = hasherFor((t as MapType).valueType);
      return (v, s) => {
        let h = s;
        for (const [k, x] of v as Map<unknown, unknown>) {
          h = key(k, h);
          if (x !== null && x !== undefined) h = value(x, h);
        }
        return h;
      };
    }
    default:
      // Other types (decimals, intervals): hash a stable text form; partition order for these is ours, not Spark's.
      return (v, s) => murmur3HashString(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x instanceof Map ? [...x] : x)), s);
  }
}

/** Returns a function from grouping values to a partition id in [0, numPartitions). */
/** `offset`: where the key values start in `values` (a flat state entry keeps them after its seq). */
export function partitionIdFunction(keyTypes: readonly DataType[], numPartitions: number): (values: readonly unknown[], offset?: number) => number {
  const hashers = keyTypes.map(hasherFor);
  const n = hashers.length;
  return (values, offset = 0) => {
    let h = SEED;
    for (let i = 0; i < n; i++) {
      const v = values[offset + i];
      if (v !== null && v !== undefined) h = hashers[i](v, h);
    }
    return positiveMod(h, numPartitions);
  };
}

/**
 * partitionIdFunction split after the first key: `first(value)` is the running hash after the
 * first key (kept by callers whose rows share it, e.g. a window's groups), `rest(seed, values,
 * offset)` the partition of the whole key from it. rest(first(v[o]), v, o) = partitionId(v, o).
 */
export function partitionIdAfterFirstKey(keyTypes: readonly DataType[], numPartitions: number): { first: (value: unknown) => number; rest: (seed: number, values: readonly unknown[], offset: number) => number } {
  const hashers = keyTypes.map(hasherFor);
  const n = hashers.length;
  const head = hashers[0];
  return {
    first: (v) => (v !== null && v !== undefined ? head(v, SEED) : SEED),
    rest: (seed, values, offset) => {
      let h = seed;
      for (let i = 1; i < n; i++) {
        const v = values[offset + i];
        if (v !== null && v !== undefined) h = hashers[i](v, h);
      }
      return positiveMod(h, numPartitions);
    },
  };
}
