// pyspark.sql.Column: an immutable wrapper over an unresolved expression. Python operators become
// methods (`a + 1` -> `a.plus(1)`, `a == 1` -> `a.eq(1)`, `~a` -> `a.not()`).
import { DataType, DataTypes } from '../types/data-types';
import { parseDataType } from '../types/ddl';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { alias, call } from '../expressions/unresolved';
import { PySparkTypeError } from '../errors/illegal-argument-exception';

export type ColumnOrName = Column | string;
export type LiteralValue = string | number | bigint | boolean | null | Date | Uint8Array;

export class Column {
  constructor(readonly expr: UnresolvedExpression) {}

  private binary(name: string, other: unknown): Column {
    return new Column(call(name, [this.expr, toExpr(other)], { isOperator: true }));
  }

  // Arithmetic
  plus(other: unknown): Column { return this.binary('+', other); }
  minus(other: unknown): Column { return this.binary('-', other); }
  multiply(other: unknown): Column { return this.binary('*', other); }
  divide(other: unknown): Column { return this.binary('/', other); }
  mod(other: unknown): Column { return this.binary('%', other); }
  negate(): Column { return new Column(call('negative', [this.expr], { isOperator: true })); }

  // Comparison
  eq(other: unknown): Column { return this.binary('=', other); }
  equalTo(other: unknown): Column { return this.eq(other); }
  notEqual(other: unknown): Column { return this.binary('!=', other); }
  ne(other: unknown): Column { return this.notEqual(other); }
  eqNullSafe(other: unknown): Column { return this.binary('<=>', other); }
  gt(other: unknown): Column { return this.binary('>', other); }
  geq(other: unknown): Column { return this.binary('>=', other); }
  ge(other: unknown): Column { return this.geq(other); }
  lt(other: unknown): Column { return this.binary('<', other); }
  leq(other: unknown): Column { return this.binary('<=', other); }
  le(other: unknown): Column { return this.leq(other); }
  between(lower: unknown, upper: unknown): Column { return this.geq(lower).and(this.leq(upper)); }

  // Logic
  and(other: Column): Column { return this.binary('and', other); }
  or(other: Column): Column { return this.binary('or', other); }
  not(): Column { return new Column(call('not', [this.expr], { isOperator: true })); }
  isNull(): Column { return new Column(call('isnull', [this.expr], { isOperator: true })); }
  isNotNull(): Column { return new Column(call('isnotnull', [this.expr], { isOperator: true })); }

  // Naming and types
  alias(...names: string[]): Column { return new Column(alias(this.expr, ...names)); }
  name(name: string): Column { return this.alias(name); }
  as(...names: string[]): Column { return this.alias(...names); }
  cast(dataType: DataType | string): Column {
    const t = typeof dataType === 'string' ? parseDataType(dataType) : dataType;
    if (!(t instanceof DataType)) throw new PySparkTypeError('NOT_DATATYPE_OR_STR', `Argument \`dataType\` should be a DataType or str, got ${typeof dataType}.`);
    return new Column({ kind: 'cast', child: this.expr, dataType: t, tryCast: false });
  }
  astype(dataType: DataType | string): Column { return this.cast(dataType); }
  try_cast(dataType: DataType | string): Column {
    const c = this.cast(dataType).expr as Extract<UnresolvedExpression, { kind: 'cast' }>;
    return new Column({ ...c, tryCast: true });
  }

  // Ordering
  asc(): Column { return new Column({ kind: 'sortOrder', child: this.expr, ascending: true, nullsFirst: true }); }
  desc(): Column { return new Column({ kind: 'sortOrder', child: this.expr, ascending: false, nullsFirst: false }); }
  asc_nulls_first(): Column { return this.asc(); }
  asc_nulls_last(): Column { return new Column({ kind: 'sortOrder', child: this.expr, ascending: true, nullsFirst: false }); }
  desc_nulls_first(): Column { return new Column({ kind: 'sortOrder', child: this.expr, ascending: false, nullsFirst: true }); }
  desc_nulls_last(): Column { return this.desc(); }

  toString(): string {
    return `Column<'${describe(this.expr)}'>`;
  }
}

function describe(e: UnresolvedExpression): string {
  switch (e.kind) {
    case 'column':
      return e.nameParts.join('.');
    case 'literal':
      return String(e.value);
    case 'alias':
      return `${describe(e.child)} AS ${e.names.join(', ')}`;
    case 'function':
      return e.isOperator && e.args.length === 2 ? `(${describe(e.args[0])} ${e.name} ${describe(e.args[1])})` : `${e.name}(${e.args.map(describe).join(', ')})`;
    case 'star':
      return '*';
    default:
      return e.kind;
  }
}

/** A value from user code as an expression: Columns pass through, JS values become literals. */
export function toExpr(value: unknown): UnresolvedExpression {
  if (value instanceof Column) return value.expr;
  return literalExpr(value);
}

export function literalExpr(value: unknown): UnresolvedExpression {
  if (value === null || value === undefined) return { kind: 'literal', value: null, dataType: DataTypes.NullType };
  switch (typeof value) {
    case 'string':
      return { kind: 'literal', value, dataType: DataTypes.StringType };
    case 'boolean':
      return { kind: 'literal', value, dataType: DataTypes.BooleanType };
    case 'bigint':
      return { kind: 'literal', value, dataType: DataTypes.LongType };
    case 'number':
      // PySpark: Python ints become INT when they fit, else BIGINT; floats become DOUBLE.
      if (Number.isInteger(value) && !Object.is(value, -0)) {
        return value >= -2147483648 && value <= 2147483647
          ? { kind: 'literal', value, dataType: DataTypes.IntegerType }
          : { kind: 'literal', value: BigInt(value), dataType: DataTypes.LongType };
      }
      return { kind: 'literal', value, dataType: DataTypes.DoubleType };
    default:
      if (value instanceof Date) return { kind: 'literal', value: BigInt(value.getTime()) * 1000n, dataType: DataTypes.TimestampType };
      if (value instanceof Uint8Array) return { kind: 'literal', value, dataType: DataTypes.BinaryType };
      throw new PySparkTypeError('UNSUPPORTED_LITERAL', `Unsupported Literal Type ${Object.prototype.toString.call(value)}.`);
  }
}
