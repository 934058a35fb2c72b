// Spark's StreamingSymmetricHashJoinExec: a join of two streams. Both inputs are shuffled by their
// join keys into spark.sql.shuffle.partitions partitions; each side keeps every row it has seen in
// state (until a watermark lets it go). Per batch and partition, as Spark's processPartitions:
//   1. new left rows join the right state (old right rows), then go into the left state;
//   2. new right rows join the left state (old + this batch's left rows), then go into the right
//      state — so every pair is produced exactly once;
//   3. state behind the watermark is evicted; for outer joins the evicted rows that never matched
//      are emitted null-padded (each exactly once, thanks to the per-row `matched` flag).
//
// State layout (join-side-state.ts): Spark keeps four stores per partition (keyToNumValues and
// keyWithIndexToValue for each side). Rivulet keeps one store per side and partition with one
// record per kept row (sequence number -> columns and `matched`), and beside it an index by join
// key and a heap by event time that live across batches. The store contract is
// getStore(operatorId, partitionId, version), so the two sides get two consecutive operator ids
// (registered as `symmetricHashJoin-left` / `symmetricHashJoin-right` for the schema check).
import type { Attribute, Expression } from '../expressions/expression';
import type { CompileContext, Evaluator } from '../expressions/function-definition';
import { bindOrdinals, compileExpression, compileOverTwoRows } from '../expressions/compiler';
import { forEachExpression } from '../expressions/expression';
import { encodeCompositeKey } from '../util/group-key';
import { getStateValueWatermark } from '../plans/streaming-join-helper';
import type { StateStore } from '../state/state-store';
import { partitionIdFunction } from './hash-partitioning';
import type { ExecutionContext, PhysicalOperator, Row } from './physical-operator';
import { InternalError } from '../errors/spark-exception';
import { int64ToDouble } from '../util/int64-to-double';
import { JoinSideState, NULL_JOIN_KEY, type JoinSideShape } from './join-side-state';

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

interface Side {
  name: 'left' | 'right';
  child: PhysicalOperator;
  operatorId: number;
  /** The join key of a row (or stored value): the value itself for one primitive key. */
  joinKey: (row: readonly unknown[]) => unknown;
  /** Shuffle partition of a row. */
  partitionOf: (row: readonly unknown[]) => number;
  preFilter: Evaluator | undefined;
  /** Event time of a row in micros (null when none), from the side's first watermarked column. */
  eventTime: ((row: readonly unknown[]) => bigint | null) | undefined;
  /** Event time of the watermarked key, for key-based eviction. */
  keyTime: ((row: readonly unknown[]) => bigint | null) | undefined;
  attributeIds: Set<number>;
  otherEventTimeIds: Set<number>;
  /** This side's unmatched rows are emitted null-padded when evicted. */
  outer: boolean;
  /**
   * The side's rows need their `matched` flag (outer side, or left side of a left semi join).
   * Otherwise nothing reads it: the flag is never set, and an input row is kept as it is.
   */
  tracksMatched: boolean;
  width: number;
  shape: JoinSideShape;
  /** Per partition, the side's kept rows as of the last commit (undefined: read from the store). */
  states: (JoinSideState | undefined)[];
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
  if (preds.length === 1) {
    const p = preds[0];
    return (row) => p(row) === true;
  }
  return (row) => {
    for (const p of preds) if (p(row) !== true) return false;
    return true;
  };
}

/**
 * The join key of a row: NULL_JOIN_KEY when a not-null-safe part is null; one primitive key as
 * itself (Map keys compare numbers, strings and bigints by value); otherwise the compact encoding.
 */
function joinKeyFunction(keyEvals: readonly Evaluator[], nullSafe: readonly boolean[]): (row: readonly unknown[]) => unknown {
  if (keyEvals.length === 1) {
    const e = keyEvals[0];
    const safe = nullSafe[0];
    return (row) => {
      const v = e(row);
      if (v === null || v === undefined) return safe ? null : NULL_JOIN_KEY;
      return typeof v === 'object' ? encodeCompositeKey([v]) : v;
    };
  }
  const values: unknown[] = new Array(keyEvals.length);
  return (row) => {
    for (let i = 0; i < keyEvals.length; i++) {
      const v = keyEvals[i](row);
      if (v === null && !nullSafe[i]) return NULL_JOIN_KEY;
      values[i] = v;
    }
    return encodeCompositeKey(values);
  };
}

