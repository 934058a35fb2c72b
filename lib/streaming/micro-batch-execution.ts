// The micro-batch loop (ARCHITECTURE.md "The path of a query"): per trigger, ask sources for their
// latest offsets, write them to offsets/N (write-ahead), read the range, run the physical plan
// synchronously, commit state, wait once for offsets/N and the state files to be on disk
// (makeBatchDurable), hand the rows to the sink with the batch id, write commits/N, report
// progress. On start with a checkpoint, a batch logged in offsets/N but not committed is
// re-run with the same offsets, batch id, timestamp and watermark. `await` happens only at batch
// boundaries.
import type { LastBatchInfo } from '../execution/explain/query-explain';
import { isRepartitionBatch, unfinishedRepartition } from './repartition-batch';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StructType } from '../types/struct-type';
import { StreamingQueryException } from '../errors/streaming-query-exception';
import type { PhysicalOperator, OutputMode, ExecutionContext, StateOperatorMetrics, EventTimeStats } from '../execution/physical-operator';
import type { StatefulOperatorInfo } from '../execution/planner';
import { SparkException } from '../errors/spark-exception';
import { OffsetSeqLog, type OffsetSeq } from '../checkpoint/offset-seq-log';
import { CommitLog } from '../checkpoint/commit-log';
import { CheckpointLock } from '../checkpoint/checkpoint-lock';
import { removeTempFilesBelow, type StagedFile } from '../checkpoint/checkpoint-file-manager';
import { corruptLogFile, missingIds, missingLogFile } from '../checkpoint/metadata-log';
import { checkStateSchemas } from '../state/state-schema-check';
import { HDFS_PROVIDER_CLASS } from '../state/state-store-provider-factory';
import { WatermarkTracker, parseWatermarkPolicy } from './watermark-tracker';
import { resolvePinnedConf } from './pinned-conf';
import { checkSourceIdentities } from './source-identity';
import type { Offset, Source } from '../connectors/source';
import type { Sink } from '../connectors/sink';
import type { StateStoreProvider } from '../state/state-store';
import { Logger } from '../util/logger';
import type { Clock } from './clock';
import type { Trigger } from './trigger';
import { StateMetricsList } from './state-metrics-list';
import { SinkProgress, SourceProgress, StateOperatorProgress, StreamingQueryProgress, type ObservedMetricsRow } from './progress';

const log = new Logger('MicroBatchExecution');
const WAKE = 'wake';

/** Polling interval for sources that cannot push (Spark's spark.sql.streaming.pollingDelay). */
const POLLING_DELAY_MS = 10;
/**
 * customMetrics of Spark's default state store (HDFSBackedStateStoreProvider). Rivulet's state
 * lives in memory with no loaded-map cache, snapshot uploads or repairs, so each figure is 0.
 */
const HDFS_STATE_STORE_METRICS: Readonly<Record<string, number>> = {
  forceSnapshotCount: 0,
  loadedMapCacheHitCount: 0,
  loadedMapCacheMissCount: 0,
  numSnapshotsAutoRepaired: 0,
  stateOnCurrentVersionSizeBytes: 0,
};

export interface MicroBatchExecutionOptions {
  id: string;
  runId: string;
  name: string | null;
  sources: Source[];
  /**
   * Built once after the sources initialise; `batchTimestampMicros` reads the current batch's
   * timestamp (what current_timestamp() returns in the batch); `pinnedConf` holds the settings
   * fixed in the checkpoint (shuffle partitions...). Stateful operators are described in
   * `statefulOperators` as they are planned.
   */
  planPhysical: (batchTimestampMicros: () => bigint, pinnedConf: Readonly<Record<string, string>>, statefulOperators: StatefulOperatorInfo[]) => PhysicalOperator;
  /** The checkpoint folder; `temporary` ones are deleted when the query stops without error. */
  checkpoint: { dir: string; temporary: boolean };
  /** The session's settings as the query started. */
  conf: (key: string) => string | undefined;
  /** Per source, what identifies its input (see source-identity.ts). */
  sourceIdentities: readonly string[];
  /** Creates the state store provider for a query with stateful operators. */
  createStateProvider: (pinnedConf: Readonly<Record<string, string>>) => StateStoreProvider;
  sink: Sink;
  sinkSchema: StructType;
  outputMode: OutputMode;
  trigger: Trigger;
  clock: Clock;
  numRecentProgressUpdates: number;
  onTerminated: (exception: StreamingQueryException | null) => void;
  /** `availableNow`: units done and in all, when every source can count them (Trigger.AvailableNow only). */
  onProgress?: (progress: StreamingQueryProgress, availableNow: AvailableNowProgress | null) => void;
  /** A trigger found no new data (throttled by spark.sql.streaming.noDataProgressEventInterval). */
  onIdle?: (timestamp: string) => void;
  /** The batch's df.observe results (by name) as progress reports them. */
  observedMetrics?: (values: ReadonlyMap<string, unknown[]>) => Record<string, ObservedMetricsRow>;
}

