// DISTINCT / dropDuplicates on a batch: keeps the first row of each key, in input order.
import type { Attribute } from '../expressions/expression';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';
import { rowKeyFunction } from './row-key';

export class DeduplicateExec implements PhysicalOperator {
  private readonly keyOf: (row: Row) => unknown;

  constructor(
    keys: readonly Attribute[],
    private readonly child: PhysicalOperator,
  ) {
    this.keyOf = rowKeyFunction(keys.map((k) => child.output.findIndex((a) => a.exprId === k.exprId)));
  }

  get output(): readonly Attribute[] {
    return this.child.output;
  }

  execute(ctx: ExecutionContext): Row[] {
    const seen = new Set<unknown>();
    const out: Row[] = [];
    pushRows(this.child, ctx, (row) => {
      const k = this.keyOf(row);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(row);
      }
    });
    return out;
  }

  close(): void {
    this.child.close?.();
  }
}
