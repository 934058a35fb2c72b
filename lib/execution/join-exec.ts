// Joins on batches: a hash join on the equality conjuncts of the condition (left.key = right.key),
// a nested loop when there are none; the rest of the condition filters matched pairs.
import type { Attribute, Expression } from '../expressions/expression';
import type { CompileContext, Evaluator } from '../expressions/function-definition';
import { compileExpression, bindOrdinals } from '../expressions/compiler';
import { forEachExpression } from '../expressions/expression';
import type { JoinType } from '../plans/logical-plan';
import { encodeCompositeKey } from '../util/group-key';
import type { ExecutionContext, PhysicalOperator, Row } from './physical-operator';

interface EquiKey {
  left: Expression;
  right: Expression;
  nullSafe: boolean;
}

function conjuncts(e: Expression | undefined): Expression[] {
  if (!e) return [];
  if (e.kind === 'scalarCall' && e.fn.name === 'and') return [...conjuncts(e.args[0]), ...conjuncts(e.args[1])];
  return [e];
}

function referencesOnly(e: Expression, ids: Set<number>): boolean {
  let ok = true;
  let any = false;
  forEachExpression(e, (x) => {
    if (x.kind === 'attribute') {
      any = true;
      if (!ids.has(x.exprId)) ok = false;
    }
  });
  return ok && any;
}

/** Splits a join condition into equi-join keys and a residual predicate. */
export function extractEquiKeys(condition: Expression | undefined, left: readonly Attribute[], right: readonly Attribute[]): { keys: EquiKey[]; residual: Expression[] } {
  const leftIds = new Set(left.map((a) => a.exprId));
  const rightIds = new Set(right.map((a) => a.exprId));
  const keys: EquiKey[] = [];
  const residual: Expression[] = [];
  for (const c of conjuncts(condition)) {
    if (c.kind === 'scalarCall' && (c.fn.name === '=' || c.fn.name === '<=>')) {
      const [a, b] = c.args;
      const nullSafe = c.fn.name === '<=>';
      if (referencesOnly(a, leftIds) && referencesOnly(b, rightIds)) {
        keys.push({ left: a, right: b, nullSafe });
        continue;
      }
      if (referencesOnly(a, rightIds) && referencesOnly(b, leftIds)) {
        keys.push({ left: b, right: a, nullSafe });
        continue;
      }
    }
    residual.push(c);
  }
  return { keys, residual };
}

const NO_MATCH = Symbol('null key');

function keyFunction(evals: Evaluator[], nullSafe: boolean[]): (row: Row) => unknown {
  if (evals.length === 1) {
    const e = evals[0];
    const safe = nullSafe[0];
    return (row) => {
      const v = e(row);
      if (v === null) return safe ? null : NO_MATCH;
      return typeof v === 'object' ? encodeCompositeKey([v]) : v;
    };
  }
  return (row) => {
    const values = evals.map((e) => e(row));
    for (let i = 0; i < values.length; i++) if (values[i] === null && !nullSafe[i]) return NO_MATCH;
    return encodeCompositeKey(values);
  };
}

export class JoinExec implements PhysicalOperator {
  private readonly leftKey: ((row: Row) => unknown) | undefined;
  private readonly rightKey: ((row: Row) => unknown) | undefined;
  private readonly residual: Evaluator | undefined;

  constructor(
    readonly output: readonly Attribute[],
    private readonly joinType: JoinType,
    condition: Expression | undefined,
    private readonly left: PhysicalOperator,
    private readonly right: PhysicalOperator,
    ctx: CompileContext,
  ) {
    const { keys, residual } = extractEquiKeys(condition, left.output, right.output);
    if (keys.length > 0) {
      const lb = bindOrdinals(left.output);
      const rb = bindOrdinals(right.output);
      const nullSafe = keys.map((k) => k.nullSafe);
      this.leftKey = keyFunction(keys.map((k) => compileExpression(k.left, lb, ctx)), nullSafe);
      this.rightKey = keyFunction(keys.map((k) => compileExpression(k.right, rb, ctx)), nullSafe);
    }
    if (residual.length > 0) {
      const both = bindOrdinals([...left.output, ...right.output]);
      const preds = residual.map((r) => compileExpression(r, both, ctx));
      this.residual = (row) => {
        for (const p of preds) if (p(row) !== true) return false;
        return true;
      };
    }
  }

  execute(ctx: ExecutionContext): Row[] {
    const leftRows = this.left.execute(ctx);
    const rightRows = this.right.execute(ctx);
    const leftWidth = this.left.output.length;
    const rightWidth = this.right.output.length;
    const leftNulls = new Array(leftWidth).fill(null);
    const rightNulls = new Array(rightWidth).fill(null);
    const matchedRight = new Uint8Array(rightRows.length);
    const out: Row[] = [];
    const residual = this.residual;

    // Candidate right rows for a left row: a hash bucket, or every row for a nested loop.
    let candidates: (row: Row) => readonly number[];
    if (this.leftKey && this.rightKey) {
      const table = new Map<unknown, number[]>();
      for (let i = 0; i < rightRows.length; i++) {
        const k = this.rightKey(rightRows[i]);
        if (k === NO_MATCH) continue;
        let bucket = table.get(k);
        if (!bucket) table.set(k, (bucket = []));
        bucket.push(i);
      }
      const leftKey = this.leftKey;
      candidates = (row) => {
        const k = leftKey(row);
        return k === NO_MATCH ? [] : (table.get(k) ?? []);
      };
    } else {
      const all = rightRows.map((_, i) => i);
      candidates = () => all;
    }

    const type = this.joinType;
    for (const l of leftRows) {
      let matched = false;
      for (const i of candidates(l)) {
        const joined = l.concat(rightRows[i]);
        if (residual && !residual(joined)) continue;
        matched = true;
        matchedRight[i] = 1;
        if (type === 'left_semi' || type === 'left_anti') break;
        out.push(joined);
      }
      if (type === 'left_semi' && matched) out.push(l);
      else if (type === 'left_anti' && !matched) out.push(l);
      else if (!matched && (type === 'left_outer' || type === 'full_outer')) out.push(l.concat(rightNulls));
    }
    if (type === 'right_outer' || type === 'full_outer') {
      for (let i = 0; i < rightRows.length; i++) if (!matchedRight[i]) out.push(leftNulls.concat(rightRows[i]));
    }
    return out;
  }

  close(): void {
    this.left.close?.();
    this.right.close?.();
  }
}
