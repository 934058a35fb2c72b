// The Data Source API (pyspark.sql.datasource) end to end: spark.dataSource.register(cls), then
// spark.read / df.write / readStream / writeStream with the registered name. Error texts are
// PySpark 4.2.0's (checked by running Python data sources doing the same).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DataSource,
  DataSourceReader,
  DataSourceStreamReader,
  DataSourceStreamWriter,
  DataSourceWriter,
  InputPartition,
  ReadAllAvailable,
  ReadLimit,
  ReadMaxRows,
  Row,
  SimpleDataSourceStreamReader,
  StructType,
  WriterCommitMessage,
  type DataSourceOffset,
  type StreamSession,
} from 'rivulet';
import { col } from 'rivulet/functions';
import { IntegerType } from 'rivulet/types';
import { newSession } from '../../support/session';
import { SimpleStreamReaderWrapper } from '../../../lib/connectors/data-source/simple-stream-reader-wrapper';

// ---- a batch source: numRows rows over two partitions, in the three row shapes ----

class RangeReader extends DataSourceReader {
  constructor(private readonly n: number) {
    super();
  }

  override partitions(): InputPartition[] {
    return [new InputPartition(0), new InputPartition(1)];
  }

  *read(partition: InputPartition): Iterator<unknown> {
    for (let i = partition.value as number; i < this.n; i += 2) {
      if (i % 3 === 0) yield [i, `v${i}`];
      else if (i % 3 === 1) yield new Row({ name: `v${i}`, id: i });
      else yield { id: i, name: `v${i}` };
    }
  }
}

class RangeSource extends DataSource {
  static override name(): string {
    return 'fake_range';
  }

  override schema(): string {
    return 'id INT, name STRING';
  }

  override reader(_schema: StructType): DataSourceReader {
    return new RangeReader(Number(this.options.numRows ?? '3'));
  }
}

// ---- a batch sink that records what the engine hands it ----

class CountMessage extends WriterCommitMessage {
  constructor(readonly count: number) {
    super();
  }
}

const written: { rows: Row[]; overwrite: boolean; committed?: (WriterCommitMessage | null)[]; aborted?: (WriterCommitMessage | null)[] }[] = [];

class RecordingWriter extends DataSourceWriter {
  constructor(private readonly log: (typeof written)[number], private readonly failOn: string | undefined) {
    super();
  }

  write(iterator: Iterator<Row>): WriterCommitMessage {
    for (let r = iterator.next(); !r.done; r = iterator.next()) {
      if (this.failOn !== undefined && String(r.value.id) === this.failOn) throw new Error(`bad row ${this.failOn}`);
      this.log.rows.push(r.value);
    }
    return new CountMessage(this.log.rows.length);
  }

  override commit(messages: (WriterCommitMessage | null)[]): void {
    this.log.committed = messages;
  }

  override abort(messages: (WriterCommitMessage | null)[]): void {
    this.log.aborted = messages;
  }
}

class RecordingSink extends DataSource {
  static override name(): string {
    return 'recording';
  }

  override writer(_schema: StructType, overwrite: boolean): DataSourceWriter {
    const log = { rows: [] as Row[], overwrite };
    written.push(log);
    return new RecordingWriter(log, this.options.failOn);
  }
}

