// PySpark's StreamingContext: the DStream graph, its inputs and the batch loop. Batches fall on
// multiples of the batch interval (as Spark's RecurringTimer), timed by the session clock, so a
// ManualClock drives them in tests; each batch runs the output operations in the order they were
// registered, synchronously.
import { keepingProcessAlive } from '../util/keep-alive';
import * as fs from 'node:fs';
import { IllegalArgumentException, PySparkValueError } from '../errors/illegal-argument-exception';
import { SparkContext as SessionSparkContext, StreamSession } from '../session/stream-session';
import type { Clock } from '../streaming/clock';
import { Logger } from '../util/logger';
import { toLocalPath } from '../util/local-path';
import { secondsToMs } from './batch-time';
import { DStream } from './dstream';
import type { DStreamContext, GraphNode, InputReceiver, OutputOperation } from './dstream-context';
import { binaryRecordsInputDStream, directoryWatcherOf, fileInputDStream } from './file-input-dstream';
import { isOptionsObject, keywordArguments } from './keyword-arguments';
import { DStreamCheckpoint, readLatestCheckpoint, writeCheckpoint } from './dstream-checkpoint';
import type { MapResultHint, Widened } from './map-result';
import { IllegalStateException } from './illegal-state-exception';
import { queueInputDStream } from './queue-input-dstream';
import { RDD } from './rdd';
import { socketInputDStream } from './socket-input-dstream';
import { SparkContext } from './spark-context';
import { BatchInfo, OutputOperationInfo, StreamInputInfo, type BatchEvent, type StreamingListener } from './streaming-listener';

/** PySpark's stop(stopSparkContext=True, stopGraceFully=False) keywords. */
export interface StopOptions {
  stopSparkContext?: boolean;
  stopGraceFully?: boolean;
}

/** PySpark's queueStream(rdds, oneAtATime=True, default=None) keywords. */
export interface QueueStreamOptions<T> {
  oneAtATime?: boolean;
  default?: RDD<T> | Iterable<T> | null;
}

/** PySpark names every output operation of a Python program by its JVM call site. */
const OUTPUT_OPERATION_NAME = 'callForeachRDD at NativeMethodAccessorImpl.java:0';

const log = new Logger('StreamingContext');
const jobLog = new Logger('JobScheduler');
let deprecationWarned = false;

type State = 'INITIALIZED' | 'ACTIVE' | 'STOPPED';

export class StreamingContext implements DStreamContext {
  private static active: StreamingContext | null = null;

  readonly sparkContext: SparkContext;
  readonly batchDurationMs: number;
  private zeroTime: number | undefined;
  private state: State = 'INITIALIZED';
  private readonly outputs: OutputOperation[] = [];
  private readonly inputs: InputReceiver[] = [];
  private checkpointDir: string | undefined;
  private rememberMs = 0;
  private clock: Clock | undefined;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private loopDone = false;
  private failure: unknown;
  private drainOnStop = false;
  private nextBatchMs = 0;
  private waitingForClock = false;
  private idleWaiters: (() => void)[] = [];
  private terminationWaiters: (() => void)[] = [];
  private readonly listeners: Partial<StreamingListener>[] = [];
  private batchInputs: Record<number, StreamInputInfo> = {};
  private inputStreamIds = 0;
  private readonly streams: DStream<unknown>[] = [];
  private recovery: DStreamCheckpoint | undefined;

  /** `StreamingContext(sc, batchDuration)`: the batch interval in seconds. */
  constructor(sparkContext: SessionSparkContext | StreamSession, batchDuration: number) {
    this.sparkContext = SparkContext.of(sparkContext);
    if (typeof batchDuration !== 'number' || !(batchDuration > 0)) {
      throw new IllegalArgumentException(`requirement failed: Batch duration should be positive, got ${String(batchDuration)}`);
    }
    this.batchDurationMs = secondsToMs(batchDuration);
    if (!deprecationWarned) {
      deprecationWarned = true;
      log.warn('DStream is deprecated as of Spark 3.4.0. Migrate to Structured Streaming.');
    }
  }

  // ---- DStreamContext ----

  get zeroTimeMs(): number | undefined {
    return this.zeroTime;
  }

  readonly clockNow = (): number => (this.clock ?? this.sparkContext.backingSession.clock).now();

  registerOutput(output: OutputOperation): void {
    this.assertCanAddOperations();
    this.outputs.push(output);
  }

  newInputStreamId(): number {
    return this.inputStreamIds++;
  }