export class StreamingSymmetricHashJoinExec implements PhysicalOperator {
  private readonly leftSide: Side;
  private readonly rightSide: Side;
  /** The conjuncts over both sides, compiled over a `[leftRow, rightRow]` pair. */
  private readonly postFilter: Evaluator | undefined;
  private readonly pair: unknown[] = [null, null];
  private readonly condition: readonly Expression[];

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
    this.postFilter = conjunction(both.map((c) => compileOverTwoRows(c, leftChild.output, rightChild.output, compile)));
    const makeSide = (name: 'left' | 'right', child: PhysicalOperator, keys: readonly Expression[], only: Expression[], operatorId: number, eventTime: ReadonlyMap<number, number>, otherEventTime: ReadonlyMap<number, number>, ids: Set<number>): Side => {
      const ordinals = bindOrdinals(child.output);
      const keyEvals = keys.map((k) => compileExpression(k, ordinals, compile));
      const firstEventTime = child.output.findIndex((a) => eventTime.has(a.exprId));
      const eventAttr = child.output[firstEventTime];
      const keyOrdinal = spec.keyWatermarkOrdinal;
      const keyExpr = keyOrdinal >= 0 ? keys[keyOrdinal] : undefined;
      const partitionIds = partitionIdFunction(keys.map((k) => k.dataType), spec.numPartitions);
      const keyScratch: unknown[] = new Array(keys.length);
      const joinKey = joinKeyFunction(keyEvals, spec.nullSafe);
      const eventTimeFn = eventAttr ? ((o: number, w: boolean) => (row: readonly unknown[]) => timeOf(row[o], w))(firstEventTime, eventAttr.dataType.typeName() === 'struct') : undefined;
      const keyTime = keyExpr ? ((e: Evaluator, w: boolean) => (row: readonly unknown[]) => timeOf(e(row), w))(keyEvals[keyOrdinal], keyExpr.dataType.typeName() === 'struct') : undefined;
      const width = child.output.length;
      const outer = name === 'left' ? spec.joinType === 'left_outer' || spec.joinType === 'full_outer' : spec.joinType === 'right_outer' || spec.joinType === 'full_outer';
      return {
        name,
        child,
        operatorId,
        joinKey,
        partitionOf: (row) => {
          for (let i = 0; i < keyEvals.length; i++) keyScratch[i] = keyEvals[i](row);
          return partitionIds(keyScratch);
        },
        preFilter: conjunction(only.map((c) => compileExpression(c, ordinals, compile))),
        eventTime: eventTimeFn,
        keyTime,
        attributeIds: ids,
        otherEventTimeIds: new Set(otherEventTime.keys()),
        outer,
        tracksMatched: outer || (name === 'left' && spec.joinType === 'left_semi'),
        width,
        // Eviction compares the watermarked key when there is one, else the side's event time.
        shape: { width, keyOf: joinKey, timeOf: keyTime ?? eventTimeFn },
        states: new Array(spec.numPartitions).fill(undefined),
      };
    };
    this.leftSide = makeSide('left', leftChild, spec.leftKeys, leftOnly, spec.leftOperatorId, spec.leftEventTime, spec.rightEventTime, leftIds);
    this.rightSide = makeSide('right', rightChild, spec.rightKeys, rightOnly, spec.rightOperatorId, spec.rightEventTime, spec.leftEventTime, rightIds);
  }

  /**
   * The eviction limit of a side's state rows for this batch in micros (Spark's
   * JoinStateWatermarkPredicate): on the watermarked join key, or on the side's event time against
   * its state value watermark; undefined when nothing is evicted.
   */
  private evictionLimit(side: Side, watermarkMs: number | undefined): bigint | undefined {
    if (watermarkMs === undefined) return undefined;
    if (side.keyTime) return BigInt(watermarkMs) * 1000n;
    if (!side.eventTime) return undefined;
    const stateWatermark = getStateValueWatermark(side.attributeIds, side.otherEventTimeIds, this.condition, watermarkMs);
    if (stateWatermark === undefined) return undefined;
    return BigInt(stateWatermark) * 1000n;
  }

  /** The side's rows of partition p as of the store's version (read back when not current). */
  private sideState(side: Side, p: number, store: StateStore): JoinSideState {
    const cached = side.states[p];
    if (cached !== undefined && cached.version === store.version && cached.size === store.numKeys) return cached;
    const state = JoinSideState.load(store, side.shape);
    side.states[p] = state;
    return state;
  }

  private forgetStates(): void {
    this.leftSide.states.fill(undefined);
    this.rightSide.states.fill(undefined);
  }

  execute(ctx: ExecutionContext): Row[] {
    const provider = ctx.stateProvider;
    if (!provider) throw new InternalError('A stream-stream join needs a state store provider.');
    const n = this.spec.numPartitions;
    const started = performance.now();
    const hasWatermark = this.spec.leftEventTime.size > 0 || this.spec.rightEventTime.size > 0;
    const evictionWatermark = hasWatermark ? (ctx.batchWatermarkMs ?? 0) : undefined;
    const lateWatermark = hasWatermark ? (ctx.lateEventsWatermarkMs ?? ctx.batchWatermarkMs ?? 0) : undefined;
    const leftRows = this.partitionRows(this.leftSide, ctx);
    const rightRows = this.partitionRows(this.rightSide, ctx);
    const leftStores: StateStore[] = [];
    const rightStores: StateStore[] = [];
    for (let p = 0; p < n; p++) {
      leftStores.push(provider.getStore(this.leftSide.operatorId, p, ctx.batchId));
      rightStores.push(provider.getStore(this.rightSide.operatorId, p, ctx.batchId));
    }
    const leftLimit = this.evictionLimit(this.leftSide, evictionWatermark);
    const rightLimit = this.evictionLimit(this.rightSide, evictionWatermark);
    const counters = { dropped: 0, updated: 0, removed: 0 };
    const out: Row[] = [];
    const leftStates: JoinSideState[] = [];
    const rightStates: JoinSideState[] = [];
    let removalsTime = 0;
    try {
      for (let p = 0; p < n; p++) {
        const leftState = this.sideState(this.leftSide, p, leftStores[p]);
        const rightState = this.sideState(this.rightSide, p, rightStores[p]);
        leftStates.push(leftState);
        rightStates.push(rightState);
        this.storeAndJoin(this.leftSide, this.rightSide, leftRows[p], leftStores[p], leftState, rightStores[p], rightState, leftLimit, lateWatermark, counters, out);
        this.storeAndJoin(this.rightSide, this.leftSide, rightRows[p], rightStores[p], rightState, leftStores[p], leftState, rightLimit, lateWatermark, counters, out);
        const t = performance.now();
        this.removeOldState(this.leftSide, leftStores[p], leftState, leftLimit, counters, out);
        this.removeOldState(this.rightSide, rightStores[p], rightState, rightLimit, counters, out);
        removalsTime += performance.now() - t;
      }
    } catch (e) {
      for (const s of [...leftStores, ...rightStores]) s.abort();
      this.forgetStates();
      throw e;
    }
    const commitStarted = performance.now();
    const updatesTime = commitStarted - started - removalsTime;
    // One store record per kept row: the rows in state are the stores' key counts.
    let total = 0;
    try {
      for (let p = 0; p < n; p++) {
        total += leftStores[p].numKeys + rightStores[p].numKeys;
        leftStates[p].version = leftStores[p].commit();
        rightStates[p].version = rightStores[p].commit();
      }
    } catch (e) {
      this.forgetStates();
      throw e;
    }
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
   * The side's input rows of this batch, shuffled by join key (input order within a partition).
   * A side that tracks `matched` gets each row copied once into the shape the state keeps: its
   * columns, then `matched` (false); other sides keep the input rows themselves (never modified;
   * a stored value without the flag reads as unmatched).
   */
  private partitionRows(side: Side, ctx: ExecutionContext): Row[][] {
    const parts: Row[][] = Array.from({ length: this.spec.numPartitions }, () => []);
    const w = side.width;
    if (!side.tracksMatched) {
      for (const row of side.child.execute(ctx)) parts[side.partitionOf(row)].push(row);
      return parts;
    }
    for (const row of side.child.execute(ctx)) {
      const value: unknown[] = new Array(w + 1);
      for (let c = 0; c < w; c++) value[c] = row[c];
      value[w] = false;
      parts[side.partitionOf(value)].push(value);
    }
    return parts;
  }

  /** A joined output row (columns of both sides, without their `matched` flags). */
  private joined(leftValue: readonly unknown[] | null, rightValue: readonly unknown[] | null): Row {
    const lw = this.leftSide.width;
    const rw = this.rightSide.width;
    const row: unknown[] = new Array(lw + rw);
    if (leftValue === null) for (let c = 0; c < lw; c++) row[c] = null;
    else for (let c = 0; c < lw; c++) row[c] = leftValue[c];
    if (rightValue === null) for (let c = 0; c < rw; c++) row[lw + c] = null;
    else for (let c = 0; c < rw; c++) row[lw + c] = rightValue[c];
    return row;
  }

  /** Spark's OneSideHashJoiner.storeAndJoinWithOtherSide. */
  private storeAndJoin(
    side: Side,
    other: Side,
    rows: readonly Row[],
    store: StateStore,
    state: JoinSideState,
    otherStore: StateStore,
    otherState: JoinSideState,
    evictLimit: bigint | undefined,
    lateWatermarkMs: number | undefined,
    counters: { dropped: number; updated: number },
    out: Row[],
  ): void {
    const type = this.spec.joinType;
    const semi = type === 'left_semi';
    const isLeft = side.name === 'left';
    const lateLimit = lateWatermarkMs === undefined ? undefined : BigInt(lateWatermarkMs) * 1000n;
    const post = this.postFilter;
    const pair = this.pair;
    const mine = isLeft ? 0 : 1;
    const theirs = 1 - mine;
    const w = side.width;
    const eventTime = lateLimit !== undefined ? side.eventTime : undefined;
    const evictTime = evictLimit !== undefined ? side.shape.timeOf : undefined;
    // Times compare as doubles while exact (|micros| <= 2^53, the years 1685 to 2255), else as
    // bigints; the row's time is read once when the late check and eviction use the same column.
    const lateLimitD = lateLimit === undefined ? NaN : Number(lateLimit);
    const evictLimitD = evictLimit === undefined ? NaN : Number(evictLimit);
    const lateExact = Number.isSafeInteger(lateLimitD);
    const evictExact = Number.isSafeInteger(evictLimitD);
    const sameTime = eventTime !== undefined && evictTime === eventTime;
    const index = otherState.byKey;
    const otherTracks = other.tracksMatched;
    const tracks = side.tracksMatched;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      let eventMicros: bigint | null = null;
      let eventD = NaN;
      if (eventTime !== undefined) {
        eventMicros = eventTime(row);
        if (eventMicros !== null) {
          eventD = int64ToDouble(eventMicros);
          if (lateExact && Number.isSafeInteger(eventD) ? eventD <= lateLimitD : eventMicros <= lateLimit!) {
            counters.dropped++;
            continue;
          }
        }
      }
      if (side.preFilter && !side.preFilter(row)) {
        // Can never match: an outer row is emitted right away, nothing is stored.
        if (side.outer) out.push(isLeft ? this.joined(row, null) : this.joined(null, row));
        continue;
      }
      const key = side.joinKey(row);
      let matched = false;
      if (key !== NULL_JOIN_KEY) {
        const found = index.get(key);
        if (found !== undefined) {
          pair[mine] = row;
          // One row under the key is its sequence number alone, several an array of them.
          const one = typeof found === 'number';
          const count = one ? 1 : (found as number[]).length;
          for (let i = 0; i < count; i++) {
            const seq = one ? (found as number) : (found as number[])[i];
            const otherValue = otherState.valueOf(otherStore, seq);
            const otherMatched = otherValue[other.width] === true;
            // Left semi: a left row is emitted once, for its first match only.
            if (semi && !isLeft && otherMatched) continue;
            if (post) {
              pair[theirs] = otherValue;
              if (post(pair) !== true) continue;
            }
            matched = true;
            if (otherTracks && !otherMatched) otherState.setMatched(otherStore, seq);
            if (semi) {
              out.push(isLeft ? row.slice(0, w) : otherValue.slice(0, other.width));
              if (isLeft) break;
            } else out.push(isLeft ? this.joined(row, otherValue) : this.joined(otherValue, row));
          }
          pair[0] = pair[1] = null;
        }
      }
      // Left semi: a matched left row is done; only unmatched ones wait for right rows.
      if (semi && isLeft && matched) continue;
      // Spark 4's rule: a left row is always stored, even one the state watermark evicts at the
      // end of this batch, because the right side's rows of this batch have yet to meet it (two
      // windowed aggregations joined emit their windows in the same batch). A right row already
      // behind the state watermark is stored only if it must come out null-padded at eviction.
      let time = NaN;
      if (evictTime !== undefined) {
        const t = sameTime ? eventMicros : evictTime(row);
        if (t !== null) {
          time = sameTime ? eventD : int64ToDouble(t);
          if (!isLeft && (evictExact && Number.isSafeInteger(time) ? time <= evictLimitD : t <= evictLimit!) && !(side.outer && !matched)) continue;
        }
      }
      if (key === NULL_JOIN_KEY && !side.outer) continue;
      if (matched && tracks) row[w] = true;
      state.add(store, row, key, evictTime !== undefined ? time : state.timeOf(row));
      counters.updated++;
    }
  }

  /** Spark's removeOldState: evicts rows behind the watermark, emitting unmatched outer rows. */
  private removeOldState(side: Side, store: StateStore, state: JoinSideState, limit: bigint | undefined, counters: { removed: number }, out: Row[]): void {
    if (limit === undefined) return;
    if (!side.outer) {
      counters.removed += state.evict(store, limit, undefined);
      return;
    }
    const evicted: unknown[][] = [];
    counters.removed += state.evict(store, limit, evicted);
    const isLeft = side.name === 'left';
    const w = side.width;
    for (const value of evicted) {
      if (value[w] === true) continue;
      out.push(isLeft ? this.joined(value, null) : this.joined(null, value));
    }
  }

  close(): void {
    this.leftSide.child.close?.();
    this.rightSide.child.close?.();
  }
}
