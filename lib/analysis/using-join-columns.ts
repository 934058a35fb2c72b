// The columns a USING/NATURAL join hides. Spark's join output keeps one copy of each key, but
// `nt2.k` and `nt2.*` still reach the other side's key (its hidden "metadata output"). We remember
// the join's full output per Project built for the join, let qualified names fall back to it, and
// add the referenced hidden columns to that Project on demand (Spark's AddMetadataColumns).
import type { Attribute, Expression } from '../expressions/expression';
import { forEachExpression } from '../expressions/expression';
import { AnalysisException } from '../errors/analysis-exception';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';

type ProjectPlan = Extract<LogicalPlan, { kind: 'project' }>;

/** Projects that carry hidden join columns: the join's full output, in join order. */
const HIDDEN = new WeakMap<LogicalPlan, Attribute[]>();

export function registerUsingJoin(project: LogicalPlan, joinOutput: Attribute[]): LogicalPlan {
  HIDDEN.set(project, joinOutput);
  return project;
}

/** The full join output visible through filters/sorts/limits above a USING join, if any. */
export function hiddenJoinColumns(plan: LogicalPlan): Attribute[] | undefined {
  const own = HIDDEN.get(plan);
  if (own) return own;
  switch (plan.kind) {
    case 'filter':
    case 'sort':
    case 'limit':
    case 'offset':
      return hiddenJoinColumns(plan.child);
    default:
      return undefined;
  }
}

/** Resolves with the visible input first, then (qualified names only) with the hidden columns. */
export function resolveWithHidden<T>(child: LogicalPlan, resolve: (input: readonly Attribute[]) => T): T {
  try {
    return resolve(outputOf(child));
  } catch (e) {
    const full = hiddenJoinColumns(child);
    if (!full || !(e instanceof AnalysisException) || !String(e.errorClass ?? '').startsWith('UNRESOLVED_COLUMN')) throw e;
    const visible = outputOf(child);
    const ids = new Set(visible.map((a) => a.exprId));
    try {
      return resolve([...visible, ...full.filter((a) => !ids.has(a.exprId))]);
    } catch {
      throw e;
    }
  }
}

/** Attributes the expressions read that `child` does not output. */
export function missingAttributes(child: LogicalPlan, exprs: readonly Expression[]): Attribute[] {
  const ids = new Set(outputOf(child).map((a) => a.exprId));
  const out: Attribute[] = [];
  for (const e of exprs) {
    forEachExpression(e, (x) => {
      if (x.kind === 'attribute' && !ids.has(x.exprId) && !out.some((a) => a.exprId === x.exprId)) out.push(x);
      return false;
    });
  }
  return out;
}

/** Rebuilds `plan` so it also outputs `needed` (hidden join columns), keeping the registrations. */
export function addHiddenColumns(plan: LogicalPlan, needed: readonly Attribute[]): LogicalPlan {
  if (needed.length === 0) return plan;
  const full = HIDDEN.get(plan);
  if (full && plan.kind === 'project') {
    const child = HIDDEN.get(plan.child) || hiddenJoinColumns(plan.child) ? addHiddenColumns(plan.child, needed) : plan.child;
    const ids = new Set(plan.projectList.map((p) => p.exprId));
    const extended: ProjectPlan = { kind: 'project', projectList: [...plan.projectList, ...needed.filter((a) => !ids.has(a.exprId))], child };
    return registerUsingJoin(extended, full);
  }
  switch (plan.kind) {
    case 'filter':
    case 'sort':
    case 'limit':
    case 'offset':
      return { ...plan, child: addHiddenColumns(plan.child, needed) } as LogicalPlan;
    default:
      return plan;
  }
}
