// Spark's foreach sink: a function called per row, or a writer object with Spark's lifecycle per
// partition and epoch (batch): open(partitionId, epochId) -> process(row)* -> close(error).
import type { Row } from '../../types/row';
import { toExternalRows, type ExternalValueOptions } from '../../types/external-row';
import type { StructType } from '../../types/struct-type';
import { SparkException } from '../../errors/spark-exception';
import { PySparkAttributeError } from '../../errors/illegal-argument-exception';
import type { Sink } from '../sink';

export interface ForeachWriter {
  open?(partitionId: number, epochId: number): boolean | void | Promise<boolean | void>;
  process(row: Row): void | Promise<void>;
  close?(error: Error | null): void | Promise<void>;
}

export type ForeachTarget = ((row: Row) => void | Promise<void>) | ForeachWriter;

export function checkForeachTarget(target: unknown): ForeachTarget {
  if (typeof target === 'function') return target as ForeachTarget;
  // PySpark: an object whose `process` (and `open`/`close` when present) must be callable; anything
  // else fails on `process` too. The object is named as PySpark's parameter, `f`.
  const w = (target !== null && typeof target === 'object' ? target : {}) as Record<string, unknown>;
  for (const name of ['process', 'open', 'close']) {
    if ((name === 'process' || w[name] !== undefined) && typeof w[name] !== 'function') {
      throw new PySparkAttributeError('ATTRIBUTE_NOT_CALLABLE', `Attribute \`${name}\` in provided object \`f\` is not callable.`, { attr_name: name, obj_name: 'f' });
    }
  }
  return target as ForeachWriter;
}

export class ForeachSink implements Sink {
  readonly description = 'ForeachSink';

  constructor(
    private readonly target: ForeachTarget,
    private readonly valueOptions: ExternalValueOptions,
  ) {}

  async addBatch(batchId: number, rows: unknown[][], schema: StructType): Promise<void> {
    const external = toExternalRows(schema, rows, this.valueOptions);
    const target = this.target;
    if (typeof target === 'function') {
      try {
        for (const r of external) await target(r);
      } catch (error) {
        throw userFunctionError(error);
      }
      return;
    }
    // One partition per batch: Rivulet runs each micro-batch in one task.
    const opened = target.open ? await target.open(0, batchId) : true;
    let failure: Error | null = null;
    try {
      if (opened !== false) for (const r of external) await target.process(r);
    } catch (e) {
      failure = e instanceof Error ? e : new Error(String(e));
    }
    if (target.close) await target.close(failure);
    if (failure) throw userFunctionError(failure);
  }
}

/** Spark's FOREACH_USER_FUNCTION_ERROR: the user's error becomes the reason. */
function userFunctionError(error: unknown): SparkException {
  const reason = error instanceof Error ? error.message : String(error);
  return new SparkException(`An error occurred in the user provided function in foreach sink. Reason: ${reason}`, {
    errorClass: 'FOREACH_USER_FUNCTION_ERROR',
    sqlState: '39000',
    messageParameters: { reason },
    cause: error,
  });
}
