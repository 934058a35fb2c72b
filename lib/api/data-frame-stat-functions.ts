// pyspark.sql.DataFrameStatFunctions (`df.stat`) and the DataFrame methods behind it: corr
// (Pearson, the corr aggregate), cov (covar_samp), sampleBy (Spark's stratified sample: one
// rand(seed) draw per row kept when below its stratum's fraction, so a seed gives Spark's rows),
// crosstab (Spark 4's: a count pivoted by the second column's text), approxQuantile (Spark's
// percentile_approx digest per input partition, merged in partition order), freqItems (Spark's
// CollectFrequentItems, frequent-items.ts).
import { IllegalArgumentException, PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { alias, call, literal, type UnresolvedExpression } from '../expressions/unresolved';
import { javaDoubleToString } from '../types/pretty-value';
import { DataTypes } from '../types/data-types';
import { checkStr, isPlainObject, notExpectedType } from './argument-checks';
import { Column, literalExpr, pyTypeName, type ColumnOrName } from './column';
import type { DataFrame } from './data-frame';
import { MISSING_METHODS, refuseMissingMethods } from './unsupported-methods';
import { PercentileDigest } from '../expressions/aggregates/percentile-digest';
import { isNumeric } from '../expressions/type-utils';
import { scalaTypeString } from '../types/scala-type-string';
import { col as columnOf } from './functions/column-basics';
import { attribute } from '../expressions/expression';
import { ArrayType } from '../types/data-types';
import { frequentItems } from './frequent-items';

function aggregateValue(df: DataFrame, fn: string, col1: string, col2: string): number {
  const c = (n: string): UnresolvedExpression => ({ kind: 'cast', child: { kind: 'column', nameParts: [n] }, dataType: DataTypes.DoubleType, tryCast: false });
  const row = df.agg(new Column(call(fn, [c(col1), c(col2)]))).collectInternalRows()[0];
  return row[0] as number;
}

/** `df.corr(col1, col2, method='pearson')`. */
export function corr(df: DataFrame, col1: unknown, col2: unknown, method?: unknown): number {
  checkStr(col1, 'col1');
  checkStr(col2, 'col2');
  const m = method === undefined || method === null || method === '' ? 'pearson' : method;
  if (m !== 'pearson') throw new PySparkValueError('VALUE_NOT_PEARSON', `Value for \`method\` only supports 'pearson', got '${String(m)}'.`, { arg_name: 'method', arg_value: String(m) });
  return aggregateValue(df, 'corr', col1, col2);
}

/** `df.cov(col1, col2)`: the sample covariance. */
export function cov(df: DataFrame, col1: unknown, col2: unknown): number {
  checkStr(col1, 'col1');
  checkStr(col2, 'col2');
  return aggregateValue(df, 'covar_samp', col1, col2);
}

function randomSeed(): bigint {
  const words = new BigInt64Array(1);
  globalThis.crypto.getRandomValues(words);
  return BigInt.asUintN(63, words[0]);
}

/**
 * `df.sampleBy(col, fractions, seed)`: `fractions` maps stratum values to fractions (a plain
 * object, whose keys are strings, or a Map); strata not listed get 0.
 */
export function sampleBy(df: DataFrame, col: unknown, fractions: unknown, seed?: unknown): DataFrame {
  if (typeof col !== 'string' && !(col instanceof Column)) throw notExpectedType('col', 'Column or str', col);
  const entries: [unknown, unknown][] = fractions instanceof Map ? [...fractions.entries()] : isPlainObject(fractions) ? Object.entries(fractions) : [];
  if (!(fractions instanceof Map) && !isPlainObject(fractions)) throw notExpectedType('fractions', 'dict', fractions);
  for (const [k] of entries) {
    if (!['number', 'bigint', 'string'].includes(typeof k)) {
      throw new PySparkTypeError('DISALLOWED_TYPE_FOR_CONTAINER', `Argument \`fractions\`(type: dict) should only contain a type in [float, int, str], got ${pyTypeName(k)}`, {
        arg_name: 'fractions',
        arg_type: 'dict',
        allowed_types: 'float, int, str',
        item_type: pyTypeName(k),
      });
    }
  }
  const values = entries.map(([k, v]) => [k, Number(v)] as const);
  if (!values.every(([, p]) => p >= 0 && p <= 1)) {
    throw new IllegalArgumentException(`requirement failed: Fractions must be in [0, 1], but got Map(${values.map(([k, p]) => `${String(k)} -> ${javaDoubleToString(p)}`).join(', ')}).`);
  }
  if (seed !== undefined && seed !== null && !(typeof seed === 'bigint' || (typeof seed === 'number' && Number.isFinite(seed)))) throw notExpectedType('seed', 'int', seed);
  const s = seed === undefined || seed === null ? randomSeed() : typeof seed === 'bigint' ? seed : BigInt(Math.trunc(seed as number));
  const stratum = typeof col === 'string' ? new Column({ kind: 'column', nameParts: [col] }) : col;
  let fraction: UnresolvedExpression = literalExpr(0.0);
  for (let i = values.length - 1; i >= 0; i--) {
    const [k, p] = values[i];
    fraction = call('if', [stratum.eq(k).expr, literalExpr(p), fraction]);
  }
  const draw = new Column(call('rand', [{ kind: 'literal', value: s, dataType: DataTypes.LongType }]));
  // Spark: a NULL stratum (no entry) keeps no row; `if` treats a NULL condition as false.
  return df.filter(draw.lt(new Column(fraction)));
}

/**
 * `df.crosstab(col1, col2)`, as Spark 4's StatFunctions.crossTabulate: rows grouped by col1's text
 * (`null` for NULL) in a column named `col1_col2`, one column per distinct text of col2 (sorted;
 * backquotes removed), each the number of rows of that pair (0 when none).
 */
export function crosstab(df: DataFrame, col1: unknown, col2: unknown): DataFrame {
  checkStr(col1, 'col1');
  checkStr(col2, 'col2');
  const text = (name: string, clean: (e: UnresolvedExpression) => UnresolvedExpression): UnresolvedExpression => ({
    kind: 'caseWhen',
    branches: [{ condition: call('isnull', [{ kind: 'column', nameParts: [name] }]), value: literal('null', DataTypes.StringType) }],
    elseValue: clean({ kind: 'cast', child: { kind: 'column', nameParts: [name] }, dataType: DataTypes.StringType, tryCast: false }),
  });
  const tableName = `${col1}_${col2}`;
  const pivotName = '__crosstab_value';
  const keyed = df.select(
    new Column(alias(text(col1, (e) => e), tableName)),
    new Column(alias(text(col2, (e) => call('regexp_replace', [e, literal('`', DataTypes.StringType), literal('', DataTypes.StringType)])), pivotName)),
  );
  return keyed.groupBy(tableName).pivot(pivotName).count().na.fill(0);
}

/**
 * `df.approxQuantile(col, probabilities, relativeError)`: for a column name, its approximate
 * quantiles; for a list of names, one list per column. As Spark's
 * StatFunctions.multipleApproxQuantiles: each column cast to DOUBLE, nulls and NaNs left out,
 * percentile_approx with accuracy ceil(1 / relativeError) (Int.MaxValue for 0) per input
 * partition, the partitions' digests merged in order. A column without values gives [].
 */
/**
 * PySpark's argument checks of approxQuantile: the column names (and whether one name was given),
 * the probabilities and the relative error. `remote`: PySpark Connect's wording for a list
 * holding something else than names.
 */
export function checkApproxQuantileArgs(col: unknown, probabilities: unknown, relativeError: unknown, remote = false): { names: string[]; single: boolean; probabilities: number[]; relativeError: number } {
  if (typeof col !== 'string' && !Array.isArray(col)) throw notExpectedType('col', 'list, str or tuple', col);
  const single = typeof col === 'string';
  const cols: unknown[] = single ? [col] : (col as unknown[]);
  for (const c of cols) {
    if (typeof c === 'string') continue;
    if (remote) throw notExpectedType('columns', 'list[str]', c);
    throw new PySparkTypeError('DISALLOWED_TYPE_FOR_CONTAINER', `Argument \`col\`(type: list) should only contain a type in [str], got ${pyTypeName(c)}`, {
      arg_name: 'col',
      arg_type: 'list',
      allowed_types: 'str',
      item_type: pyTypeName(c),
    });
  }
  if (!Array.isArray(probabilities)) throw notExpectedType('probabilities', 'list or tuple', probabilities);
  for (const p of probabilities) {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw notExpectedType('probabilities', 'list[float, int]', p);
  }
  if (typeof relativeError !== 'number') throw notExpectedType('relativeError', 'float or int', relativeError);
  if (relativeError < 0) {
    throw new PySparkValueError('NEGATIVE_VALUE', `Value for \`relativeError\` must be greater than or equal to 0, got '${String(relativeError)}'.`, { arg_name: 'relativeError', arg_value: String(relativeError) });
  }
  return { names: cols as string[], single, probabilities: probabilities as number[], relativeError };
}

export function approxQuantile(df: DataFrame, col: unknown, probabilities: unknown, relativeError: unknown): number[] | number[][] {
  const { names, single } = checkApproxQuantileArgs(col, probabilities, relativeError);
  const casted = names.map((name) => {
    const field = df.select(name).schema.fields[0];
    if (!isNumeric(field.dataType)) throw new IllegalArgumentException(`requirement failed: Quantile calculation for column ${name} with data type ${scalaTypeString(field.dataType)} is not supported.`);
    return columnOf(name).cast(DataTypes.DoubleType);
  });
  // percentile_approx takes an integer accuracy.
  const accuracy = relativeError === 0 ? 2147483647 : Math.min(2147483647, Math.ceil(1 / (relativeError as number)));
  const merged: (PercentileDigest | undefined)[] = names.map(() => undefined);
  for (const rows of df.select(...casted).partitionRows()) {
    const partial: (PercentileDigest | undefined)[] = names.map(() => undefined);
    for (const row of rows) {
      for (let i = 0; i < names.length; i++) {
        const v = row[i] as number | null;
        if (v === null || v !== v) continue;
        (partial[i] ??= new PercentileDigest(1 / accuracy)).add(v);
      }
    }
    for (let i = 0; i < names.length; i++) {
      const p = partial[i];
      if (p !== undefined) merged[i] = merged[i] === undefined ? p : merged[i]!.merge(p);
    }
  }
  const results = merged.map((d) => (d === undefined ? [] : d.percentiles(probabilities as number[])));
  return single ? results[0] : results;
}

/**
 * `df.freqItems(cols, support)`: one row, a column `<col>_freqItems` per column listing its
 * frequent items (Spark's FrequentItems.singlePassFreqItems; may hold false positives). A
 * support of 0 or none means 0.01.
 */
/** PySpark's freqItems argument check; the support (0 or none: 0.01). */
export function checkFreqItemsArgs(cols: unknown, support: unknown): number {
  if (!Array.isArray(cols)) throw notExpectedType('cols', 'list or tuple', cols);
  return support === undefined || support === null || support === 0 ? 0.01 : Number(support);
}

export function freqItems(df: DataFrame, cols: unknown, support?: unknown): DataFrame {
  const s = checkFreqItemsArgs(cols, support);
  if (!(s >= 1e-4 && s <= 1.0)) throw new IllegalArgumentException(`requirement failed: Support must be in [1e-4, 1], but got ${javaDoubleToString(s)}.`);
  // Scala's (1 / support).toInt counters per column.
  const limit = Math.trunc(1 / s);
  const names = cols as string[];
  const selected = df.select(...names.map((name) => columnOf(name)));
  const fields = selected.schema.fields;
  const output = fields.map((f, i) => attribute(`${names[i]}_freqItems`, new ArrayType(f.dataType, f.nullable), false));
  let rows: unknown[][] | undefined;
  const compute = (): unknown[][] => {
    const partitions = selected.partitionRows();
    return [fields.map((f, i) => frequentItems(partitions.map((part) => part.map((row) => row[i])), f.dataType, limit))];
  };
  return df.withLogicalPlan({ kind: 'localRelation', name: 'LocalRelation', data: () => (rows ??= compute()), output });
}

/** pyspark.sql.DataFrameStatFunctions: `df.stat.corr(...)`, `cov`, `sampleBy`, `crosstab`, `approxQuantile`, `freqItems`. */
export class DataFrameStatFunctions {
  constructor(private readonly df: DataFrame) {}

  corr(col1: string, col2: string, method?: string | null): number {
    return corr(this.df, col1, col2, method);
  }

  cov(col1: string, col2: string): number {
    return cov(this.df, col1, col2);
  }

  sampleBy(col: ColumnOrName, fractions: Record<string, number> | Map<unknown, number>, seed?: number | bigint | null): DataFrame {
    return sampleBy(this.df, col, fractions, seed);
  }

  crosstab(col1: string, col2: string): DataFrame {
    return crosstab(this.df, col1, col2);
  }

  approxQuantile(col: string, probabilities: readonly number[], relativeError: number): number[];
  approxQuantile(col: readonly string[], probabilities: readonly number[], relativeError: number): number[][];
  approxQuantile(col: string | readonly string[], probabilities: readonly number[], relativeError: number): number[] | number[][] {
    return approxQuantile(this.df, col, probabilities, relativeError);
  }

  freqItems(cols: readonly string[], support?: number | null): DataFrame {
    return freqItems(this.df, cols, support);
  }

  /** `console.log(df.stat)` shows PySpark's repr. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.classic.dataframe.DataFrameStatFunctions object>';
  }
}

refuseMissingMethods(DataFrameStatFunctions.prototype, 'DataFrameStatFunctions', MISSING_METHODS.DataFrameStatFunctions);