/** How far a Trigger.AvailableNow run is: units (rows, records, files) processed of those there at start. */
export interface AvailableNowProgress {
  done: number;
  total: number;
}

export type { LastBatchInfo } from '../execution/explain/query-explain';

export interface QueryStatus {
  message: string;
  isDataAvailable: boolean;
  isTriggerActive: boolean;
}

export class MicroBatchExecution {
  private committed: (Offset | null)[];
  private batchId = 0;
  private readonly offsetLog: OffsetSeqLog;
  private readonly commitLog: CommitLog;
  private lock: CheckpointLock | undefined;
  private stateProvider: StateStoreProvider | undefined;
  private pinnedConf: Record<string, string> = {};
  private watermarks: WatermarkTracker | undefined;
  /** Whether the plan has a watermark (eventTime is reported) and stateful operators. */
  private hasWatermark = false;
  /**
   * The watermark the last batch ran with (for a batch re-run after a restart, batch N-1's).
   * Rows are late against it while state is evicted with the current one (Spark 3.4+), so rows a
   * chained operator emits in this batch are not dropped; a later watermark calls for a no-data
   * batch.
   */
  private previousBatchWatermarkMs = 0;
  /** A batch found in offsets/N without commits/N: re-run first, exactly as logged. */
  private pendingBatch: OffsetSeq | undefined;
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
  /** Filled by the planner: the plan's stateful operators. */
  private readonly statefulOperators: StatefulOperatorInfo[] = [];

  /** The last micro-batch that ran: what query.explain() prints its plan for. */
  lastBatch: LastBatchInfo | undefined;

