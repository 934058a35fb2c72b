// Shared pieces of the collection functions: argument checks, Spark's errors, value identity for
// hashing (SQL equality), map building with spark.sql.mapKeyDedupPolicy, NULL-safe evaluation.
import { DataType, ArrayType, MapType } from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import { Decimal } from '../../types/decimal';
import { AnalysisException } from '../../errors/analysis-exception';
import { SparkException, ArrayIndexOutOfBoundsException } from '../../errors/spark-exception';
import { quoteIdentifier, unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { CompileContext, ScalarFunction, Evaluator, ResolveContext } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { compareValues, typeSql } from '../type-utils';

export function sqlOf(name: string, args: readonly Expression[]): string {
  return `${name}(${args.map(prettySql).join(', ')})`;
}

export function requireType(name: string, args: readonly Expression[], i: number, ok: (t: DataType) => boolean, required: string): void {
  const t = args[i].dataType;
  if (!ok(t)) throw unexpectedInputTypeError(sqlOf(name, args), i, required, prettySql(args[i]), typeSql(t));
}

export const isArray = (t: DataType): t is ArrayType => t instanceof ArrayType;
export const isMap = (t: DataType): t is MapType => t instanceof MapType;

export function arrayFunctionDiffTypes(name: string, args: readonly Expression[], left: DataType, right: DataType): AnalysisException {
  const params = { sqlExpr: `"${sqlOf(name, args)}"`, functionName: quoteIdentifier(name), dataType: '"ARRAY"', leftType: `"${typeSql(left)}"`, rightType: `"${typeSql(right)}"` };
  return new AnalysisException(
    `Cannot resolve ${params.sqlExpr} due to data type mismatch: Input to ${params.functionName} should have been ${params.dataType} followed by a value with same element type, but it's [${params.leftType}, ${params.rightType}].`,
    { errorClass: 'DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES', sqlState: '42K09', messageParameters: params },
  );
}

export function nullTypeError(name: string, args: readonly Expression[]): AnalysisException {
  const params = { sqlExpr: `"${sqlOf(name, args)}"`, functionName: quoteIdentifier(name) };
  return new AnalysisException(`Cannot resolve ${params.sqlExpr} due to data type mismatch: Null typed values cannot be used as arguments of ${params.functionName}.`, {
    errorClass: 'DATATYPE_MISMATCH.NULL_TYPE',
    sqlState: '42K09',
    messageParameters: params,
  });
}

export function invalidIndexOfZero(): SparkException {
  return new ArrayIndexOutOfBoundsException('The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).', {
    errorClass: 'INVALID_INDEX_OF_ZERO',
    sqlState: '22003',
  });
}

export function nullMapKey(): SparkException {
  return new SparkException('Cannot use null as map key.', { errorClass: 'NULL_MAP_KEY', sqlState: '2200E' });
}

export function tooLargeArray(size: number): SparkException {
  const params = { numberOfElements: String(size), maxRoundedArrayLength: '2147483632' };
  return new SparkException(
    `Can't create array with ${params.numberOfElements} elements which exceeding the array size limit ${params.maxRoundedArrayLength}.`,
    { errorClass: 'COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER', sqlState: '54000', messageParameters: { ...params, parameter: '`count`', functionName: '`array_repeat`' } },
  );
}

/** A hashable identity for a value: SQL equality (0.0 = -0.0, NaN = NaN, arrays by value). */
export function valueKey(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'number' && Object.is(v, -0) ? 0 : v;
  return `\u0000${complexKey(v)}`;
}

export function complexKey(v: unknown): string {
  if (v === null) return 'n';
  if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v);
  if (typeof v === 'bigint') return `${v}L`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Decimal) return `d${v.toString()}`;
  if (v instanceof Uint8Array) return `b${Array.from(v).join(',')}`;
  if (v instanceof Map) return `m{${[...v].map(([k, x]) => `${complexKey(k)}:${complexKey(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map(complexKey).join(',')}]`;
  return String(v);
}

/** Ascending order with NULLs first (Spark's ordering of array elements). */
export function compareNullsFirst(a: unknown, b: unknown): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return compareValues(a, b);
}

export function scalar(
  name: string,
  resolve: (args: Expression[], ctx: ResolveContext) => { args: Expression[]; dataType: DataType; nullable?: boolean },
  compile: ScalarFunction['compile'],
  sql?: (args: string[]) => string,
): ScalarFunction {
  return { kind: 'scalar', name, resolve, compile, ...(sql ? { sql } : {}) };
}

/** Evaluates args; NULL if any is NULL, else `f(values)`. */
export function nullSafe(args: Evaluator[], f: (v: unknown[]) => unknown): Evaluator {
  const n = args.length;
  return (row) => {
    const vs = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const v = args[i](row);
      if (v === null) return null;
      vs[i] = v;
    }
    return f(vs);
  };
}

/** spark.sql.mapKeyDedupPolicy: LAST_WIN keeps a duplicate key's first position with the last value. */
export function mapKeyLastWins(ctx: CompileContext): boolean {
  return (ctx.conf?.('spark.sql.mapKeyDedupPolicy') ?? 'EXCEPTION').toUpperCase() === 'LAST_WIN';
}

/** Builds a map value from keys and values; NULL keys fail, duplicates fail unless `lastWin`. */
export function buildMap(keys: readonly unknown[], values: readonly unknown[], lastWin = false): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>();
  const seen = new Map<unknown, unknown>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === null) throw nullMapKey();
    const id = valueKey(k);
    if (seen.has(id)) {
      if (lastWin) {
        m.set(seen.get(id), values[i]);
        continue;
      }
      throw new SparkException(
        `Duplicate map key ${String(k)} was found, please check the input data. If you want to remove the duplicated keys, you can set "spark.sql.mapKeyDedupPolicy" to "LAST_WIN" so that the key inserted at last takes precedence.`,
        { errorClass: 'DUPLICATED_MAP_KEY', sqlState: '23505', messageParameters: { key: String(k), mapKeyDedupPolicy: '"spark.sql.mapKeyDedupPolicy"' } },
      );
    }
    seen.set(id, k);
    m.set(k, values[i]);
  }
  return m;
}

export function invalidMapKeyType(name: string, args: readonly Expression[], keyType: DataType): AnalysisException {
  const params = { sqlExpr: `"${sqlOf(name, args)}"`, keyType: `"${typeSql(keyType)}"` };
  return new AnalysisException(`Cannot resolve ${params.sqlExpr} due to data type mismatch: The key of map cannot be/contain ${params.keyType}.`, {
    errorClass: 'DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE',
    sqlState: '42K09',
    messageParameters: params,
  });
}

export function containsMap(t: DataType): boolean {
  if (t instanceof MapType) return true;
  if (t instanceof ArrayType) return containsMap(t.elementType);
  if (t instanceof StructType) return t.fields.some((f) => containsMap(f.dataType));
  return false;
}
