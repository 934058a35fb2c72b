// A LIMIT on a stream in Append output mode: Spark's StreamingGlobalLimitExec. The query emits at
// most `limit` rows over its whole life: the number of rows emitted so far is kept in one state
// store (one partition, a single key), and each batch passes only the rows still allowed, in input
// order.
import type { Attribute } from '../expressions/expression';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';

/** The single state key (Spark keys the count by an empty row). */
const COUNT_KEY = 'count';

export class StreamingGlobalLimitExec implements PhysicalOperator {
  constructor(
    private readonly limit: number,
    private readonly child: PhysicalOperator,
    private readonly operatorId: number,
  ) {}

  get output(): readonly Attribute[] {
    return this.child.output;
  }

  execute(ctx: ExecutionContext): Row[] {
    const provider = ctx.stateProvider;
    if (!provider) throw new Error('a streaming limit needs a state store provider');
    const started = performance.now();
    const store = provider.getStore(this.operatorId, 0, ctx.batchId);
    const out: Row[] = [];
    let updatesDone = started;
    try {
      const before = Number(store.get(COUNT_KEY) ?? 0);
      let emitted = before;
      pushRows(this.child, ctx, (row) => {
        if (emitted < this.limit) {
          out.push(row.slice());
          emitted++;
        }
      });
      if (emitted !== before) store.put(COUNT_KEY, emitted);
      updatesDone = performance.now();
      const updated = emitted !== before ? 1 : 0;
      const total = store.numKeys;
      store.commit();
      ctx.stateMetrics.push({
        operatorName: 'globalLimit',
        numRowsTotal: total,
        numRowsUpdated: updated,
        numRowsRemoved: 0,
        allUpdatesTimeMs: Math.round(updatesDone - started),
        allRemovalsTimeMs: 0,
        commitTimeMs: Math.round(performance.now() - updatesDone),
        numShufflePartitions: 1,
        numStateStoreInstances: 1,
        numRowsDroppedByWatermark: 0,
      });
    } catch (e) {
      store.abort();
      throw e;
    }
    return out;
  }

  close(): void {
    this.child.close?.();
  }
}
