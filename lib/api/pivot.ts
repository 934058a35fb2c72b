// GroupedData.pivot: its values (given, or the column's distinct values) and errors; the plan is
// analysis/pivot-builder.ts's, shared with SQL's PIVOT clause.
import { AnalysisException } from '../errors/analysis-exception';
import { SparkException } from '../errors/spark-exception';
import { literal, type UnresolvedExpression } from '../expressions/unresolved';
import { outputOf, isStreamingPlan, type LogicalPlan } from '../plans/logical-plan';
import type { DataType } from '../types/data-types';
import { literalExpr } from './column';
import type { DataFrame } from './data-frame';
import { lazy } from '../util/lazy';

const pivotBuilderModule = lazy(() => require('../analysis/pivot-builder') as typeof import('../analysis/pivot-builder'));
const expressionResolverModule = lazy(() => require('../analysis/expression-resolver') as typeof import('../analysis/expression-resolver'));

/** Spark's default spark.sql.pivotMaxValues. */
const DEFAULT_PIVOT_MAX_VALUES = 10000;

export interface PivotSpec {
  column: string;
  /** The values as given, or computed from the data (sorted, distinct) when omitted. */
  values: unknown[];
}

/** Spark's UnsupportedOperationException (REPEATED_CLAUSE, UNSUPPORTED_FEATURE.*). */
export class UnsupportedOperationException extends SparkException {}

export function repeatedPivotError(): UnsupportedOperationException {
  return new UnsupportedOperationException('The PIVOT clause may be used at most once per SUBQUERY operation.', {
    errorClass: 'REPEATED_CLAUSE',
    sqlState: '42614',
    messageParameters: { clause: 'PIVOT', operation: 'SUBQUERY' },
  });
}

export function pivotAfterGroupByError(): UnsupportedOperationException {
  return new UnsupportedOperationException('The feature is not supported: PIVOT clause following a GROUP BY clause. Consider pushing the GROUP BY into a subquery.', {
    errorClass: 'UNSUPPORTED_FEATURE.PIVOT_AFTER_GROUP_BY',
    sqlState: '0A000',
  });
}

/** `pivot(col)` without values: the distinct values of the column, sorted (NULL first), as Spark collects them. */
export function pivotValuesOf(df: DataFrame, column: string): unknown[] {
  if (isStreamingPlan(df.plan)) {
    throw new AnalysisException('pivot is not supported on a streaming DataFrames/Datasets', { errorClass: '_LEGACY_ERROR_TEMP_3063' });
  }
  const maxValues = Number(df.session.confGet('spark.sql.pivotMaxValues') ?? DEFAULT_PIVOT_MAX_VALUES);
  const rows = df.select(column).distinct().orderBy(column).limit(maxValues + 1).collectInternalRows();
  if (rows.length > maxValues) {
    throw new AnalysisException(`The pivot column ${outputOf(df.select(column).plan)[0].name} has more than ${maxValues} distinct values, this could indicate an error. If this was intended, set spark.sql.pivotMaxValues to at least the number of distinct values of the pivot column.`, {
      errorClass: '_LEGACY_ERROR_TEMP_1324',
      messageParameters: { pivotColumn: column, maxValues: String(maxValues), config: 'spark.sql.pivotMaxValues' },
    });
  }
  return rows.map((r) => r[0]);
}

/** The pivoted aggregate: grouping columns, then one column per (value, aggregate). */
export function buildPivot(df: DataFrame, grouping: UnresolvedExpression[], pivot: PivotSpec, aggregates: UnresolvedExpression[]): LogicalPlan {
  const ctx = df.session.resolverContext();
  const pivotExpr: UnresolvedExpression = { kind: 'column', nameParts: [pivot.column] };
  const pivotType = new (expressionResolverModule().ExpressionResolver)(outputOf(df.plan), ctx).resolve(pivotExpr).dataType;
  const values = pivot.values.map((value) => ({ value: castValue(value, pivotType), name: valueString(value) }));
  return pivotBuilderModule().buildPivotAggregate(df.plan, grouping, pivotExpr, values, aggregates, ctx);
}

/** A pivot value as a literal of the pivot column's type (Spark casts `'2012'` for an INT column). */
function castValue(value: unknown, type: DataType): UnresolvedExpression {
  const lit = literalExpr(value);
  if (value === null || value === undefined) return literal(null, type);
  return { kind: 'cast', child: lit, dataType: type, tryCast: false };
}

/** Spark names a pivot column by the value's string form; NULL gives `null`. */
function valueString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

