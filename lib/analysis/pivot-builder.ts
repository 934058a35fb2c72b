// Spark's pivot, for GroupedData.pivot and SQL's PIVOT clause. Planned as Spark plans a pivot whose
// aggregates PivotFirst supports: one aggregate grouped by (grouping, pivot column), then one row
// per group taking each pivot value's result (`first(if(pivot <=> value, result, null), true)`:
// after the first aggregate each (group, value) pair is one row, so this is PivotFirst). A missing
// pair gives NULL, also for count, as in Spark.
//
// SQL's PIVOT has no GROUP BY: the relation's columns that neither the pivot column nor the
// aggregates read group the rows (Spark's ResolvePivot), and its values are constant expressions
// cast to the pivot column's type, named by their alias or their text.
import { AnalysisException } from '../errors/analysis-exception';
import { forEachExpression, type Attribute, type Expression } from '../expressions/expression';
import { prettySql } from '../expressions/expression-sql';
import { canCast } from '../expressions/cast';
import type { CompileContext } from '../expressions/function-definition';
import { alias, call, literal, type UnresolvedExpression } from '../expressions/unresolved';
import { DataTypes, type DataType } from '../types/data-types';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import type * as Ast from '../sql/ast';
import { evaluateConstant } from './constant-folding';
import { ExpressionResolver, type ResolverContext } from './expression-resolver';
import { buildAggregate, expandStar } from './plan-builder';

/** One pivot value: an expression of the pivot column's type, and the output column's name. */
export interface PivotValue {
  value: UnresolvedExpression;
  name: string;
}

/** The pivoted aggregate: grouping columns, then one column per (value, aggregate). */
export function buildPivotAggregate(
  child: LogicalPlan,
  grouping: readonly UnresolvedExpression[],
  pivotColumn: UnresolvedExpression,
  values: readonly PivotValue[],
  aggregates: readonly UnresolvedExpression[],
  ctx: ResolverContext,
): LogicalPlan {
  const input = outputOf(child);
  const resolver = new ExpressionResolver(input, ctx);
  for (const u of aggregates.flatMap((a) => expandStar(a, input, undefined, ctx))) {
    const column = columnOutsideAggregates(resolver.resolve(u));
    if (column !== undefined) {
      const sql = [...column.qualifier, column.name].join('.');
      throw new AnalysisException(`Aggregate expression required for pivot, but '${sql}' did not appear in any aggregate function.`, {
        errorClass: '_LEGACY_ERROR_TEMP_1006',
        messageParameters: { sql },
      });
    }
  }
  // Phase 1: aggregate per (grouping, pivot value).
  const first = buildAggregate(child, [...grouping, pivotColumn], [...aggregates], ctx, true);
  const firstOutput = outputOf(first);
  const groupCount = grouping.length;
  const pivotAttr = firstOutput[groupCount];
  const aggAttrs = firstOutput.slice(groupCount + 1);
  // Phase 2: one row per group, one column per (value, aggregate).
  const groupRefs: UnresolvedExpression[] = firstOutput.slice(0, groupCount).map((a) => ({ kind: 'column', nameParts: [a.name], exprId: a.exprId }));
  const pivotRef: UnresolvedExpression = { kind: 'column', nameParts: [pivotAttr.name], exprId: pivotAttr.exprId };
  const columns: UnresolvedExpression[] = [];
  for (const { value, name: valueName } of values) {
    for (const agg of aggAttrs) {
      const aggRef: UnresolvedExpression = { kind: 'column', nameParts: [agg.name], exprId: agg.exprId };
      const picked = call('if', [call('<=>', [pivotRef, value]), aggRef, literal(null, DataTypes.NullType)]);
      const name = aggAttrs.length === 1 ? valueName : `${valueName}_${agg.name}`;
      columns.push(alias(call('first', [picked, literal(true, DataTypes.BooleanType)]), name));
    }
  }
  return buildAggregate(first, groupRefs, columns, ctx, true);
}

