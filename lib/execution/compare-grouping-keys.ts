// The order the per-group stateful operators visit groups in: grouping keys ascending, nulls first
// (Spark sorts each partition by the keys before calling the user's function).
import { compareValues } from '../expressions/type-utils';

export function compareGroupingKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null) {
      if (x === y) continue;
      return x === null ? -1 : 1;
    }
    const c = compareValues(x, y);
    if (c !== 0) return c;
  }
  return 0;
}
