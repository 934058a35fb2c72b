// DataFrame.rollup / cube / groupingSets (Spark's RelationalGroupedDataset of type Rollup, Cube and
// GroupingSets): the grouping sets each stands for. The aggregate over them is planned as SQL's
// GROUP BY ROLLUP / CUBE / GROUPING SETS (lib/analysis/grouping-sets-builder.ts): an Expand emits
// every row once per set, and grouping() / grouping_id() read the set's bits.
import { unresolvedKey, type UnresolvedExpression } from '../expressions/unresolved';

export type GroupingAnalyticsType = 'Rollup' | 'Cube' | 'GroupingSets';

export interface GroupingAnalytics {
  type: GroupingAnalyticsType;
  /** Each set as indices into the grouping expressions followed by `hidden`. */
  sets: number[][];
  /**
   * Set members that are not among the grouping columns: rows are grouped by them in their sets,
   * but they are not output columns (as in Spark, where only `cols` are shown).
   */
  hidden: UnresolvedExpression[];
}

/** rollup(a, b, c): (a, b, c), (a, b), (a), (). */
export function rollupAnalytics(count: number): GroupingAnalytics {
  const sets: number[][] = [];
  for (let n = count; n >= 0; n--) sets.push(Array.from({ length: n }, (_, i) => i));
  return { type: 'Rollup', sets, hidden: [] };
}

/** cube(a, b): every subset, in Spark's order: (a, b), (a), (b), (). */
export function cubeAnalytics(count: number): GroupingAnalytics {
  const subsets = (from: number): number[][] => {
    if (from === count) return [[]];
    const rest = subsets(from + 1);
    return [...rest.map((s) => [from, ...s]), ...rest];
  };
  return { type: 'Cube', sets: subsets(0), hidden: [] };
}

/** groupingSets([[a], [b, c]], a, b): the sets by position among `cols`, then the hidden members. */
export function groupingSetsAnalytics(sets: readonly (readonly UnresolvedExpression[])[], cols: readonly UnresolvedExpression[]): GroupingAnalytics {
  const keys = cols.map(unresolvedKey);
  const hidden: UnresolvedExpression[] = [];
  const indexOf = (e: UnresolvedExpression): number => {
    const key = unresolvedKey(e);
    let at = keys.indexOf(key);
    if (at < 0) {
      at = keys.length;
      keys.push(key);
      hidden.push(e);
    }
    return at;
  };
  return { type: 'GroupingSets', sets: sets.map((set) => [...new Set(set.map(indexOf))]), hidden };
}