describe('Data Source API: batch', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
    written.length = 0;
  });
  afterEach(() => spark.stop());

  test('spark.read.format(name) reads every partition; options reach the constructor case-insensitively', () => {
    spark.dataSource.register(RangeSource);
    const df = spark.read.format('fake_range').option('NUMROWS', 6).load();
    expect(df.schema.simpleString()).toBe('struct<id:int,name:string>');
    expect(df.orderBy('id').collect().map((r) => [r.id, r.name])).toEqual([
      [0, 'v0'],
      [1, 'v1'],
      [2, 'v2'],
      [3, 'v3'],
      [4, 'v4'],
      [5, 'v5'],
    ]);
    expect(df.where(col('id').gt(3)).count()).toBe(2);
    // The format name is case-insensitive, as Spark's lookup.
    expect(spark.read.format('FAKE_RANGE').load().count()).toBe(3);
  });

  test('a user schema (StructType or DDL) replaces schema(); the class name is the default format name', () => {
    class NoSchemaSource extends DataSource {
      override reader(): DataSourceReader {
        return new RangeReader(2);
      }
    }
    spark.dataSource.register(NoSchemaSource);
    const schema = new StructType().add('id', new IntegerType()).add('name', 'string');
    expect(spark.read.format('NoSchemaSource').schema(schema).load().collect().map((r) => r.id)).toEqual([0, 1]);
    expect(spark.read.format('NoSchemaSource').schema('id INT, name STRING').load().count()).toBe(2);
    expect(() => spark.read.format('NoSchemaSource').load()).toThrow(
      '[PYTHON_DATA_SOURCE_ERROR] Failed to create Python data source instance: [NOT_IMPLEMENTED] schema is not implemented. SQLSTATE: 38000',
    );
  });

  test("misuse raises PySpark's error classes", () => {
    class NoReader extends DataSource {
      override schema(): string {
        return 'a INT';
      }
    }
    class Rows extends DataSource {
      static override name(): string {
        return 'rows';
      }
      override schema(): string {
        return 'a INT, b STRING';
      }
      override reader(): DataSourceReader {
        const mode = this.options.mode;
        return new (class extends DataSourceReader {
          *read(): Iterator<unknown> {
            if (mode === 'short') yield [1];
            else if (mode === 'number') yield 5;
            else yield [1, 'x'];
          }
        })();
      }
    }
    class BadSchema extends DataSource {
      override schema(): StructType {
        return 42 as unknown as StructType;
      }
    }
    spark.dataSource.register(NoReader);
    spark.dataSource.register(Rows);
    spark.dataSource.register(BadSchema);
    expect(() => spark.read.format('NoReader').load().collect()).toThrow(
      '[PYTHON_DATA_SOURCE_ERROR] Failed to initialize Python data source reader: [NOT_IMPLEMENTED] reader is not implemented. SQLSTATE: 38000',
    );
    expect(() => spark.read.format('rows').option('mode', 'short').load().collect()).toThrow(
      "[DATA_SOURCE_RETURN_SCHEMA_MISMATCH] Return schema mismatch in the result from 'read' method. Expected: 2 columns, Found: 1 columns. Make sure the returned values match the required output schema.",
    );
    expect(() => spark.read.format('rows').option('mode', 'number').load().collect()).toThrow(
      "[DATA_SOURCE_INVALID_RETURN_TYPE] Unsupported return type ('number') from Python data source 'rows'. Expected types: tuple, list, `pyspark.sql.types.Row`, `pyarrow.RecordBatch`.",
    );
    expect(() => spark.read.format('BadSchema').load()).toThrow('[DATA_SOURCE_TYPE_MISMATCH] Expected StructType or str, but got number.');
    expect(() => spark.dataSource.register(Number as never)).toThrow('[INVALID_TYPE]');
    expect(() => spark.read.format('nobody').load()).toThrow('[DATA_SOURCE_NOT_FOUND]');
  });

  test('df.write.format(name): write() gets Rows, commit() gets the messages; overwrite mode says so; a failing write aborts', () => {
    spark.dataSource.register(RecordingSink);
    const df = spark.createDataFrame([[1, 'a'], [2, 'b']], 'id INT, name STRING');
    df.write.format('recording').mode('append').save();
    expect(written).toHaveLength(1);
    expect(written[0].overwrite).toBe(false);
    expect(written[0].rows.map((r) => r.asDict())).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
    expect(written[0].committed).toEqual([new CountMessage(2)]);
    df.write.format('recording').mode('overwrite').save();
    expect(written[1].overwrite).toBe(true);
    expect(() => df.write.format('recording').mode('append').option('failOn', '2').save()).toThrow('bad row 2');
    expect(written[2].aborted).toEqual([null]);
    expect(written[2].committed).toBeUndefined();
    expect(() => df.write.format('recording').save()).toThrow(
      '[UNSUPPORTED_DATA_SOURCE_SAVE_MODE] The data source "recording" cannot be written in the "ErrorIfExists" mode. Please use either the "Append" or "Overwrite" mode instead. SQLSTATE: 0A000',
    );
  });
});

// ---- a streaming source with admission control: `available` rows, at most maxRowsPerBatch a batch ----

const feed = { available: 0, limits: [] as ReadLimit[], committed: [] as DataSourceOffset[], stopped: 0 };

class CounterStreamReader extends DataSourceStreamReader {
  constructor(private readonly maxRows: number | undefined) {
    super();
  }

  override initialOffset(): DataSourceOffset {
    return { offset: 0 };
  }

