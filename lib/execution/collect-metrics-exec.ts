// Spark's CollectMetricsExec (df.observe): passes its child's rows through and computes the
// observed aggregates over them once per execution (one micro-batch, or one batch action).
import type { Attribute, NamedExpression } from '../expressions/expression';
import type { ExecutionContext, PhysicalOperator, Row } from './physical-operator';

export class CollectMetricsExec implements PhysicalOperator {
  readonly output: readonly Attribute[];

  constructor(
    private readonly name: string,
    readonly metrics: readonly NamedExpression[],
    private readonly child: PhysicalOperator,
    /** The metrics aggregate over the given rows: one result row. */
    private readonly aggregate: (rows: Row[]) => Row,
    private readonly report: ((values: unknown[]) => void) | undefined,
  ) {
    this.output = child.output;
  }

  execute(ctx: ExecutionContext): Row[] {
    const rows = this.child.execute(ctx);
    const values = this.aggregate(rows);
    ctx.observedMetrics?.set(this.name, values);
    this.report?.(values);
    return rows;
  }

  close(): void {
    this.child.close?.();
  }
}
