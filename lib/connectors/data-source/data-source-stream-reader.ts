// pyspark.sql.datasource.DataSourceStreamReader: offsets are JSON-able objects; latestOffset(start,
// limit) picks the end of the next micro-batch under a ReadLimit (admission control, PySpark 4.2);
// a reader may still define the older latestOffset() without parameters, which gets no limit.
import { notImplemented } from '../../errors/pyspark-not-implemented-error';
import type { InputPartition } from './input-partition';
import { ReadAllAvailable, type ReadLimit } from './read-limit';

export type DataSourceOffset = Record<string, unknown>;

export abstract class DataSourceStreamReader {
  /** Where a new query starts (a restarted query starts from its checkpointed offset). */
  initialOffset(): DataSourceOffset {
    throw notImplemented('initialOffset');
  }

  /** The end of the next micro-batch, from `start` under `limit`; `start` itself when nothing is new. */
  latestOffset(..._args: unknown[]): DataSourceOffset {
    throw notImplemented('latestOffset');
  }

  /** The limit derived from the source's options; ReadAllAvailable unless overridden. */
  getDefaultReadLimit(): ReadLimit {
    return new ReadAllAvailable();
  }

  /** The newest offset available regardless of limits (progress's latestOffset); null if unknown. */
  reportLatestOffset(): DataSourceOffset | null {
    return null;
  }

  /** The partitions of the range (start, end]. */
  partitions(_start: DataSourceOffset, _end: DataSourceOffset): InputPartition[] {
    throw notImplemented('partitions');
  }

  /** The rows of one partition; in Rivulet a stream reader may also return an async iterable. */
  read(_partition: InputPartition): Iterable<unknown> | Iterator<unknown> | AsyncIterable<unknown> {
    throw notImplemented('read');
  }

  /** Everything up to `end` was processed; the source may drop it. */
  commit(_end: DataSourceOffset): void {}

  /** The query stopped. */
  stop(): void {}
}
