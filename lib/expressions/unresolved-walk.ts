// Pre-order walk over an unresolved expression tree (subquery bodies are not entered).
import type { UnresolvedExpression } from './unresolved';

export function forEachUnresolved(e: UnresolvedExpression, visit: (e: UnresolvedExpression) => void): void {
  visit(e);
  const node = e as unknown as Record<string, unknown>;
  for (const key of ['child', 'body', 'key', 'filter', 'elseValue', 'value']) {
    const c = node[key];
    if (c && typeof c === 'object' && 'kind' in (c as object) && key !== 'value') forEachUnresolved(c as UnresolvedExpression, visit);
  }
  if (Array.isArray(node.args)) for (const a of node.args as UnresolvedExpression[]) forEachUnresolved(a, visit);
  if (Array.isArray(node.branches)) {
    for (const b of node.branches as { condition: UnresolvedExpression; value: UnresolvedExpression }[]) {
      forEachUnresolved(b.condition, visit);
      forEachUnresolved(b.value, visit);
    }
  }
}
