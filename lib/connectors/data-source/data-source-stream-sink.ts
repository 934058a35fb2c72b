// A user DataSourceStreamWriter as the engine's Sink: per micro-batch, write(iterator of Rows)
// gives one commit message (Rivulet writes a batch as one task), then commit(messages, batchId);
// when write throws, abort([null], batchId) runs and the query fails with the error.
import type { OutputMode } from '../../execution/physical-operator';
import type { ExternalValueOptions } from '../../types/external-row';
import { toExternalRows } from '../../types/external-row';
import type { StructType } from '../../types/struct-type';
import type { Sink } from '../sink';
import type { DataSourceStreamWriter } from './data-source';
import type { WriterCommitMessage } from './input-partition';

export class DataSourceStreamSink implements Sink {
  readonly description: string;
  private writer: DataSourceStreamWriter | undefined;

  constructor(
    dataSourceName: string,
    private readonly createWriter: () => DataSourceStreamWriter,
    private readonly valueOptions: ExternalValueOptions,
  ) {
    this.description = `PythonStreamingSink: ${dataSourceName}`;
  }

  initialize(): void {
    this.writer = this.createWriter();
  }

  async addBatch(batchId: number, rows: unknown[][], schema: StructType, _outputMode: OutputMode): Promise<void> {
    const writer = (this.writer ??= this.createWriter());
    let message: WriterCommitMessage | null;
    try {
      message = (await writer.write(toExternalRows(schema, rows, this.valueOptions)[Symbol.iterator]())) ?? null;
    } catch (e) {
      await writer.abort([null], batchId);
      throw e;
    }
    await writer.commit([message], batchId);
  }
}
