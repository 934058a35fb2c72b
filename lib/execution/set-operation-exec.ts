// EXCEPT / INTERSECT, DISTINCT or ALL, comparing whole rows with nulls equal (Spark's semantics).
// Output keeps the left side's order; ALL variants keep multiplicities.
import type { Attribute } from '../expressions/expression';
import type { ExecutionContext, PhysicalOperator, Row } from './physical-operator';
import { rowKeyFunction } from './row-key';

export class SetOperationExec implements PhysicalOperator {
  private readonly keyOf: (row: Row) => unknown;

  constructor(
    private readonly operation: 'except' | 'intersect',
    private readonly isAll: boolean,
    private readonly left: PhysicalOperator,
    private readonly right: PhysicalOperator,
  ) {
    this.keyOf = rowKeyFunction(left.output.map((_, i) => i));
  }

  get output(): readonly Attribute[] {
    return this.left.output;
  }

  execute(ctx: ExecutionContext): Row[] {
    const rightCounts = new Map<unknown, number>();
    for (const r of this.right.execute(ctx)) {
      const k = this.keyOf(r);
      rightCounts.set(k, (rightCounts.get(k) ?? 0) + 1);
    }
    const out: Row[] = [];
    const emitted = new Set<unknown>();
    for (const row of this.left.execute(ctx)) {
      const k = this.keyOf(row);
      const inRight = rightCounts.get(k) ?? 0;
      if (this.isAll) {
        if (this.operation === 'intersect') {
          if (inRight > 0) {
            out.push(row);
            rightCounts.set(k, inRight - 1);
          }
        } else if (inRight > 0) {
          rightCounts.set(k, inRight - 1);
        } else {
          out.push(row);
        }
        continue;
      }
      if (emitted.has(k)) continue;
      if ((this.operation === 'intersect') === inRight > 0) {
        emitted.add(k);
        out.push(row);
      }
    }
    return out;
  }

  close(): void {
    this.left.close?.();
    this.right.close?.();
  }
}
