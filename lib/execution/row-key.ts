// Keys for whole-row (or key-column) equality where nulls compare equal: DISTINCT, set operations,
// dropDuplicates. One column keys by its value; several columns by a compact encoding.
import { encodeCompositeKey } from '../util/group-key';
import type { Row } from './physical-operator';

export function rowKeyFunction(ordinals: readonly number[]): (row: Row) => unknown {
  if (ordinals.length === 1) {
    const o = ordinals[0];
    return (row) => {
      const v = row[o];
      // Arrays, maps, binary: compare by content, not identity.
      return v !== null && typeof v === 'object' ? encodeCompositeKey([v]) : v;
    };
  }
  return (row) => encodeCompositeKey(ordinals.map((o) => row[o]));
}
