// pyspark.sql.Column: an immutable wrapper over an unresolved expression. Python operators become
// methods (`a + 1` -> `a.plus(1)`, `a == 1` -> `a.eq(1)`, `~a` -> `a.not()`, `a[0]` ->
// `a.getItem(0)`). Methods build the same nodes as Spark's Column, so names match Spark's.
import { DataType, DataTypes, DecimalType } from '../types/data-types';
import { Decimal } from '../types/decimal';
import { parseDataType } from '../types/ddl';
import type { UnresolvedExpression, CaseWhenExpr, WindowSpecDefinition, SubqueryPlan } from '../expressions/unresolved';
import { alias, call } from '../expressions/unresolved';
import { IllegalArgumentException, PySparkTypeError } from '../errors/illegal-argument-exception';
import { checkStr } from './argument-checks';

export type ColumnOrName = Column | string;
export type LiteralValue = string | number | bigint | boolean | null | Date | Uint8Array;

export class Column {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  constructor(readonly expr: UnresolvedExpression) {}

  private binary(name: string, other: unknown): Column {
    return new Column(call(name, [this.expr, toExpr(other)], { isOperator: true }));
  }

  private unary(name: string): Column {
    return new Column(call(name, [this.expr], { isOperator: true }));
  }

  // Arithmetic
  plus(other: unknown): Column { return this.binary('+', other); }
  minus(other: unknown): Column { return this.binary('-', other); }
  multiply(other: unknown): Column { return this.binary('*', other); }
  divide(other: unknown): Column { return this.binary('/', other); }
  mod(other: unknown): Column { return this.binary('%', other); }
  negate(): Column { return this.unary('negative'); }

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
  /** PySpark's `(self >= lower) & (self <= upper)`: named `((a >= 1) AND (a <= 3))`. */
  between(lower: unknown, upper: unknown): Column { return this.geq(lower).and(this.leq(upper)); }

  // Logic
  and(other: unknown): Column { return this.binary('and', other); }
  or(other: unknown): Column { return this.binary('or', other); }
  not(): Column { return this.unary('not'); }
  isNull(): Column { return this.unary('isnull'); }
  isNotNull(): Column { return this.unary('isnotnull'); }

  /** `isin(1, 2)` or `isin([1, 2])`: `(a IN (1, 2))`. */
  isin(...values: unknown[]): Column {
    // PySpark 4: `isin(df)` is an IN subquery over the DataFrame's rows.
    if (values.length === 1 && isDataFramePlan(values[0])) return new Column({ kind: 'inSubquery', values: [this.expr], query: values[0].plan });
    const list = values.length === 1 && (Array.isArray(values[0]) || values[0] instanceof Set) ? [...(values[0] as Iterable<unknown>)] : values;
    return new Column(call('in', [this.expr, ...list.map(toExpr)], { isOperator: true }));
  }

  // Strings
  /** SQL LIKE with `%` and `_` (escape `\`): `a LIKE A%`. */
  like(pattern: string | Column): Column { return this.binary('like', pattern); }
  /** Case-insensitive LIKE: `ilike(a, a%)`. */
  ilike(pattern: string | Column): Column { return this.binary('ilike', pattern); }
  /** Java regular expression found anywhere in the value: `RLIKE(a, ^A)`. */
  rlike(pattern: string | Column): Column { return this.binary('rlike', pattern); }
  contains(other: unknown): Column { return new Column(call('contains', [this.expr, toExpr(other)])); }
  startswith(other: unknown): Column { return new Column(call('startswith', [this.expr, toExpr(other)])); }
  endswith(other: unknown): Column { return new Column(call('endswith', [this.expr, toExpr(other)])); }

