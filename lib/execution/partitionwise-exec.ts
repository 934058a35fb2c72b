// Runs a chain of projections and filters once per input partition, with the compile context's
// partition set to its index, and concatenates the outputs (partition order): how Spark's tasks
// see spark_partition_id(), monotonically_increasing_id() and rand(seed) (see
// aggregate-input-partitions.ts, partitionwiseChain).
import type { Attribute } from '../expressions/expression';
import type { ExecutionContext, PhysicalOperator, Row } from './physical-operator';

type Rows = readonly (readonly unknown[])[];

export class PartitionwiseExec implements PhysicalOperator {
  constructor(
    readonly output: readonly Attribute[],
    /** The chain, planned over a relation that reads the rows `setInput` gives it. */
    private readonly child: PhysicalOperator,
    private readonly partitions: () => Rows[],
    private readonly setInput: (rows: Rows | undefined) => void,
    private readonly partition: { index: number },
  ) {}

  execute(ctx: ExecutionContext): Row[] {
    const out: Row[] = [];
    try {
      this.partitions().forEach((rows, i) => {
        this.partition.index = i;
        this.setInput(rows);
        for (const row of this.child.execute(ctx)) out.push(row);
      });
    } finally {
      this.partition.index = 0;
      this.setInput(undefined);
    }
    return out;
  }

  close(): void {
    this.child.close?.();
  }
}
