// The micro-batch loop (ARCHITECTURE.md "The path of a query"): per trigger, ask sources for their
// latest offsets, read the new range, run the physical plan synchronously, hand the rows to the
// sink with the batch id, commit, report progress. `await` happens only at batch boundaries.
import type { StructType } from '../types/struct-type';
import { StreamingQueryException } from '../errors/streaming-query-exception';
import type { PhysicalOperator, OutputMode, ExecutionContext, StateOperatorMetrics } from '../execution/physical-operator';
import type { Offset, Source } from '../connectors/source';
import type { Sink } from '../connectors/sink';
import type { StateStoreProvider } from '../state/state-store';
import { Logger } from '../util/logger';
import type { Clock } from './clock';
import type { Trigger } from './trigger';
import { StreamingQueryProgress, type SourceProgress } from './progress';

const log = new Logger('MicroBatchExecution');

/** Polling interval for sources that cannot push (Spark's spark.sql.streaming.pollingDelay). */
const POLLING_DELAY_MS = 10;

export interface MicroBatchExecutionOptions {
  id: string;
  runId: string;
  name: string | null;
  sources: Source[];
  /**
   * Built once after the sources initialise; `batchTimestampMicros` reads the current batch's
   * timestamp (what current_timestamp() returns in the batch).
   */
  planPhysical: (batchTimestampMicros: () => bigint) => PhysicalOperator;
  sink: Sink;
  sinkSchema: StructType;
  outputMode: OutputMode;
  trigger: Trigger;
  clock: Clock;
  stateProvider: StateStoreProvider | undefined;
  numRecentProgressUpdates: number;
  onTerminated: (exception: StreamingQueryException | null) => void;
  onProgress?: (progress: StreamingQueryProgress) => void;
}

export interface QueryStatus {
  message: string;
  isDataAvailable: boolean;
  isTriggerActive: boolean;
}

export class MicroBatchExecution {
  private readonly committed: (Offset | null)[];
  private batchId = 0;
  private stopRequested = false;
  private terminated = false;
  private exception_: StreamingQueryException | null = null;
  private readonly terminationPromise: Promise<void>;
  private resolveTermination!: () => void;
  private wakeController = new AbortController();
  /** Set when a trigger found no new data; processAllAvailable waits for it. */
  private noNewData = false;
  private idleWaiters: (() => void)[] = [];
  private physical: PhysicalOperator | undefined;
  /** Resolves once sources are initialised (or the query failed trying). */
  private readonly initialized: Promise<void>;
  private markInitialized!: () => void;
  private lastTriggerStart: number | undefined;
  /** The running batch's timestamp: its trigger time, fixed for the whole batch. */
  private batchTimestampMicros = 0n;
  readonly recentProgress: StreamingQueryProgress[] = [];
  status: QueryStatus = { message: 'Initializing sources', isDataAvailable: false, isTriggerActive: false };

  constructor(private readonly options: MicroBatchExecutionOptions) {
    this.committed = options.sources.map(() => null);
    this.terminationPromise = new Promise((resolve) => {
      this.resolveTermination = resolve;
    });
    this.initialized = new Promise((resolve) => {
      this.markInitialized = resolve;
    });
  }

  get isActive(): boolean {
    return !this.terminated;
  }

  get exception(): StreamingQueryException | null {
    return this.exception_;
  }

  get lastProgress(): StreamingQueryProgress | null {
    return this.recentProgress[this.recentProgress.length - 1] ?? null;
  }

  start(): void {
    void this.run();
  }

  /** Resolves when the query ends, however it ends. */
  whenTerminated(): Promise<void> {
    return this.terminationPromise;
  }

  private wake(): void {
    this.wakeController.abort();
  }

