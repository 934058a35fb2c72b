// pyspark.sql.datasource.DataSourceStreamReader and SimpleDataSourceStreamReader, with
// pyspark.sql.streaming.datasource's ReadLimit classes (one module: start-up loads it with the package).
// DataSourceStreamReader: offsets are JSON-able objects; latestOffset(start,
// limit) picks the end of the next micro-batch under a ReadLimit (admission control, PySpark 4.2);
// a reader may still define the older latestOffset() without parameters, which gets no limit.
import { notImplemented } from '../../errors/illegal-argument-exception';
import type { InputPartition } from './input-partition';

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

// pyspark.sql.streaming.datasource's ReadLimit classes: what the engine passes to
// DataSourceStreamReader.latestOffset(start, limit). Field names are PySpark's (dataclass fields).

/** Limits on how much a streaming source reads when it picks its latest offset. */
export abstract class ReadLimit {}

/** Read everything available, whatever the source's options say (Trigger.AvailableNow/Once). */
export class ReadAllAvailable extends ReadLimit {}

/** Read at least min_rows; with fewer available, the source should wait for more. */
export class ReadMinRows extends ReadLimit {
  constructor(readonly min_rows: number) {
    super();
  }
}

/** Read at most max_rows rows. */
export class ReadMaxRows extends ReadLimit {
  constructor(readonly max_rows: number) {
    super();
  }
}

/** Read at most max_files files. */
export class ReadMaxFiles extends ReadLimit {
  constructor(readonly max_files: number) {
    super();
  }
}

/** Read at most max_bytes bytes. */
export class ReadMaxBytes extends ReadLimit {
  constructor(readonly max_bytes: number) {
    super();
  }
}

// pyspark.sql.datasource.SimpleDataSourceStreamReader: for sources read in one go on the driver.
// read(start) returns [rows, end]; readBetweenOffsets(start, end) re-reads a logged range after a
// restart (deterministically).

export abstract class SimpleDataSourceStreamReader {
  initialOffset(): DataSourceOffset {
    throw notImplemented('initialOffset');
  }

  /** The rows after `start` and the offset after the last of them. */
  read(_start: DataSourceOffset): [Iterable<unknown> | Iterator<unknown>, DataSourceOffset] {
    throw notImplemented('read');
  }

  /** The rows in (start, end], the same on every call. */
  readBetweenOffsets(_start: DataSourceOffset, _end: DataSourceOffset): Iterable<unknown> | Iterator<unknown> {
    throw notImplemented('readBetweenOffsets');
  }

  commit(_end: DataSourceOffset): void {}
}
