// Spark's StreamingSymmetricHashJoinExec: a join of two streams. Both inputs are shuffled by their
// join keys into spark.sql.shuffle.partitions partitions; each side keeps every row it has seen in
// state (until a watermark lets it go). Per batch and partition, as Spark's processPartitions:
//   1. new left rows join the right state (old right rows), then go into the left state;
//   2. new right rows join the left state (old + this batch's left rows), then go into the right
//      state — so every pair is produced exactly once;
//   3. state behind the watermark is evicted; for outer joins the evicted rows that never matched
//      are emitted null-padded (each exactly once, thanks to the per-row `matched` flag).
//
// State layout: Spark keeps four stores per partition (keyToNumValues and keyWithIndexToValue for
// each side). Rivulet keeps one store per side and partition, keyed by the encoded join key, whose
// value is the list of `[row, matched]` entries for that key. The store contract is
// getStore(operatorId, partitionId, version), so the two sides get two consecutive operator ids
// (registered as `symmetricHashJoin-left` / `symmetricHashJoin-right` for the schema check).
import type { Attribute, Expression } from '../expressions/expression';
import type { CompileContext, Evaluator } from '../expressions/function-definition';
import { bindOrdinals, compileExpression } from '../expressions/compiler';
import { forEachExpression } from '../expressions/expression';
import { encodeCompositeKey } from '../util/group-key';
import { getStateValueWatermark } from '../plans/streaming-join-helper';
import type { StateStore } from '../state/state-store';
import { partitionIdFunction } from './hash-partitioning';
import type { ExecutionContext, PhysicalOperator, Row } from './physical-operator';
import { InternalError } from '../errors/spark-exception';

export type StreamStreamJoinType = 'inner' | 'left_outer' | 'right_outer' | 'full_outer' | 'left_semi';

export interface StreamStreamJoinSpec {
  joinType: StreamStreamJoinType;
  leftKeys: readonly Expression[];
  rightKeys: readonly Expression[];
  nullSafe: readonly boolean[];
  /** The join condition without the equi-join conjuncts. */
  otherCondition: readonly Expression[];
  /** Operator ids of the left and right state stores. */
  leftOperatorId: number;
  rightOperatorId: number;
  numPartitions: number;
  /** Event-time (watermarked) columns of each side's output: exprId -> delay. */
  leftEventTime: ReadonlyMap<number, number>;
  rightEventTime: ReadonlyMap<number, number>;
  /** The key position whose key is a watermarked column (Spark's case 1), or -1. */
  keyWatermarkOrdinal: number;
}

/** One stored row of a side and whether any row of the other side ever matched it. */
type StateEntry = [row: Row, matched: boolean];

/** Key of rows whose (not null-safe) join key is null: they can never match, but outer rows wait. */
const NULL_KEY = '!null';

interface Side {
  name: 'left' | 'right';
  child: PhysicalOperator;
  operatorId: number;
  keyValues: (row: Row) => unknown[];
  partitionOf: (values: readonly unknown[]) => number;
  preFilter: Evaluator | undefined;
  /** Event time of a row in micros (null when none), from the side's first watermarked column. */
  eventTime: ((row: Row) => bigint | null) | undefined;
  /** Event time of the watermarked key, for key-based eviction. */
  keyTime: ((row: Row) => bigint | null) | undefined;
  attributeIds: Set<number>;
  otherEventTimeIds: Set<number>;
  /** This side's unmatched rows are emitted null-padded when evicted. */
  outer: boolean;
  width: number;
}

function timeOf(v: unknown, isWindow: boolean): bigint | null {
  if (v === null || v === undefined) return null;
  return isWindow ? ((v as readonly unknown[])[1] as bigint | null) : (v as bigint);
}

function referencesOnly(e: Expression, ids: ReadonlySet<number>): boolean {
  let ok = true;
  forEachExpression(e, (x) => {
    if (x.kind === 'attribute' && !ids.has(x.exprId)) ok = false;
  });
  return ok;
}

