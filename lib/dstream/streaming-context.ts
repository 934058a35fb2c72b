// PySpark's StreamingContext: the DStream graph, its inputs and the batch loop. Batches fall on
// multiples of the batch interval (as Spark's RecurringTimer), timed by the session clock, so a
// ManualClock drives them in tests; each batch runs the output operations in the order they were
// registered, synchronously.
import * as fs from 'node:fs';
import { IllegalArgumentException, PySparkValueError } from '../errors/illegal-argument-exception';
import { SparkContext as SessionSparkContext, StreamSession } from '../session/stream-session';
import type { Clock } from '../streaming/clock';
import { Logger } from '../util/logger';
import { toLocalPath } from '../util/local-path';
import { secondsToMs } from './batch-time';
import { DStream } from './dstream';
import type { DStreamContext, GraphNode, InputReceiver, OutputOperation } from './dstream-context';
import { fileInputDStream } from './file-input-dstream';
import type { MapResultHint, Widened } from './map-result';
import { IllegalStateException } from './illegal-state-exception';
import { queueInputDStream } from './queue-input-dstream';
import { RDD } from './rdd';
import { socketInputDStream } from './socket-input-dstream';
import { SparkContext } from './spark-context';
import { BatchInfo, type BatchEvent, type StreamingListener } from './streaming-listener';

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
  private batchRecords = 0;

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

  reportInputRecords(count: number): void {
    this.batchRecords += count;
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
  socketTextStream(hostname: string, port: number, _storageLevel?: unknown): DStream<string> {
    this.assertCanAddOperations();
    return socketInputDStream(this, hostname, port);
  }

  /** Lines of the text files that appear in `directory` after the start. */
  textFileStream(directory: string): DStream<string> {
    this.assertCanAddOperations();
    return fileInputDStream(this, toLocalPath(directory));
  }

  queueStream<T extends MapResultHint>(rdds: Iterable<RDD<T> | Iterable<T>>, oneAtATime = true, defaultRdd: RDD<T> | Iterable<T> | null = null): DStream<Widened<T>> {
    this.assertCanAddOperations();
    return queueInputDStream(this, rdds, oneAtATime, defaultRdd) as DStream<Widened<T>>;
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
   * Rivulet does not write DStream graph metadata to the checkpoint, so there is nothing to
   * recover from: setupFunc builds a new context (its stateful streams start empty).
   */
  static getOrCreate(_checkpointPath: string, setupFunc: () => StreamingContext): StreamingContext {
    return setupFunc();
  }

  static getActiveOrCreate(_checkpointPath: string | null, setupFunc: () => StreamingContext): StreamingContext {
    return StreamingContext.active ?? setupFunc();
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
    const startTime = (Math.floor(now / this.batchDurationMs) + 1) * this.batchDurationMs;
    this.zeroTime = startTime - this.batchDurationMs;
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

  private async runBatch(time: number): Promise<void> {
    const clock = this.clock!;
    const submitted = clock.now();
    const event = (info: BatchInfo): BatchEvent => ({ batchInfo: () => info });
    this.post((l) => l.onBatchSubmitted?.(event(new BatchInfo(time, -1, submitted, -1, -1))));
    for (const input of this.inputs) await input.beforeBatch(time);
    this.batchRecords = 0;
    const started = clock.now();
    this.post((l) => l.onBatchStarted?.(event(new BatchInfo(time, -1, submitted, started, -1))));
    for (let i = 0; i < this.outputs.length; i++) {
      try {
        this.outputs[i].generateJob(time);
      } catch (e) {
        jobLog.error(`Error running job streaming job ${time} ms.${i}: ${(e as Error)?.message ?? String(e)}`);
        throw e;
      }
    }
    const forgetBefore = time - this.rememberMs;
    for (const node of this.graph) node.forgetBefore(forgetBefore);
    const info = new BatchInfo(time, this.batchRecords, submitted, started, clock.now());
    this.post((l) => l.onBatchCompleted?.(event(info)));
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
  async stop(stopSparkContext = true, stopGraceFully = false): Promise<void> {
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
  async awaitTermination(timeout?: number | null): Promise<void> {
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

  private async terminated(timeoutMs: number | undefined): Promise<boolean> {
    const done = (): boolean => this.state === 'STOPPED' || this.loopDone;
    if (!done()) {
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
