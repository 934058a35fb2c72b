// The data behind MemoryStream (rivulet/testing): rows added with addData(), one offset per call,
// replayable for any range, as Spark's test source.
import { DataType } from '../../types/data-types';
import { StructType, StructField } from '../../types/struct-type';
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { toInternalRows } from '../../types/internal-row';
import type { Offset, Source, SourceProvider } from '../source';

let nextStreamId = 0;
// Streams by id, held weakly: a MemoryStream's rows live as long as the MemoryStream, a DataFrame
// over it (its plan keeps them: SourceDescriptor.keepAlive) or a query reading it, no longer.
const streams = new Map<number, WeakRef<MemoryStreamData>>();
const forget = new FinalizationRegistry<number>((id) => {
  if (streams.get(id)?.deref() === undefined) streams.delete(id);
});

export class MemoryStreamData {
  readonly id = nextStreamId++;
  readonly schema: StructType;
  private readonly batches: unknown[][][] = [];
  private readonly listeners = new Set<() => void>();

  constructor(schemaOrType: StructType | DataType) {
    this.schema = schemaOrType instanceof StructType ? schemaOrType : StructType([StructField('value', schemaOrType, true)]);
    streams.set(this.id, new WeakRef(this));
    forget.register(this, this.id);
  }

  /**
   * Adds rows as one batch of input and returns its offset: arrays (by position), objects (by
   * field name) or Rows, or bare values for a one-column schema; checked as createDataFrame's.
   */
  addData(values: readonly unknown[], timeZone: string): number {
    const rows = toInternalRows(this.schema, values, timeZone);
    this.batches.push(rows);
    for (const l of this.listeners) l();
    return this.batches.length - 1;
  }

  get latestOffset(): number {
    return this.batches.length - 1;
  }

  rowsBetween(start: number, end: number): unknown[][] {
    const out: unknown[][] = [];
    for (let i = start + 1; i <= end; i++) for (const r of this.batches[i]) out.push(r);
    return out;
  }

  /** Rows added after offset `start` up to offset `end`. */
  countRows(start: number, end: number): number {
    let n = 0;
    for (let i = start + 1; i <= end; i++) n += this.batches[i].length;
    return n;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

class MemoryStreamSource implements Source {
  readonly description: string;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly data: MemoryStreamData) {
    this.description = `MemoryStream[${data.schema.fieldNames().join(',')}]`;
  }

  get schema(): StructType {
    return this.data.schema;
  }

  latestOffset(): Offset | null {
    return this.data.latestOffset < 0 ? null : this.data.latestOffset;
  }

  getBatch(start: Offset | null, end: Offset): unknown[][] {
    return this.data.rowsBetween(start === null ? -1 : (start as number), end as number);
  }

  availableNowRemaining(start: Offset | null, cap: Offset | null | undefined): number | null {
    if (cap === undefined) return null;
    return cap === null ? 0 : this.data.countRows(start === null ? -1 : (start as number), cap as number);
  }

  commit(): void {}

  onDataAvailable(listener: () => void): void {
    this.unsubscribe = this.data.subscribe(listener);
  }

  stop(): void {
    this.unsubscribe?.();
  }
}

function streamOf(idText: string | undefined): MemoryStreamData {
  const data = idText === undefined ? undefined : streams.get(Number(idText))?.deref();
  if (!data) throw new IllegalArgumentException(`Unknown MemoryStream id ${idText}.`);
  return data;
}

export const memoryStreamSourceProvider: SourceProvider = {
  shortName: 'memory-stream',
  sourceSchema: (ctx) => streamOf(ctx.options.get('id')).schema,
  createSource: (ctx) => new MemoryStreamSource(streamOf(ctx.options.get('id'))),
};