  override latestOffset(start: DataSourceOffset, limit: ReadLimit): DataSourceOffset {
    feed.limits.push(limit);
    const from = start.offset as number;
    const end = limit instanceof ReadMaxRows ? Math.min(from + limit.max_rows, feed.available) : feed.available;
    return { offset: end };
  }

  override getDefaultReadLimit(): ReadLimit {
    return this.maxRows === undefined ? new ReadAllAvailable() : new ReadMaxRows(this.maxRows);
  }

  override reportLatestOffset(): DataSourceOffset {
    return { offset: feed.available };
  }

  override partitions(start: DataSourceOffset, end: DataSourceOffset): InputPartition[] {
    return [new InputPartition([start.offset, end.offset])];
  }

  override *read(partition: InputPartition): Iterator<unknown> {
    const [from, to] = partition.value as [number, number];
    for (let i = from; i < to; i++) yield [i];
  }

  override commit(end: DataSourceOffset): void {
    feed.committed.push(end);
  }

  override stop(): void {
    feed.stopped++;
  }
}

class CounterSource extends DataSource {
  static override name(): string {
    return 'counter';
  }

  override schema(): string {
    return 'value INT';
  }

  override streamReader(): DataSourceStreamReader {
    const max = this.options.maxRowsPerBatch;
    return new CounterStreamReader(max === undefined ? undefined : Number(max));
  }
}

// ---- a streaming sink: one commit per micro-batch ----

const streamed: { batchId: number; rows: number[]; messages: (WriterCommitMessage | null)[]; overwrite: boolean }[] = [];

class BatchStreamWriter extends DataSourceStreamWriter {
  private pending: number[] = [];

  constructor(private readonly overwrite: boolean) {
    super();
  }

  write(iterator: Iterator<Row>): WriterCommitMessage {
    this.pending = [];
    for (let r = iterator.next(); !r.done; r = iterator.next()) this.pending.push(r.value.value as number);
    return new CountMessage(this.pending.length);
  }

  override commit(messages: (WriterCommitMessage | null)[], batchId: number): void {
    streamed.push({ batchId, rows: this.pending, messages, overwrite: this.overwrite });
  }
}

class BatchSink extends DataSource {
  static override name(): string {
    return 'batch_sink';
  }

  override streamWriter(_schema: StructType, overwrite: boolean): DataSourceStreamWriter {
    return new BatchStreamWriter(overwrite);
  }
}

