// Grouping and aggregate evaluation shared by the batch and the stateful streaming aggregate.
import type { Attribute, AggregateCall, Expression } from '../expressions/expression';
import { forEachExpression, newExprId, transformExpression } from '../expressions/expression';
import type { AggregateImpl, CompileContext, Evaluator } from '../expressions/function-definition';
import { compileExpression, bindOrdinals } from '../expressions/compiler';
import { expressionKey } from '../expressions/expression-key';
import { encodeCompositeKey } from '../util/group-key';
import { partitionIdFunction } from './hash-partitioning';
import type { Row } from './physical-operator';
import { EventTimeBuckets, type EventTimeKeyShape, type TimeBucket } from './event-time-buckets';
import type { SlidingWindows, TimeWindow } from '../expressions/functions/sliding-windows';

/** An aggregate input a FILTER rejected (no value is this object). */
const SKIP = {};

/** A batch's groups by event time, in first-seen order: flat entries, their buckets, their keys in the bucket. */
export interface EventTimeGroups {
  entries: unknown[][];
  buckets: TimeBucket<unknown[]>[];
  keys: unknown[];
}

export interface Group {
  values: unknown[];
  buffers: unknown[];
  partition: number;
}

interface CompiledAggregate {
  impl: AggregateImpl;
  args: Evaluator[];
  filter: Evaluator | undefined;
}

export class Aggregation {
  private readonly grouping: Evaluator[];
  private readonly aggregates: CompiledAggregate[];
  private readonly result: Evaluator[];
  readonly partitionOf: (values: readonly unknown[], offset?: number) => number;

  constructor(
    groupingExpressions: readonly Expression[],
    aggregateExpressions: readonly Expression[],
    input: readonly Attribute[],
    numPartitions: number,
    ctx: CompileContext,
  ) {
    const bound = bindOrdinals(input);
    this.grouping = groupingExpressions.map((g) => compileExpression(g, bound, ctx));
    // Collect distinct aggregate calls; the result projection reads [grouping..., aggregates...].
    const calls: AggregateCall[] = [];
    const callKeys: string[] = [];
    for (const e of aggregateExpressions) {
      forEachExpression(e, (x) => {
        if (x.kind !== 'aggregateCall') return false;
        const key = expressionKey(x) + (x.filter ? `|${expressionKey(x.filter)}` : '');
        if (!callKeys.includes(key)) {
          callKeys.push(key);
          calls.push(x);
        }
        return true;
      });
    }
    // Streaming plans reject DISTINCT aggregates up front (UnsupportedOperationChecker).
    this.aggregates = calls.map((call) => ({
      impl: withDistinct(call.fn.create(call.args.map((a) => a.dataType), call.dataType, ctx), call.distinct === true),
      args: call.args.map((a) => compileExpression(a, bound, ctx)),
      filter: call.filter ? compileExpression(call.filter, bound, ctx) : undefined,
    }));
    // The output expressions read a slot row [grouping..., aggregate results...]: grouping
    // expressions and aggregate calls become attributes of those slots, then compile as usual.
    const groupingKeys = groupingExpressions.map(expressionKey);
    const slot = (dataType: Expression['dataType']): Attribute => ({ kind: 'attribute', name: '_slot', dataType, nullable: true, exprId: newExprId(), qualifier: [] });
    const groupingSlots = groupingExpressions.map((g) => slot(g.dataType));
    const callSlots = calls.map((c) => slot(c.dataType));
    const toSlots = (e: Expression): Expression =>
      transformExpression(e, (x) => {
        const key = expressionKey(x);
        const g = groupingKeys.indexOf(key);
        if (g >= 0) return groupingSlots[g];
        if (x.kind === 'aggregateCall') return callSlots[callKeys.indexOf(key + (x.filter ? `|${expressionKey(x.filter)}` : ''))];
        return undefined;
      });
    const slots = bindOrdinals([...groupingSlots, ...callSlots]);
    this.result = aggregateExpressions.map((e) => compileExpression(toSlots(e), slots, ctx));
    this.partitionOf = partitionIdFunction(groupingExpressions.map((g) => g.dataType), numPartitions);
  }

