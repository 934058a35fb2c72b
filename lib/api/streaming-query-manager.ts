// pyspark.sql.streaming.StreamingQueryManager: spark.streams.
import { keepingProcessAlive } from '../util/keep-alive';
import { timeoutMillis } from './await-timeout';
import type { StreamingQueryException } from '../errors/streaming-query-exception';
import { IllegalArgumentException, PySparkTypeError } from '../errors/illegal-argument-exception';
import { pyTypeName } from './column';
import { Logger } from '../util/logger';
import type { AvailableNowProgress } from '../streaming/micro-batch-execution';
import type { ConsoleProgressLine } from './console-progress-line';
import type { StreamingUiHistory } from './streaming-ui-history';
import type { StreamingQuery } from './streaming-query';
import { StreamingQueryListener, type QueryIdleEvent, type QueryProgressEvent, type QueryStartedEvent, type QueryTerminatedEvent } from './streaming-query-listener';

const log = new Logger('StreamingQueryListenerBus');

type ListenerEvent =
  | { kind: 'started'; event: QueryStartedEvent }
  | { kind: 'progress'; event: QueryProgressEvent; availableNow?: AvailableNowProgress | null }
  | { kind: 'idle'; event: QueryIdleEvent }
  | { kind: 'terminated'; event: QueryTerminatedEvent };

export class StreamingQueryManager {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.streaming.query.StreamingQueryManager object>';
  }

  private readonly activeQueries = new Map<string, StreamingQuery>();
  private lastTerminatedWithException: StreamingQueryException | null = null;
  private terminationWaiters: (() => void)[] = [];
  private anyTerminated = false;
  private readonly listeners: StreamingQueryListener[] = [];
  private statusLine: ConsoleProgressLine | null = null;

  /** Internal: the session's live status line on stderr. */
  useStatusLine(line: ConsoleProgressLine): void {
    this.statusLine = line;
  }

  /** Internal: the history the local dashboard shows. */
  readonly uiHistory: StreamingUiHistory | null = null;

  useUiHistory(history: StreamingUiHistory): void {
    (this as { uiHistory: StreamingUiHistory | null }).uiHistory = history;
  }

  get active(): StreamingQuery[] {
    return [...this.activeQueries.values()];
  }

  get(id: string): StreamingQuery | null {
    if (typeof id !== 'string') throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`id\` should be str, got ${pyTypeName(id)}.`, { arg_name: 'id', expected_type: 'str', arg_type: pyTypeName(id) }, '42K09');
    // Spark parses the id with java.util.UUID.fromString.
    if (!/^[0-9a-f]{1,8}-[0-9a-f]{1,4}-[0-9a-f]{1,4}-[0-9a-f]{1,4}-[0-9a-f]{1,12}$/i.test(id)) throw new IllegalArgumentException(`Invalid UUID string: ${id}`);
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
  awaitAnyTermination(timeout: number | null): Promise<boolean>;
  awaitAnyTermination(timeout?: number | null): Promise<void | boolean> {
    return keepingProcessAlive(this.waitForAnyTermination(timeout));
  }

  private async waitForAnyTermination(timeout?: number | null): Promise<void | boolean> {
    // Seconds, as PySpark; checked before waiting.
    const timeoutMs = timeout === undefined || timeout === null ? undefined : timeoutMillis(timeout);
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

  /** Registers a listener for the started, progress, idle and terminated events of every query. */
  addListener(listener: StreamingQueryListener): void {
    if (!(listener instanceof StreamingQueryListener)) {
      throw new PySparkTypeError('NOT_INSTANCE_OF', 'Argument `listener` should be an instance of StreamingQueryListener.', { arg_name: 'listener' });
    }
    this.listeners.push(listener);
  }

  /** Scala's StreamingQueryManager.listListeners(): the registered listeners, in order. */
  listListeners(): StreamingQueryListener[] {
    return [...this.listeners];
  }

  removeListener(listener: StreamingQueryListener): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  /**
   * Internal: delivers an event. Started events are delivered at once (inside start(), as in
   * Spark); the others after the current batch, in order.
   */
  post(e: ListenerEvent): void {
    if (this.statusLine !== null) {
      if (e.kind === 'progress') this.statusLine.onProgress(e.event, e.availableNow ?? null);
      else if (e.kind === 'terminated') this.statusLine.onTerminated(e.event);
    }
    const ui = this.uiHistory;
    if (ui !== null) {
      if (e.kind === 'started') ui.onStarted(e.event);
      else if (e.kind === 'progress') ui.onProgress(e.event);
      else if (e.kind === 'terminated') ui.onTerminated(e.event);
    }
    if (this.listeners.length === 0) return;
    const listeners = this.listeners.slice();
    const deliver = async () => {
      for (const l of listeners) {
        try {
          if (e.kind === 'started') l.onQueryStarted(e.event);
          else if (e.kind === 'progress') await l.onQueryProgress(e.event);
          else if (e.kind === 'idle') await l.onQueryIdle(e.event);
          else await l.onQueryTerminated(e.event);
        } catch (err) {
          log.error(`Listener ${l.constructor.name} threw an exception: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    };
    if (e.kind === 'started') void deliver();
    else this.delivery = this.delivery.then(() => new Promise<void>((resolve) => setImmediate(() => void deliver().then(resolve))));
  }

  /** Events delivered one after another, each after the batch that caused it. */
  private delivery: Promise<void> = Promise.resolve();

  /** Stops every active query (Ctrl-C, spark.stop()). */
  async stopAll(): Promise<void> {
    await Promise.all(this.active.map((q) => q.stop()));
  }
}