  /** Characters from 1-based `startPos` (negative counts from the end), `length` of them. */
  substr(startPos: number | Column, length: number | Column): Column {
    if (pyTypeName(startPos) !== pyTypeName(length)) {
      throw new PySparkTypeError('NOT_SAME_TYPE', `Argument \`startPos\` and \`length\` should be the same type, got ${pyTypeName(startPos)} and ${pyTypeName(length)}.`, {
        arg_name1: 'startPos',
        arg_name2: 'length',
        arg_type1: pyTypeName(startPos),
        arg_type2: pyTypeName(length),
      });
    }
    if (!(startPos instanceof Column) && !(typeof startPos === 'number' && Number.isInteger(startPos))) {
      throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`startPos\` should be Column or int, got ${pyTypeName(startPos)}.`, {
        expected_type: 'Column or int',
        arg_name: 'startPos',
        arg_type: pyTypeName(startPos),
      }, '42K09');
    }
    return new Column(call('substring', [this.expr, toExpr(startPos), toExpr(length)]));
  }

  // Collections
  /** `a[key]`: an array element (0-based), a map value, or a struct field by name. */
  getItem(key: unknown): Column {
    return new Column({ kind: 'extract', child: this.expr, key: toExpr(key), isField: false });
  }
  /** A struct field (`s.f`), or a map value by key. */
  /**
   * `withField(fieldName, col)`: the struct with the field added or replaced (a dotted name updates
   * a nested struct), Spark's UpdateFields; chained calls merge into one, as in Spark.
   */
  withField(fieldName: string, col: Column): Column {
    checkStr(fieldName, 'fieldName');
    if (!(col instanceof Column)) throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`col\` should be Column, got ${pyTypeName(col)}.`, { arg_name: 'col', expected_type: 'Column', arg_type: pyTypeName(col) }, '42K09');
    return this.updateFields([{ kind: 'literal', value: `W${JSON.stringify(multipartName(fieldName))}`, dataType: DataTypes.StringType }, col.expr]);
  }

  /** `dropFields(...fieldNames)`: the struct without those fields (missing ones are ignored). */
  dropFields(...fieldNames: string[]): Column {
    if (fieldNames.length === 0) throw new IllegalArgumentException('tail of empty list');
    const ops: UnresolvedExpression[] = [];
    for (const name of fieldNames) {
      checkStr(name, 'fieldNames');
      ops.push({ kind: 'literal', value: `D${JSON.stringify(multipartName(name))}`, dataType: DataTypes.StringType }, { kind: 'literal', value: null, dataType: DataTypes.NullType });
    }
    return this.updateFields(ops);
  }

  private updateFields(ops: UnresolvedExpression[]): Column {
    const e = this.expr;
    if (e.kind === 'function' && e.name === 'update_fields') return new Column({ ...e, args: [...e.args, ...ops] });
    return new Column(call('update_fields', [e, ...ops]));
  }

  /** `bitwiseAND(other)`: `(a & b)`. */
  bitwiseAND(other: unknown): Column { return this.binary('&', other); }
  /** `bitwiseOR(other)`: `(a | b)`. */
  bitwiseOR(other: unknown): Column { return this.binary('|', other); }
  /** `bitwiseXOR(other)`: `(a ^ b)`. */
  bitwiseXOR(other: unknown): Column { return this.binary('^', other); }
  /** `isNaN()`: `isnan(a)`. */
  isNaN(): Column { return new Column(call('isnan', [this.expr])); }
  /** `transform(f)`: `f(this)`, PySpark's Column.transform. */
  transform(f: (col: Column) => Column): Column {
    if (typeof f !== 'function') throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`f\` should be function, got ${pyTypeName(f)}.`, { arg_name: 'f', expected_type: 'function', arg_type: pyTypeName(f) }, '42K09');
    return f(this);
  }

  getField(name: unknown): Column {
    return new Column({ kind: 'extract', child: this.expr, key: toExpr(name), isField: typeof name === 'string' });
  }

  // Conditionals
  /** Adds a branch to a column built by `functions.when`. */
  when(condition: Column, value: unknown): Column {
    requireColumn(condition, 'condition');
    const e = this.expr;
    if (e.kind !== 'caseWhen') throw new IllegalArgumentException('when() can only be applied on a Column previously generated by when() function');
    if (e.elseValue) throw new IllegalArgumentException('when() cannot be applied once otherwise() is applied');
    const next: CaseWhenExpr = { ...e, branches: [...e.branches, { condition: condition.expr, value: toExpr(value) }] };
    return new Column(next);
  }
  /** The value when no `when` branch matched (NULL without it). */
  otherwise(value: unknown): Column {
    const e = this.expr;
    if (e.kind !== 'caseWhen') throw new IllegalArgumentException('otherwise() can only be applied on a Column previously generated by when()');
    if (e.elseValue) throw new IllegalArgumentException('otherwise() can only be applied once on a Column previously generated by when()');
    return new Column({ ...e, elseValue: toExpr(value) });
  }

  // Naming and types
  alias(...names: string[]): Column {
    for (const n of names) checkStr(n, 'alias');
    return new Column(alias(this.expr, ...names));
  }
  name(...names: string[]): Column { return this.alias(...names); }
  as(...names: string[]): Column { return this.alias(...names); }
  cast(dataType: DataType | string): Column {
    const t = typeof dataType === 'string' ? parseDataType(dataType) : dataType;
    if (!(t instanceof DataType)) {
      throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`dataType\` should be DataType or str, got ${pyTypeName(dataType)}.`, {
        arg_name: 'dataType',
        expected_type: 'DataType or str',
        arg_type: pyTypeName(dataType),
      }, '42K09');
    }
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

  /** `f(...).over(window)`: evaluates an aggregate, ranking or lag/lead function over a WindowSpec. */
  over(window: { readonly spec: WindowSpecDefinition }): Column {
    const spec = (window as { spec?: WindowSpecDefinition } | null)?.spec;
    if (!spec || !Array.isArray(spec.partitionBy)) {
      throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`window\` should be WindowSpec, got ${pyTypeName(window)}.`, { arg_name: 'window', expected_type: 'WindowSpec', arg_type: pyTypeName(window) }, '42K09');
    }
    const e = this.expr;
    if (e.kind === 'alias' && e.child.kind === 'function') return new Column({ ...e, child: { ...e.child, over: spec } });
    if (e.kind !== 'function') throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`col\` should be a window function or an aggregate function, got ${describe(e)}.`, {}, '42K09');
    return new Column({ ...e, over: spec });
  }

  toString(): string {
    return `Column<'${describe(this.expr)}'>`;
  }
}