  /** The physical plan of the running query, once the first batch planned it (StreamingQuery.explain). */
  get physicalPlan(): PhysicalOperator | undefined {
    return this.physical;
  }
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
    this.offsetLog = new OffsetSeqLog(path.join(options.checkpoint.dir, 'offsets'));
    this.commitLog = new CommitLog(path.join(options.checkpoint.dir, 'commits'));
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
    // A fixed reason: abort() without one builds a DOMException (with its stack) per batch.
    this.wakeController.abort(WAKE);
  }

  private async run(): Promise<void> {
    const { sources, trigger, clock } = this.options;
    try {
      this.lock = CheckpointLock.acquire(this.options.checkpoint.dir, this.options.id, this.options.runId);
      const recovered = this.recover();
      checkSourceIdentities(this.options.checkpoint.dir, this.options.sourceIdentities);
      await this.options.sink.initialize?.();
      this.pinnedConf = resolvePinnedConf(this.options.conf, recovered?.conf);
      this.watermarks = new WatermarkTracker(parseWatermarkPolicy(this.pinnedConf['spark.sql.streaming.multipleWatermarkPolicy']));
      this.watermarks.set(recovered?.watermarkMs ?? 0);
      // A watermark in the checkpoint means the plan has one, before any batch of this process
      // has seen event times (issue 15: a restart must still run the no-data batch it owes).
      if ((recovered?.watermarkMs ?? 0) > 0 || this.previousBatchWatermarkMs > 0) this.hasWatermark = true;
      for (const s of sources) s.onDataAvailable?.(() => this.wake());
      await Promise.all(sources.map((s) => s.initialize?.()));
      const statefulOperators = this.statefulOperators;
      this.physical = this.options.planPhysical(() => this.batchTimestampMicros, this.pinnedConf, statefulOperators);
      if (statefulOperators.length > 0) {
        checkTransformWithStateBackend(statefulOperators, this.pinnedConf['spark.sql.streaming.stateStore.providerClass']);
        checkStateSchemas(
          this.options.checkpoint.dir,
          statefulOperators,
          (this.options.conf('spark.sql.streaming.stateStore.stateSchemaCheck') ?? 'true') !== 'false',
          Number(this.pinnedConf['spark.sql.shuffle.partitions']),
          this.commitLog.batchIds().length > 0,
        );
        this.stateProvider = this.options.createStateProvider(this.pinnedConf);
      }
      // Sources may drop what the checkpoint says is already committed.
      sources.forEach((s, i) => {
        const c = this.committed[i];
        if (c !== null) s.commit(c);
      });
      this.markInitialized();
      // availableNow processes what exists at start, then stops. Sources that support it
      // (Spark's SupportsTriggerAvailableNow) fix that point themselves and keep their rate
      // limits, so it may take several batches; the others are capped at their offset now.
      const target = trigger.kind === 'availableNow' ? await this.availableNowTarget() : undefined;
      if (target !== undefined) {
        this.availableNowCap = target;
        this.availableNowTotal = this.availableNowRemaining();
      }
      while (!this.stopRequested) {
        const triggerStart = clock.now();
        this.wakeController = new AbortController();
        const ran = await this.runBatchIfNewData(triggerStart, target);
        // Let timers and I/O run between batches: a source that always has data (rate) must not
        // starve stop(), signal handlers or the user's own callbacks.
        if (ran) await new Promise((resolve) => setImmediate(resolve));
        if (trigger.kind === 'once') break;
        if (trigger.kind === 'availableNow' && !ran) break;
        if (!ran) {
          this.markIdle();
          this.reportIdle();
        } else {
          this.lastIdleOrBatchMs = clock.now();
        }
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
    try {
      this.stateProvider?.close();
    } catch (e) {
      log.warn(`Failed to close the state store provider: ${(e as Error).message}`);
    }
    this.lock?.release(); // never throws (a read-only disk must not escape awaitTermination)
    if (this.options.checkpoint.temporary && (this.exception_ === null || this.options.conf('spark.sql.streaming.forceDeleteTempCheckpointLocation') === 'true')) {
      fs.rmSync(this.options.checkpoint.dir, { recursive: true, force: true });
    }
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

  /** When the last batch ran or the last idle event went out (Spark's lastNoExecutionProgressEventTime). */
  private lastIdleOrBatchMs = Number.NEGATIVE_INFINITY;

  private reportIdle(): void {
    const now = this.options.clock.now();
    const interval = Number(this.options.conf('spark.sql.streaming.noDataProgressEventInterval') ?? '10000');
    if (now - interval < this.lastIdleOrBatchMs) return;
    this.lastIdleOrBatchMs = now;
    this.options.onIdle?.(new Date(now).toISOString());
  }

  private markIdle(): void {
    this.noNewData = true;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async latestOffsets(): Promise<(Offset | null)[]> {
    // Trigger.Once reads everything available in its one batch (Spark's ReadLimit.allAvailable).
    const limit = this.options.trigger.kind === 'once' ? 'allAvailable' : 'default';
    return Promise.all(this.options.sources.map((s, i) => s.latestOffset(this.committed[i], limit)));
  }

  /**
   * Reads the checkpoint's logs (Spark's populateStartOffsets): the last committed batch sets the
   * start offsets and the next batch id; an uncommitted last batch is kept to be re-run as logged.
   * Returns the checkpoint's pinned settings and the watermark to resume with, if there is one.
   */
  private recover(): { conf: Record<string, string>; watermarkMs: number } | undefined {
    // Temp files of writes a kill interrupted, in every log and state folder (issue 15).
    removeTempFilesBelow(this.options.checkpoint.dir);
    const offsetIds = this.offsetLog.batchIds();
    const commitIds = this.commitLog.batchIds();
    checkLogsAgree(this.offsetLog, offsetIds, commitIds);
    const latest = this.offsetLog.getLatest();
    if (!latest) return undefined;
    const { batchId, value } = latest;
    const numSources = this.options.sources.length;
    if (value.offsets.length !== numSources) {
      throw new SparkException(
        `There are [${value.offsets.length}] sources in the checkpoint offsets and now there are [${numSources}] sources requested by the query. Cannot continue.`,
      );
    }
    const commit = this.commitLog.getLatestWritten(batchId);
    if (commit) {
      this.batchId = batchId + 1;
      this.committed = asOffsets(value.offsets);
      this.previousBatchWatermarkMs = value.metadata.batchWatermarkMs;
      log.info(`Resuming at batch ${this.batchId} with committed offsets ${JSON.stringify(value.offsets)}`);
    } else {
      if (isRepartitionBatch(value.metadata.conf)) throw unfinishedRepartition(batchId, commitIds.length > 0 ? commitIds[commitIds.length - 1] : -1);
      this.batchId = batchId;
      if (batchId > 0) {
        const previous = this.offsetLog.get(batchId - 1);
        if (!previous) throw corruptLogFile(path.join(this.offsetLog.dir, String(batchId - 1)), `offsets of batch ${batchId - 1} are missing while batch ${batchId} is logged`);
        this.committed = asOffsets(previous.offsets);
        this.previousBatchWatermarkMs = previous.metadata.batchWatermarkMs;
      }
      this.pendingBatch = value;
      log.info(`Re-running batch ${batchId}, logged but not committed, with offsets ${JSON.stringify(value.offsets)}`);
    }
    return { conf: value.metadata.conf, watermarkMs: commit ? commit.nextBatchWatermarkMs : value.metadata.batchWatermarkMs };
  }

  private availableNowCap: (Offset | null | undefined)[] | undefined;
  private availableNowTotal: number | null = null;

  /** Units left before availableNow is done, summed over the sources; null if one cannot tell. */
  private availableNowRemaining(): number | null {
    const cap = this.availableNowCap;
    if (cap === undefined) return null;
    let sum = 0;
    for (const [i, s] of this.options.sources.entries()) {
      const n = s.availableNowRemaining?.(this.committed[i], cap[i]) ?? null;
      if (n === null || !Number.isFinite(n)) return null;
      sum += n;
    }
    return sum;
  }

  private availableNowProgress(): AvailableNowProgress | null {
    const total = this.availableNowTotal;
    if (total === null) return null;
    const remaining = this.availableNowRemaining();
    return remaining === null ? null : { done: Math.max(0, Math.min(total, total - remaining)), total };
  }

  /** Per source: undefined when the source limits itself, else the offset to stop at. */
  private async availableNowTarget(): Promise<(Offset | null | undefined)[]> {
    const sources = this.options.sources;
    await Promise.all(sources.map((s) => s.prepareForTriggerAvailableNow?.()));
    return Promise.all(sources.map((s, i) => (s.prepareForTriggerAvailableNow ? undefined : s.latestOffset(this.committed[i]))));
  }

  private async runBatchIfNewData(triggerStart: number, cap: (Offset | null | undefined)[] | undefined): Promise<boolean> {
    this.status = { message: 'Getting offsets from sources', isDataAvailable: this.status.isDataAvailable, isTriggerActive: true };
    const t0 = performance.now();
    const watermarks = this.watermarks!;
    let end: (Offset | null)[];
    let batchTimestampMs: number;
    let batchWatermarkMs: number;
    let walMs = 0;
    let t1: number;
    let stagedOffsets: StagedFile | undefined;
    let purged: Promise<void> | undefined;
    const pending = this.pendingBatch;
    if (pending) {
      this.pendingBatch = undefined;
      end = asOffsets(pending.offsets);
      batchTimestampMs = pending.metadata.batchTimestampMs;
      batchWatermarkMs = pending.metadata.batchWatermarkMs;
      t1 = performance.now();
    } else {
      let latest = await this.latestOffsets();
      if (cap) latest = latest.map((l, i) => (cap[i] === undefined ? l : cap[i] === null ? this.committed[i] : l === null ? null : cap[i]!));
      t1 = performance.now();
      const hasNewData = latest.some((l, i) => l !== null && !sameOffset(l, this.committed[i]));
      batchWatermarkMs = watermarks.currentWatermarkMs;
      // Spark's no-data batch: the watermark moved, so stateful operators may emit or evict.
      const noDataBatch = !hasNewData && this.needsNoDataBatch(batchWatermarkMs, triggerStart);
      if (!hasNewData && !noDataBatch) {
        this.status = { message: 'Waiting for data to arrive', isDataAvailable: false, isTriggerActive: false };
        return false;
      }
      end = hasNewData ? latest.map((l, i) => l ?? this.committed[i]) : this.committed.slice();
      batchTimestampMs = triggerStart;
      const metadata = { batchWatermarkMs, batchTimestampMs, conf: this.pinnedConf };
      // offsets/N is written now and fsynced below, together with the state files (see
      // makeBatchDurable): nothing of batch N is visible before both are on disk.
      stagedOffsets = this.offsetLog.stage(this.batchId, { metadata, offsets: end });
      if (!stagedOffsets) throw concurrentLogUpdate(this.batchId);
      walMs = performance.now() - t1;
      purged = this.purgeOldBatches();
    }
    this.status = { message: 'Processing new data', isDataAvailable: true, isTriggerActive: true };
    this.batchTimestampMicros = BigInt(batchTimestampMs) * 1000n;
    const { sources, sink, sinkSchema, outputMode } = this.options;
    const t2a = performance.now();
    let sourceRows: unknown[][][];
    try {
      sourceRows = await Promise.all(
        sources.map((s, i) => (end[i] === null || sameOffset(end[i], this.committed[i]) ? [] : s.getBatch(this.committed[i], end[i]!))),
      );
    } catch (e) {
      keepLogged(stagedOffsets);
      throw e;
    }
    const t2 = performance.now();
    const stateMetrics = new StateMetricsList(this.stateProvider);
    const eventTimeStats = new Map<number, EventTimeStats>();
    const ctx: ExecutionContext = {
      sourceRows,
      batchId: this.batchId,
      outputMode,
      stateProvider: this.stateProvider,
      stateMetrics,
      batchWatermarkMs,
      batchTimestampMs,
      lateEventsWatermarkMs: this.previousBatchWatermarkMs,
      eventTimeStats,
      observedMetrics: new Map(),
    };
    let output: unknown[][];
    let stateDurable: void | Promise<void>;
    try {
      output = this.physical!.execute(ctx);
      const provider = this.stateProvider;
      stateDurable = provider?.commitBatchAsync ? provider.commitBatchAsync() : provider?.commitBatch?.();
    } catch (e) {
      keepLogged(stagedOffsets);
      throw e;
    }
    const td = performance.now();
    await Promise.all([makeBatchDurable(stagedOffsets, stateDurable), purged]);
    walMs += performance.now() - td;
    stateMetrics.fillMemory();
    await sink.addBatch(this.batchId, output, sinkSchema, outputMode);
    const t3 = performance.now();
    for (const s of eventTimeStats.values()) if (s.count > 0) this.hasWatermark = true;
    watermarks.update(eventTimeStats);
    this.previousBatchWatermarkMs = batchWatermarkMs;
    // commits/N goes into place by rename without an fsync: see makeBatchDurable.
    if (!this.commitLog.add(this.batchId, { nextBatchWatermarkMs: watermarks.currentWatermarkMs }, { sync: false })) throw concurrentLogUpdate(this.batchId);
    const startOffsets = this.committed.slice();
    this.lastBatch = {
      batchId: this.batchId,
      batchTimestampMs,
      watermarkForLateEventsMs: ctx.lateEventsWatermarkMs ?? 0,
      watermarkForEvictionMs: batchWatermarkMs,
      // What each source read, for query.explain() (a file source's FileScan lists the batch's files).
      files: sources.map((s, i) => (end[i] === null || sameOffset(end[i], startOffsets[i]) || !s.batchFiles ? [] : s.batchFiles(startOffsets[i], end[i]!))),
    };
    sources.forEach((s, i) => {
      if (end[i] !== null) s.commit(end[i]!);
    });
    this.committed = end;
    const t4 = performance.now();
    this.reportProgress(triggerStart, startOffsets, end, sourceRows.map((r) => r.length), output.length, stateMetrics, eventTimeStats, batchWatermarkMs, {
      addBatch: Math.round(t3 - t2),
      commitOffsets: Math.round(t4 - t3),
      getBatch: Math.round(t2 - t2a),
      latestOffset: Math.round(t1 - t0),
      queryPlanning: 0,
      triggerExecution: Math.round(t4 - t0),
      walCommit: Math.round(walMs),
    }, ctx.observedMetrics && ctx.observedMetrics.size > 0 ? (this.options.observedMetrics?.(ctx.observedMetrics) ?? {}) : {});
    this.batchId++;
    this.noNewData = false;
    return true;
  }

  private needsNoDataBatch(currentWatermarkMs: number, nowMs: number): boolean {
    if (!this.stateProvider) return false;
    if ((this.options.conf('spark.sql.streaming.noDataMicroBatches.enabled') ?? 'true') === 'false') return false;
    // Processing-time timeouts: a batch when one is due (Spark runs one on every trigger instead).
    for (const op of this.statefulOperators) {
      const due = op.pendingProcessingTimer?.();
      if (due !== undefined && due < nowMs) return true;
    }
    return this.hasWatermark && currentWatermarkMs > this.previousBatchWatermarkMs;
  }

  /** Offsets and commits older than spark.sql.streaming.minBatchesToRetain batches are removed. */
  private purgeOldBatches(): Promise<void> | undefined {
    const retain = Number(this.options.conf('spark.sql.streaming.minBatchesToRetain') ?? '100');
    const threshold = this.batchId + 1 - retain;
    if (threshold <= 0) return undefined;
    // On the thread pool, beside the batch (awaited with its fsyncs): unlinks wait for the journal.
    return Promise.all([this.offsetLog.purgeAsync(threshold), this.commitLog.purgeAsync(threshold)]).then(() => undefined);
  }

  private reportProgress(
    triggerStart: number,
    startOffsets: (Offset | null)[],
    endOffsets: (Offset | null)[],
    inputCounts: number[],
    numOutputRows: number,
    stateMetrics: StateOperatorMetrics[],
    eventTimeStats: ReadonlyMap<number, EventTimeStats>,
    batchWatermarkMs: number,
    durationMs: Record<string, number>,
    observedMetrics: Record<string, ObservedMetricsRow> = {},
  ): void {
    // Spark divides by an infinite interval before the first trigger: 0 rows per second, not NaN.
    const sinceLast = this.lastTriggerStart === undefined ? Infinity : (triggerStart - this.lastTriggerStart) / 1000;
    this.lastTriggerStart = triggerStart;
    const execSeconds = durationMs.triggerExecution / 1000;
    const sources: SourceProgress[] = this.options.sources.map(
      (s, i) =>
        new SourceProgress(
          s.description,
          startOffsets[i],
          endOffsets[i],
          s.reportLatestOffset?.() ?? null,
          inputCounts[i],
          sinceLast > 0 ? inputCounts[i] / sinceLast : NaN,
          execSeconds > 0 ? inputCounts[i] / execSeconds : NaN,
          s.metrics?.(endOffsets[i]) ?? {},
        ),
    );
    const progress = new StreamingQueryProgress(
      this.options.id,
      this.options.runId,
      this.options.name,
      new Date(triggerStart).toISOString(),
      this.batchId,
      durationMs.triggerExecution,
      durationMs,
      this.hasWatermark ? eventTimeOf(eventTimeStats, batchWatermarkMs) : {},
      stateMetrics.map(
        (m) =>
          new StateOperatorProgress(
            m.operatorName,
            m.numRowsTotal,
            m.numRowsUpdated,
            m.allUpdatesTimeMs,
            m.numRowsRemoved,
            m.allRemovalsTimeMs,
            m.commitTimeMs,
            m.memoryUsedBytes ?? 0,
            (m as { numRowsDroppedByWatermark?: number }).numRowsDroppedByWatermark ?? 0,
            m.numShufflePartitions,
            m.numStateStoreInstances,
            { ...HDFS_STATE_STORE_METRICS, ...m.customMetrics },
          ),
      ),
      sources,
      new SinkProgress(this.options.sink.description, numOutputRows),
      observedMetrics,
    );
    this.recentProgress.push(progress);
    if (this.recentProgress.length > this.options.numRecentProgressUpdates) this.recentProgress.shift();
    this.options.onProgress?.(progress, this.availableNowProgress());
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

/** Progress `eventTime`: avg/max/min of this batch's event times and the batch's watermark. */
function eventTimeOf(stats: ReadonlyMap<number, EventTimeStats>, watermarkMs: number): Record<string, string> {
  const iso = (ms: number) => new Date(ms).toISOString();
  let max = -Infinity;
  let min = Infinity;
  let sum = 0;
  let count = 0;
  for (const s of stats.values()) {
    if (s.count === 0) continue;
    max = Math.max(max, s.max);
    min = Math.min(min, s.min);
    sum += s.sum;
    count += s.count;
  }
  const out: Record<string, string> = {};
  if (count > 0) {
    out.avg = iso(Math.round(sum / count));
    out.max = iso(max);
    out.min = iso(min);
  }
  out.watermark = iso(watermarkMs);
  return out;
}

function concurrentLogUpdate(batchId: number): SparkException {
  return new SparkException(
    `Concurrent update to the log. Multiple streaming jobs detected for ${batchId}. Please make sure only one streaming job runs on a specific checkpoint location at a time.`,
    { errorClass: 'CONCURRENT_STREAM_LOG_UPDATE', sqlState: '40000', messageParameters: { batchId: String(batchId) } },
  );
}

/**
 * offsets/ must run without holes from its first (retained) batch to its last, and commits/ may
 * not run ahead of it: a deleted offsets file would otherwise hand the sink a different batch
 * under a committed batch id (issue 15).
 */
function checkLogsAgree(offsetLog: OffsetSeqLog, offsetIds: readonly number[], commitIds: readonly number[]): void {
  const lastCommit = commitIds.length === 0 ? -1 : commitIds[commitIds.length - 1];
  const lastOffset = offsetIds.length === 0 ? -1 : offsetIds[offsetIds.length - 1];
  const first = offsetIds.length === 0 ? lastCommit : offsetIds[0];
  const missing = missingIds(offsetIds, Math.max(0, first), Math.max(lastOffset, lastCommit));
  if (missing.length === 0) return;
  const file = path.join(offsetLog.dir, String(missing[0]));
  throw missingLogFile(file, lastCommit > lastOffset ? `batch ${lastCommit} is committed (commits/${lastCommit}) but its offsets are gone` : `batches (${missing.join(', ')}) don't exist in the offsets log`);
}

/**
 * The one wait for the disk per batch. What must be durable, and before what:
 *  - offsets/N before anything of batch N is visible outside the process (the sink's output, a
 *    source's commit): a restart must re-run batch N over the same range. Processing itself is
 *    invisible, so offsets/N is written before it and fsynced after it, with the state files.
 *  - the state files of version N+1 before commits/N: a commits/N that names state which is not
 *    on disk would resume from missing or older state. They are fsynced at the same time as
 *    offsets/N (a state file without offsets/N is harmless: batch N is re-planned and writes its
 *    version again).
 *  - commits/N needs no fsync of its own: it is renamed into place whole (a kill leaves it or
 *    not), and if a power failure loses it (or leaves it empty: its data was never synced) batch N
 *    is re-run from its offsets/N and state version N, which are both durable, into a sink that
 *    skips or overwrites a batch id it has seen. The next batch's fsync makes it durable in passing
 *    on a journaling file system, and offsets/N+1 is only written after it is in place.
 * The two fsyncs run on libuv's thread pool at the same time, so the disk commits both in one
 * journal flush: the batch waits about one fsync.
 */
async function makeBatchDurable(offsets: StagedFile | undefined, state: void | Promise<void>): Promise<void> {
  if (!offsets) {
    await state;
    return;
  }
  const [o, s] = await Promise.allSettled([offsets.syncAsync(), state]);
  if (o.status === 'rejected') throw o.reason;
  offsets.publish();
  if (s.status === 'rejected') throw s.reason;
}

/**
 * A batch that fails while it runs stays logged, as in Spark (its offsets/N was written before
 * it ran): the restart re-runs it over the same range. If even that write fails, the batch is
 * re-planned on restart, which is as safe (nothing of it was visible).
 */
function keepLogged(offsets: StagedFile | undefined): void {
  if (!offsets) return;
  try {
    offsets.syncNow();
    offsets.publish();
  } catch {
    offsets.discard();
  }
}

/** Offsets read back from offsets/N: JSON the sources wrote, one per source (null for none). */
function asOffsets(logged: readonly unknown[]): (Offset | null)[] {
  return logged.map((o) => (o === null ? null : (o as Offset)));
}

/** Spark's TransformWithStateExec runs on RocksDB only: the default (HDFS-backed) provider is refused. */
function checkTransformWithStateBackend(operators: readonly { operatorName: string }[], providerClass: string | undefined): void {
  if (!operators.some((o) => o.operatorName === 'transformWithStateExec')) return;
  const name = providerClass ?? HDFS_PROVIDER_CLASS;
  if (!['hdfs', 'delta-file', HDFS_PROVIDER_CLASS.toLowerCase()].includes(name.toLowerCase())) return;
  throw new SparkException(`The feature is not supported: Store backend ${HDFS_PROVIDER_CLASS} is not supported by TransformWithState operator. Please use RocksDBStateStoreProvider.`, {
    errorClass: 'UNSUPPORTED_FEATURE.STORE_BACKEND_NOT_SUPPORTED_FOR_TWS',
    sqlState: '0A000',
    messageParameters: { stateStoreProvider: HDFS_PROVIDER_CLASS },
  });
}