  reportInputRecords(streamId: number, count: number, metadata: Record<string, unknown> = {}): void {
    this.batchInputs[streamId] = new StreamInputInfo(streamId, count, metadata);
  }

  /** Every DStream of the graph, in creation order (checkpoints identify streams by it). */
  registerStream(stream: unknown): void {
    if (!(stream instanceof DStream)) return;
    this.streams.push(stream);
  }

  /** Listener callbacks run on the batch loop; a throwing listener is logged, never fatal. */
  addStreamingListener(listener: Partial<StreamingListener>): void {
    this.listeners.push(listener);
  }

  private post(call: (l: Partial<StreamingListener>) => void): void {
    for (const l of this.listeners) {
      try {
        call(l);
      } catch (e) {
        log.error(`Listener ${l.constructor?.name ?? 'StreamingListener'} threw an exception: ${(e as Error)?.message ?? String(e)}`);
      }
    }
  }

  registerInput(input: InputReceiver): void {
    this.inputs.push(input);
  }

  assertCanAddOperations(): void {
    if (this.state === 'ACTIVE') throw new IllegalStateException('Adding new inputs, transformations, and output operations after starting a context is not supported');
    if (this.state === 'STOPPED') throw new IllegalStateException('Adding new inputs, transformations, and output operations after stopping a context is not supported');
  }

  // ---- inputs ----

  /** UTF-8 lines from a TCP server (e.g. `nc -lk 9999`); the storage level is accepted and ignored. */
  socketTextStream(hostname: string, port: number, storageLevel?: unknown): DStream<string> {
    if (isOptionsObject(storageLevel)) keywordArguments('StreamingContext.socketTextStream', storageLevel, ['storageLevel']);
    this.assertCanAddOperations();
    return socketInputDStream(this, hostname, port);
  }

  /** Lines of the text files that appear in `directory` after the start. */
  textFileStream(directory: string): DStream<string> {
    this.assertCanAddOperations();
    return fileInputDStream(this, toLocalPath(directory));
  }

  /**
   * Records of `recordLength` bytes (Uint8Array, PySpark's bytes) from the files that appear in
   * `directory` after the start; a file that is not a whole number of records fails its batch.
   */
  binaryRecordsStream(directory: string, recordLength: number): DStream<Uint8Array> {
    if (typeof recordLength !== 'number' || !Number.isInteger(recordLength) || recordLength <= 0) {
      throw new IllegalArgumentException(`requirement failed: recordLength must be positive, got ${String(recordLength)}`);
    }
    this.assertCanAddOperations();
    return binaryRecordsInputDStream(this, toLocalPath(directory), recordLength);
  }

  /** queueStream(rdds, oneAtATime?, default?) or queueStream(rdds, { oneAtATime, default }). */
  queueStream<T extends MapResultHint>(rdds: Iterable<RDD<T> | Iterable<T>>, oneAtATime: boolean | QueueStreamOptions<T> = true, defaultRdd: RDD<T> | Iterable<T> | null = null): DStream<Widened<T>> {
    if (isOptionsObject(oneAtATime)) {
      const kw = keywordArguments('StreamingContext.queueStream', oneAtATime, ['oneAtATime', 'default']);
      return this.queueStream(rdds, (kw.oneAtATime as boolean | undefined) ?? true, (kw.default as RDD<T> | Iterable<T> | null | undefined) ?? null);
    }
    this.assertCanAddOperations();
    return queueInputDStream(this, rdds, oneAtATime as boolean, defaultRdd) as DStream<Widened<T>>;
  }

  union<T>(...dstreams: DStream<T>[]): DStream<T> {
    if (dstreams.length === 0) throw new PySparkValueError('VALUE_ERROR', 'should have at least one DStream to union');
    if (dstreams.length === 1) return dstreams[0];
    if (new Set(dstreams.map((d) => d.slideDurationMs)).size > 1) throw new PySparkValueError('VALUE_ERROR', 'All DStreams should have same slide duration');
    return new DStream<T>(this, dstreams[0].slideDurationMs, dstreams as DStream<unknown>[], (t) => this.sparkContext.union(dstreams.map((d) => d.getOrCompute(t) ?? new RDD<T>([]))));
  }

