// UNION ALL: the children's rows one after another.
import type { Attribute } from '../expressions/expression';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';

export class UnionExec implements PhysicalOperator {
  constructor(
    readonly output: readonly Attribute[],
    private readonly children: readonly PhysicalOperator[],
  ) {}

  execute(ctx: ExecutionContext): Row[] {
    const out: Row[] = [];
    for (const c of this.children) for (const r of c.execute(ctx)) out.push(r);
    return out;
  }

  forEachRow(ctx: ExecutionContext, consume: (row: Row) => void): void {
    for (const c of this.children) pushRows(c, ctx, consume);
  }

  close(): void {
    for (const c of this.children) c.close?.();
  }
}