  get groupingCount(): number {
    return this.grouping.length;
  }

  newBuffers(): unknown[] {
    return this.aggregates.map((a) => a.impl.init());
  }

  /** Aggregates rows into groups keyed by their grouping values (insertion-ordered). */
  aggregate(produce: (consume: (row: Row) => void) => void, groups: Map<unknown, Group> = new Map()): Map<unknown, Group> {
    const grouping = this.grouping;
    const aggregates = this.aggregates;
    const nAgg = aggregates.length;
    const single = grouping.length === 1;
    produce((row) => {
      let key: unknown;
      let values: unknown[] | undefined;
      if (single) {
        key = grouping[0](row);
        // Arrays, structs and maps group by value, not by reference.
        if (key !== null && typeof key === 'object') {
          values = [key];
          key = encodeCompositeKey(values);
        }
      } else {
        const n = grouping.length;
        values = new Array(n);
        for (let i = 0; i < n; i++) values[i] = grouping[i](row);
        key = n === 0 ? '' : encodeCompositeKey(values);
      }
      let group = groups.get(key);
      if (group === undefined) {
        values ??= [key];
        group = { values, buffers: this.newBuffers(), partition: -1 };
        groups.set(key, group);
      }
      const buffers = group.buffers;
      for (let j = 0; j < nAgg; j++) {
        const agg = aggregates[j];
        if (agg.filter !== undefined && agg.filter(row) !== true) continue;
        const args = agg.args;
        const value = args.length === 1 ? args[0](row) : args.map((a) => a(row));
        buffers[j] = agg.impl.update(buffers[j], value);
      }
    });
    return groups;
  }

  mergeBuffers(left: readonly unknown[], right: readonly unknown[]): unknown[] {
    return this.aggregates.map((a, i) => a.impl.merge(left[i], right[i]));
  }

  /** Merges the buffers of `source` into `target` itself, both flat entries whose buffers start at `at`. */
  mergeBuffersInto(target: unknown[], source: readonly unknown[], at: number): void {
    const aggregates = this.aggregates;
    for (let i = 0; i < aggregates.length; i++) target[at + i] = aggregates[i].impl.merge(target[at + i], source[at + i]);
  }

  /**
   * aggregate() into flat arrays `[0, ...grouping values, ...buffers]`, the stateful aggregate's
   * entry layout (the caller sets the sequence at 0): no Group object and no values array per
   * group, and the grouping values of a row are read into one scratch array.
   */
  aggregateFlat(produce: (consume: (row: Row) => void) => void): Map<unknown, unknown[]> {
    const groups = new Map<unknown, unknown[]>();
    const grouping = this.grouping;
    const nv = grouping.length;
    const aggregates = this.aggregates;
    const nAgg = aggregates.length;
    const at = 1 + nv;
    const scratch: unknown[] = new Array(nv);
    if (nv === 1 && aggregates.every((a) => a.filter === undefined && a.args.length === 1)) {
      // One grouping column, one-argument aggregates without FILTER (word count): a loop with
      // nothing to decide per row.
      const group = grouping[0];
      const updates = aggregates.map((a) => a.impl.update);
      const inits = aggregates.map((a) => a.impl.init);
      const args = aggregates.map((a) => a.args[0]);
      produce((row) => {
        const value = group(row);
        const key = value !== null && typeof value === 'object' ? encodeCompositeKey([value]) : value;
        let entry = groups.get(key);
        if (entry === undefined) {
          entry = new Array(at + nAgg);
          entry[0] = 0;
          entry[1] = value;
          for (let j = 0; j < nAgg; j++) entry[at + j] = inits[j]();
          groups.set(key, entry);
        }
        for (let j = 0; j < nAgg; j++) entry[at + j] = updates[j](entry[at + j], args[j](row));
      });
      return groups;
    }
    produce((row) => {
      let key: unknown;
      if (nv === 1) {
        key = grouping[0](row);
        scratch[0] = key;
        // Arrays, structs and maps group by value, not by reference.
        if (key !== null && typeof key === 'object') key = encodeCompositeKey(scratch);
      } else {
        for (let i = 0; i < nv; i++) scratch[i] = grouping[i](row);
        key = nv === 0 ? '' : encodeCompositeKey(scratch);
      }
      let entry = groups.get(key);
      if (entry === undefined) {
        entry = new Array(at + nAgg);
        entry[0] = 0;
        for (let i = 0; i < nv; i++) entry[1 + i] = scratch[i];
        for (let j = 0; j < nAgg; j++) entry[at + j] = aggregates[j].impl.init();
        groups.set(key, entry);
      }
      for (let j = 0; j < nAgg; j++) {
        const agg = aggregates[j];
        if (agg.filter !== undefined && agg.filter(row) !== true) continue;
        const args = agg.args;
        const value = args.length === 1 ? args[0](row) : args.map((a) => a(row));
        entry[at + j] = agg.impl.update(entry[at + j], value);
      }
    });
    return groups;
  }

