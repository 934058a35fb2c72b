// Streaming aggregation grouped by session_window(...) (Spark's SessionWindowStateStoreRestoreExec
// + MergingSessionsExec + SessionWindowStateStoreSaveExec in one operator). State keeps, per value
// of the other grouping keys, the open sessions with their aggregation buffers. Per batch: input
// rows whose own session [ts, ts + gap] ends at or behind the watermark are dropped; the rows are
// aggregated per (keys, own session); then, per key, the batch's sessions and the stored ones are
// swept in start order and merged while the next starts at or before the current end. Output:
//   update   = the sessions this batch created or changed; sessions behind the watermark evicted;
//   append   = the sessions the watermark has passed, emitted once as they leave state;
//   complete = every session in state.
import type { Attribute, Expression } from '../expressions/expression';
import type { CompileContext } from '../expressions/function-definition';
import { encodeCompositeKey } from '../util/group-key';
import type { StateStore } from '../state/state-store';
import { Aggregation, type Group } from './aggregation';
import { partitionIdFunction } from './hash-partitioning';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';

interface Session {
  start: bigint;
  end: bigint;
  buffers: unknown[];
}

interface SessionsEntry {
  /** The grouping values of the first session seen (the session slot is replaced per session). */
  values: unknown[];
  sessions: Session[];
  /** First-insertion sequence: keeps output order stable across batches and restarts. */
  seq: number;
}

export class SessionWindowAggregateExec implements PhysicalOperator {
  private readonly aggregation: Aggregation;
  private readonly partitionOf: (values: readonly unknown[]) => number;
  private readonly otherKeyIndexes: number[];
  private readonly sessionOrdinal: number;
  private nextSeq: number | undefined;

  constructor(
    readonly output: readonly Attribute[],
    groupingExpressions: readonly Expression[],
    aggregateExpressions: readonly Expression[],
    private readonly sessionIndex: number,
    private readonly child: PhysicalOperator,
    private readonly operatorId: number,
    private readonly numPartitions: number,
    ctx: CompileContext,
    /** Whether the session column carries a watermark: only then are late rows dropped and sessions evicted. */
    private readonly hasWatermark: boolean,
  ) {
    this.aggregation = new Aggregation(groupingExpressions, aggregateExpressions, child.output, numPartitions, ctx);
    this.otherKeyIndexes = groupingExpressions.map((_, i) => i).filter((i) => i !== sessionIndex);
    this.partitionOf = partitionIdFunction(
      this.otherKeyIndexes.map((i) => groupingExpressions[i].dataType),
      numPartitions,
    );
    const session = groupingExpressions[sessionIndex] as Expression & { exprId: number };
    this.sessionOrdinal = child.output.findIndex((a) => a.exprId === session.exprId);
  }