  /** transformFunc(rdds) or transformFunc(time, rdds) over several streams' RDDs of one batch. */
  transform<U>(dstreams: DStream<unknown>[], transformFunc: (rdds: RDD<unknown>[]) => RDD<U>): DStream<U>;
  transform<U>(dstreams: DStream<unknown>[], transformFunc: (time: Date, rdds: RDD<unknown>[]) => RDD<U>): DStream<U>;
  transform<U>(dstreams: DStream<unknown>[], transformFunc: ((rdds: RDD<unknown>[]) => RDD<U>) | ((time: Date, rdds: RDD<unknown>[]) => RDD<U>)): DStream<U> {
    if (dstreams.length === 0) throw new PySparkValueError('VALUE_ERROR', 'should have at least one DStream to transform');
    return new DStream<U>(this, dstreams[0].slideDurationMs, dstreams, (t) => {
      const rdds = dstreams.map((d) => d.getOrCompute(t) ?? new RDD<unknown>([]));
      return transformFunc.length >= 2 ? (transformFunc as (time: Date, rdds: RDD<unknown>[]) => RDD<U>)(new Date(t), rdds) : (transformFunc as (rdds: RDD<unknown>[]) => RDD<U>)(rdds);
    });
  }

  /** Sets the checkpoint directory (created if missing); stateful operations require it. */
  checkpoint(directory: string): void {
    const local = toLocalPath(directory);
    fs.mkdirSync(local, { recursive: true });
    this.checkpointDir = local;
  }

  /** Keeps every stream's RDDs at least `duration` seconds. */
  remember(duration: number): void {
    this.rememberMs = secondsToMs(duration);
  }

  // ---- life cycle ----

  static getActive(): StreamingContext | null {
    return StreamingContext.active;
  }

  /**
   * A context recovered from the checkpoint in `checkpointPath`, or setupFunc()'s new context
   * (then checkpointing to `checkpointPath`). JavaScript functions cannot be read back from disk,
   * so unlike PySpark setupFunc also runs on recovery, to rebuild the same graph; the context then
   * resumes from the checkpoint: batch times continue after the last checkpointed batch (batches
   * missed while the program was down run first, as in Spark), stateful streams (updateStateByKey,
   * windows) keep their state and file streams do not read their files again.
   */
  static getOrCreate(checkpointPath: string, setupFunc: () => StreamingContext): StreamingContext {
    const saved = readLatestCheckpoint(checkpointPath);
    const ssc = setupFunc();
    if (!(ssc instanceof StreamingContext)) throw new PySparkValueError('VALUE_ERROR', 'setupFunc should return a StreamingContext');
    if (saved) ssc.recoverFrom(checkpointPath, saved);
    else ssc.checkpoint(checkpointPath);
    return ssc;
  }

  /** The active context, else getOrCreate(checkpointPath, setupFunc) (setupFunc() without a path). */
  static getActiveOrCreate(checkpointPath: string | null, setupFunc: () => StreamingContext): StreamingContext {
    if (StreamingContext.active) return StreamingContext.active;
    return checkpointPath === null || checkpointPath === undefined ? setupFunc() : StreamingContext.getOrCreate(checkpointPath, setupFunc);
  }

  private recoverFrom(checkpointPath: string, saved: DStreamCheckpoint): void {
    if (saved.batchDurationMs !== this.batchDurationMs || saved.streams.length !== this.streams.length || saved.streams.some((s, i) => s.slideDurationMs !== this.streams[i].slideDurationMs)) {
      throw new IllegalArgumentException(
        `requirement failed: The checkpoint in ${checkpointPath} was written by a different DStream graph (batch duration ${saved.batchDurationMs} ms, ${saved.streams.length} streams); setupFunc built one with batch duration ${this.batchDurationMs} ms and ${this.streams.length} streams`,
      );
    }
    this.checkpointDir = checkpointPath;
    this.recovery = saved;
  }

  start(): void {
    if (this.state === 'ACTIVE') {
      log.warn('StreamingContext has already been started');
      return;
    }
    if (this.state === 'STOPPED') throw new IllegalStateException('StreamingContext has already been stopped');
    if (StreamingContext.active) {
      throw new IllegalStateException('Only one StreamingContext may be started in this JVM. Currently running StreamingContext was started in this process.');
    }
    this.validate();
    this.clock = this.sparkContext.backingSession.clock;
    const now = this.clock.now();
    let startTime = (Math.floor(now / this.batchDurationMs) + 1) * this.batchDurationMs;
    this.zeroTime = startTime - this.batchDurationMs;
    const recovery = this.recovery;
    if (recovery) {
      // Spark's JobGenerator.restart: the zero time of the first run, and the batches from the
      // last checkpointed one on (those missed while down run at once).
      this.zeroTime = recovery.zeroTimeMs;
      startTime = recovery.checkpointTimeMs + this.batchDurationMs;
      recovery.streams.forEach((saved, i) => this.streams[i].restoreGenerated(saved.generated));
      for (const [i, stream] of this.streams.entries()) {
        const watcher = directoryWatcherOf(stream);
        const state = recovery.streams[i].watcher;
        if (watcher && state) watcher.restore(state);
      }
    }
    this.state = 'ACTIVE';
    StreamingContext.active = this;
    this.loop = this.run(startTime);
  }

