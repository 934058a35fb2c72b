// foreachBatch: the user's function gets each micro-batch as a batch DataFrame (all batch APIs,
// spark.sql through temp views, show, collect) with its batch id, so it can write idempotently.
import type { StructType } from '../types/struct-type';
import { attribute } from '../expressions/expression';
import type { Sink } from '../connectors/sink';
import type { SessionContext } from './session-context';
import { DataFrame } from './data-frame';

export type ForeachBatchFunction = (df: DataFrame, batchId: number) => void | Promise<void>;

export class ForeachBatchSink implements Sink {
  readonly description = 'ForeachBatchSink';

  constructor(
    private readonly fn: ForeachBatchFunction,
    private readonly session: SessionContext,
  ) {}

  async addBatch(batchId: number, rows: unknown[][], schema: StructType): Promise<void> {
    const output = schema.fields.map((f) => attribute(f.name, f.dataType, f.nullable));
    const batch = rows.slice();
    const df = new DataFrame(this.session, { kind: 'localRelation', name: `MicroBatch${batchId}`, data: () => batch, output });
    await this.fn(df, batchId);
  }
}