function conjunction(preds: Evaluator[]): Evaluator | undefined {
  if (preds.length === 0) return undefined;
  return (row) => {
    for (const p of preds) if (p(row) !== true) return false;
    return true;
  };
}

/**
 * One side's store during a batch: a key's entry list is copied on its first change in the batch
 * (stored values may be shared with older versions) and written back once, in flush(), so a hot
 * key costs one copy per batch, not one per row.
 */
class BatchState {
  private readonly changed = new Map<string, StateEntry[]>();
  /**
   * A store whose abort reloads lets stored lists change in place, and a new key's list goes into
   * the store at once: every list of the batch is then the store's, so a probe is one lookup.
   */
  private readonly inPlace: boolean;

  constructor(readonly store: StateStore) {
    this.inPlace = store.inPlaceUpdates === true;
  }

  get(key: string): readonly StateEntry[] | undefined {
    if (this.inPlace) return this.store.get(key) as StateEntry[] | undefined;
    return this.changed.get(key) ?? (this.store.get(key) as StateEntry[] | undefined);
  }

  mutable(key: string): StateEntry[] {
    let entries = this.changed.get(key);
    if (!entries) {
      const stored = this.store.get(key) as StateEntry[] | undefined;
      // A store whose abort reloads lets the stored list grow in place (no copy per key and batch).
      entries = stored === undefined ? [] : this.inPlace ? stored : [...stored];
      if (stored === undefined && this.inPlace) this.store.put(key, entries);
      this.changed.set(key, entries);
    }
    return entries;
  }

  flush(): void {
    for (const [key, entries] of this.changed) this.store.put(key, entries);
    this.changed.clear();
  }
}

export class StreamingSymmetricHashJoinExec implements PhysicalOperator {
  private readonly leftSide: Side;
  private readonly rightSide: Side;
  private readonly postFilter: Evaluator | undefined;
  private readonly condition: readonly Expression[];
  /** Rows in both sides' state after the last committed batch; undefined until counted. */
  private rowsInState: number | undefined;

  constructor(
    readonly output: readonly Attribute[],
    private readonly spec: StreamStreamJoinSpec,
    /** The inputs (named left/right so explain() shows them). */
    readonly left: PhysicalOperator,
    readonly right: PhysicalOperator,
    compile: CompileContext,
  ) {
    const leftChild = left;
    const rightChild = right;
    const leftIds = new Set(leftChild.output.map((a) => a.exprId));
    const rightIds = new Set(rightChild.output.map((a) => a.exprId));
    // Spark's JoinConditionSplitPredicates: one-side conjuncts filter that side before the join.
    const leftOnly: Expression[] = [];
    const rightOnly: Expression[] = [];
    const both: Expression[] = [];
    for (const c of spec.otherCondition) {
      if (referencesOnly(c, leftIds)) leftOnly.push(c);
      else if (referencesOnly(c, rightIds)) rightOnly.push(c);
      else both.push(c);
    }
    this.condition = spec.otherCondition;
    const joinedOrdinals = bindOrdinals([...leftChild.output, ...rightChild.output]);
    this.postFilter = conjunction(both.map((c) => compileExpression(c, joinedOrdinals, compile)));
    const makeSide = (name: 'left' | 'right', child: PhysicalOperator, keys: readonly Expression[], only: Expression[], operatorId: number, eventTime: ReadonlyMap<number, number>, otherEventTime: ReadonlyMap<number, number>, ids: Set<number>): Side => {
      const ordinals = bindOrdinals(child.output);
      const keyEvals = keys.map((k) => compileExpression(k, ordinals, compile));
      const firstEventTime = child.output.findIndex((a) => eventTime.has(a.exprId));
      const eventAttr = child.output[firstEventTime];
      const keyOrdinal = spec.keyWatermarkOrdinal;
      const keyExpr = keyOrdinal >= 0 ? keys[keyOrdinal] : undefined;
      return {
        name,
        child,
        operatorId,
        keyValues: (row) => keyEvals.map((e) => e(row)),
        partitionOf: partitionIdFunction(keys.map((k) => k.dataType), spec.numPartitions),
        preFilter: conjunction(only.map((c) => compileExpression(c, ordinals, compile))),
        eventTime: eventAttr ? ((o: number, w: boolean) => (row: Row) => timeOf(row[o], w))(firstEventTime, eventAttr.dataType.typeName() === 'struct') : undefined,
        keyTime: keyExpr ? ((e: Evaluator, w: boolean) => (row: Row) => timeOf(e(row), w))(keyEvals[keyOrdinal], keyExpr.dataType.typeName() === 'struct') : undefined,
        attributeIds: ids,
        otherEventTimeIds: new Set(otherEventTime.keys()),
        outer: name === 'left' ? spec.joinType === 'left_outer' || spec.joinType === 'full_outer' : spec.joinType === 'right_outer' || spec.joinType === 'full_outer',
        width: child.output.length,
      };
    };
    this.leftSide = makeSide('left', leftChild, spec.leftKeys, leftOnly, spec.leftOperatorId, spec.leftEventTime, spec.rightEventTime, leftIds);
    this.rightSide = makeSide('right', rightChild, spec.rightKeys, rightOnly, spec.rightOperatorId, spec.rightEventTime, spec.leftEventTime, rightIds);
  }