  private async run(): Promise<void> {
    const { sources, trigger, clock } = this.options;
    try {
      for (const s of sources) s.onDataAvailable?.(() => this.wake());
      await Promise.all(sources.map((s) => s.initialize?.()));
      this.physical = this.options.planPhysical(() => this.batchTimestampMicros);
      this.markInitialized();
      // availableNow processes what exists at start, then stops.
      const target = trigger.kind === 'availableNow' ? await this.latestOffsets() : undefined;
      while (!this.stopRequested) {
        const triggerStart = clock.now();
        this.wakeController = new AbortController();
        const ran = await this.runBatchIfNewData(triggerStart, target);
        if (trigger.kind === 'once') break;
        if (trigger.kind === 'availableNow' && (!ran || this.reached(target!))) break;
        if (!ran) this.markIdle();
        if (this.stopRequested) break;
        const wake = this.wakeController.signal;
        if (trigger.kind === 'processingTime' && trigger.intervalMs > 0) {
          const interval = trigger.intervalMs;
          const now = clock.now();
          const elapsed = now - triggerStart;
          if (ran && elapsed > interval) {
            log.warn(`Current batch is falling behind. The trigger interval is ${interval} milliseconds, but spent ${elapsed} milliseconds`);
            continue;
          }
          this.status = { ...this.status, message: 'Waiting for next trigger', isTriggerActive: false };
          await clock.waitUntil(Math.floor(now / interval) * interval + interval, this.stopSignal());
        } else if (!ran) {
          this.status = { message: 'Waiting for data to arrive', isDataAvailable: false, isTriggerActive: false };
          await clock.waitUntil(clock.now() + POLLING_DELAY_MS, wake);
        }
      }
    } catch (e) {
      this.exception_ = new StreamingQueryException(this.options.id, this.options.runId, e);
      log.error(`Query ${this.options.name ?? ''} [id = ${this.options.id}, runId = ${this.options.runId}] terminated with error: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await this.shutdown();
    }
  }

  private stopController = new AbortController();

  private stopSignal(): AbortSignal {
    return this.stopController.signal;
  }

  private async shutdown(): Promise<void> {
    for (const s of this.options.sources) {
      try {
        await s.stop();
      } catch (e) {
        log.warn(`Failed to stop source ${s.description}: ${(e as Error).message}`);
      }
    }
    try {
      await this.options.sink.stop?.();
    } catch (e) {
      log.warn(`Failed to stop sink: ${(e as Error).message}`);
    }
    this.physical?.close?.();
    this.options.stateProvider?.close();
    this.terminated = true;
    this.status = {
      message: this.exception_ ? `Terminated with exception: ${this.exception_.desc}` : 'Stopped',
      isDataAvailable: false,
      isTriggerActive: false,
    };
    this.markIdle();
    this.markInitialized();
    this.options.onTerminated(this.exception_);
    this.resolveTermination();
  }

  private markIdle(): void {
    this.noNewData = true;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async latestOffsets(): Promise<(Offset | null)[]> {
    return Promise.all(this.options.sources.map((s) => s.latestOffset()));
  }

  private reached(target: (Offset | null)[]): boolean {
    return target.every((t, i) => t === null || sameOffset(t, this.committed[i]));
  }

  private async runBatchIfNewData(triggerStart: number, cap: (Offset | null)[] | undefined): Promise<boolean> {
    this.status = { message: 'Getting offsets from sources', isDataAvailable: this.status.isDataAvailable, isTriggerActive: true };
    const t0 = performance.now();
    let latest = await this.latestOffsets();
    if (cap) latest = latest.map((l, i) => (cap[i] === null ? this.committed[i] : l === null ? null : cap[i]));
    const t1 = performance.now();
    const hasNewData = latest.some((l, i) => l !== null && !sameOffset(l, this.committed[i]));
    if (!hasNewData) {
      this.status = { message: 'Waiting for data to arrive', isDataAvailable: false, isTriggerActive: false };
      return false;
    }
    this.status = { message: 'Processing new data', isDataAvailable: true, isTriggerActive: true };
    this.batchTimestampMicros = BigInt(triggerStart) * 1000n;
    const { sources, sink, sinkSchema, outputMode } = this.options;
    const sourceRows = await Promise.all(
      sources.map((s, i) => (latest[i] === null || sameOffset(latest[i], this.committed[i]) ? [] : s.getBatch(this.committed[i], latest[i]!))),
    );
    const t2 = performance.now();
    const stateMetrics: StateOperatorMetrics[] = [];
    const ctx: ExecutionContext = { sourceRows, batchId: this.batchId, outputMode, stateProvider: this.options.stateProvider, stateMetrics };
    const output = this.physical!.execute(ctx);
    await sink.addBatch(this.batchId, output, sinkSchema, outputMode);
    const t3 = performance.now();
    const startOffsets = this.committed.slice();
    sources.forEach((s, i) => {
      if (latest[i] !== null) s.commit(latest[i]!);
      this.committed[i] = latest[i];
    });
    const t4 = performance.now();
    this.reportProgress(triggerStart, startOffsets, latest, sourceRows.map((r) => r.length), output.length, stateMetrics, {
      addBatch: Math.round(t3 - t2),
      commitOffsets: Math.round(t4 - t3),
      getBatch: Math.round(t2 - t1),
      latestOffset: Math.round(t1 - t0),
      queryPlanning: 0,
      triggerExecution: Math.round(t4 - t0),
      walCommit: 0,
    });
    this.batchId++;
    this.noNewData = false;
    return true;
  }

  private reportProgress(
    triggerStart: number,
    startOffsets: (Offset | null)[],
    endOffsets: (Offset | null)[],
    inputCounts: number[],
    numOutputRows: number,
    stateMetrics: StateOperatorMetrics[],
    durationMs: Record<string, number>,
  ): void {
    const sinceLast = this.lastTriggerStart === undefined ? NaN : (triggerStart - this.lastTriggerStart) / 1000;
    this.lastTriggerStart = triggerStart;
    const execSeconds = durationMs.triggerExecution / 1000;
    const sources: SourceProgress[] = this.options.sources.map((s, i) => ({
      description: s.description,
      startOffset: startOffsets[i],
      endOffset: endOffsets[i],
      latestOffset: endOffsets[i],
      numInputRows: inputCounts[i],
      inputRowsPerSecond: sinceLast > 0 ? inputCounts[i] / sinceLast : NaN,
      processedRowsPerSecond: execSeconds > 0 ? inputCounts[i] / execSeconds : NaN,
    }));
    const progress = new StreamingQueryProgress(
      this.options.id,
      this.options.runId,
      this.options.name,
      new Date(triggerStart).toISOString(),
      this.batchId,
      durationMs.triggerExecution,
      durationMs,
      {},
      stateMetrics.map((m) => ({
        operatorName: m.operatorName,
        numRowsTotal: m.numRowsTotal,
        numRowsUpdated: m.numRowsUpdated,
        allUpdatesTimeMs: m.allUpdatesTimeMs,
        numRowsRemoved: m.numRowsRemoved,
        allRemovalsTimeMs: m.allRemovalsTimeMs,
        commitTimeMs: m.commitTimeMs,
        memoryUsedBytes: 0,
        numRowsDroppedByWatermark: 0,
        numShufflePartitions: m.numShufflePartitions,
        numStateStoreInstances: m.numStateStoreInstances,
      })),
      sources,
      { description: this.options.sink.description, numOutputRows: numOutputRows },
    );
    this.recentProgress.push(progress);
    if (this.recentProgress.length > this.options.numRecentProgressUpdates) this.recentProgress.shift();
    this.options.onProgress?.(progress);
  }

  /** Blocks until every row available now has been processed and committed (Spark's semantics). */
  async processAllAvailable(): Promise<void> {
    await this.initialized;
    // Two check phases = one full event-loop turn, so a poll phase runs and reads whatever the
    // kernel already holds for push sources (socket data written before this call).
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.terminated) {
      this.noNewData = false;
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        this.wake();
      });
    }
    if (this.exception_) throw this.exception_;
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    this.stopController.abort();
    this.wake();
    await this.terminationPromise;
  }
}

function sameOffset(a: Offset | null, b: Offset | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
