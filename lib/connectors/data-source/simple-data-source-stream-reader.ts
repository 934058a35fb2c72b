// pyspark.sql.datasource.SimpleDataSourceStreamReader: for sources read in one go on the driver.
// read(start) returns [rows, end]; readBetweenOffsets(start, end) re-reads a logged range after a
// restart (deterministically).
import { notImplemented } from '../../errors/pyspark-not-implemented-error';
import type { DataSourceOffset } from './data-source-stream-reader';

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
