// Spark's TimeWindowing rule on unresolved expressions: a query that uses `window(ts, ...)`
// gets one generated column `window` below it (every window containing ts), and each use of the
// window(...) call becomes a reference to that column, so `GROUP BY window(...)` and
// `SELECT window.start` meet. One distinct window expression per query, as in Spark.
import { AnalysisException } from '../../errors/analysis-exception';
import type { UnresolvedExpression } from '../unresolved';
import { forEachUnresolved } from '../unresolved-walk';
import { TIME_WINDOW_EXPAND } from './datetime-window';
import { SESSION_WINDOW } from './datetime-session-window';

type FunctionNode = Extract<UnresolvedExpression, { kind: 'function' }>;

function keyOf(e: UnresolvedExpression): string {
  return JSON.stringify(e, (k, v) => (k === 'origin' ? undefined : typeof v === 'bigint' ? `${v}n` : v));
}

function isCallOf(e: UnresolvedExpression, name: string): e is FunctionNode {
  return e.kind === 'function' && e.name.toLowerCase() === name && !('over' in e && (e as { over?: unknown }).over);
}

function containsCallOf(e: UnresolvedExpression, name: string): boolean {
  let found = false;
  forEachUnresolved(e, (x) => {
    if (isCallOf(x, name)) found = true;
  });
  return found;
}

export interface TimeWindowRewrite {
  /** The generator call producing the `window` column (to add below the query). */
  generator: UnresolvedExpression;
  /** Replaces the window(...) call by a reference to the `window` column. */
  rewrite(e: UnresolvedExpression): UnresolvedExpression;
  /**
   * The same, with the reference bound to the generated column's id, so a `window` column of the
   * input (windows over windows) is not ambiguous with it.
   */
  rewriteBound(e: UnresolvedExpression, windowExprId: number): UnresolvedExpression;
}

/** The rewrite for the window(...) call used in `exprs`, or undefined when there is none. */
export function timeWindowRewrite(exprs: readonly (UnresolvedExpression | undefined)[]): TimeWindowRewrite | undefined {
  return windowRewrite(exprs, 'window', (call) => ({ ...call, name: TIME_WINDOW_EXPAND, origin: undefined }) as UnresolvedExpression);
}

/**
 * Spark's SessionWindowing, likewise: `session_window(ts, gap)` becomes a generated
 * `session_window` column (each row's own session); an aggregate grouped by it merges sessions.
 */
export function sessionWindowRewrite(exprs: readonly (UnresolvedExpression | undefined)[]): TimeWindowRewrite | undefined {
  return windowRewrite(exprs, SESSION_WINDOW, (call) => ({ kind: 'alias', child: call, names: [SESSION_WINDOW] }));
}

function windowRewrite(exprs: readonly (UnresolvedExpression | undefined)[], name: string, generatorOf: (call: FunctionNode) => UnresolvedExpression): TimeWindowRewrite | undefined {
  const isWindowCall = (e: UnresolvedExpression): e is FunctionNode => isCallOf(e, name);
  const found = new Map<string, FunctionNode>();
  for (const e of exprs) {
    if (!e) continue;
    forEachUnresolved(e, (x) => {
      // Innermost windows first: a window of windows is rewritten on a later pass.
      if (isWindowCall(x) && !x.args.some((a) => containsCallOf(a, name))) found.set(keyOf(x), x);
    });
  }
  if (found.size === 0) return undefined;
  if (found.size > 1) {
    throw new AnalysisException('Multiple time/session window expressions would result in a cartesian product of rows, therefore they are currently not supported.', {
      errorClass: '_LEGACY_ERROR_TEMP_1039',
    });
  }
  const [[key, call]] = [...found];
  const generator = generatorOf(call);
  let boundId: number | undefined;
  const replace = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(replace);
    if (node === null || typeof node !== 'object' || Object.getPrototypeOf(node) !== Object.prototype) return node;
    const n = node as UnresolvedExpression;
    if (typeof n.kind === 'string' && isWindowCall(n) && keyOf(n) === key) return boundId === undefined ? { kind: 'column', nameParts: [name] } : { kind: 'column', nameParts: [name], exprId: boundId };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'origin' || k === 'dataType' ? v : replace(v);
    return out;
  };
  return {
    generator,
    rewrite: (e) => {
      boundId = undefined;
      return replace(e) as UnresolvedExpression;
    },
    rewriteBound: (e, windowExprId) => {
      boundId = windowExprId;
      return replace(e) as UnresolvedExpression;
    },
  };
}
