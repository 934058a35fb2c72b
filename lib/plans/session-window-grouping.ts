// Which grouping expression of an aggregate is a session_window(...) column (Spark's
// SessionWindowing puts it in a projection below the aggregate).
import { SESSION_WINDOW } from '../expressions/functions/datetime-session-window';
import type { Aggregate, LogicalPlan } from './logical-plan';

/** The index of the grouping expression that is a session_window(...) column, or -1. */
export function sessionWindowGroupingIndex(aggregate: Aggregate): number {
  const sessionIds = new Set<number>();
  const visit = (p: LogicalPlan): void => {
    if (p.kind === 'project') {
      for (const e of p.projectList) {
        if (e.kind === 'alias' && e.child.kind === 'scalarCall' && e.child.fn.name === SESSION_WINDOW) sessionIds.add(e.exprId);
      }
    }
    if (p.kind === 'project' || p.kind === 'filter' || p.kind === 'subqueryAlias') visit(p.child);
  };
  visit(aggregate.child);
  return aggregate.groupingExpressions.findIndex((g) => g.kind === 'attribute' && sessionIds.has(g.exprId));
}