  /** DStreamGraph.validate and DStream.validateAtStart, with Spark's texts. */
  private validate(): void {
    if (this.outputs.length === 0) throw new IllegalArgumentException('requirement failed: No output operations registered, so nothing to execute');
    const nodes = new Set<GraphNode>();
    const visit = (n: GraphNode): void => {
      if (nodes.has(n)) return;
      nodes.add(n);
      n.parents.forEach(visit);
    };
    this.outputs.forEach((o) => visit(o.stream));
    if (this.checkpointDir === undefined && [...nodes].some((n) => n.mustCheckpoint)) {
      throw new IllegalArgumentException('requirement failed: The checkpoint directory has not been set. Please set it by StreamingContext.checkpoint().');
    }
    // Every stream keeps what the windows over it need (windows over windows add up), plus two
    // slides for the previous state/window result.
    const lookBack = [...nodes].reduce((sum, n) => sum + n.lookBackMs, 0);
    const slide = Math.max(...[...nodes].map((n) => n.slideDurationMs));
    this.rememberMs = Math.max(this.rememberMs, lookBack + 2 * slide);
    this.graph = [...nodes];
  }

  private graph: GraphNode[] = [];

  private async run(startTime: number): Promise<void> {
    const clock = this.clock!;
    const signal = this.abort.signal;
    let time = startTime;
    try {
      for (const input of this.inputs) await input.start();
      const startedAt = clock.now();
      this.post((l) => l.onStreamingStarted?.({ time: () => startedAt }));
      while (!signal.aborted) {
        this.nextBatchMs = time;
        this.waitingForClock = true;
        this.notifyIdle();
        await clock.waitUntil(time, signal);
        this.waitingForClock = false;
        if (signal.aborted) break;
        await this.runBatch(time);
        time += this.batchDurationMs;
      }
      // A graceful stop processes what the receivers already hold.
      if (this.drainOnStop && this.inputs.some((i) => i.pendingCount() > 0)) await this.runBatch(time);
    } catch (e) {
      this.failure = e;
    } finally {
      for (const input of this.inputs) input.stop();
      this.loopDone = true;
      this.waitingForClock = false;
      if (this.failure !== undefined) {
        this.state = 'STOPPED';
        if (StreamingContext.active === this) StreamingContext.active = null;
      }
      this.notifyIdle();
      for (const w of this.terminationWaiters.splice(0)) w();
    }
  }

  /**
   * One batch: its output operations in order. A failing operation fails only itself, as in Spark:
   * the error is logged, reported to awaitTermination (which raises it from then on), and the
   * next operations and batches still run.
   */
  private async runBatch(time: number): Promise<void> {
    const clock = this.clock!;
    const submitted = clock.now();
    const event = (info: BatchInfo): BatchEvent => ({ batchInfo: () => info });
    const ops: Record<number, OutputOperationInfo> = {};
    const opInfo = (i: number, start: number, end: number, failure: string | null): OutputOperationInfo => new OutputOperationInfo(time, i, OUTPUT_OPERATION_NAME, start, end, failure);
    this.outputs.forEach((_, i) => (ops[i] = opInfo(i, -1, -1, null)));
    this.batchInputs = {};
    this.post((l) => l.onBatchSubmitted?.(event(new BatchInfo(time, {}, submitted, -1, -1, { ...ops }))));
    for (const input of this.inputs) await input.beforeBatch(time);
    const started = clock.now();
    this.post((l) => l.onBatchStarted?.(event(new BatchInfo(time, {}, submitted, started, -1, { ...ops }))));
    for (let i = 0; i < this.outputs.length; i++) {
      const opStart = clock.now();
      const startedInfo = opInfo(i, opStart, -1, null);
      this.post((l) => l.onOutputOperationStarted?.({ outputOperationInfo: () => startedInfo }));
      let failure: string | null = null;
      try {
        this.outputs[i].generateJob(time);
      } catch (e) {
        failure = errorText(e);
        jobLog.error(`Error running job streaming job ${time} ms.${i}: ${failure}`);
        this.reportError(e);
      }
      const done = opInfo(i, opStart, clock.now(), failure);
      ops[i] = done;
      this.post((l) => l.onOutputOperationCompleted?.({ outputOperationInfo: () => done }));
    }
    const inputs = this.batchInputs;
    if (this.checkpointDir !== undefined) this.writeCheckpoint(time);
    const forgetBefore = time - this.rememberMs;
    for (const node of this.graph) node.forgetBefore(forgetBefore);
    const info = new BatchInfo(time, inputs, submitted, started, clock.now(), ops);
    this.post((l) => l.onBatchCompleted?.(event(info)));
  }