  /**
   * aggregateFlat for a grouping with an event-time column: a row finds its group by its event
   * time's bucket, then by the rest of its key (no string encoding of the whole key per row). The
   * groups come back in first-seen order as parallel arrays (entry, bucket, key within bucket).
   */
  aggregateByEventTime(produce: (consume: (row: Row) => void) => void, shape: EventTimeKeyShape, restKey: (values: readonly unknown[], offset: number) => unknown): EventTimeGroups {
    const buckets = new EventTimeBuckets<unknown[]>(shape.isWindow);
    const out: EventTimeGroups = { entries: [], buckets: [], keys: [] };
    const grouping = this.grouping;
    const nv = grouping.length;
    const aggregates = this.aggregates;
    const nAgg = aggregates.length;
    const at = 1 + nv;
    const timeAt = shape.index;
    const scratch: unknown[] = new Array(nv);
    produce((row) => {
      for (let i = 0; i < nv; i++) scratch[i] = grouping[i](row);
      const bucket = buckets.bucketOf(scratch[timeAt]);
      const key = restKey(scratch, 0);
      let entry = bucket.groups.get(key);
      if (entry === undefined) entry = this.newEventTimeGroup(scratch, out, bucket, key);
      for (let j = 0; j < nAgg; j++) {
        const agg = aggregates[j];
        if (agg.filter !== undefined && agg.filter(row) !== true) continue;
        const args = agg.args;
        const value = args.length === 1 ? args[0](row) : args.map((a) => a(row));
        entry[at + j] = agg.impl.update(entry[at + j], value);
      }
    });
    return out;
  }

  /**
   * A new group `[seq 0, grouping values..., initial buffers...]` of a bucket, recorded in `out`
   * in first-seen order.
   */
  private newEventTimeGroup(values: readonly unknown[], out: EventTimeGroups, bucket: TimeBucket<unknown[]>, key: unknown): unknown[] {
    const nv = this.grouping.length;
    const aggregates = this.aggregates;
    const at = 1 + nv;
    const entry: unknown[] = new Array(at + aggregates.length);
    entry[0] = 0;
    for (let i = 0; i < nv; i++) entry[1 + i] = values[i];
    for (let j = 0; j < aggregates.length; j++) entry[at + j] = aggregates[j].impl.init();
    bucket.groups.set(key, entry);
    out.entries.push(entry);
    out.buckets.push(bucket);
    out.keys.push(key);
    return entry;
  }

