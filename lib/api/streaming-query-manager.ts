// pyspark.sql.streaming.StreamingQueryManager: spark.streams.
import type { StreamingQueryException } from '../errors/streaming-query-exception';
import type { StreamingQuery } from './streaming-query';

export class StreamingQueryManager {
  private readonly activeQueries = new Map<string, StreamingQuery>();
  private lastTerminatedWithException: StreamingQueryException | null = null;
  private terminationWaiters: (() => void)[] = [];
  private anyTerminated = false;

  get active(): StreamingQuery[] {
    return [...this.activeQueries.values()];
  }

  get(id: string): StreamingQuery | null {
    return this.activeQueries.get(id) ?? null;
  }

  /** Internal: called by DataStreamWriter.start(). */
  register(query: StreamingQuery): void {
    this.activeQueries.set(query.id, query);
  }

  /** Internal: called when a query ends. */
  notifyTerminated(query: StreamingQuery, exception: StreamingQueryException | null): void {
    this.activeQueries.delete(query.id);
    if (exception) this.lastTerminatedWithException = exception;
    this.anyTerminated = true;
    const waiters = this.terminationWaiters;
    this.terminationWaiters = [];
    for (const w of waiters) w();
  }

  awaitAnyTermination(): Promise<void>;
  awaitAnyTermination(timeoutMs: number): Promise<boolean>;
  async awaitAnyTermination(timeoutMs?: number): Promise<void | boolean> {
    if (!this.anyTerminated) {
      const ended = new Promise<boolean>((resolve) => this.terminationWaiters.push(() => resolve(true)));
      let timer: NodeJS.Timeout | undefined;
      const result = timeoutMs === undefined ? await ended : await Promise.race([ended, new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)))]);
      clearTimeout(timer);
      if (!result) return false;
    }
    if (this.lastTerminatedWithException) throw this.lastTerminatedWithException;
    return timeoutMs === undefined ? undefined : true;
  }

  resetTerminated(): void {
    this.anyTerminated = false;
    this.lastTerminatedWithException = null;
  }

  /** Stops every active query (Ctrl-C, spark.stop()). */
  async stopAll(): Promise<void> {
    await Promise.all(this.active.map((q) => q.stop()));
  }
}
