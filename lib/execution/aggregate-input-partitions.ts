// The input partitions a batch aggregate sees in Spark, for aggregates whose result depends on
// them (percentile_approx: each partition's digest is compressed before the partial results are
// merged, in partition order). Spark's partitions of the plans Rivulet can reproduce:
//   createDataFrame / RDD rows, repartition, coalesce   their partitions, each through the
//                                                       projections and filters above them;
//   VALUES and other local relations                    LocalTableScanExec: the rows after the
//                                                       projections and filters above (Spark folds
//                                                       them into the relation), sliced as
//                                                       parallelize does into
//                                                       min(rows, defaultParallelism) parts.
// Any other input is one partition.
import type { Expression } from '../expressions/expression';
import { someExpression } from '../expressions/expression';
import type { LocalRelation, LogicalPlan } from '../plans/logical-plan';
import type { Row } from './physical-operator';
import { localTableScanSlices } from '../util/parallelize-slices';

type Rows = readonly (readonly unknown[])[];

/** What the planner knows of local relations' partitions (batch queries of a session). */
export interface LocalPartitioning {
  defaultParallelism: number;
  /** A relation's own partitions (createDataFrame's slices, repartition's...), else undefined. */
  of(relation: LocalRelation): Rows[] | undefined;
}

/** Aggregates whose result depends on how the input is partitioned. */
const PARTITION_SENSITIVE = new Set(['percentile_approx', 'approx_percentile']);

export function hasPartitionSensitiveAggregate(aggregates: readonly Expression[]): boolean {
  return aggregates.some((e) => someExpression(e, (x) => x.kind === 'aggregateCall' && PARTITION_SENSITIVE.has(x.fn.name)));
}


export interface AggregateInput {
  /** The aggregate's child plan, its leaf relation replaced by one that reads `current`. */
  child: LogicalPlan;
  /** Runs `execute` (the planned child) once per input partition; its rows per partition. */
  partitions(execute: () => Row[]): Row[][];
}

/** A chain of projections, filters and aliases over a local relation, the relation replaced. */
interface LocalChain {
  relation: LocalRelation;
  /** The chain over a copy of the relation that reads `setInput`'s rows while they are set. */
  plan: LogicalPlan;
  setInput(rows: Rows | undefined): void;
}

function localChain(top: LogicalPlan): LocalChain | undefined {
  const chain: LogicalPlan[] = [];
  let leaf = top;
  while (leaf.kind === 'project' || leaf.kind === 'filter' || leaf.kind === 'subqueryAlias') {
    chain.push(leaf);
    leaf = leaf.child;
  }
  if (leaf.kind !== 'localRelation') return undefined;
  const relation = leaf;
  let current: Rows | undefined;
  const replaced: LocalRelation = { ...relation, data: () => (current ?? relation.data()) as (readonly unknown[])[] };
  let plan: LogicalPlan = replaced;
  for (let i = chain.length - 1; i >= 0; i--) plan = { ...chain[i], child: plan } as LogicalPlan;
  return { relation, plan, setInput: (rows) => (current = rows) };
}

/**
 * The aggregate input's partitions, when its child is projections and filters over a local
 * relation; undefined otherwise (one partition).
 */
export function aggregateInput(child: LogicalPlan, partitioning: LocalPartitioning): AggregateInput | undefined {
  const local = localChain(child);
  if (!local) return undefined;
  const { defaultParallelism } = partitioning;
  return {
    child: local.plan,
    partitions(execute) {
      const parts = partitioning.of(local.relation);
      if (parts === undefined) return localTableScanSlices(execute(), defaultParallelism);
      try {
        return parts.map((rows) => {
          local.setInput(rows);
          return execute().slice();
        });
      } finally {
        local.setInput(undefined);
      }
    },
  };
}

/** Functions whose value depends on the input partition (the compile context's `partition`). */
const PARTITION_FUNCTIONS = new Set(['spark_partition_id', 'monotonically_increasing_id', 'rand', 'randn', '__poisson_sample_count']);

/**
 * Projections and filters reading the partition (spark_partition_id(), monotonically_increasing_id(),
 * rand(seed)) over a relation with partitions of its own (createDataFrame's slices, range,
 * repartition): the chain to run partition by partition. Undefined otherwise; plain local rows
 * (VALUES) stay one pass, as Spark folds such projections into the relation in the driver.
 */
export function partitionwiseChain(top: LogicalPlan, partitioning: LocalPartitioning): { plan: LogicalPlan; partitions: () => Rows[]; setInput(rows: Rows | undefined): void } | undefined {
  const local = localChain(top);
  if (!local) return undefined;
  const readsPartition = (e: Expression) => someExpression(e, (x) => x.kind === 'scalarCall' && PARTITION_FUNCTIONS.has(x.fn.name));
  let reads = false;
  for (let node: LogicalPlan = top; node !== local.relation && !reads; node = (node as { child: LogicalPlan }).child) {
    if (node.kind === 'project') reads = node.projectList.some(readsPartition);
    else if (node.kind === 'filter') reads = readsPartition(node.condition);
  }
  if (!reads) return undefined;
  // Computed once: the relation's rows do not change between planning and running.
  const parts = partitioning.of(local.relation);
  if (parts === undefined) return undefined;
  return { plan: local.plan, partitions: () => parts, setInput: local.setInput };
}