  /**
   * aggregateByEventTime over the input of a time-window generator, the window being grouping
   * value `shape.index`: each input row finds its windows (SlidingWindows) and updates its group
   * in each, its other grouping values and aggregate inputs read once (the caller checked that
   * they do not read the window and evaluate alike per window). The same groups, in the same
   * first-seen order, as aggregating the generator's rows one by one.
   */
  aggregateByWindows(produce: (consume: (row: Row) => void) => void, time: Evaluator, windows: SlidingWindows, shape: EventTimeKeyShape, restKey: (values: readonly unknown[], offset: number) => unknown): EventTimeGroups {
    const buckets = new EventTimeBuckets<unknown[]>(true);
    const out: EventTimeGroups = { entries: [], buckets: [], keys: [] };
    const grouping = this.grouping;
    const nv = grouping.length;
    const aggregates = this.aggregates;
    const nAgg = aggregates.length;
    const at = 1 + nv;
    const timeAt = shape.index;
    const scratch: unknown[] = new Array(nv);
    // A row's aggregate inputs; SKIP where a FILTER rejected the row.
    const inputs: unknown[] = new Array(nAgg);
    // The buckets of the current window list (it changes when the rows' last window start does).
    let seen: readonly TimeWindow[] | undefined;
    let bucketOf: TimeBucket<unknown[]>[] = [];
    produce((row) => {
      const t = time(row) as bigint | null;
      if (t === null) return;
      windows.locate(t);
      const list = windows.windows;
      const first = windows.first;
      if (first === list.length) return;
      if (list !== seen) {
        seen = list;
        bucketOf = list.map((w) => buckets.bucketOf(w));
      }
      for (let i = 0; i < nv; i++) if (i !== timeAt) scratch[i] = grouping[i](row);
      const key = restKey(scratch, 0);
      for (let j = 0; j < nAgg; j++) {
        const agg = aggregates[j];
        if (agg.filter !== undefined && agg.filter(row) !== true) inputs[j] = SKIP;
        else {
          const v = agg.args.length === 1 ? agg.args[0](row) : agg.args.map((a) => a(row));
          inputs[j] = agg.impl.prepare !== undefined ? agg.impl.prepare(v) : v;
        }
      }
      for (let w = first; w < list.length; w++) {
        const bucket = bucketOf[w];
        let entry = bucket.groups.get(key);
        if (entry === undefined) {
          scratch[timeAt] = list[w];
          entry = this.newEventTimeGroup(scratch, out, bucket, key);
        }
        for (let j = 0; j < nAgg; j++) if (inputs[j] !== SKIP) entry[at + j] = aggregates[j].impl.update(entry[at + j], inputs[j]);
      }
    });
    return out;
  }

  /** resultRow of a flat `[..., grouping values..., buffers...]` whose values start at `at`. */
  resultRowFlat(entry: readonly unknown[], at: number): Row {
    const nv = this.grouping.length;
    const nAgg = this.aggregates.length;
    const slots = new Array(nv + nAgg);
    for (let i = 0; i < nv; i++) slots[i] = entry[at + i];
    for (let i = 0; i < nAgg; i++) slots[nv + i] = this.aggregates[i].impl.result(entry[at + nv + i]);
    const out = new Array(this.result.length);
    for (let i = 0; i < this.result.length; i++) out[i] = this.result[i](slots);
    return out;
  }

  /** The output row of a group: the Aggregate's select list over [grouping..., results...]. */
  resultRow(group: { values: readonly unknown[]; buffers: readonly unknown[] }): Row {
    const slots = [...group.values];
    for (let i = 0; i < this.aggregates.length; i++) slots.push(this.aggregates[i].impl.result(group.buffers[i]));
    const out = new Array(this.result.length);
    for (let i = 0; i < this.result.length; i++) out[i] = this.result[i](slots);
    return out;
  }
}

/**
 * DISTINCT aggregates buffer the distinct argument values (insertion-ordered, keyed by value) and
 * fold them through the plain aggregate only when the result is asked for.
 */
function withDistinct(impl: AggregateImpl, distinct: boolean): AggregateImpl {
  if (!distinct) return impl;
  const keyOf = (v: unknown): unknown => (v !== null && typeof v === 'object' ? encodeCompositeKey([v]) : v);
  return {
    init: () => new Map<unknown, unknown>(),
    update: (b, v) => {
      const seen = b as Map<unknown, unknown>;
      const k = keyOf(v);
      if (!seen.has(k)) seen.set(k, v);
      return seen;
    },
    merge: (l, r) => {
      const out = new Map(l as Map<unknown, unknown>);
      for (const [k, v] of r as Map<unknown, unknown>) if (!out.has(k)) out.set(k, v);
      return out;
    },
    result: (b) => {
      let buffer = impl.init();
      for (const v of (b as Map<unknown, unknown>).values()) buffer = impl.update(buffer, v);
      return impl.result(buffer);
    },
  };
}

