import { SparkException } from './spark-exception';

/** A streaming query died: `[STREAM_FAILED] Query [id = .., runId = ..] terminated with exception: ..`. */
export class StreamingQueryException extends SparkException {
  readonly queryId: string;
  readonly runId: string;

  constructor(queryId: string, runId: string, cause: unknown) {
    const causeMessage = cause instanceof Error ? cause.message : String(cause);
    super(`Query [id = ${queryId}, runId = ${runId}] terminated with exception: ${causeMessage}`, {
      errorClass: 'STREAM_FAILED',
      sqlState: 'XXKST',
      messageParameters: { id: queryId, runId, message: causeMessage },
      cause,
    });
    this.queryId = queryId;
    this.runId = runId;
  }

  /** PySpark's `StreamingQueryException.desc` equivalent: the cause's message. */
  get desc(): string {
    return this.messageParameters.message;
  }
}
