// Spark's EventTimeWatermarkExec: rows pass through unchanged while the operator records the
// event times it saw (max, min, sum, count, in ms) for the engine, which turns them into the next
// batch's watermark (max - delay). Late rows are not filtered here: as in Spark, the stateful
// operators above drop them and count them in numRowsDroppedByWatermark.
import type { Attribute } from '../expressions/expression';
import { InternalError } from '../errors/spark-exception';
import { int64ToDouble } from '../util/int64-to-double';
import { pushRows, type EventTimeStats, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';

export class EventTimeWatermarkExec implements PhysicalOperator {
  private readonly ordinal: number;

  constructor(
    readonly child: PhysicalOperator,
    readonly eventTime: Attribute,
    readonly delayMs: number,
    /** Identifies this operator's stats in ExecutionContext.eventTimeStats (plan order, from 0). */
    readonly watermarkOperatorId: number,
  ) {
    this.ordinal = child.output.findIndex((a) => a.exprId === eventTime.exprId);
    if (this.ordinal < 0) throw new InternalError(`The event-time column ${eventTime.name}#${eventTime.exprId} is not in the watermark operator's input.`);
  }

  get output(): readonly Attribute[] {
    return this.child.output;
  }

  execute(ctx: ExecutionContext): Row[] {
    // The rows pass through unchanged: a child that returns an array is scanned, not copied.
    if (this.child.forEachRow) {
      const out: Row[] = [];
      this.forEachRow(ctx, (row) => out.push(row));
      return out;
    }
    const rows = this.child.execute(ctx);
    const stats = new EventTimeScan(this.ordinal, this.eventTime);
    for (let i = 0; i < rows.length; i++) stats.add(rows[i]);
    stats.record(ctx, this);
    return rows;
  }

  forEachRow(ctx: ExecutionContext, consume: (row: Row) => void): void {
    const stats = new EventTimeScan(this.ordinal, this.eventTime);
    pushRows(this.child, ctx, (row) => {
      stats.add(row);
      consume(row);
    });
    stats.record(ctx, this);
  }

  close(): void {
    this.child.close?.();
  }
}

/** The event-time statistics of the rows one batch passes through a watermark operator. */
class EventTimeScan {
  /** A window struct as event time counts by its end, as Spark's watermark predicate does. */
  private readonly isStruct: boolean;
  private max = -Infinity;
  private min = Infinity;
  private sum = 0;
  private count = 0;

  constructor(
    private readonly ordinal: number,
    eventTime: Attribute,
  ) {
    this.isStruct = eventTime.dataType.typeName() === 'struct';
  }

  add(row: Row): void {
    let micros = row[this.ordinal] as bigint | readonly unknown[] | null;
    if (this.isStruct && micros !== null) micros = (micros as readonly unknown[])[1] as bigint | null;
    // Java's long division (toward zero), as Spark's `getLong / 1000`; a null reads as 0 there.
    // Float division is exact enough here (|micros| < 2^53, a fraction >= 0.001 never rounds up)
    // and much cheaper than a bigint division per row.
    const ms = micros === null ? 0 : Math.trunc(int64ToDouble(micros as bigint) / 1000) + 0;
    if (ms > this.max) this.max = ms;
    if (ms < this.min) this.min = ms;
    this.sum += ms;
    this.count++;
  }

  /** Recorded even without rows: the tracker counts an input that has seen no data yet as 0 (min policy). */
  record(ctx: ExecutionContext, op: EventTimeWatermarkExec): void {
    recordStats(ctx, op.watermarkOperatorId, { delayMs: op.delayMs, max: this.max, min: this.min, sum: this.sum, count: this.count });
  }
}

/** Merges stats into the context (an operator may run more than once per batch, e.g. under a union). */
function recordStats(ctx: ExecutionContext, id: number, stats: EventTimeStats): void {
  if (!ctx.eventTimeStats) return;
  const prev = ctx.eventTimeStats.get(id);
  if (!prev) {
    ctx.eventTimeStats.set(id, stats);
    return;
  }
  ctx.eventTimeStats.set(id, {
    delayMs: stats.delayMs,
    max: Math.max(prev.max, stats.max),
    min: Math.min(prev.min, stats.min),
    sum: prev.sum + stats.sum,
    count: prev.count + stats.count,
  });
}