  execute(ctx: ExecutionContext): Row[] {
    const provider = ctx.stateProvider;
    if (!provider) throw new Error('session window aggregation needs a state store provider');
    const mode = ctx.outputMode;
    const started = performance.now();
    const evictBelow = BigInt(ctx.batchWatermarkMs ?? 0) * 1000n;
    const lateBelow = BigInt(ctx.lateEventsWatermarkMs ?? ctx.batchWatermarkMs ?? 0) * 1000n;
    const s = this.sessionOrdinal;
    let dropped = 0;
    const local = this.aggregation.aggregate((consume) =>
      pushRows(this.child, ctx, (row) => {
        const session = row[s] as bigint[] | null;
        if (session === null) return;
        if (this.hasWatermark && mode !== 'complete' && session[1] <= lateBelow) {
          dropped++;
          return;
        }
        consume(row);
      }),
    );
    const stores: StateStore[] = [];
    for (let p = 0; p < this.numPartitions; p++) stores.push(provider.getStore(this.operatorId, p, ctx.batchId));
    if (this.nextSeq === undefined) {
      let next = 0;
      for (const store of stores) for (const [, v] of store.iterator()) next = Math.max(next, (v as SessionsEntry).seq + 1);
      this.nextSeq = next;
    }
    // The batch's sessions per other-keys value.
    const byKey = new Map<string, { values: unknown[]; sessions: Session[] }>();
    for (const g of local.values()) {
      const other = this.otherKeyIndexes.map((i) => g.values[i]);
      const key = encodeCompositeKey(other);
      let e = byKey.get(key);
      if (!e) byKey.set(key, (e = { values: g.values, sessions: [] }));
      const [start, end] = g.values[this.sessionIndex] as bigint[];
      e.sessions.push({ start, end, buffers: (g as Group).buffers });
    }
    const rows: Row[] = [];
    const updatedRows: { partition: number; seq: number; start: bigint; row: Row }[] = [];
    let numUpdated = 0;
    let removed = 0;
    let updatesDone = started;
    try {
      for (const [key, batch] of byKey) {
        const partition = this.partitionOf(this.otherKeyIndexes.map((i) => batch.values[i]));
        const store = stores[partition];
        const existing = store.get(key) as SessionsEntry | undefined;
        const all: (Session & { fresh: boolean })[] = [
          ...(existing?.sessions ?? []).map((x) => ({ ...x, fresh: false })),
          ...batch.sessions.map((x) => ({ ...x, fresh: true })),
        ].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
        const merged: (Session & { fresh: boolean })[] = [];
        for (const x of all) {
          const last = merged[merged.length - 1];
          if (last && x.start <= last.end) {
            if (x.end > last.end) last.end = x.end;
            last.buffers = this.aggregation.mergeBuffers(last.buffers, x.buffers);
            last.fresh = last.fresh || x.fresh;
          } else {
            merged.push({ ...x });
          }
        }
        const entry: SessionsEntry = { values: existing?.values ?? batch.values, sessions: merged.map(({ start, end, buffers }) => ({ start, end, buffers })), seq: existing?.seq ?? this.nextSeq!++ };
        store.put(key, entry);
        numUpdated++;
        if (mode === 'update') {
          for (const m of merged) if (m.fresh) updatedRows.push({ partition, seq: entry.seq, start: m.start, row: this.resultRow(entry.values, m) });
        }
      }
      updatedRows.sort((a, b) => a.partition - b.partition || a.seq - b.seq || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      for (const u of updatedRows) rows.push(u.row);
      updatesDone = performance.now();
      if (mode === 'complete') {
        for (const store of stores) for (const [, v] of store.iterator()) for (const m of (v as SessionsEntry).sessions) rows.push(this.resultRow((v as SessionsEntry).values, m));
      } else if (this.hasWatermark) {
        for (const store of stores) {
          const changes: [unknown, SessionsEntry | undefined][] = [];
          for (const [k, v] of store.iterator()) {
            const entry = v as SessionsEntry;
            const closed = entry.sessions.filter((m) => m.end <= evictBelow);
            if (closed.length === 0) continue;
            if (mode === 'append') for (const m of closed) rows.push(this.resultRow(entry.values, m));
            removed += closed.length;
            const open = entry.sessions.filter((m) => m.end > evictBelow);
            changes.push([k, open.length === 0 ? undefined : { ...entry, sessions: open }]);
          }
          for (const [k, v] of changes) {
            if (v === undefined) store.remove(k);
            else store.put(k, v);
          }
        }
      }
    } catch (e) {
      for (const st of stores) st.abort();
      throw e;
    }
    const removalsDone = performance.now();
    let total = 0;
    for (const store of stores) {
      for (const [, v] of store.iterator()) total += (v as SessionsEntry).sessions.length;
      store.commit();
    }
    ctx.stateMetrics.push({
      operatorName: 'sessionWindowStateStoreSaveExec',
      numRowsTotal: total,
      numRowsUpdated: numUpdated,
      numRowsRemoved: removed,
      allUpdatesTimeMs: Math.round(updatesDone - started),
      allRemovalsTimeMs: Math.round(removalsDone - updatesDone),
      commitTimeMs: Math.round(performance.now() - removalsDone),
      numShufflePartitions: this.numPartitions,
      numStateStoreInstances: this.numPartitions,
      numRowsDroppedByWatermark: dropped,
    });
    return rows;
  }

  private resultRow(values: readonly unknown[], session: Session): Row {
    const v = values.slice();
    v[this.sessionIndex] = [session.start, session.end];
    return this.aggregation.resultRow({ values: v, buffers: session.buffers });
  }

  close(): void {
    this.child.close?.();
  }
}