  /** Spark's ContextWaiter.notifyError: awaitTermination raises it (every call) from now on. */
  private reportError(e: unknown): void {
    this.failure = e;
    for (const w of this.terminationWaiters.splice(0)) w();
  }

  private writeCheckpoint(time: number): void {
    try {
      writeCheckpoint(this.checkpointDir!, {
        version: 1,
        batchDurationMs: this.batchDurationMs,
        zeroTimeMs: this.zeroTime!,
        checkpointTimeMs: time,
        streams: this.streams.map((s) => ({ slideDurationMs: s.slideDurationMs, generated: s.snapshotGenerated(time - this.rememberMs), watcher: directoryWatcherOf(s)?.snapshot() })),
      });
    } catch (e) {
      log.warn(`Could not write checkpoint for time ${time} ms to ${this.checkpointDir}: ${errorText(e)}`);
    }
  }

  private notifyIdle(): void {
    const idle = this.loop === undefined || this.loopDone || (this.waitingForClock && this.clockNow() < this.nextBatchMs);
    if (idle) for (const w of this.idleWaiters.splice(0)) w();
  }

  /**
   * Rivulet test helper (not in PySpark): resolves once every batch due on the clock has run and
   * the context waits for the next batch time (or has terminated).
   */
  awaitIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.notifyIdle();
    });
  }

  /**
   * stop(stopSparkContext=True, stopGraceFully=False). A graceful stop first runs a last batch
   * for records the receivers already hold.
   */
  async stop(stopSparkContext: boolean | StopOptions = true, stopGraceFully = false): Promise<void> {
    if (isOptionsObject(stopSparkContext)) {
      const kw = keywordArguments('StreamingContext.stop', stopSparkContext, ['stopSparkContext', 'stopGraceFully']);
      return this.stop((kw.stopSparkContext as boolean | undefined) ?? true, (kw.stopGraceFully as boolean | undefined) ?? false);
    }
    if (this.state === 'ACTIVE') {
      this.drainOnStop = stopGraceFully;
      this.abort.abort();
      await this.loop;
    }
    if (this.state !== 'STOPPED') {
      this.state = 'STOPPED';
      for (const input of this.inputs) input.stop();
      if (StreamingContext.active === this) StreamingContext.active = null;
      for (const w of this.terminationWaiters.splice(0)) w();
    }
    if (stopSparkContext) await this.sparkContext.stop();
  }

  /** Waits for stop() or a failure (rethrown); with `timeout` (seconds) waits at most that long. */
  async awaitTermination(timeout?: number | null | { timeout?: number | null }): Promise<void> {
    if (isOptionsObject(timeout)) timeout = keywordArguments('StreamingContext.awaitTermination', timeout, ['timeout']).timeout as number | null | undefined;
    if (timeout === undefined || timeout === null) {
      await this.terminated(undefined);
    } else {
      await this.awaitTerminationOrTimeout(timeout);
    }
  }

  /** True when the context stopped within `timeout` seconds; a failure is rethrown. */
  async awaitTerminationOrTimeout(timeout: number): Promise<boolean> {
    return this.terminated(timeout * 1000);
  }

  private terminated(timeoutMs: number | undefined): Promise<boolean> {
    return keepingProcessAlive(this.waitUntilTerminated(timeoutMs));
  }

  private async waitUntilTerminated(timeoutMs: number | undefined): Promise<boolean> {
    const done = (): boolean => this.state === 'STOPPED' || this.loopDone;
    if (!done() && this.failure === undefined) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.terminationWaiters.push(resolve);
        if (timeoutMs !== undefined) timer = setTimeout(resolve, timeoutMs);
      });
      if (timer) clearTimeout(timer);
    }
    if (this.failure !== undefined) throw this.failure;
    return done();
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
}