  /** The encoded state key, or NULL_KEY when a not-null-safe key part is null. */
  private stateKey(values: readonly unknown[]): string {
    const nullSafe = this.spec.nullSafe;
    for (let i = 0; i < values.length; i++) if (values[i] === null && !nullSafe[i]) return NULL_KEY;
    return encodeCompositeKey(values);
  }

  /**
   * The eviction test of a side's state rows for this batch (Spark's JoinStateWatermarkPredicate):
   * by the watermarked join key, or by the side's event time against its state value watermark.
   */
  private evictionTest(side: Side, watermarkMs: number | undefined): ((row: Row) => boolean) | undefined {
    if (watermarkMs === undefined) return undefined;
    if (side.keyTime) {
      const limit = BigInt(watermarkMs) * 1000n;
      const keyTime = side.keyTime;
      return (row) => {
        const t = keyTime(row);
        return t !== null && t <= limit;
      };
    }
    if (!side.eventTime) return undefined;
    const stateWatermark = getStateValueWatermark(side.attributeIds, side.otherEventTimeIds, this.condition, watermarkMs);
    if (stateWatermark === undefined) return undefined;
    const limit = BigInt(stateWatermark) * 1000n;
    const eventTime = side.eventTime;
    return (row) => {
      const t = eventTime(row);
      return t !== null && t <= limit;
    };
  }

