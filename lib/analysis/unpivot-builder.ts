// Spark's Unpivot (DataFrame.unpivot / melt): every input row becomes one row per value column,
// holding the id columns, the value column's name and its value. The values are cast to their
// least common type, found without turning numbers into strings (Spark's UnpivotCoercion). Planned
// as an Expand over a projection of the ids and the values, so names and types are a select's.
import { AnalysisException } from '../errors/analysis-exception';
import { quoteIdentifier } from '../errors/query-compilation-errors';
import { attribute, type Expression } from '../expressions/expression';
import { findWiderType } from '../expressions/type-coercion';
import { implicitCast, isString, typeSql } from '../expressions/type-utils';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { DataTypes, type DataType } from '../types/data-types';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import type { ResolverContext } from './expression-resolver';
import { buildProject } from './plan-builder';

/**
 * The unpivoted plan: `ids` kept, `values` (undefined: every column that is not an id) turned into
 * rows of (`variableColumnName`, `valueColumnName`).
 */
export function buildUnpivot(
  child: LogicalPlan,
  ids: readonly UnresolvedExpression[],
  values: readonly UnresolvedExpression[] | undefined,
  variableColumnName: string,
  valueColumnName: string,
  ctx: ResolverContext,
): LogicalPlan {
  const valueItems = values ?? columnsBesides(child, ids, ctx);
  if (valueItems.length === 0) {
    throw new AnalysisException('At least one value column needs to be specified for UNPIVOT, all columns specified as ids.', {
      errorClass: 'UNPIVOT_REQUIRES_VALUE_COLUMNS',
      sqlState: '42K0A',
    });
  }
  const projected = buildProject(child, [...ids, ...valueItems], ctx);
  const columns = outputOf(projected);
  const idColumns = columns.slice(0, ids.length);
  const valueColumns = columns.slice(ids.length);
  const valueType = commonValueType(valueColumns.map((c) => c.dataType), ctx.ansiEnabled);
  if (valueType === undefined) {
    const listed = valueColumns.map((c) => `"${typeSql(c.dataType)}" (${quoteIdentifier(c.name)})`).join(', ');
    throw new AnalysisException(`Unpivot value columns must share a least common type, some types do not: [${listed}].`, {
      errorClass: 'UNPIVOT_VALUE_DATA_TYPE_MISMATCH',
      sqlState: '42K09',
      messageParameters: { types: `[${listed}]` },
    });
  }
  const variable = attribute(variableColumnName, DataTypes.StringType, false);
  const value = attribute(valueColumnName, valueType, valueColumns.some((c) => c.nullable));
  const projections = valueColumns.map((c): Expression[] => [...idColumns, { kind: 'literal', value: c.name, dataType: DataTypes.StringType }, implicitCast(c, valueType)]);
  return { kind: 'expand', projections, output: [...idColumns, variable, value], child: projected };
}

/** The input columns that are not among the ids, bound to their exact attributes. */
function columnsBesides(child: LogicalPlan, ids: readonly UnresolvedExpression[], ctx: ResolverContext): UnresolvedExpression[] {
  const idIds = new Set(outputOf(buildProject(child, ids, ctx)).map((a) => a.exprId));
  return outputOf(child).filter((a) => !idIds.has(a.exprId)).map((a) => ({ kind: 'column', nameParts: [a.name], exprId: a.exprId }));
}

/** The wider type of all value columns, or undefined where only a string could hold them. */
function commonValueType(types: readonly DataType[], ansi: boolean): DataType | undefined {
  let common: DataType | undefined = types[0];
  for (const t of types.slice(1)) {
    // No string promotion (either way, as ANSI would cast the string): strings go only with strings.
    if (isString(common!) !== isString(t)) return undefined;
    common = findWiderType(common!, t, ansi);
    if (common === undefined) return undefined;
  }
  return common;
}
