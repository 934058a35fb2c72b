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
import { forEachExpression } from '../expressions/expression';
import type { LocalRelation, LogicalPlan } from '../plans/logical-plan';
import type { Row } from './physical-operator';
import { seqSlices } from '../util/parallelize-slices';

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
  let found = false;
  for (const e of aggregates) {
    forEachExpression(e, (x) => {
      if (x.kind === 'aggregateCall' && PARTITION_SENSITIVE.has(x.fn.name)) found = true;
      return found;
    });
  }
  return found;
}


export interface AggregateInput {
  /** The aggregate's child plan, its leaf relation replaced by one that reads `current`. */
  child: LogicalPlan;
  /** Runs `execute` (the planned child) once per input partition; its rows per partition. */
  partitions(execute: () => Row[]): Row[][];
}

/**
 * The aggregate input's partitions, when its child is projections and filters over a local
 * relation; undefined otherwise (one partition).
 */
export function aggregateInput(child: LogicalPlan, partitioning: LocalPartitioning): AggregateInput | undefined {
  const chain: LogicalPlan[] = [];
  let leaf = child;
  while (leaf.kind === 'project' || leaf.kind === 'filter' || leaf.kind === 'subqueryAlias') {
    chain.push(leaf);
    leaf = leaf.child;
  }
  if (leaf.kind !== 'localRelation') return undefined;
  const relation = leaf;
  const { defaultParallelism } = partitioning;
  let current: Rows | undefined;
  const replaced: LocalRelation = { ...relation, data: () => (current ?? relation.data()) as (readonly unknown[])[] };
  let plan: LogicalPlan = replaced;
  for (let i = chain.length - 1; i >= 0; i--) plan = { ...chain[i], child: plan } as LogicalPlan;
  return {
    child: plan,
    partitions(execute) {
      const parts = partitioning.of(relation);
      if (parts === undefined) {
        const rows = execute();
        return seqSlices(rows, Math.min(Math.max(rows.length, 1), defaultParallelism));
      }
      try {
        return parts.map((rows) => {
          current = rows;
          return execute().slice();
        });
      } finally {
        current = undefined;
      }
    },
  };
}
