// DataFrame.join and SQL joins: join type names as Spark accepts them, ON conditions, and USING
// columns (one output column per key: the left key, the right key for right joins, coalesce for
// full outer joins), as Spark's ResolveNaturalAndUsingJoin.
import { AnalysisException } from '../errors/analysis-exception';
import { DataTypes } from '../types/data-types';
import { newExprId, type Attribute, type Expression, type NamedExpression } from '../expressions/expression';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { prettySql } from '../expressions/expression-sql';
import { joinOutput, outputOf, type JoinType, type LogicalPlan } from '../plans/logical-plan';
import { ExpressionResolver, type ResolverContext } from './expression-resolver';
import { registerUsingJoin } from './using-join-columns';
import { unresolvedColumnError } from '../errors/query-compilation-errors';

const JOIN_TYPES: Record<string, JoinType> = {
  inner: 'inner',
  outer: 'full_outer',
  full: 'full_outer',
  fullouter: 'full_outer',
  full_outer: 'full_outer',
  leftouter: 'left_outer',
  left: 'left_outer',
  left_outer: 'left_outer',
  rightouter: 'right_outer',
  right: 'right_outer',
  right_outer: 'right_outer',
  leftsemi: 'left_semi',
  left_semi: 'left_semi',
  semi: 'left_semi',
  leftanti: 'left_anti',
  left_anti: 'left_anti',
  anti: 'left_anti',
  cross: 'cross',
};

export function parseJoinType(how: string): JoinType {
  const key = how.toLowerCase();
  const t = JOIN_TYPES[key] ?? JOIN_TYPES[key.replace(/_/g, '')];
  if (t) return t;
  const supported = "'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'";
  throw new AnalysisException(`Unsupported join type '${how}'. Supported join types include: ${supported}.`, {
    errorClass: 'UNSUPPORTED_JOIN_TYPE',
    sqlState: '0A000',
    messageParameters: { typ: how, supported },
  });
}

export function buildJoin(left: LogicalPlan, right: LogicalPlan, joinType: JoinType, condition: UnresolvedExpression | undefined, ctx: ResolverContext): LogicalPlan {
  let resolved: Expression | undefined;
  if (condition) {
    const resolver = new ExpressionResolver(joinOutput('inner', outputOf(left), outputOf(right)), ctx);
    resolved = resolver.resolve(condition);
    if (resolved.kind === 'alias') resolved = resolved.child;
    const t = resolved.dataType.typeName();
    if (t !== 'boolean' && t !== 'void') {
      throw new AnalysisException(`Join condition "${prettySql(resolved)}" of type "${resolved.dataType.toDDL()}" is not a boolean.`, {
        errorClass: 'DATATYPE_MISMATCH.JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE',
        sqlState: '42K09',
      });
    }
  }
  return { kind: 'join', joinType: condition === undefined && joinType === 'inner' ? 'inner' : joinType, condition: resolved, left, right };
}

/** `join(other, ["k1", "k2"], how)` / `JOIN ... USING (k1, k2)`. */
export function buildUsingJoin(left: LogicalPlan, right: LogicalPlan, joinType: JoinType, keys: readonly string[], ctx: ResolverContext): LogicalPlan {
  const l = outputOf(left);
  const r = outputOf(right);
  const find = (attrs: Attribute[], name: string, side: string): Attribute => {
    const a = attrs.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!a) {
      throw new AnalysisException(`USING column \`${name}\` cannot be resolved on the ${side} side of the join. The ${side}-side columns: [${attrs.map((x) => `\`${x.name}\``).join(', ')}].`, {
        errorClass: 'UNRESOLVED_USING_COLUMN_FOR_JOIN',
        sqlState: '42703',
        messageParameters: { colName: `\`${name}\``, side, suggestion: attrs.map((x) => `\`${x.name}\``).join(', ') },
      });
    }
    return a;
  };
  if (keys.length === 0) throw unresolvedColumnError([''], []);
  const pairs = keys.map((k) => [find(l, k, 'left'), find(r, k, 'right')] as const);
  let condition: UnresolvedExpression | undefined;
  for (const [a, b] of pairs) {
    const eq: UnresolvedExpression = { kind: 'function', name: '=', args: [{ kind: 'column', nameParts: [a.name], exprId: a.exprId }, { kind: 'column', nameParts: [b.name], exprId: b.exprId }], distinct: false, isOperator: true };
    condition = condition ? { kind: 'function', name: 'and', args: [condition, eq], distinct: false, isOperator: true } : eq;
  }
  const join = buildJoin(left, right, joinType, condition, ctx);
  if (joinType === 'left_semi' || joinType === 'left_anti') return join;
  const joined = outputOf(join);
  const byId = (a: Attribute) => joined.find((x) => x.exprId === a.exprId)!;
  const keyColumns: (Attribute | NamedExpression)[] = pairs.map(([a, b]) => {
    if (joinType === 'right_outer') return byId(b);
    if (joinType === 'full_outer') {
      const la = byId(a);
      const rb = byId(b);
      const coalesce: Expression = {
        kind: 'caseWhen',
        branches: [{ condition: { kind: 'scalarCall', fn: ctx.registry.lookup('isnotnull') as never, args: [la], dataType: DataTypes.BooleanType, nullable: false }, value: la }],
        elseValue: rb,
        dataType: la.dataType,
      };
      return { kind: 'alias', child: coalesce, name: a.name, exprId: newExprId(), dataType: la.dataType };
    }
    return byId(a);
  });
  const keyIds = new Set(pairs.flatMap(([a, b]) => [a.exprId, b.exprId]));
  const rest = joined.filter((x) => !keyIds.has(x.exprId));
  return registerUsingJoin({ kind: 'project', projectList: [...keyColumns, ...rest], child: join }, joined);
}