  execute(ctx: ExecutionContext): Row[] {
    const provider = ctx.stateProvider;
    if (!provider) throw new InternalError('A stream-stream join needs a state store provider.');
    const n = this.spec.numPartitions;
    const started = performance.now();
    const hasWatermark = this.spec.leftEventTime.size > 0 || this.spec.rightEventTime.size > 0;
    const evictionWatermark = hasWatermark ? (ctx.batchWatermarkMs ?? 0) : undefined;
    const lateWatermark = hasWatermark ? (ctx.lateEventsWatermarkMs ?? ctx.batchWatermarkMs ?? 0) : undefined;
    const [leftRows, leftKeys] = this.partitionRows(this.leftSide, ctx);
    const [rightRows, rightKeys] = this.partitionRows(this.rightSide, ctx);
    const leftStores: StateStore[] = [];
    const rightStores: StateStore[] = [];
    for (let p = 0; p < n; p++) {
      leftStores.push(provider.getStore(this.leftSide.operatorId, p, ctx.batchId));
      rightStores.push(provider.getStore(this.rightSide.operatorId, p, ctx.batchId));
    }
    const leftEvict = this.evictionTest(this.leftSide, evictionWatermark);
    const rightEvict = this.evictionTest(this.rightSide, evictionWatermark);
    const counters = { dropped: 0, updated: 0, removed: 0 };
    const out: Row[] = [];
    let removalsTime = 0;
    try {
      for (let p = 0; p < n; p++) {
        const leftState = new BatchState(leftStores[p]);
        const rightState = new BatchState(rightStores[p]);
        this.storeAndJoin(this.leftSide, this.rightSide, leftRows[p], leftKeys[p], leftState, rightState, leftEvict, lateWatermark, counters, out);
        this.storeAndJoin(this.rightSide, this.leftSide, rightRows[p], rightKeys[p], rightState, leftState, rightEvict, lateWatermark, counters, out);
        leftState.flush();
        rightState.flush();
        const t = performance.now();
        this.removeOldState(this.leftSide, leftStores[p], leftEvict, counters, out);
        this.removeOldState(this.rightSide, rightStores[p], rightEvict, counters, out);
        removalsTime += performance.now() - t;
      }
    } catch (e) {
      for (const s of [...leftStores, ...rightStores]) s.abort();
      this.rowsInState = undefined;
      throw e;
    }
    const commitStarted = performance.now();
    const updatesTime = commitStarted - started - removalsTime;
    // Rows in state: counted once from the stores (first batch, after a restart or a failed
    // batch), then kept up to date from the batch's additions and removals.
    let total = this.rowsInState;
    if (total === undefined) {
      total = 0;
      for (const store of [...leftStores, ...rightStores]) for (const [, entries] of store.iterator()) total += (entries as StateEntry[]).length;
    } else {
      total += counters.updated - counters.removed;
    }
    for (const store of [...leftStores, ...rightStores]) store.commit();
    this.rowsInState = total;
    ctx.stateMetrics.push({
      operatorName: 'symmetricHashJoin',
      numRowsTotal: total,
      numRowsUpdated: counters.updated,
      numRowsRemoved: counters.removed,
      allUpdatesTimeMs: Math.round(updatesTime),
      allRemovalsTimeMs: Math.round(removalsTime),
      commitTimeMs: Math.round(performance.now() - commitStarted),
      numShufflePartitions: n,
      numStateStoreInstances: 2 * n,
      numRowsDroppedByWatermark: counters.dropped,
    });
    return out;
  }

  /**
   * The side's input rows of this batch, shuffled by join key (input order within a partition),
   * with each row's state key (its key values are evaluated once, for both).
   */
  private partitionRows(side: Side, ctx: ExecutionContext): [Row[][], string[][]] {
    const parts: Row[][] = Array.from({ length: this.spec.numPartitions }, () => []);
    const keys: string[][] = Array.from({ length: this.spec.numPartitions }, () => []);
    for (const row of side.child.execute(ctx)) {
      const values = side.keyValues(row);
      const p = side.partitionOf(values);
      parts[p].push(row.slice());
      keys[p].push(this.stateKey(values));
    }
    return [parts, keys];
  }

