// Groups of a streaming aggregation keyed by an event-time column, kept in buckets by event time
// (a window's end, or the timestamp itself): a group is found by (bucket, rest of the key), with
// the event time as a number instead of a string encoding of the whole key, and watermark
// eviction takes whole buckets instead of scanning every group.
import { encodeCompositeKey } from '../util/group-key';
import { int64ToDouble } from '../util/int64-to-double';

/** An event time in micros: a number when exact (|t| < 2^53), else the bigint; null for null. */
export type EventTime = number | bigint | null;

export function canonicalTime(t: unknown): EventTime {
  if (t === null || t === undefined) return null;
  if (typeof t === 'number') return t;
  const n = int64ToDouble(t as bigint);
  return Number.isSafeInteger(n) ? n : (t as bigint);
}

/**
 * An event time as a state store's range key (StateStore.putWithEventTime). Number() of a bigint
 * beyond 2^53 rounds, but eviction limits (watermarks in micros) are safe integers, so `<= limit`
 * decides alike.
 */
export function timeNumber(time: EventTime): number | null {
  return time === null ? null : typeof time === 'number' ? time : int64ToDouble(time);
}

/** True when `time` is at or below `limit` (Spark's `eventTime <= watermark`); null never is. */
export function isAtOrBelow(time: EventTime, limit: number): boolean {
  return time !== null && time <= limit;
}

/** The groups of one event time (one window: its start is kept, other starts chain on `next`). */
export interface TimeBucket<G> {
  readonly time: EventTime;
  /** The window's start (windows only). */
  readonly start: EventTime;
  readonly groups: Map<unknown, G>;
  next: TimeBucket<G> | undefined;
  /** A batch's bucket: the state bucket of the same window, once looked up. */
  state?: TimeBucket<unknown[]>;
  /** The shuffle hash of the bucket's window when it leads the grouping key (computed once). */
  hashSeed?: number;
}

/** How to find an entry's bucket and key within it. */
export interface EventTimeKeyShape {
  /** Index of the event-time column among the grouping values. */
  readonly index: number;
  /** True when the column is a window struct `[start, end]` (its end is the event time). */
  readonly isWindow: boolean;
  /** The number of grouping values. */
  readonly width: number;
}

/**
 * The key of a group within its bucket: the grouping values other than the event time. One value
 * keys as itself (objects by a content encoding), several by their composite encoding.
 */
export function restKeyFunction(shape: EventTimeKeyShape): (values: readonly unknown[], offset: number) => unknown {
  const positions: number[] = [];
  for (let i = 0; i < shape.width; i++) if (i !== shape.index) positions.push(i);
  if (positions.length === 0) return () => '';
  if (positions.length === 1) {
    const at = positions[0];
    return (values, offset) => {
      const v = values[offset + at];
      return v !== null && typeof v === 'object' ? encodeCompositeKey([v]) : v;
    };
  }
  const scratch: unknown[] = new Array(positions.length);
  return (values, offset) => {
    for (let i = 0; i < positions.length; i++) scratch[i] = values[offset + positions[i]];
    return encodeCompositeKey(scratch);
  };
}

const RECENT = 16;
/** Fills the recent-struct slots before use (no grouping value is this object). */
const NONE = {};

/** Buckets by event time. */
export class EventTimeBuckets<G> {
  readonly byTime = new Map<EventTime, TimeBucket<G>>();
  /**
   * The last window structs seen, by identity (the window generator shares one struct between the
   * rows of a window): a row's window is usually among the last few, found by a short scan.
   */
  private readonly recent: unknown[] = new Array(RECENT).fill(NONE);
  private readonly recentBuckets: (TimeBucket<G> | undefined)[] = new Array(RECENT).fill(undefined);
  private nextRecent = 0;

  constructor(private readonly isWindow: boolean) {}

  /** The bucket of an event-time column value (a window struct or a timestamp), created when new. */
  bucketOf(value: unknown): TimeBucket<G> {
    const recent = this.recent;
    for (let i = 0; i < RECENT; i++) if (recent[i] === value) return this.recentBuckets[i]!;
    let bucket: TimeBucket<G>;
    if (this.isWindow && value !== null && typeof value === 'object') {
      const w = value as readonly unknown[];
      bucket = this.bucket(canonicalTime(w[1]), canonicalTime(w[0]));
    } else {
      bucket = this.bucket(canonicalTime(value), null);
    }
    const at = this.nextRecent;
    recent[at] = value;
    this.recentBuckets[at] = bucket;
    this.nextRecent = (at + 1) % RECENT;
    return bucket;
  }

  /** The bucket of (time, start), created when new. */
  bucket(time: EventTime, start: EventTime): TimeBucket<G> {
    let first = this.byTime.get(time);
    if (first === undefined) {
      first = { time, start, groups: new Map(), next: undefined, state: undefined, hashSeed: undefined };
      this.byTime.set(time, first);
      return first;
    }
    let b: TimeBucket<G> = first;
    for (;;) {
      if (b.start === start) return b;
      if (b.next === undefined) return (b.next = { time, start, groups: new Map(), next: undefined, state: undefined, hashSeed: undefined });
      b = b.next;
    }
  }
}
