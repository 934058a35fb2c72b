// pyspark.sql.functions that name SQL functions Rivulet already has (re-exported by
// lib/functions.ts): case and sign aliases, reverse, sha, typeof, to_number, the nulls-ordering
// sort helpers, broadcast(df) and call_function(name, ...cols).
import { Column, type ColumnOrName } from '../column';
import { columnArg } from '../column-args';
import { call } from '../../expressions/unresolved';
import { checkStr, notExpectedType } from '../argument-checks';
import type { DataFrame } from '../data-frame';

const fn1 = (name: string) => (col: ColumnOrName): Column => new Column(call(name, [columnArg(col)]));

export const lcase = fn1('lcase');
export const ucase = fn1('ucase');
export const negative = fn1('negative');
/** PySpark's `negate` is `negative`. */
export const negate = negative;
export const positive = fn1('positive');
export const reverse = fn1('reverse');
export const sha = fn1('sha');
export { typeOf as typeof };
const typeOf = fn1('typeof');

export function to_number(col: ColumnOrName, format: Column): Column {
  return new Column(call('to_number', [columnArg(col), columnArg(format, 'format')]));
}
export function try_to_number(col: ColumnOrName, format: Column): Column {
  return new Column(call('try_to_number', [columnArg(col), columnArg(format, 'format')]));
}

const asColumn = (col: ColumnOrName): Column => (typeof col === 'string' ? new Column({ kind: 'column', nameParts: [col] }) : col);
export const asc_nulls_first = (col: ColumnOrName): Column => asColumn(col).asc_nulls_first();
export const asc_nulls_last = (col: ColumnOrName): Column => asColumn(col).asc_nulls_last();
export const desc_nulls_first = (col: ColumnOrName): Column => asColumn(col).desc_nulls_first();
export const desc_nulls_last = (col: ColumnOrName): Column => asColumn(col).desc_nulls_last();

/** `broadcast(df)`: the DataFrame marked with Spark's BROADCAST join hint. */
export function broadcast(df: DataFrame): DataFrame {
  if (typeof (df as { hint?: unknown })?.hint !== 'function') throw notExpectedType('df', 'DataFrame', df);
  return df.hint('broadcast');
}

/** `call_function(funcName, ...cols)`: calls a built-in or registered SQL function by name. */
export function call_function(funcName: string, ...cols: ColumnOrName[]): Column {
  checkStr(funcName, 'funcName');
  return new Column(call(funcName, cols.map((c) => columnArg(c))));
}
