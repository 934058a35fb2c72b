// The time windows (Spark's TimeWindowing) containing an event time, shared by the window
// generator and the streaming aggregate that consumes its windows directly (no row per window).
//
// Rows of a batch mostly share their last window start, so the window structs of one start are
// built once and shared (values are never mutated). The start is found with double arithmetic
// when that is exact (every time, start and end involved below 2^53 in magnitude), else with
// bigints; both give the same windows.

import { int64ToDouble } from '../../util/int64-to-double';

/** A window value: the struct `[start, end]` in microseconds. */
export type TimeWindow = readonly [bigint, bigint];

const SAFE = Number.MAX_SAFE_INTEGER;

export class SlidingWindows {
  /** The windows of the last located time that contain it are `windows[first..]`, earliest first. */
  windows: readonly TimeWindow[] = [];
  first = 0;
  /** The ends of `windows` as doubles (exact: only filled when every end is a safe integer). */
  private ends: number[] = [];
  private readonly overlapping: bigint;
  private readonly sizeN: number;
  private readonly slideN: number;
  private readonly startN: number;
  /** Below this magnitude a time's windows are computed in doubles. */
  private readonly exactBelow: number;
  /** The last start of the cached windows (bigint), and as a double when exact (else NaN). */
  private cachedStart: bigint | undefined;
  private cachedStartN = NaN;

  constructor(
    private readonly size: bigint,
    private readonly slide: bigint,
    private readonly start: bigint,
  ) {
    this.overlapping = (size + slide - 1n) / slide;
    this.sizeN = Number(size);
    this.slideN = Number(slide);
    this.startN = Number(start);
    // |t| + |start| + slide + size bounds every intermediate value of the double path.
    const margin = size + slide + (start < 0n ? -start : start);
    this.exactBelow = margin < BigInt(SAFE) ? SAFE - Number(margin) : 0;
  }

  /** Finds the windows of event time `t` (micros): `windows[first..]`, empty when first = length. */
  locate(t: bigint): void {
    const n = int64ToDouble(t);
    if (n < this.exactBelow && n > -this.exactBelow) {
      let rem = (n - this.startN) % this.slideN;
      if (rem < 0) rem += this.slideN;
      const lastStart = n - rem;
      if (lastStart !== this.cachedStartN) this.build(BigInt(lastStart));
      // Ends ascend: the windows that already ended at t are a prefix.
      const ends = this.ends;
      let first = 0;
      while (first < ends.length && n >= ends[first]) first++;
      this.first = first;
      return;
    }
    let rem = (t - this.start) % this.slide;
    if (rem < 0n) rem += this.slide;
    const lastStart = t - rem;
    if (lastStart !== this.cachedStart) this.build(lastStart);
    const windows = this.windows;
    let first = 0;
    while (first < windows.length && t >= windows[first][1]) first++;
    this.first = first;
  }

  private build(lastStart: bigint): void {
    const windows: TimeWindow[] = [];
    const ends: number[] = [];
    for (let i = this.overlapping - 1n; i >= 0n; i--) {
      const s = lastStart - i * this.slide;
      const e = s + this.size;
      windows.push([s, e]);
      ends.push(Number(e));
    }
    this.windows = windows;
    this.ends = ends;
    this.cachedStart = lastStart;
    const n = Number(lastStart);
    // The double path only runs for times whose windows are all exact.
    this.cachedStartN = Number.isSafeInteger(n) && Number.isSafeInteger(ends[ends.length - 1]) && Number.isSafeInteger(Number(windows[0][0])) ? n : NaN;
  }
}
