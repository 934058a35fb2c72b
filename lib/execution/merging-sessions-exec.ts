// Spark's MergingSessionsExec for batch queries: below an aggregate grouped by a session window,
// each row's own session [ts, ts + gap] is replaced by the merged session of its group — sessions
// of the same other keys merge while the next one starts at or before the current end — so the
// aggregate then groups rows of one session together.
import type { Expression } from '../expressions/expression';
import type { CompileContext } from '../expressions/function-definition';
import { compileExpression } from '../expressions/compiler';
import { encodeCompositeKey } from '../util/group-key';
export { sessionWindowGroupingIndex } from '../plans/session-window-grouping';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';

export class MergingSessionsExec implements PhysicalOperator {
  readonly output;
  private readonly keys: ((row: Row) => unknown)[];
  private readonly sessionOrdinal: number;

  constructor(groupingExpressions: readonly Expression[], sessionIndex: number, private readonly child: PhysicalOperator, ctx: CompileContext) {
    this.output = child.output;
    const session = groupingExpressions[sessionIndex] as Expression & { exprId: number };
    this.sessionOrdinal = child.output.findIndex((a) => a.exprId === session.exprId);
    this.keys = groupingExpressions.filter((_, i) => i !== sessionIndex).map((g) => compileExpression(g, child.output, ctx));
  }

  execute(ctx: ExecutionContext): Row[] {
    const groups = new Map<unknown, Row[]>();
    const s = this.sessionOrdinal;
    pushRows(this.child, ctx, (row) => {
      if (row[s] === null) return;
      const key = this.keys.length === 0 ? '' : encodeCompositeKey(this.keys.map((k) => k(row)));
      let rows = groups.get(key);
      if (!rows) groups.set(key, (rows = []));
      rows.push(row.slice());
    });
    const out: Row[] = [];
    for (const rows of groups.values()) {
      rows.sort((a, b) => cmp((a[s] as bigint[])[0], (b[s] as bigint[])[0]));
      let from = 0;
      while (from < rows.length) {
        const [start] = rows[from][s] as bigint[];
        let end = (rows[from][s] as bigint[])[1];
        let to = from + 1;
        while (to < rows.length && (rows[to][s] as bigint[])[0] <= end) {
          const e = (rows[to][s] as bigint[])[1];
          if (e > end) end = e;
          to++;
        }
        const merged = [start, end];
        for (let i = from; i < to; i++) {
          rows[i][s] = merged;
          out.push(rows[i]);
        }
        from = to;
      }
    }
    return out;
  }

  close(): void {
    this.child.close?.();
  }
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
