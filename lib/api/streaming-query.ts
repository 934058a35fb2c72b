// pyspark.sql.streaming.StreamingQuery. PySpark's properties stay properties (`query.id`,
// `query.isActive`); blocking calls return Promises (`await query.awaitTermination()`).
import { keepingProcessAlive } from '../util/keep-alive';
import { timeoutMillis } from './await-timeout';
import type { StreamingQueryException } from '../errors/streaming-query-exception';
import type { LastBatchInfo, MicroBatchExecution, QueryStatus } from '../streaming/micro-batch-execution';
import { physicalTreeString } from '../execution/physical-tree-string';
import type { StreamingQueryProgress } from '../streaming/progress';

export class StreamingQuery {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.streaming.query.StreamingQuery object>';
  }

  constructor(
    readonly id: string,
    readonly runId: string,
    readonly name: string | null,
    private readonly execution: MicroBatchExecution,
    private readonly planText?: QueryPlanText,
  ) {}

  get isActive(): boolean {
    return this.execution.isActive;
  }

  get status(): QueryStatus {
    return { ...this.execution.status };
  }

  get lastProgress(): StreamingQueryProgress | null {
    return this.execution.lastProgress;
  }

  get recentProgress(): StreamingQueryProgress[] {
    return [...this.execution.recentProgress];
  }

  exception(): StreamingQueryException | null {
    return this.execution.exception;
  }

  /**
   * Waits for the query to end. Without a timeout it resolves when the query stops and rejects with
   * the StreamingQueryException if it failed; with `timeout` (in seconds, as PySpark) it resolves
   * true/false (terminated or not), still rejecting on failure.
   */
  awaitTermination(): Promise<void>;
  awaitTermination(timeout: number | null): Promise<boolean>;
  awaitTermination(timeout?: number | null): Promise<void | boolean> {
    return keepingProcessAlive(this.waitForTermination(timeout));
  }

  private async waitForTermination(timeout?: number | null): Promise<void | boolean> {
    if (timeout !== undefined && timeout !== null) {
      const ms = timeoutMillis(timeout);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      });
      const ended = this.execution.whenTerminated().then(() => true);
      const result = await Promise.race([ended, timedOut]);
      clearTimeout(timer);
      if (this.execution.exception) throw this.execution.exception;
      return result;
    }
    await this.execution.whenTerminated();
    if (this.execution.exception) throw this.execution.exception;
  }

  /** Processes everything available now, then resolves (for tests); rejects if the query failed. */
  processAllAvailable(): Promise<void> {
    return keepingProcessAlive(this.execution.processAllAvailable());
  }

  /** Stops the query after the batch in progress commits. */
  stop(): Promise<void> {
    return keepingProcessAlive(this.execution.stop());
  }

  toString(): string {
    return `StreamingQuery(id=${this.id}, runId=${this.runId}, name=${this.name})`;
  }

  /**
   * Prints the plan Spark runs for the last micro-batch, or Spark's `No physical plan. Waiting
   * for data.` before the first one. `extended` adds the analysed logical plan.
   */
  explain(extended = false): void {
    process.stdout.write(this.explainString(extended) + '\n');
  }

  /** The text explain() prints, without print()'s final newline. */
  explainString(extended = false): string {
    const last = this.execution.lastBatch;
    if (!last || this.execution.lastProgress === null) return 'No physical plan. Waiting for data.';
    if (this.planText) return this.planText(extended, last);
    const physical = this.execution.physicalPlan;
    return physical ? `== Physical Plan ==\n${physicalTreeString(physical)}` : 'No physical plan. Waiting for data.';
  }
}

/** Renders the plan of a query's last micro-batch (set up by DataStreamWriter.start). */
export type QueryPlanText = (extended: boolean, lastBatch: LastBatchInfo) => string;
