// Spark's WatermarkTracker: after each batch, every watermark operator proposes max(event time) -
// delay; the global watermark is the min (or max, per spark.sql.streaming.multipleWatermarkPolicy)
// of the operators' watermarks and never goes backwards.
import type { EventTimeStats } from '../execution/physical-operator';
import { IllegalArgumentException } from '../errors/illegal-argument-exception';

export type MultipleWatermarkPolicy = 'min' | 'max';

export function parseWatermarkPolicy(value: string | undefined): MultipleWatermarkPolicy {
  const v = (value ?? 'min').toLowerCase();
  if (v !== 'min' && v !== 'max') {
    // Spark's MultipleWatermarkPolicy(name) (spark.conf.set refuses such a value before this).
    throw new IllegalArgumentException(`Could not recognize watermark policy '${value}'`);
  }
  return v;
}

export class WatermarkTracker {
  private readonly operatorWatermarks = new Map<number, number>();
  private globalMs = 0;

  constructor(private readonly policy: MultipleWatermarkPolicy) {}

  get currentWatermarkMs(): number {
    return this.globalMs;
  }

  /** Restores the watermark logged in the checkpoint. */
  set(watermarkMs: number): void {
    this.globalMs = watermarkMs;
  }

  update(stats: ReadonlyMap<number, EventTimeStats>): void {
    for (const [operatorId, s] of stats) {
      // An input that has not seen data yet holds the global watermark at 0 under the min policy
      // (Spark's WatermarkTracker populates 0 for it).
      if (s.count === 0) {
        if (!this.operatorWatermarks.has(operatorId)) this.operatorWatermarks.set(operatorId, 0);
        continue;
      }
      const proposed = s.max - s.delayMs;
      const previous = this.operatorWatermarks.get(operatorId);
      if (previous === undefined || proposed > previous) this.operatorWatermarks.set(operatorId, proposed);
    }
    if (this.operatorWatermarks.size === 0) return;
    const values = [...this.operatorWatermarks.values()];
    const chosen = this.policy === 'min' ? Math.min(...values) : Math.max(...values);
    if (chosen > this.globalMs) this.globalMs = chosen;
  }
}
