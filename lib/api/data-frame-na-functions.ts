// pyspark.sql.DataFrameNaFunctions (`df.na`) and the DataFrame shortcuts fillna/dropna/replace.
// Each builds one projection or filter over the DataFrame, as Spark's DataFrameNaFunctions does:
// fill and replace touch only the columns whose type matches the value (numbers fill numeric
// columns, strings string columns, booleans boolean columns); NaN counts as null for fill and drop.
import type { DataType } from '../types/data-types';
import { DataTypes } from '../types/data-types';
import { call, type UnresolvedExpression } from '../expressions/unresolved';
import { PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { Column, literalExpr } from './column';
import { isPlainObject, lengthShouldBeTheSame, notExpectedType } from './argument-checks';
import type { DataFrame } from './data-frame';

type Primitive = boolean | number | string;
type Subset = string | readonly string[] | undefined | null;

const NUMERIC = new Set(['byte', 'short', 'integer', 'long', 'float', 'double']);

function isNumericType(t: DataType): boolean {
  return NUMERIC.has(t.typeName()) || t.typeName().startsWith('decimal');
}

function isFractional(t: DataType): boolean {
  return t.typeName() === 'double' || t.typeName() === 'float';
}

function colRef(name: string): UnresolvedExpression {
  return { kind: 'column', nameParts: [name] };
}

function castTo(e: UnresolvedExpression, t: DataType): UnresolvedExpression {
  return { kind: 'cast', child: e, dataType: t, tryCast: false };
}

/** Does a fill/replace value of this JS type apply to a column of type `t`? */
function applies(value: Primitive, t: DataType): boolean {
  if (typeof value === 'boolean') return t.typeName() === 'boolean';
  if (typeof value === 'number') return isNumericType(t);
  return t.typeName() === 'string';
}

function subsetList(subset: Subset, expected: string): string[] | undefined {
  if (subset === undefined || subset === null) return undefined;
  if (typeof subset === 'string') return [subset];
  if (Array.isArray(subset)) return [...subset];
  throw notExpectedType('subset', expected, subset);
}

/** The DataFrame's fields limited to `subset` (names resolve case-insensitively; unknown names fail as Spark). */
function targetFields(df: DataFrame, subset: string[] | undefined): { name: string; dataType: DataType }[] {
  const fields = df.schema.fields;
  if (!subset) return fields.map((f) => ({ name: f.name, dataType: f.dataType }));
  return subset.map((name) => {
    const f = fields.find((x) => x.name.toLowerCase() === name.toLowerCase());
    // Resolving the name gives Spark's UNRESOLVED_COLUMN error for an unknown column.
    if (!f) df.select(name);
    return { name: f!.name, dataType: f!.dataType };
  });
}

/** A projection that rewrites the named columns and keeps the others (and the column order). */
function rewriteColumns(df: DataFrame, rewrites: Map<string, UnresolvedExpression>): DataFrame {
  if (rewrites.size === 0) return df;
  const items = df.schema.fields.map((f) => {
    const e = rewrites.get(f.name);
    return new Column(e ? { kind: 'alias', child: e, names: [f.name] } : colRef(f.name));
  });
  return df.select(...items);
}

function fillExpr(name: string, t: DataType, value: Primitive): UnresolvedExpression {
  const c = colRef(name);
  const filler = castTo(literalExpr(value), t);
  // Spark's fillCol: NaN is filled as null is, for float and double columns.
  const input = isFractional(t) ? call('nanvl', [c, castTo(literalExpr(null), t)]) : c;
  return call('coalesce', [input, filler]);
}

function checkPrimitive(value: unknown, argName: string, expected: string): asserts value is Primitive {
  if (typeof value !== 'boolean' && typeof value !== 'number' && typeof value !== 'string') throw notExpectedType(argName, expected, value);
}

export function fillNa(df: DataFrame, value: unknown, subset?: Subset): DataFrame {
  if (isPlainObject(value)) {
    const rewrites = new Map<string, UnresolvedExpression>();
    for (const [name, v] of Object.entries(value)) {
      checkPrimitive(v, 'value', 'bool, float, int or str');
      const [f] = targetFields(df, [name]);
      rewrites.set(f.name, fillExpr(f.name, f.dataType, v));
    }
    return rewriteColumns(df, rewrites);
  }
  checkPrimitive(value, 'value', 'bool, dict, float, int or str');
  const fields = targetFields(df, subsetList(subset, 'list or tuple'));
  const rewrites = new Map<string, UnresolvedExpression>();
  for (const f of fields) if (applies(value, f.dataType)) rewrites.set(f.name, fillExpr(f.name, f.dataType, value));
  return rewriteColumns(df, rewrites);
}

export function dropNa(df: DataFrame, how: string | null = 'any', thresh?: number | null, subset?: Subset): DataFrame {
  if (how !== null && how !== 'any' && how !== 'all') {
    throw new PySparkValueError('VALUE_NOT_ANY_OR_ALL', `Value for \`how\` must be 'any' or 'all', got '${String(how)}'.`, { arg_name: 'how', arg_value: String(how) });
  }
  if (thresh !== undefined && thresh !== null && !Number.isInteger(thresh)) throw notExpectedType('thresh', 'int', thresh);
  const fields = targetFields(df, subsetList(subset, 'list, str or tuple'));
  const minNonNulls = thresh ?? (how === 'all' ? 1 : fields.length);
  if (fields.length === 0 || minNonNulls <= 0) return df;
  // Spark's AtLeastNNonNulls: a value counts when it is neither null nor NaN.
  const counted = fields.map((f): UnresolvedExpression => {
    const c = colRef(f.name);
    const present: UnresolvedExpression = isFractional(f.dataType)
      ? call('and', [call('isnotnull', [c]), call('not', [call('isnan', [c])])])
      : call('isnotnull', [c]);
    return { kind: 'caseWhen', branches: [{ condition: present, value: literalExpr(1) }], elseValue: literalExpr(0) };
  });
  const total = counted.reduce((a, b) => call('+', [a, b]));
  return df.filter(new Column(call('>=', [total, literalExpr(minNonNulls)])));
}

const NO_VALUE = Symbol('NoValue');
export { NO_VALUE };

/**
 * The (old, new) pairs of `replace(toReplace, value, subset)`, with PySpark's argument checks
 * (shared by local mode and remote mode's NAReplace relation).
 */
export function replacementPairs(toReplace: unknown, value: unknown = NO_VALUE, subset?: Subset): [unknown, unknown][] {
  if (value === NO_VALUE) {
    if (isPlainObject(toReplace) || toReplace instanceof Map) value = null;
    else throw new PySparkTypeError('ARGUMENT_REQUIRED', 'Argument `value` is required when `to_replace` is dict.', { arg_name: 'value', condition: '`to_replace` is dict' });
  }
  const isList = (v: unknown): v is unknown[] => Array.isArray(v);
  const isDict = isPlainObject(toReplace) || toReplace instanceof Map;
  if (!isDict && !isList(toReplace) && typeof toReplace !== 'boolean' && typeof toReplace !== 'number' && typeof toReplace !== 'string') {
    throw notExpectedType('to_replace', 'bool, dict, float, int, str or tuple', toReplace);
  }
  if (!isDict && value !== null && value !== undefined && !isList(value) && typeof value !== 'boolean' && typeof value !== 'number' && typeof value !== 'string') {
    throw notExpectedType('value', 'bool, float, int, list, None, str or tuple', value);
  }
  if (isList(toReplace) && isList(value) && toReplace.length !== value.length) throw lengthShouldBeTheSame('to_replace', 'value', toReplace.length, value.length);
  if (!(subset === undefined || subset === null || typeof subset === 'string' || Array.isArray(subset))) throw notExpectedType('subset', 'list, str or tuple', subset);

  let pairs: [unknown, unknown][];
  if (toReplace instanceof Map) pairs = [...toReplace.entries()];
  else if (isDict) pairs = Object.entries(toReplace as Record<string, unknown>);
  else {
    const keys = isList(toReplace) ? toReplace : [toReplace];
    const values = isList(value) ? value : keys.map(() => value ?? null);
    pairs = keys.map((k, i) => [k, values[i] ?? null]);
  }
  const allOf = (xs: unknown[], test: (x: unknown) => boolean) => xs.every(test);
  const keys = pairs.map((p) => p[0]);
  const vals = pairs.map((p) => p[1]).filter((v) => v !== null && v !== undefined);
  const kinds = [(x: unknown) => typeof x === 'boolean', (x: unknown) => typeof x === 'string', (x: unknown) => typeof x === 'number'];
  if (!kinds.some((k) => allOf(keys, k) && allOf(vals, k))) throw new PySparkValueError('MIXED_TYPE_REPLACEMENT', 'Mixed type replacements are not supported.');
  return pairs;
}

export function replaceNa(df: DataFrame, toReplace: unknown, value: unknown = NO_VALUE, subset?: Subset): DataFrame {
  const pairs = replacementPairs(toReplace, value, subset);
  const keys = pairs.map((p) => p[0]);
  if (pairs.length === 0) return df;

  const sample = keys[0] as Primitive;
  const fields = targetFields(df, subsetList(subset ?? undefined, 'list, str or tuple'));
  const rewrites = new Map<string, UnresolvedExpression>();
  for (const f of fields) {
    if (!applies(sample, f.dataType)) continue;
    const c = colRef(f.name);
    // Numeric keys compare as doubles (Spark's replace converts numeric keys and the column to double).
    const subject = typeof sample === 'number' ? castTo(c, DataTypes.DoubleType) : c;
    const branches = pairs.map(([k, v]) => ({
      condition: call('=', [subject, typeof k === 'number' ? castTo(literalExpr(k), DataTypes.DoubleType) : literalExpr(k)]),
      value: castTo(literalExpr(v ?? null), f.dataType),
    }));
    rewrites.set(f.name, { kind: 'caseWhen', branches, elseValue: c });
  }
  return rewriteColumns(df, rewrites);
}

/** `df.na`: fill / drop / replace. */
export class DataFrameNaFunctions {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.classic.dataframe.DataFrameNaFunctions object>';
  }

  constructor(private readonly df: DataFrame) {}

  fill(value: unknown, subset?: Subset): DataFrame {
    return fillNa(this.df, value, subset);
  }

  drop(how: string | null = 'any', thresh?: number | null, subset?: Subset): DataFrame {
    return dropNa(this.df, how, thresh, subset);
  }

  replace(toReplace: unknown, value: unknown = NO_VALUE, subset?: Subset): DataFrame {
    return replaceNa(this.df, toReplace, value, subset);
  }
}