  /** Spark's OneSideHashJoiner.storeAndJoinWithOtherSide. */
  private storeAndJoin(
    side: Side,
    other: Side,
    rows: readonly Row[],
    keys: readonly string[],
    state: BatchState,
    otherState: BatchState,
    evict: ((row: Row) => boolean) | undefined,
    lateWatermarkMs: number | undefined,
    counters: { dropped: number; updated: number },
    out: Row[],
  ): void {
    const type = this.spec.joinType;
    const isLeft = side.name === 'left';
    const lateLimit = lateWatermarkMs === undefined ? undefined : BigInt(lateWatermarkMs) * 1000n;
    const otherNulls = new Array(other.width).fill(null);
    const post = this.postFilter;
    // The condition reads a scratch row (left columns, then right): this row's columns are set
    // once, each candidate's per pair, and only pairs that pass are concatenated for output.
    const leftWidth = this.leftSide.width;
    const scratch: unknown[] | undefined = post ? new Array(leftWidth + this.rightSide.width) : undefined;
    const mineAt = isLeft ? 0 : leftWidth;
    const otherAt = isLeft ? leftWidth : 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (lateLimit !== undefined && side.eventTime) {
        const t = side.eventTime(row);
        if (t !== null && t <= lateLimit) {
          counters.dropped++;
          continue;
        }
      }
      if (side.preFilter && !side.preFilter(row)) {
        // Can never match: an outer row is emitted right away, nothing is stored.
        if (side.outer) out.push(isLeft ? row.concat(otherNulls) : otherNulls.concat(row));
        continue;
      }
      const key = keys[r];
      let matched = false;
      if (key !== NULL_KEY) {
        const entries = otherState.get(key);
        if (entries) {
          if (scratch) for (let c = 0; c < row.length; c++) scratch[mineAt + c] = row[c];
          let changed: StateEntry[] | undefined;
          for (let i = 0; i < entries.length; i++) {
            const [otherRow, otherMatched] = entries[i];
            // Left semi: a left row is emitted once, for its first match only.
            if (type === 'left_semi' && !isLeft && otherMatched) continue;
            if (post) {
              for (let c = 0; c < otherRow.length; c++) scratch![otherAt + c] = otherRow[c];
              if (post(scratch!) !== true) continue;
            }
            matched = true;
            if (!otherMatched) {
              changed ??= otherState.mutable(key);
              changed[i] = [otherRow, true];
            }
            if (type === 'left_semi') {
              out.push(isLeft ? row : otherRow);
              if (isLeft) break;
            } else out.push(isLeft ? row.concat(otherRow) : otherRow.concat(row));
          }
        }
      }
      // Left semi: a matched left row is done; only unmatched ones wait for right rows.
      if (type === 'left_semi' && isLeft && matched) continue;
      // Spark 4's rule: a left row is always stored, even one the state watermark evicts at the
      // end of this batch, because the right side's rows of this batch have yet to meet it (two
      // windowed aggregations joined emit their windows in the same batch). A right row already
      // behind the state watermark is stored only if it must come out null-padded at eviction.
      if (!isLeft && evict && evict(row) && !(side.outer && !matched)) continue;
      if (key === NULL_KEY && !side.outer) continue;
      state.mutable(key).push([row, matched]);
      counters.updated++;
    }
  }

  /** Spark's removeOldState: evicts rows behind the watermark, emitting unmatched outer rows. */
  private removeOldState(side: Side, store: StateStore, evict: ((row: Row) => boolean) | undefined, counters: { removed: number }, out: Row[]): void {
    if (!evict) return;
    const isLeft = side.name === 'left';
    const otherNulls = new Array(isLeft ? this.rightSide.width : this.leftSide.width).fill(null);
    const updates: [string, StateEntry[] | undefined][] = [];
    for (const [key, value] of store.iterator()) {
      const entries = value as StateEntry[];
      // Most keys lose nothing in a batch: the kept list is built only from the first evicted row.
      let kept: StateEntry[] | undefined;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        if (!evict(entry[0])) {
          if (kept !== undefined) kept.push(entry);
          continue;
        }
        if (kept === undefined) kept = entries.slice(0, i);
        counters.removed++;
        if (side.outer && !entry[1]) out.push(isLeft ? entry[0].concat(otherNulls) : otherNulls.concat(entry[0]));
      }
      if (kept !== undefined) updates.push([key as string, kept.length > 0 ? kept : undefined]);
    }
    for (const [key, kept] of updates) {
      if (kept) store.put(key, kept);
      else store.remove(key);
    }
  }

  close(): void {
    this.leftSide.child.close?.();
    this.rightSide.child.close?.();
  }
}
