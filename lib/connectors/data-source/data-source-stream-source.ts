// A user DataSourceStreamReader (or a wrapped SimpleDataSourceStreamReader) as the engine's Source.
// Offsets are the reader's JSON objects, logged in offsets/N; the first batch starts at
// initialOffset(), a restarted query at its checkpointed offset. Under the engine's default limit
// latestOffset gets the reader's getDefaultReadLimit(), under Trigger.Once (and for the target of
// Trigger.AvailableNow, unless the reader has prepareForTriggerAvailableNow) ReadAllAvailable; a reader with the older latestOffset() gets no arguments.
import { SparkException } from '../../errors/spark-exception';
import { jsTypeName } from '../../types/internal-row';
import type { StructType } from '../../types/struct-type';
import type { Offset, ReadLimit as EngineReadLimit, Source } from '../source';
import { supportsAdmissionControl } from './admission-control';
import type { DataSourceOffset, DataSourceStreamReader } from './data-source-stream-reader';
import { invalidReturnType, RowConverter } from './returned-rows';
import { ReadAllAvailable } from './data-source-stream-reader';
import { SimpleStreamReaderWrapper } from './simple-stream-reader-wrapper';

function isOffsetObject(v: unknown): v is DataSourceOffset {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export class DataSourceStreamSource implements Source {
  readonly description: string;
  private initial: DataSourceOffset | undefined;
  private readonly admissionControl: boolean;
  private readonly rows: RowConverter;

  constructor(
    readonly schema: StructType,
    private readonly reader: DataSourceStreamReader,
    private readonly dataSourceName: string,
    timeZone: string,
  ) {
    this.description = `PythonMicroBatchStream: ${dataSourceName}`;
    this.admissionControl = reader instanceof SimpleStreamReaderWrapper || supportsAdmissionControl(reader.latestOffset);
    this.rows = new RowConverter(schema, dataSourceName, timeZone);
    // SupportsTriggerAvailableNow: a reader (or simple reader) with prepareForTriggerAvailableNow()
    // fixes its target itself and keeps its read limit; others are read up to their offset at start.
    const target = reader instanceof SimpleStreamReaderWrapper ? reader.simpleReader : reader;
    const prepare = (target as { prepareForTriggerAvailableNow?: unknown }).prepareForTriggerAvailableNow;
    if (typeof prepare === 'function') this.prepareForTriggerAvailableNow = async () => void (await prepare.call(target));
  }

  prepareForTriggerAvailableNow?: () => Promise<void>;

  async latestOffset(start: Offset | null, limit?: EngineReadLimit): Promise<Offset | null> {
    const from = start === null ? await this.initialOffset() : (start as DataSourceOffset);
    const latest = this.admissionControl
      ? await this.reader.latestOffset(from, limit === 'default' ? this.reader.getDefaultReadLimit() : new ReadAllAvailable())
      : await this.reader.latestOffset();
    return this.checkOffset(latest, 'latestOffset');
  }

  async getBatch(start: Offset | null, end: Offset): Promise<unknown[][]> {
    const from = start === null ? await this.initialOffset() : (start as DataSourceOffset);
    const partitions = await this.reader.partitions(from, end as DataSourceOffset);
    if (!Array.isArray(partitions)) throw invalidReturnType(jsTypeName(partitions), this.dataSourceName, 'list');
    const out: unknown[][] = [];
    for (const p of partitions) for (const row of await this.rows.convertAllAsync(await this.reader.read(p))) out.push(row);
    return out;
  }

  commit(end: Offset): void {
    this.reader.commit(end as DataSourceOffset);
  }

  reportLatestOffset(): Offset | null {
    if (this.reader instanceof SimpleStreamReaderWrapper) return null;
    const reported = this.reader.reportLatestOffset();
    return reported === null || reported === undefined ? null : this.checkOffset(reported, 'reportLatestOffset');
  }

  stop(): void {
    this.reader.stop();
  }

  private async initialOffset(): Promise<DataSourceOffset> {
    if (this.initial === undefined) this.initial = this.checkOffset(await this.reader.initialOffset(), 'initialOffset');
    return this.initial;
  }

  private checkOffset(value: unknown, method: string): DataSourceOffset {
    if (!isOffsetObject(value)) {
      throw new SparkException(`Failed when running Python streaming data source: ${method}() must return a dict (a JSON object), got ${jsTypeName(value)}.`, {
        errorClass: 'PYTHON_STREAMING_DATA_SOURCE_RUNTIME_ERROR',
        messageParameters: { msg: `${method}() must return a dict (a JSON object), got ${jsTypeName(value)}.` },
      });
    }
    return value;
  }
}
