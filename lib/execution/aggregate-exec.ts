// Aggregation operators. Groups come out in Spark's shuffle-partition order (murmur3 of the keys,
// pmod spark.sql.shuffle.partitions), then in first-seen order within a partition.
import type { Attribute, Expression } from '../expressions/expression';
import type { CompileContext } from '../expressions/function-definition';
import { Aggregation, type Group } from './aggregation';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';
import type { StateStore } from '../state/state-store';

/** Batch aggregation over all input at once. */
export class HashAggregateExec implements PhysicalOperator {
  private readonly aggregation: Aggregation;

  constructor(
    readonly output: readonly Attribute[],
    groupingExpressions: readonly Expression[],
    aggregateExpressions: readonly Expression[],
    private readonly child: PhysicalOperator,
    numPartitions: number,
    ctx: CompileContext,
  ) {
    this.aggregation = new Aggregation(groupingExpressions, aggregateExpressions, child.output, numPartitions, ctx);
  }

  execute(ctx: ExecutionContext): Row[] {
    const groups = this.aggregation.aggregate((consume) => pushRows(this.child, ctx, consume));
    // A global aggregate over no rows still returns one row (count = 0).
    if (groups.size === 0 && this.aggregation.groupingCount === 0) {
      return [this.aggregation.resultRow({ values: [], buffers: this.aggregation.newBuffers() })];
    }
    return orderByPartition([...groups.values()], this.aggregation).map((g) => this.aggregation.resultRow(g));
  }

  close(): void {
    this.child.close?.();
  }
}

function orderByPartition(groups: Group[], aggregation: Aggregation): Group[] {
  for (const g of groups) g.partition = aggregation.partitionOf(g.values);
  // Stable sort keeps first-seen order within a partition.
  return groups.sort((a, b) => a.partition - b.partition);
}

interface StateEntry {
  values: unknown[];
  buffers: unknown[];
  partition: number;
  /** First-insertion sequence: orders update-mode output like the store's iteration order. */
  seq: number;
}

/**
 * Streaming aggregation with state (Spark's StateStoreRestore + StateStoreSave): the batch is
 * aggregated locally, merged into the state of version N, committed as N+1, and emitted per
 * output mode: complete = every group, update = the groups this batch changed.
 */
export class StatefulAggregateExec implements PhysicalOperator {
  private readonly aggregation: Aggregation;
  private nextSeq = 0;

  constructor(
    readonly output: readonly Attribute[],
    groupingExpressions: readonly Expression[],
    aggregateExpressions: readonly Expression[],
    private readonly child: PhysicalOperator,
    private readonly operatorId: number,
    private readonly numPartitions: number,
    ctx: CompileContext,
  ) {
    this.aggregation = new Aggregation(groupingExpressions, aggregateExpressions, child.output, numPartitions, ctx);
  }

  execute(ctx: ExecutionContext): Row[] {
    const provider = ctx.stateProvider;
    if (!provider) throw new Error('stateful aggregation needs a state store provider');
    const started = performance.now();
    const local = this.aggregation.aggregate((consume) => pushRows(this.child, ctx, consume));
    const stores: StateStore[] = [];
    for (let p = 0; p < this.numPartitions; p++) stores.push(provider.getStore(this.operatorId, p, ctx.batchId));
    const updated: StateEntry[] = [];
    try {
      for (const [key, group] of local) {
        const partition = this.aggregation.partitionOf(group.values);
        const store = stores[partition];
        const existing = store.get(key) as StateEntry | undefined;
        const entry: StateEntry = existing
          ? { values: existing.values, buffers: this.aggregation.mergeBuffers(existing.buffers, group.buffers), partition, seq: existing.seq }
          : { values: group.values, buffers: group.buffers, partition, seq: this.nextSeq++ };
        store.put(key, entry);
        updated.push(entry);
      }
    } catch (e) {
      for (const s of stores) s.abort();
      throw e;
    }
    const updatesDone = performance.now();
    const rows: Row[] = [];
    if (ctx.outputMode === 'complete') {
      for (const store of stores) for (const [, entry] of store.iterator()) rows.push(this.aggregation.resultRow(entry as StateEntry));
    } else {
      updated.sort((a, b) => a.partition - b.partition || a.seq - b.seq);
      for (const entry of updated) rows.push(this.aggregation.resultRow(entry));
    }
    const commitStarted = performance.now();
    let total = 0;
    for (const store of stores) {
      total += store.numKeys;
      store.commit();
    }
    ctx.stateMetrics.push({
      operatorName: 'stateStoreSave',
      numRowsTotal: total,
      numRowsUpdated: updated.length,
      numRowsRemoved: 0,
      allUpdatesTimeMs: Math.round(updatesDone - started),
      allRemovalsTimeMs: 0,
      commitTimeMs: Math.round(performance.now() - commitStarted),
      numShufflePartitions: this.numPartitions,
      numStateStoreInstances: this.numPartitions,
    });
    return rows;
  }

  close(): void {
    this.child.close?.();
  }
}
