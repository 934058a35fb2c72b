// What a DStream needs of its StreamingContext (an interface, so dstream.ts and
// streaming-context.ts do not import each other).
import type { SparkContext } from './spark-context';

/** Something that runs on every batch: pprint, foreachRDD, saveAsTextFiles. */
export interface OutputOperation {
  /** Runs the output for batch `timeMs` if the stream has an RDD at that time. */
  generateJob(timeMs: number): void;
  /** The streams this output reads, to validate and size the graph at start. */
  readonly stream: GraphNode;
}

/** The graph view of a DStream. */
export interface GraphNode {
  readonly slideDurationMs: number;
  readonly parents: readonly GraphNode[];
  /** The window this stream looks back over (beyond its own slide), for remember durations. */
  readonly lookBackMs: number;
  readonly mustCheckpoint: boolean;
  forgetBefore(timeMs: number): void;
}

/** A source of data that lives outside the graph (a socket, a directory, a queue). */
export interface InputReceiver {
  start(): Promise<void>;
  /** Called at each batch boundary before jobs run (socket reconnects happen here). */
  beforeBatch(timeMs: number): Promise<void>;
  stop(): void;
  /** Records received and not yet handed to a batch. */
  pendingCount(): number;
}

export interface DStreamContext {
  readonly sparkContext: SparkContext;
  readonly batchDurationMs: number;
  /** The time before the first batch; undefined until start(). */
  readonly zeroTimeMs: number | undefined;
  readonly clockNow: () => number;
  registerOutput(output: OutputOperation): void;
  registerInput(input: InputReceiver): void;
  /** Every DStream registers itself at creation (checkpoints match streams by this order). */
  registerStream(stream: unknown): void;
  /** Spark's getNewInputStreamId: input streams are numbered in creation order from 0. */
  newInputStreamId(): number;
  /** Input streams that know their record counts (socket, files) report them for BatchInfo. */
  reportInputRecords(streamId: number, count: number, metadata?: Record<string, unknown>): void;
  /** Spark refuses new streams once the context started or stopped. */
  assertCanAddOperations(): void;
}
