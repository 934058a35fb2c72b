// foreachBatch: the user's function gets each micro-batch as a batch DataFrame (all batch APIs,
// spark.sql through temp views, show, collect) with its batch id, so it can write idempotently.
import type { StructType } from '../types/struct-type';
import { attribute } from '../expressions/expression';
import type { Sink } from '../connectors/sink';
import type { SessionContext } from './session-context';
import { DataFrame } from './data-frame';
import { SparkException } from '../errors/spark-exception';

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
    try {
      await this.fn(df, batchId);
    } catch (error) {
      // Spark's ForeachBatchUserFuncException: the query fails with the user's error as the reason.
      const reason = error instanceof Error ? error.message : String(error);
      throw new SparkException(`An error occurred in the user provided function in foreach batch sink. Reason: ${reason}`, {
        errorClass: 'FOREACH_BATCH_USER_FUNCTION_ERROR',
        sqlState: '39000',
        messageParameters: { reason },
        cause: error,
      });
    }
  }
}
