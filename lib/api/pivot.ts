// GroupedData.pivot, planned as Spark plans a pivot whose aggregates PivotFirst supports: one
// aggregate grouped by (grouping, pivot column), then one row per group taking each pivot value's
// result (`first(if(pivot <=> value, result, null), true)`: after the first aggregate each
// (group, value) pair is one row, so this is PivotFirst). A missing pair gives NULL, also for
// count, as in Spark.
import { AnalysisException } from '../errors/analysis-exception';
import { SparkException } from '../errors/spark-exception';
import { forEachExpression, type Expression } from '../expressions/expression';
import { alias, call, literal, type UnresolvedExpression } from '../expressions/unresolved';
import { outputOf, isStreamingPlan, type LogicalPlan } from '../plans/logical-plan';
import type { DataType } from '../types/data-types';
import { DataTypes } from '../types/data-types';
import { literalExpr } from './column';
import type { DataFrame } from './data-frame';
import { lazy } from '../util/lazy';

const planBuilderModule = lazy(() => require('../analysis/plan-builder') as typeof import('../analysis/plan-builder'));
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
  const pb = planBuilderModule();
  const input = outputOf(df.plan);
  const resolver = new (expressionResolverModule().ExpressionResolver)(input, ctx);
  const pivotExpr: UnresolvedExpression = { kind: 'column', nameParts: [pivot.column] };
  const pivotType = resolver.resolve(pivotExpr).dataType;
  for (const u of aggregates.flatMap((a) => pb.expandStar(a, input, undefined, ctx))) {
    const resolved = resolver.resolve(u);
    if (!containsAggregate(resolved)) {
      throw new AnalysisException(`Aggregate expression required for pivot, but '${sqlOf(resolved)}' did not appear in any aggregate function.`, {
        errorClass: '_LEGACY_ERROR_TEMP_1006',
        messageParameters: { sql: sqlOf(resolved) },
      });
    }
  }
  // Phase 1: aggregate per (grouping, pivot value).
  const first = pb.buildAggregate(df.plan, [...grouping, pivotExpr], aggregates, ctx, true);
  const firstOutput = outputOf(first);
  const groupCount = grouping.length;
  const pivotAttr = firstOutput[groupCount];
  const aggAttrs = firstOutput.slice(groupCount + 1);
  // Phase 2: one row per group, one column per (value, aggregate).
  const groupRefs: UnresolvedExpression[] = firstOutput.slice(0, groupCount).map((a) => ({ kind: 'column', nameParts: [a.name], exprId: a.exprId }));
  const pivotRef: UnresolvedExpression = { kind: 'column', nameParts: [pivotAttr.name], exprId: pivotAttr.exprId };
  const columns: UnresolvedExpression[] = [];
  for (const value of pivot.values) {
    const valueLiteral = castValue(value, pivotType);
    const valueName = valueString(value);
    for (const agg of aggAttrs) {
      const aggRef: UnresolvedExpression = { kind: 'column', nameParts: [agg.name], exprId: agg.exprId };
      const picked = call('if', [call('<=>', [pivotRef, valueLiteral]), aggRef, literal(null, DataTypes.NullType)]);
      const name = aggAttrs.length === 1 ? valueName : `${valueName}_${agg.name}`;
      columns.push(alias(call('first', [picked, literal(true, DataTypes.BooleanType)]), name));
    }
  }
  return pb.buildAggregate(first, groupRefs, columns, ctx, true);
}

function containsAggregate(e: Expression): boolean {
  let found = false;
  forEachExpression(e, (x) => {
    if (x.kind === 'aggregateCall') found = true;
    return found;
  });
  return found;
}

function sqlOf(e: Expression): string {
  const named = e.kind === 'alias' ? e.child : e;
  return named.kind === 'attribute' ? named.name : (require('../expressions/expression-sql') as typeof import('../expressions/expression-sql')).prettySql(named);
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

