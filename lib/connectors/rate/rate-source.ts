// Spark's `rate` source: `rowsPerSecond` rows per second (after `rampUpTime`), columns timestamp and
// value (0, 1, 2...). Offsets are whole seconds since the source started; rows of a second are
// spread evenly across it, as Spark's RateStreamMicroBatchStream does.
import type { Offset, Source, SourceProvider } from '../source';
import * as path from 'node:path';
import { MetadataLog, corruptLogFile, missingLogFile, parseJsonLine, parseLogVersion } from '../../checkpoint/metadata-log';
import { RATE_SCHEMA, durationSecondsOption, longOption, partitionOrder, positive } from './rate-options';

/** Spark's valueAtSecond: the first value not yet emitted at `seconds`, with a linear ramp-up. */
export function valueAtSecond(seconds: number, rowsPerSecond: number, rampUpTimeSeconds: number): number {
  const speedDeltaPerSecond = Math.floor(rowsPerSecond / (rampUpTimeSeconds + 1));
  if (seconds <= rampUpTimeSeconds) {
    return seconds % 2 === 1 ? Math.floor((seconds + 1) / 2) * speedDeltaPerSecond * seconds : (seconds / 2) * speedDeltaPerSecond * (seconds + 1);
  }
  return valueAtSecond(rampUpTimeSeconds, rowsPerSecond, rampUpTimeSeconds) + (seconds - rampUpTimeSeconds) * rowsPerSecond;
}

/**
 * The source's creation time, kept in `sources/<i>/0` (`v1` + newline + ms) as Spark does, so a
 * restarted query continues the same value/timestamp sequence instead of starting again.
 * `created`: the file did not exist and was written now.
 */
function creationTime(metadataPath: string, clock: { now(): number }): { ms: number; created: boolean } {
  const log = new RateStartTimeLog(metadataPath);
  const existing = log.get(0);
  if (existing !== undefined) return { ms: existing, created: false };
  const now = clock.now();
  log.add(0, now);
  return { ms: now, created: true };
}

class RateStartTimeLog extends MetadataLog<number> {
  protected serialize(value: number): string {
    return `v1\n${value}`;
  }

  protected deserialize(text: string, file: string): number {
    const { rest } = parseLogVersion(text, 1, file);
    const value = parseJsonLine(rest[0], file, 'the start time');
    if (typeof value !== 'number') throw corruptLogFile(file, 'the start time is not a number');
    return value;
  }
}

class RateSource implements Source {
  readonly schema = RATE_SCHEMA;
  readonly description: string;
  private readonly startTimeMs: number;
  private lastTimeMs: number;
  /** The start-time file written by this process, when it was not found (see checkLogged). */
  private readonly createdStartTimeFile: string | undefined;
  private maxOffsetReturned = -1;

  constructor(
    private readonly rowsPerSecond: number,
    private readonly rampUpTimeSeconds: number,
    private readonly numPartitions: number,
    private readonly clock: { now(): number },
    metadataPath: string | undefined,
  ) {
    const start = metadataPath === undefined ? { ms: clock.now(), created: false } : creationTime(metadataPath, clock);
    this.startTimeMs = start.ms;
    this.createdStartTimeFile = start.created ? path.join(metadataPath!, '0') : undefined;
    this.lastTimeMs = this.startTimeMs;
    this.description = `RateStreamV2[rowsPerSecond=${rowsPerSecond}, rampUpTimeSeconds=${rampUpTimeSeconds}, numPartitions=${numPartitions}`;
  }

  latestOffset(): Offset {
    const now = this.clock.now();
    if (this.lastTimeMs < now) this.lastTimeMs = now;
    const seconds = Math.floor((this.lastTimeMs - this.startTimeMs) / 1000);
    this.maxOffsetReturned = Math.max(this.maxOffsetReturned, seconds);
    return seconds;
  }

  /**
   * An offset from the checkpoint's logs, beyond what this source has offered, while its start
   * time was written afresh: the start-time file was deleted, and going on would repeat or shift
   * values and timestamps (issue 15).
   */
  private checkLogged(offset: Offset): void {
    if (this.createdStartTimeFile !== undefined && (offset as number) > this.maxOffsetReturned) {
      throw missingLogFile(this.createdStartTimeFile, `the checkpoint's offsets log reached second ${String(offset)} of this rate source, but its start time is gone`);
    }
  }

  getBatch(start: Offset | null, end: Offset): unknown[][] {
    this.checkLogged(end);
    const startSeconds = (start as number | null) ?? 0;
    const endSeconds = end as number;
    const rangeStart = valueAtSecond(startSeconds, this.rowsPerSecond, this.rampUpTimeSeconds);
    const rangeEnd = valueAtSecond(endSeconds, this.rowsPerSecond, this.rampUpTimeSeconds);
    if (rangeStart === rangeEnd) return [];
    const localStartTimeMs = this.startTimeMs + startSeconds * 1000;
    const relativeMsPerValue = ((endSeconds - startSeconds) * 1000) / (rangeEnd - rangeStart);
    return partitionOrder(rangeStart, rangeEnd, this.numPartitions, (v) => [
      BigInt(Math.round((v - rangeStart) * relativeMsPerValue) + localStartTimeMs) * 1000n,
      BigInt(v),
    ]);
  }

  commit(end: Offset): void {
    this.checkLogged(end);
  }

  stop(): void {}
}

export const rateSourceProvider: SourceProvider = {
  shortName: 'rate',
  sourceSchema(ctx) {
    positive('rowsPerSecond', longOption(ctx.options, 'rowsPerSecond', 1));
    durationSecondsOption(ctx.options, 'rampUpTime');
    positive('numPartitions', longOption(ctx.options, 'numPartitions', 1));
    return RATE_SCHEMA;
  },
  createSource(ctx) {
    return new RateSource(
      positive('rowsPerSecond', longOption(ctx.options, 'rowsPerSecond', 1)),
      durationSecondsOption(ctx.options, 'rampUpTime'),
      positive('numPartitions', longOption(ctx.options, 'numPartitions', ctx.defaultParallelism ?? 1)),
      ctx.clock ?? { now: () => Date.now() },
      ctx.metadataPath,
    );
  },
};
