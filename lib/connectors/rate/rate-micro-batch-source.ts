// Spark's `rate-micro-batch` source: exactly `rowsPerBatch` rows per micro-batch, values continuing
// from the last batch and every row of a batch stamped with the batch's start timestamp, which
// advances by `advanceMillisPerBatch`. Deterministic, so tests can pin its output.
import type { Offset, Source, SourceProvider } from '../source';
import { RATE_SCHEMA, longOption, partitionOrder, positive, nonNegative } from './rate-options';

interface RateOffset {
  offset: number;
  timestamp: number;
}

class RateMicroBatchSource implements Source {
  readonly schema = RATE_SCHEMA;
  readonly description: string;
  private committed: RateOffset;

  constructor(
    private readonly rowsPerBatch: number,
    private readonly numPartitions: number,
    private readonly startTimestamp: number,
    private readonly advanceMillisPerBatch: number,
  ) {
    this.committed = { offset: 0, timestamp: startTimestamp };
    this.description = `RatePerMicroBatchStream[rowsPerBatch=${rowsPerBatch}, numPartitions=${numPartitions}, startTimestamp=${startTimestamp}, advanceMsPerBatch=${advanceMillisPerBatch}]`;
  }

  /** One batch beyond what is committed (Spark's latestOffset(startOffset, limit)). */
  latestOffset(): Offset {
    return { offset: this.committed.offset + this.rowsPerBatch, timestamp: this.committed.timestamp + this.advanceMillisPerBatch };
  }

  getBatch(start: Offset | null, end: Offset): unknown[][] {
    const from = (start as RateOffset | null) ?? { offset: 0, timestamp: this.startTimestamp };
    const to = end as unknown as RateOffset;
    const micros = BigInt(from.timestamp) * 1000n;
    return partitionOrder(from.offset, to.offset, this.numPartitions, (v) => [micros, BigInt(v)]);
  }

  commit(end: Offset): void {
    this.committed = end as unknown as RateOffset;
  }

  stop(): void {}
}

export const rateMicroBatchSourceProvider: SourceProvider = {
  shortName: 'rate-micro-batch',
  sourceSchema(ctx) {
    positive('rowsPerBatch', longOption(ctx.options, 'rowsPerBatch', 0));
    return RATE_SCHEMA;
  },
  createSource(ctx) {
    const startText = ctx.options.get('startTimestamp') ?? '0';
    const advanceText = ctx.options.get('advanceMillisPerBatch') ?? '1000';
    return new RateMicroBatchSource(
      positive('rowsPerBatch', longOption(ctx.options, 'rowsPerBatch', 0)),
      positive('numPartitions', longOption(ctx.options, 'numPartitions', ctx.defaultParallelism ?? 1)),
      nonNegative('startTimestamp', longOption(ctx.options, 'startTimestamp', 0), startText),
      nonNegative('advanceMillisPerBatch', longOption(ctx.options, 'advanceMillisPerBatch', 1000), advanceText),
    );
  },
};