describe('Data Source API: streaming', () => {
  let spark: StreamSession;
  let checkpoint: string;
  beforeEach(() => {
    spark = newSession();
    checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-data-source-'));
    feed.available = 0;
    feed.limits = [];
    feed.committed = [];
    feed.stopped = 0;
    streamed.length = 0;
  });
  afterEach(() => {
    spark.stop();
    fs.rmSync(checkpoint, { recursive: true, force: true });
  });

  test('readStream with maxRows admission control, writeStream committing per batch, restart from the checkpoint', async () => {
    spark.dataSource.register(CounterSource);
    spark.dataSource.register(BatchSink);
    const start = () =>
      spark.readStream.format('counter').option('maxRowsPerBatch', 4).load().writeStream.format('batch_sink').option('checkpointLocation', checkpoint).start();
    feed.available = 10;
    let q = start();
    await q.processAllAvailable();
    expect(streamed.map((b) => [b.batchId, b.rows])).toEqual([
      [0, [0, 1, 2, 3]],
      [1, [4, 5, 6, 7]],
      [2, [8, 9]],
    ]);
    expect(streamed[0].messages).toEqual([new CountMessage(4)]);
    expect(streamed[0].overwrite).toBe(false);
    expect(feed.limits[0]).toEqual(new ReadMaxRows(4));
    expect(q.lastProgress!.sources[0].latestOffset).toBe('{"offset": 10}');
    expect(q.lastProgress!.sources[0].endOffset).toBe('{"offset": 10}');
    expect(feed.committed).toContainEqual({ offset: 8 });
    await q.stop();
    expect(feed.stopped).toBe(1);
    // The offsets log holds the reader's JSON objects.
    expect(fs.readFileSync(path.join(checkpoint, 'offsets', '2'), 'utf8')).toContain('{"offset":10}');

    // Restart: the query resumes at the checkpointed offset, not initialOffset().
    feed.available = 13;
    q = start();
    await q.processAllAvailable();
    await q.stop();
    expect(streamed.slice(3).map((b) => [b.batchId, b.rows])).toEqual([[3, [10, 11, 12]]]);
  });

  test('Trigger.AvailableNow passes ReadAllAvailable; a latestOffset() without parameters gets no limit', async () => {
    spark.dataSource.register(CounterSource);
    feed.available = 7;
    const q = spark.readStream.format('counter').option('maxRowsPerBatch', 2).load().writeStream.format('memory').queryName('counted').trigger({ availableNow: true }).start();
    await q.awaitTermination();
    expect(feed.limits.some((l) => l instanceof ReadAllAvailable)).toBe(true);
    expect(spark.table('counted').count()).toBe(7);

    const calls: unknown[][] = [];
    class Legacy extends DataSource {
      override schema(): string {
        return 'value INT';
      }
      override streamReader(): DataSourceStreamReader {
        return new (class extends CounterStreamReader {
          override latestOffset(): DataSourceOffset {
            // eslint-disable-next-line prefer-rest-params
            calls.push([...arguments]);
            return { offset: feed.available };
          }
        })(undefined);
      }
    }
    spark.dataSource.register(Legacy);
    const legacy = spark.readStream.format('Legacy').load().writeStream.format('memory').queryName('legacy').start();
    await legacy.processAllAvailable();
    await legacy.stop();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.length === 0)).toBe(true);
    expect(spark.table('legacy').count()).toBe(7);
  });

  test('SimpleDataSourceStreamReader: read(start) gives rows and the next offset; a range not prefetched is re-read with readBetweenOffsets', async () => {
    const between: [number, number][] = [];
    class SimpleCounter extends SimpleDataSourceStreamReader {
      override initialOffset(): DataSourceOffset {
        return { n: 0 };
      }
      override read(start: DataSourceOffset): [unknown[][], DataSourceOffset] {
        const from = start.n as number;
        const rows: unknown[][] = [];
        for (let i = from; i < feed.available; i++) rows.push([i]);
        return [rows, { n: feed.available }];
      }
      override readBetweenOffsets(start: DataSourceOffset, end: DataSourceOffset): unknown[][] {
        between.push([start.n as number, end.n as number]);
        const rows: unknown[][] = [];
        for (let i = start.n as number; i < (end.n as number); i++) rows.push([i]);
        return rows;
      }
    }
    class Simple extends DataSource {
      override schema(): string {
        return 'value INT';
      }
      override simpleStreamReader(): SimpleDataSourceStreamReader {
        return new SimpleCounter();
      }
    }
    spark.dataSource.register(Simple);
    spark.dataSource.register(BatchSink);
    feed.available = 3;
    const q = spark.readStream.format('Simple').load().writeStream.format('batch_sink').option('checkpointLocation', checkpoint).start();
    await q.processAllAvailable();
    feed.available = 5;
    await q.processAllAvailable();
    await q.stop();
    expect(streamed.map((b) => [b.batchId, b.rows])).toEqual([
      [0, [0, 1, 2]],
      [1, [3, 4]],
    ]);
    expect(between).toEqual([]); // served from what read() returned
    // Simple readers report no latest offset (progress shows null), as PySpark's wrapper.
    expect(q.lastProgress!.sources[0].latestOffset).toBe('null');
    expect(q.lastProgress!.sources[0].endOffset).toBe('{"n": 5}');

    // A range not prefetched (a batch re-run after a restart) is read with readBetweenOffsets.
    const wrapper = new SimpleStreamReaderWrapper(new SimpleCounter());
    const [part] = wrapper.partitions({ n: 1 }, { n: 4 });
    expect([...(wrapper.read(part) as Iterable<unknown>)]).toEqual([[1], [2], [3]]);
    expect(between).toEqual([[1, 4]]);
  });

  test('an async read() is awaited in streams', async () => {
    class AsyncSource extends DataSource {
      override schema(): string {
        return 'value INT';
      }
      override streamReader(): DataSourceStreamReader {
        return new (class extends CounterStreamReader {
          override read(partition: InputPartition): Iterator<unknown> {
            const [from, to] = partition.value as [number, number];
            return (async function* () {
              for (let i = from; i < to; i++) yield [i * 10];
            })() as unknown as Iterator<unknown>; // an AsyncIterable is accepted too
          }
        })(undefined);
      }
    }
    spark.dataSource.register(AsyncSource);
    feed.available = 3;
    const q = spark.readStream.format('AsyncSource').load().writeStream.format('memory').queryName('async_rows').start();
    await q.processAllAvailable();
    await q.stop();
    expect(spark.table('async_rows').collect().map((r) => r.value)).toEqual([0, 10, 20]);
  });
});
