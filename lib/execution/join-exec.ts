// Joins on batches: a hash join on the equality conjuncts of the condition (left.key = right.key),
// a nested loop when there are none; the rest of the condition filters matched pairs.
import type { Attribute, Expression } from '../expressions/expression';
import type { CompileContext, Evaluator } from '../expressions/function-definition';
import { compileExpression, bindOrdinals } from '../expressions/compiler';
import { forEachExpression } from '../expressions/expression';
import type { JoinType } from '../plans/logical-plan';
import { encodeCompositeKey } from '../util/group-key';
import type { ExecutionContext, PhysicalOperator, Row } from './physical-operator';
import { physicalJoin, type PhysicalJoin } from './join-strategy';
import { partitionIdFunction } from './hash-partitioning';
import { compareGroupingKeys } from './compare-grouping-keys';

/**
 * How a stream-static join in a micro-batch orders its output as Spark's physical join does
 * (join-strategy.ts). Without it (batch queries) the left side's order is kept.
 */
export interface JoinOrdering {
  /** Each side's size in bytes for its row count (Infinity when Spark has no statistics). */
  leftSize: (rows: number) => number;
  rightSize: (rows: number) => number;
  broadcastThreshold: number;
  numShufflePartitions: number;
  /** A side's size once shuffled (what adaptive execution re-plans with). */
  shuffledSize: (output: readonly Attribute[], rows: number) => number;
  /** Adaptive execution is on (micro-batches of queries without stateful operators). */
  adaptive: boolean;
}

/**
 * Rows of one side as a shuffle on the join keys delivers them: by hash partition (unless read
 * coalesced into one partition), then sorted by the keys (nulls first) when a sort-merge join
 * sorts them, else in arrival order.
 */
function shuffleOrder(rows: readonly Row[], keyEvals: readonly Evaluator[], partitionOf: ((values: readonly unknown[]) => number) | undefined, sortByKeys: boolean): Row[] {
  const decorated = rows.map((row, i) => {
    const keys = keyEvals.map((e) => e(row));
    return { row, i, partition: partitionOf ? partitionOf(keys) : 0, keys };
  });
  decorated.sort((a, b) => a.partition - b.partition || (sortByKeys ? compareGroupingKeys(a.keys, b.keys) : 0) || a.i - b.i);
  return decorated.map((d) => d.row);
}

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
  private readonly leftKeyEvals: Evaluator[] = [];
  private readonly rightKeyEvals: Evaluator[] = [];
  private readonly partitionOf: ((values: readonly unknown[]) => number) | undefined;

  constructor(
    readonly output: readonly Attribute[],
    private readonly joinType: JoinType,
    condition: Expression | undefined,
    private readonly left: PhysicalOperator,
    private readonly right: PhysicalOperator,
    ctx: CompileContext,
    private readonly ordering?: JoinOrdering,
  ) {
    const { keys, residual } = extractEquiKeys(condition, left.output, right.output);
    if (keys.length > 0) {
      const lb = bindOrdinals(left.output);
      const rb = bindOrdinals(right.output);
      const nullSafe = keys.map((k) => k.nullSafe);
      this.leftKeyEvals = keys.map((k) => compileExpression(k.left, lb, ctx));
      this.rightKeyEvals = keys.map((k) => compileExpression(k.right, rb, ctx));
      this.leftKey = keyFunction(this.leftKeyEvals, nullSafe);
      this.rightKey = keyFunction(this.rightKeyEvals, nullSafe);
      // Both sides hash their keys with the left key types, as Spark's shuffle on the join keys
      // (after coercion both sides have the same types).
      if (ordering) this.partitionOf = partitionIdFunction(keys.map((k) => k.left.dataType), ordering.numShufflePartitions);
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

  /** The physical join Spark would run on these rows (undefined: batch queries, the left side's order). */
  private physicalJoin(leftRows: number, rightRows: number): PhysicalJoin | undefined {
    const o = this.ordering;
    if (!o || !this.partitionOf) return undefined;
    return physicalJoin(this.joinType, o.leftSize(leftRows), o.rightSize(rightRows), o.shuffledSize(this.left.output, leftRows), o.shuffledSize(this.right.output, rightRows), o.broadcastThreshold, o.adaptive);
  }

  execute(ctx: ExecutionContext): Row[] {
    let leftRows = this.left.execute(ctx);
    let rightRows = this.right.execute(ctx);
    const join = this.physicalJoin(leftRows.length, rightRows.length);
    if (!join) return this.joinDrivenByLeft(leftRows, rightRows, false);
    if (join.shuffled) {
      const partitionOf = join.coalesced ? undefined : this.partitionOf;
      const sort = join.strategy === 'sortMerge';
      leftRows = shuffleOrder(leftRows, this.leftKeyEvals, partitionOf, sort);
      rightRows = shuffleOrder(rightRows, this.rightKeyEvals, partitionOf, sort);
    }
    // A broadcast of the left side streams the right side: rows come in the right side's order.
    // A sort-merge right outer join is driven by the right side too.
    const newestFirst = join.strategy !== 'sortMerge';
    if (join.strategy === 'buildLeft' || (join.strategy === 'sortMerge' && this.joinType === 'right_outer')) return this.joinDrivenByRight(leftRows, rightRows, newestFirst);
    return this.joinDrivenByLeft(leftRows, rightRows, newestFirst);
  }

  /** The left side's rows in order, each with its matches (`newestFirst`: a hashed relation's order). */
  private joinDrivenByLeft(leftRows: readonly Row[], rightRows: readonly Row[], newestFirst: boolean): Row[] {
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
      if (newestFirst) for (const bucket of table.values()) bucket.reverse();
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

  /** Inner and right outer joins streaming the right side: each right row with its left matches. */
  private joinDrivenByRight(leftRows: readonly Row[], rightRows: readonly Row[], newestFirst: boolean): Row[] {
    const table = new Map<unknown, number[]>();
    for (let i = 0; i < leftRows.length; i++) {
      const k = this.leftKey!(leftRows[i]);
      if (k === NO_MATCH) continue;
      let bucket = table.get(k);
      if (!bucket) table.set(k, (bucket = []));
      bucket.push(i);
    }
    if (newestFirst) for (const bucket of table.values()) bucket.reverse();
    const leftNulls = new Array(this.left.output.length).fill(null);
    const out: Row[] = [];
    for (const r of rightRows) {
      const k = this.rightKey!(r);
      let matched = false;
      if (k !== NO_MATCH) {
        for (const i of table.get(k) ?? []) {
          const joined = leftRows[i].concat(r);
          if (this.residual && !this.residual(joined)) continue;
          matched = true;
          out.push(joined);
        }
      }
      if (!matched && this.joinType === 'right_outer') out.push(leftNulls.concat(r));
    }
    return out;
  }

  close(): void {
    this.left.close?.();
    this.right.close?.();
  }
}
