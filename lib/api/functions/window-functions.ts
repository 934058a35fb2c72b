// pyspark.sql.functions: window functions, used with `.over(Window...)` (re-exported by lib/functions.ts).
import { Column, literalExpr, type ColumnOrName } from '../column';
import { columnArg } from '../column-args';
import { call } from '../../expressions/unresolved';
import { notExpectedType } from '../argument-checks';

export function row_number(): Column { return new Column(call('row_number', [])); }
export function rank(): Column { return new Column(call('rank', [])); }
export function dense_rank(): Column { return new Column(call('dense_rank', [])); }
export function percent_rank(): Column { return new Column(call('percent_rank', [])); }
export function cume_dist(): Column { return new Column(call('cume_dist', [])); }

export function ntile(n: number): Column {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw notExpectedType('n', 'int', n);
  return new Column(call('ntile', [literalExpr(n)]));
}

function offsetFunction(name: 'lag' | 'lead', col: ColumnOrName, offset: number, defaultValue: unknown): Column {
  if (typeof offset !== 'number' || !Number.isInteger(offset)) throw notExpectedType('offset', 'int', offset);
  const args = [columnArg(col), literalExpr(offset)];
  if (defaultValue !== undefined && defaultValue !== null) args.push(defaultValue instanceof Column ? defaultValue.expr : literalExpr(defaultValue));
  return new Column(call(name, args));
}

/** `lag(col, offset = 1, default = null)`: the value `offset` rows before, in the window's order. */
export function lag(col: ColumnOrName, offset = 1, defaultValue?: unknown): Column {
  return offsetFunction('lag', col, offset, defaultValue);
}

/** `lead(col, offset = 1, default = null)`: the value `offset` rows after. */
export function lead(col: ColumnOrName, offset = 1, defaultValue?: unknown): Column {
  return offsetFunction('lead', col, offset, defaultValue);
}
