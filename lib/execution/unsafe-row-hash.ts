// The hashCode of Spark's UnsafeRow (Murmur3 with seed 42 over the row's binary form: null bits,
// one 8-byte slot per field, then variable-length data padded to 8 bytes). Round-robin
// repartition sorts each partition by it before dealing rows (spark.sql.execution.sortBeforeRepartition),
// so reproducing it places rows where Spark does. Covers the fixed-width types and strings;
// undefined for others (the caller then keeps the rows' order).
import type { DataType } from '../types/data-types';
import { murmur3HashBytes } from '../util/murmur3';

type Writer = (view: DataView, slot: number, value: unknown, variable: number[][]) => void;

const encoder = new TextEncoder();

function writerFor(t: DataType): Writer | undefined {
  switch (t.typeName()) {
    case 'integer':
    case 'date':
      return (v, slot, x) => v.setInt32(slot, x as number, true);
    case 'short':
      return (v, slot, x) => v.setInt16(slot, x as number, true);
    case 'byte':
      return (v, slot, x) => v.setInt8(slot, x as number);
    case 'boolean':
      return (v, slot, x) => v.setInt8(slot, x ? 1 : 0);
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz':
      return (v, slot, x) => v.setBigInt64(slot, BigInt(x as bigint | number), true);
    case 'double':
      return (v, slot, x) => v.setFloat64(slot, x as number, true);
    case 'float':
      return (v, slot, x) => v.setFloat32(slot, x as number, true);
    case 'string':
      return (_v, _slot, x, variable) => variable.push([...encoder.encode(x as string)]);
    default:
      return undefined;
  }
}

/** A function from engine rows to UnsafeRow.hashCode(), or undefined when a type is not covered. */
export function unsafeRowHasher(types: readonly DataType[]): ((row: readonly unknown[]) => number) | undefined {
  const writers = types.map(writerFor);
  if (writers.some((w) => !w)) return undefined;
  const n = types.length;
  const bitsetBytes = Math.ceil(n / 64) * 8;
  const fixed = bitsetBytes + n * 8;
  return (row) => {
    const variable: number[][] = [];
    const slots: (number | undefined)[] = [];
    // First pass: the variable-length fields' sizes.
    for (let i = 0; i < n; i++) {
      const value = row[i];
      if (value === null || value === undefined) continue;
      if (types[i].typeName() === 'string') {
        slots[i] = variable.length;
        writers[i]!(undefined as unknown as DataView, 0, value, variable);
      }
    }
    const size = fixed + variable.reduce((a, b) => a + Math.ceil(b.length / 8) * 8, 0);
    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    let cursor = fixed;
    for (let i = 0; i < n; i++) {
      const value = row[i];
      const slot = bitsetBytes + i * 8;
      if (value === null || value === undefined) {
        bytes[Math.floor(i / 8)] |= 1 << i % 8;
        continue;
      }
      const v = slots[i];
      if (v !== undefined) {
        const data = variable[v];
        bytes.set(data, cursor);
        view.setUint32(slot, data.length, true);
        view.setUint32(slot + 4, cursor, true);
        cursor += Math.ceil(data.length / 8) * 8;
      } else {
        writers[i]!(view, slot, value, variable);
      }
    }
    return murmur3HashBytes(bytes, 42);
  };
}
