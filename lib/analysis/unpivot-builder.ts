// Spark's Unpivot (DataFrame.unpivot / melt): every input row becomes one row per value column,
// holding the id columns, the value column's name and its value. The values are cast to their
// least common type, found without turning numbers into strings (Spark's UnpivotCoercion). Planned
// as an Expand over a projection of the ids and the values, so names and types are a select's.
import { AnalysisException } from '../errors/analysis-exception';
import { quoteIdentifier } from '../errors/query-compilation-errors';
import { attribute, type Attribute, type Expression } from '../expressions/expression';
import { findWiderType } from '../expressions/type-coercion';
import { implicitCast, isString, typeSql } from '../expressions/type-utils';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { DataTypes, type DataType } from '../types/data-types';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import type { ResolverContext } from './expression-resolver';
import type * as Ast from '../sql/ast';
import { buildFilter, buildProject } from './plan-builder';

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
  if (valueType === undefined) throw valueTypeMismatch(valueColumns);
  const variable = attribute(variableColumnName, DataTypes.StringType, false);
  const value = attribute(valueColumnName, valueType, valueColumns.some((c) => c.nullable));
  const projections = valueColumns.map((c): Expression[] => [...idColumns, { kind: 'literal', value: c.name, dataType: DataTypes.StringType }, implicitCast(c, valueType)]);
  return { kind: 'expand', projections, output: [...idColumns, variable, value], child: projected };
}

/**
 * SQL's `relation UNPIVOT [INCLUDE | EXCLUDE NULLS] (...)`: the columns no set names are the ids;
 * each input row gives one row per column set, named by the set's alias or its columns' names
 * joined with `_`. EXCLUDE NULLS (the default) drops rows whose values are all null.
 */
export function buildSqlUnpivot(child: LogicalPlan, unpivot: Ast.UnpivotRelation, ctx: ResolverContext): LogicalPlan {
  const width = unpivot.valueColumns.length;
  if (unpivot.columnSets.some((set) => set.columns.length !== width)) {
    const names = unpivot.valueColumns.map(quoteIdentifier).join(', ');
    throw new AnalysisException(`All unpivot value columns must have the same size as there are value column names (${names}).`, {
      errorClass: 'UNPIVOT_VALUE_SIZE_MISMATCH',
      sqlState: '428C4',
      messageParameters: { names },
    });
  }
  const valueItems = unpivot.columnSets.flatMap((set) => set.columns.map((parts): UnresolvedExpression => ({ kind: 'column', nameParts: parts })));
  const read = new Set(outputOf(buildProject(child, valueItems, ctx)).map((a) => a.exprId));
  const ids = outputOf(child)
    .filter((a) => !read.has(a.exprId))
    .map((a): UnresolvedExpression => ({ kind: 'column', nameParts: [a.name], exprId: a.exprId }));
  const projected = buildProject(child, [...ids, ...valueItems], ctx);
  const columns = outputOf(projected);
  const idColumns = columns.slice(0, ids.length);
  const sets = unpivot.columnSets.map((_, i) => columns.slice(ids.length + i * width, ids.length + (i + 1) * width));
  const types = unpivot.valueColumns.map((_, j) => {
    const position = sets.map((set) => set[j]);
    const type = commonValueType(position.map((c) => c.dataType), ctx.ansiEnabled);
    if (type === undefined) throw valueTypeMismatch(position);
    return type;
  });
  const names = unpivot.columnSets.map((set, i) => set.alias ?? sets[i].map((c) => c.name).join('_'));
  const variable = attribute(unpivot.nameColumn, DataTypes.StringType, false);
  const values = unpivot.valueColumns.map((name, j) => attribute(name, types[j], sets.some((set) => set[j].nullable)));
  const projections = sets.map((set, i): Expression[] => [...idColumns, { kind: 'literal', value: names[i], dataType: DataTypes.StringType }, ...set.map((c, j) => implicitCast(c, types[j]))]);
  const expanded: LogicalPlan = { kind: 'expand', projections, output: [...idColumns, variable, ...values], child: projected };
  if (unpivot.includeNulls) return expanded;
  // By name, as Spark's parser writes this filter: a value column named like an id is ambiguous.
  const refs = values.map((v): UnresolvedExpression => ({ kind: 'column', nameParts: [v.name] }));
  return buildFilter(expanded, { kind: 'function', name: 'isnotnull', args: [{ kind: 'function', name: 'coalesce', args: refs, distinct: false }], distinct: false }, ctx);
}

function valueTypeMismatch(columns: readonly Attribute[]): AnalysisException {
  const listed = columns.map((c) => `"${typeSql(c.dataType)}" (${quoteIdentifier(c.name)})`).join(', ');
  return new AnalysisException(`Unpivot value columns must share a least common type, some types do not: [${listed}].`, {
    errorClass: 'UNPIVOT_VALUE_DATA_TYPE_MISMATCH',
    sqlState: '42K09',
    messageParameters: { types: `[${listed}]` },
  });
}

/** The input columns that are not among the ids, bound to their exact attributes. */
function columnsBesides(child: LogicalPlan, ids: readonly UnresolvedExpression[], ctx: ResolverContext): UnresolvedExpression[] {
  const idIds = new Set(outputOf(buildProject(child, ids, ctx)).map((a) => a.exprId));
  return outputOf(child).filter((a) => !idIds.has(a.exprId)).map((a) => ({ kind: 'column', nameParts: [a.name], exprId: a.exprId }));
}

/** The wider type of all value columns, or undefined where only a string could hold them. */
export function commonValueType(types: readonly DataType[], ansi: boolean): DataType | undefined {
  let common: DataType | undefined = types[0];
  for (const t of types.slice(1)) {
    // No string promotion (either way, as ANSI would cast the string): strings go only with strings.
    if (isString(common!) !== isString(t)) return undefined;
    common = findWiderType(common!, t, ansi);
    if (common === undefined) return undefined;
  }
  return common;
}