/** SQL's `relation PIVOT (...)` over the analysed relation `child`. */
export function buildSqlPivot(child: LogicalPlan, pivot: Ast.PivotRelation, ctx: ResolverContext, compile: CompileContext): LogicalPlan {
  const input = outputOf(child);
  const resolver = new ExpressionResolver(input, ctx);
  const columns = pivot.pivotColumns.map((name): UnresolvedExpression => ({ kind: 'column', nameParts: [name] }));
  // Several pivot columns are compared as one struct of them (Spark's CreateStruct).
  const pivotColumn = columns.length === 1 ? columns[0] : call('struct', columns);
  const resolvedPivot = resolver.resolve(pivotColumn);
  const pivotType = resolvedPivot.dataType;
  const values = pivot.values.map(({ value, alias: name }): PivotValue => {
    const resolved = resolver.resolve(value);
    if (!isConstant(resolved)) {
      throw new AnalysisException(`Literal expressions required for pivot values, found "${prettySql(resolved)}".`, {
        errorClass: 'NON_LITERAL_PIVOT_VALUES',
        sqlState: '42K08',
        messageParameters: { expression: `"${prettySql(resolved)}"` },
      });
    }
    if (!canCast(resolved.dataType, pivotType)) {
      const text = prettySql(resolved);
      throw new AnalysisException(`Invalid pivot value '${text}': value data type ${resolved.dataType.simpleString()} does not match pivot column data type ${pivotType.simpleString()}.`, {
        errorClass: 'PIVOT_VALUE_DATA_TYPE_MISMATCH',
        sqlState: '42K09',
        messageParameters: { value: text, valueType: resolved.dataType.simpleString(), pivotType: pivotType.simpleString() },
      });
    }
    const cast = castConstant(value, pivotType, resolver, compile);
    return { value: literal(cast, pivotType), name: name ?? valueText(value, resolver, compile) };
  });
  // The columns nothing in the clause reads group the rows, in the relation's order.
  const read = new Set<number>();
  const collect = (e: Expression) =>
    forEachExpression(e, (x) => {
      if (x.kind === 'attribute') read.add(x.exprId);
    });
  collect(resolvedPivot);
  for (const u of pivot.aggregates.flatMap((a) => expandStar(a, input, undefined, ctx))) collect(resolver.resolve(u));
  const grouping = input.filter((a) => !read.has(a.exprId)).map((a): UnresolvedExpression => ({ kind: 'column', nameParts: [a.name], exprId: a.exprId }));
  return buildPivotAggregate(child, grouping, pivotColumn, values, pivot.aggregates, ctx);
}

/**
 * A value cast to the pivot column's type. Spark checks only the legacy cast rules here and
 * evaluates the cast without its type check: a pair the session's cast refuses (DATE to INT under
 * ANSI) gives NULL.
 */
function castConstant(value: UnresolvedExpression, type: DataType, resolver: ExpressionResolver, compile: CompileContext): unknown {
  let cast: Expression;
  try {
    cast = resolver.resolve({ kind: 'cast', child: value, dataType: type, tryCast: false });
  } catch (e) {
    if (e instanceof AnalysisException) return null;
    throw e;
  }
  return evaluateConstant(cast, compile);
}

/** A pivot value as Spark names its column: cast to a string (NULL: `null`). */
function valueText(value: UnresolvedExpression, resolver: ExpressionResolver, compile: CompileContext): string {
  const text = evaluateConstant(resolver.resolve({ kind: 'cast', child: value, dataType: DataTypes.StringType, tryCast: false }), compile);
  return text === null || text === undefined ? 'null' : String(text);
}

function isConstant(e: Expression): boolean {
  let constant = true;
  forEachExpression(e, (x) => {
    if (x.kind === 'attribute' || x.kind === 'aggregateCall' || x.kind === 'generatorCall') constant = false;
  });
  return constant;
}

/** Spark's check of pivot aggregates: the first column read outside an aggregate function, if any. */
function columnOutsideAggregates(e: Expression): Attribute | undefined {
  let found: Attribute | undefined;
  forEachExpression(e, (x) => {
    if (found !== undefined || x.kind === 'aggregateCall') return true;
    if (x.kind === 'attribute') {
      found = x;
      return true;
    }
    return false;
  });
  return found;
}
