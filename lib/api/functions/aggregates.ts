// pyspark.sql.functions: aggregates (re-exported by lib/functions.ts). count/sum/avg/mean/min/max
// live in lib/functions.ts.
import { Column, literalExpr } from '../column';
import { DataTypes } from '../../types/data-types';
import { columnArg, flattenArgs } from '../column-args';
import { call, type UnresolvedExpression } from '../../expressions/unresolved';
import type { ColumnOrName } from '../column';

function fn(name: string, ...args: UnresolvedExpression[]): Column {
  return new Column(call(name, args));
}

const c = (x: ColumnOrName) => columnArg(x);
/** A Column passes as is; anything else is a literal. */
const v = (x: unknown) => (x instanceof Column ? x.expr : literalExpr(x));

export function count_distinct(col: ColumnOrName, ...cols: (ColumnOrName | ColumnOrName[])[]): Column {
  return new Column(call('count', [c(col), ...flattenArgs(cols).map(c)], { distinct: true }));
}
export const countDistinct = count_distinct;
export function sum_distinct(col: ColumnOrName): Column {
  return new Column(call('sum', [c(col)], { distinct: true }));
}
export const sumDistinct = sum_distinct;
export function count_if(col: ColumnOrName): Column { return fn('count_if', c(col)); }

/** PySpark's `ignorenulls` positionally or as the keyword argument `{ ignorenulls: true }`. */
export type IgnoreNulls = boolean | { ignorenulls?: boolean };
const ignoreNullsArg = (x: IgnoreNulls) => literalExpr(typeof x === 'boolean' ? x : x.ignorenulls ?? false);
export function first(col: ColumnOrName, ignorenulls: IgnoreNulls = false): Column { return fn('first', c(col), ignoreNullsArg(ignorenulls)); }
export function last(col: ColumnOrName, ignorenulls: IgnoreNulls = false): Column { return fn('last', c(col), ignoreNullsArg(ignorenulls)); }
export function first_value(col: ColumnOrName, ignoreNulls?: Column | boolean): Column {
  return ignoreNulls === undefined ? fn('first_value', c(col)) : fn('first_value', c(col), v(ignoreNulls));
}
export function last_value(col: ColumnOrName, ignoreNulls?: Column | boolean): Column {
  return ignoreNulls === undefined ? fn('last_value', c(col)) : fn('last_value', c(col), v(ignoreNulls));
}
export function any_value(col: ColumnOrName, ignoreNulls?: Column | boolean): Column {
  return ignoreNulls === undefined ? fn('any_value', c(col)) : fn('any_value', c(col), v(ignoreNulls));
}

export function collect_list(col: ColumnOrName): Column { return fn('collect_list', c(col)); }
export function array_agg(col: ColumnOrName): Column { return fn('array_agg', c(col)); }
export function collect_set(col: ColumnOrName): Column { return fn('collect_set', c(col)); }

export function approx_count_distinct(col: ColumnOrName, rsd?: number): Column {
  // PySpark passes float(rsd): 1 is the DOUBLE 1.0, not an INT literal.
  return rsd === undefined
    ? fn('approx_count_distinct', c(col))
    : fn('approx_count_distinct', c(col), { kind: 'literal', value: Number(rsd), dataType: DataTypes.DoubleType });
}
export const approxCountDistinct = approx_count_distinct;

export function stddev(col: ColumnOrName): Column { return fn('stddev', c(col)); }
export function std(col: ColumnOrName): Column { return fn('std', c(col)); }
export function stddev_samp(col: ColumnOrName): Column { return fn('stddev_samp', c(col)); }
export function stddev_pop(col: ColumnOrName): Column { return fn('stddev_pop', c(col)); }
export function variance(col: ColumnOrName): Column { return fn('variance', c(col)); }
export function var_samp(col: ColumnOrName): Column { return fn('var_samp', c(col)); }
export function var_pop(col: ColumnOrName): Column { return fn('var_pop', c(col)); }
export function skewness(col: ColumnOrName): Column { return fn('skewness', c(col)); }
export function kurtosis(col: ColumnOrName): Column { return fn('kurtosis', c(col)); }
export function corr(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('corr', c(col1), c(col2)); }
export function covar_pop(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('covar_pop', c(col1), c(col2)); }
export function covar_samp(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('covar_samp', c(col1), c(col2)); }

export function bool_and(col: ColumnOrName): Column { return fn('bool_and', c(col)); }
export function bool_or(col: ColumnOrName): Column { return fn('bool_or', c(col)); }
export function every(col: ColumnOrName): Column { return fn('every', c(col)); }
export function some(col: ColumnOrName): Column { return fn('some', c(col)); }

export function max_by(col: ColumnOrName, ord: ColumnOrName): Column { return fn('max_by', c(col), c(ord)); }
export function min_by(col: ColumnOrName, ord: ColumnOrName): Column { return fn('min_by', c(col), c(ord)); }

export function percentile_approx(col: ColumnOrName, percentage: Column | number | number[], accuracy: Column | number = 10000): Column {
  return fn('percentile_approx', c(col), v(percentage), v(accuracy));
}
export function approx_percentile(col: ColumnOrName, percentage: Column | number | number[], accuracy: Column | number = 10000): Column {
  return fn('approx_percentile', c(col), v(percentage), v(accuracy));
}
export function percentile(col: ColumnOrName, percentage: Column | number | number[], frequency: Column | number = 1): Column {
  void frequency;
  return fn('percentile', c(col), v(percentage));
}
export function median(col: ColumnOrName): Column { return fn('median', c(col)); }
export function mode(col: ColumnOrName, deterministic = false): Column {
  void deterministic;
  return fn('mode', c(col));
}
export function histogram_numeric(col: ColumnOrName, nBins: Column | number): Column { return fn('histogram_numeric', c(col), v(nBins)); }

// Bitwise aggregates: integral input, result of the same type.
export function bit_and(col: ColumnOrName): Column { return fn('bit_and', c(col)); }
export function bit_or(col: ColumnOrName): Column { return fn('bit_or', c(col)); }
export function bit_xor(col: ColumnOrName): Column { return fn('bit_xor', c(col)); }

/** `grouping(col)` under rollup / cube / groupingSets: 1 where the row aggregates the column away, else 0. */
export function grouping(col: ColumnOrName): Column { return fn('grouping', c(col)); }
/** `grouping_id(...cols)`: the bits of grouping() of the columns (all grouping columns when none are given). */
export function grouping_id(...cols: (ColumnOrName | ColumnOrName[])[]): Column { return fn('grouping_id', ...flattenArgs(cols).map(c)); }