/** PySpark's `type(x).__name__` for a JS value, as its error messages print it. */
export function pyTypeName(value: unknown): string {
  if (value instanceof Column) return 'Column';
  if (value === null || value === undefined) return 'NoneType';
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'function';
  }
  if (Array.isArray(value)) return 'list';
  if (value instanceof DataType) return value.constructor.name.replace(/Impl$/, '');
  return (value as object).constructor?.name === 'Object' ? 'dict' : ((value as object).constructor?.name ?? 'object');
}

/** PySpark 4.2's check on arguments that must be Columns (NOT_EXPECTED_TYPE; NOT_COLUMN before 4.0). */
export function requireColumn(value: unknown, argName: string): asserts value is Column {
  if (!(value instanceof Column)) {
    throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`${argName}\` should be Column, got ${pyTypeName(value)}.`, {
      arg_name: argName,
      expected_type: 'Column',
      arg_type: pyTypeName(value),
    }, '42K09');
  }
}

const OPERATOR_TEXT: Record<string, string> = { and: 'AND', or: 'OR', '!=': '!=', like: 'LIKE' };

function describe(e: UnresolvedExpression): string {
  switch (e.kind) {
    case 'column':
      return e.nameParts.join('.');
    case 'literal':
      return e.value === null ? 'NULL' : String(e.value);
    case 'alias':
      return `${describe(e.child)} AS ${e.names.join(', ')}`;
    case 'function': {
      const args = e.args.map(describe);
      if (e.isOperator) {
        if (e.name === 'in') return `(${args[0]} IN (${args.slice(1).join(', ')}))`;
        if (e.name === 'not') return `(NOT ${args[0]})`;
        if (e.name === 'isnull' || e.name === 'isnotnull') return `(${args[0]} IS ${e.name === 'isnull' ? '' : 'NOT '}NULL)`;
        if (e.name === 'negative') return `(- ${args[0]})`;
        if (args.length === 2) return `(${args[0]} ${OPERATOR_TEXT[e.name] ?? e.name} ${args[1]})`;
      }
      return `${e.name}(${args.join(', ')})`;
    }
    case 'extract':
      return e.isField ? `${describe(e.child)}.${describe(e.key)}` : `${describe(e.child)}[${describe(e.key)}]`;
    case 'caseWhen':
      return `CASE${e.branches.map((b) => ` WHEN ${describe(b.condition)} THEN ${describe(b.value)}`).join('')}${e.elseValue ? ` ELSE ${describe(e.elseValue)}` : ''} END`;
    case 'cast':
      return `CAST(${describe(e.child)} AS ${e.dataType.toDDL()})`;
    case 'sortOrder':
      return `${describe(e.child)} ${e.ascending ? 'ASC' : 'DESC'} NULLS ${e.nullsFirst ? 'FIRST' : 'LAST'}`;
    case 'star':
      return e.target ? `${e.target.join('.')}.*` : '*';
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
      // Python's Decimal: DECIMAL(max(precision, scale), scale), as Spark's Literal does.
      if (value instanceof Decimal) return { kind: 'literal', value, dataType: new DecimalType(Math.max(value.precision, value.scale), value.scale) };
      throw new PySparkTypeError('UNSUPPORTED_LITERAL', `Unsupported Literal Type ${Object.prototype.toString.call(value)}.`);
  }
}

/** Spark's parseMultipartIdentifier for field names: dots split, backticks quote (`` escapes). */
function multipartName(name: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === '`') {
      if (quoted && name[i + 1] === '`') {
        current += '`';
        i++;
      } else quoted = !quoted;
    } else if (ch === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** A DataFrame (by shape: the api layer's DataFrame imports this module). */
function isDataFramePlan(value: unknown): value is { plan: SubqueryPlan } {
  return typeof value === 'object' && value !== null && 'session' in value && typeof (value as { withLogicalPlan?: unknown }).withLogicalPlan === 'function';
}
