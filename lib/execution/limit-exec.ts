// LIMIT and OFFSET over the child's rows in order.
import type { Attribute } from '../expressions/expression';
import type { ExecutionContext, PhysicalOperator, Row } from './physical-operator';

export class LimitExec implements PhysicalOperator {
  constructor(
    private readonly child: PhysicalOperator,
    private readonly offset: number,
    private readonly limit: number | undefined,
  ) {}

  get output(): readonly Attribute[] {
    return this.child.output;
  }

  execute(ctx: ExecutionContext): Row[] {
    const rows = this.child.execute(ctx);
    return rows.slice(this.offset, this.limit === undefined ? undefined : this.offset + this.limit);
  }

  close(): void {
    this.child.close?.();
  }
}
