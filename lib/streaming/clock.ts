// Time comes from a clock so tests can drive processing-time triggers without sleeping.

export interface Clock {
  now(): number;
  /** Resolves at `time` (ms) or when `signal` aborts, whichever is first. */
  waitUntil(time: number, signal: AbortSignal): Promise<void>;
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  waitUntil(time: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      // Unref'd: a running query alone does not keep the process alive (lib/util/keep-alive.ts).
      const timer = setTimeout(done, Math.max(0, time - Date.now()));
      timer.unref();
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/** A clock that moves only when told: `advance(ms)`. */
export class ManualClock implements Clock {
  private time: number;
  private waiters: { time: number; resolve: () => void }[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
    const due = this.waiters.filter((w) => w.time <= this.time);
    this.waiters = this.waiters.filter((w) => w.time > this.time);
    for (const w of due) w.resolve();
  }

  /** True when something waits on this clock (the engine is idle until the next trigger). */
  isWaiting(): boolean {
    return this.waiters.length > 0;
  }

  waitUntil(time: number, signal: AbortSignal): Promise<void> {
    if (time <= this.time || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { time, resolve };
      this.waiters.push(waiter);
      signal.addEventListener(
        'abort',
        () => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve();
        },
        { once: true },
      );
    });
  }
}
