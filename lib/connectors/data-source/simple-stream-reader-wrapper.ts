// PySpark's _SimpleStreamReaderWrapper: a SimpleDataSourceStreamReader seen as a
// DataSourceStreamReader. latestOffset(start) calls read(start) and keeps its rows for the batch
// that follows; a range not in that cache (after a restart) is re-read with readBetweenOffsets.
import { SparkException } from '../../errors/spark-exception';
import { DataSourceStreamReader, type DataSourceOffset } from './data-source-stream-reader';
import { InputPartition } from './input-partition';
import type { ReadLimit } from './data-source-stream-reader';
import { iteratorOf } from './returned-rows';
import type { SimpleDataSourceStreamReader } from './data-source-stream-reader';

/** The one partition of a simple reader's batch: the range (start, end]. */
export class SimpleInputPartition extends InputPartition {
  constructor(
    readonly start: DataSourceOffset,
    readonly end: DataSourceOffset,
  ) {
    super(null);
  }
}

interface CacheEntry {
  start: string;
  end: string;
  rows: unknown[];
}

export class SimpleStreamReaderWrapper extends DataSourceStreamReader {
  private cache: CacheEntry[] = [];

  constructor(readonly simpleReader: SimpleDataSourceStreamReader) {
    super();
  }

  override initialOffset(): DataSourceOffset {
    return this.simpleReader.initialOffset();
  }

  override latestOffset(start: DataSourceOffset, _limit?: ReadLimit): DataSourceOffset {
    const returned = this.simpleReader.read(start) as unknown;
    if (!Array.isArray(returned) || returned.length !== 2) {
      throw new SparkException(`SimpleDataSourceStreamReader.read() must return a pair [rows, endOffset], got ${JSON.stringify(returned) ?? String(returned)}.`, {
        errorClass: 'PYTHON_STREAMING_DATA_SOURCE_RUNTIME_ERROR',
      });
    }
    const [rowsReturned, end] = returned as [unknown, DataSourceOffset];
    const it = iteratorOf(rowsReturned);
    const rows: unknown[] = [];
    if (it !== null) for (let r = it.next(); !r.done; r = it.next()) rows.push(r.value);
    else rows.push(...[rowsReturned]); // checked (and refused) when the batch reads it
    const startText = JSON.stringify(start);
    const endText = JSON.stringify(end);
    if (endText !== startText) {
      this.cache.push({ start: startText, end: endText, rows });
    } else if (rows.length > 0) {
      throw new SparkException(
        `SimpleDataSourceStreamReader.read() returned a non-empty batch but the end offset: ${endText} did not advance past the start offset: ${startText}. The end offset must represent the position after the last record returned.`,
        { errorClass: 'SIMPLE_STREAM_READER_OFFSET_DID_NOT_ADVANCE', messageParameters: { start_offset: startText, end_offset: endText } },
      );
    }
    return end;
  }

  override partitions(start: DataSourceOffset, end: DataSourceOffset): InputPartition[] {
    return [new SimpleInputPartition(start, end)];
  }

  override read(partition: InputPartition): Iterable<unknown> | Iterator<unknown> {
    const p = partition as SimpleInputPartition;
    const cached = this.cached(JSON.stringify(p.start), JSON.stringify(p.end));
    return cached ?? this.simpleReader.readBetweenOffsets(p.start, p.end);
  }

  override commit(end: DataSourceOffset): void {
    const endText = JSON.stringify(end);
    const idx = this.cache.findIndex((e) => e.end === endText);
    if (idx >= 0) this.cache = this.cache.slice(idx + 1);
    this.simpleReader.commit(end);
  }

  private cached(start: string, end: string): unknown[] | undefined {
    const from = this.cache.findIndex((e) => e.start === start);
    const to = this.cache.findIndex((e) => e.end === end);
    if (from < 0 || to < from) return undefined;
    return this.cache.slice(from, to + 1).flatMap((e) => e.rows);
  }
}
