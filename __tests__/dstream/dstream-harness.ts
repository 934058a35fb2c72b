// Drives a StreamingContext on a ManualClock: batches run when the test advances the clock.
import { ManualClock } from 'rivulet/testing';
import { SparkContext, StreamingContext } from 'rivulet/streaming';
import { captureStdout, type Captured } from '../support/capture-stdout';
import { newSession } from '../support/session';

// pprint shows local time (Python's datetime.fromtimestamp); pin it for byte-exact output.
process.env.TZ = 'UTC';

export const START = Date.UTC(2024, 0, 1, 0, 0, 0);

export interface Harness {
  sc: SparkContext;
  ssc: StreamingContext;
  clock: ManualClock;
  out: Captured;
  /** Advances the clock by `batches` batch intervals and waits for those batches to run. */
  runBatches(batches: number): Promise<string>;
  close(): Promise<void>;
}

export function harness(batchSeconds = 1, startMs = START): Harness {
  // local[2], as the PySpark runs these expectations were recorded with (queueStream slices and
  // key operations use the default parallelism).
  const session = newSession({ 'spark.master': 'local[2]' });
  const clock = new ManualClock(startMs);
  session.clock = clock;
  const sc = SparkContext.of(session);
  const ssc = new StreamingContext(sc, batchSeconds);
  const out = captureStdout();
  return {
    sc,
    ssc,
    clock,
    out,
    async runBatches(batches: number): Promise<string> {
      const before = out.text().length;
      for (let i = 0; i < batches; i++) {
        await ssc.awaitIdle();
        clock.advance(batchSeconds * 1000);
        await ssc.awaitIdle();
      }
      return out.text().slice(before);
    },
    async close(): Promise<void> {
      out.restore();
      await ssc.stop(true);
    },
  };
}

/** The pprint block of one batch. */
export function block(time: string, ...lines: string[]): string {
  const rule = '-------------------------------------------';
  return [rule, `Time: ${time}`, rule, ...lines, '', ''].join('\n');
}
