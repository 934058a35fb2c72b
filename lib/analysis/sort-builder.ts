// ORDER BY / LIMIT / OFFSET. Sort keys may name columns the projection dropped (Spark's
// ResolveMissingReferences): df.select("a").orderBy("b") sorts below the projection.
import { AnalysisException } from '../errors/analysis-exception';
import type { Attribute } from '../expressions/expression';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { outputOf, type LogicalPlan, type SortOrder } from '../plans/logical-plan';
import { ExpressionResolver, type ResolverContext } from './expression-resolver';
import { forEachExpression } from '../expressions/expression';
import { prettySql } from '../expressions/expression-sql';

function toOrder(u: UnresolvedExpression): { expr: UnresolvedExpression; ascending: boolean; nullsFirst: boolean } {
  if (u.kind === 'sortOrder') return { expr: u.child, ascending: u.ascending, nullsFirst: u.nullsFirst };
  return { expr: u, ascending: true, nullsFirst: true };
}

export function buildSort(child: LogicalPlan, items: readonly UnresolvedExpression[], ctx: ResolverContext): LogicalPlan {
  const orders = items.map(toOrder);
  const direct = tryResolve(orders, outputOf(child), ctx);
  if (direct.ok) return { kind: 'sort', orders: direct.orders, child };
  // Resolve against what a projection hid, then sort below it and project the hidden columns away.
  if (child.kind === 'project') {
    const below = outputOf(child.child);
    const visible = outputOf(child);
    const resolved = tryResolve(orders, [...visible, ...below], ctx);
    if (resolved.ok) {
      const missing: Attribute[] = [];
      for (const o of resolved.orders) {
        forEachExpression(o.child, (x) => {
          if (x.kind === 'attribute' && !visible.some((v) => v.exprId === x.exprId) && !missing.some((m) => m.exprId === x.exprId)) missing.push(x);
        });
      }
      const widened: LogicalPlan = { kind: 'project', projectList: [...child.projectList, ...missing], child: child.child };
      return { kind: 'project', projectList: visible, child: { kind: 'sort', orders: resolved.orders, child: widened } };
    }
  }
  throw direct.error;
}

function tryResolve(
  orders: ReturnType<typeof toOrder>[],
  input: readonly Attribute[],
  ctx: ResolverContext,
): { ok: true; orders: SortOrder[] } | { ok: false; error: unknown } {
  const resolver = new ExpressionResolver(input, ctx);
  try {
    return {
      ok: true,
      orders: orders.map((o) => {
        const e = resolver.resolve(o.expr);
        const child = e.kind === 'alias' ? e.child : e;
        forEachExpression(child, (x) => {
          if (x.kind === 'aggregateCall' || x.kind === 'generatorCall') {
            throw new AnalysisException(`${x.kind === 'aggregateCall' ? 'Aggregate' : 'Generator'} functions are not allowed in ORDER BY unless the query aggregates: ${prettySql(child)}.`, {
              errorClass: 'UNSUPPORTED_EXPR_FOR_OPERATOR',
              sqlState: '42K0E',
              messageParameters: { invalidExprSqls: `"${prettySql(child)}"` },
            });
          }
        });
        if (child.dataType.typeName() === 'map') {
          throw new AnalysisException(`Cannot resolve "${prettySql(child)} ASC NULLS FIRST" due to data type mismatch: The \`sortorder\` does not support ordering on type "${child.dataType.toDDL()}".`, {
            errorClass: 'DATATYPE_MISMATCH.INVALID_ORDERING_TYPE',
            sqlState: '42K09',
          });
        }
        return { child, ascending: o.ascending, nullsFirst: o.nullsFirst };
      }),
    };
  } catch (error) {
    return { ok: false, error };
  }
}

function checkCount(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new AnalysisException(`The ${name} like expression "${n}" is invalid. The ${name} expression must be equal to or greater than 0, but got ${n}.`, {
      errorClass: 'INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE',
      sqlState: '42K0E',
      messageParameters: { name, expr: `"${n}"`, v: String(n) },
    });
  }
}

export function buildLimit(child: LogicalPlan, n: number): LogicalPlan {
  checkCount('limit', n);
  return { kind: 'limit', limit: n, child };
}

export function buildOffset(child: LogicalPlan, n: number): LogicalPlan {
  checkCount('offset', n);
  return { kind: 'offset', offset: n, child };
}
