// PySpark's StreamingListener: override the callbacks you need. The events carry what PySpark's
// listener receives from the JVM (JavaBatchInfo & co.), read through methods:
// batchInfo().batchTime().milliseconds(), numRecords(), processingDelay() (-1 while unknown),
// outputOperationInfos()[id].failureReason().

/** Spark's streaming Time: a batch time in milliseconds; prints as "500 ms". */
export class Time {
  constructor(private readonly ms: number) {}

  milliseconds(): number {
    return this.ms;
  }

  toString(): string {
    return `${this.ms} ms`;
  }
}

/** What one input stream read for a batch (queueStream reports none, as in Spark). */
export class StreamInputInfo {
  constructor(
    private readonly id: number,
    private readonly records: number,
    private readonly meta: Record<string, unknown> = {},
  ) {}

  inputStreamId(): number {
    return this.id;
  }

  numRecords(): number {
    return this.records;
  }

  metadata(): Record<string, unknown> {
    return this.meta;
  }

  metadataDescription(): string | null {
    const d = this.meta['Description'];
    return typeof d === 'string' ? d : null;
  }
}

/** One output operation (pprint, foreachRDD, saveAsTextFiles) of one batch. */
export class OutputOperationInfo {
  constructor(
    private readonly time: number,
    private readonly opId: number,
    private readonly opName: string,
    private readonly started: number,
    private readonly ended: number,
    private readonly failure: string | null,
  ) {}

  batchTime(): Time {
    return new Time(this.time);
  }

  id(): number {
    return this.opId;
  }

  name(): string {
    return this.opName;
  }

  description(): string {
    return this.opName;
  }

  /** -1 until the operation starts. */
  startTime(): number {
    return this.started;
  }

  /** -1 until the operation ends. */
  endTime(): number {
    return this.ended;
  }

  /** The error text when the operation failed, else null (PySpark: None). */
  failureReason(): string | null {
    return this.failure;
  }

  duration(): number {
    return this.started < 0 || this.ended < 0 ? -1 : this.ended - this.started;
  }
}

/** One batch as the listener sees it; times and delays in milliseconds, -1 when not known yet. */
export class BatchInfo {
  constructor(
    private readonly time: number,
    private readonly inputs: Record<number, StreamInputInfo>,
    private readonly submitted: number,
    private readonly started: number,
    private readonly ended: number,
    private readonly outputs: Record<number, OutputOperationInfo>,
  ) {}

  batchTime(): Time {
    return new Time(this.time);
  }

  streamIdToInputInfo(): Record<number, StreamInputInfo> {
    return this.inputs;
  }

  /** The records of every input stream of the batch (0 for queueStream, as in Spark). */
  numRecords(): number {
    return Object.values(this.inputs).reduce((n, i) => n + i.numRecords(), 0);
  }

  submissionTime(): number {
    return this.submitted;
  }

  processingStartTime(): number {
    return this.started;
  }

  processingEndTime(): number {
    return this.ended;
  }

  schedulingDelay(): number {
    return this.started < 0 ? -1 : this.started - this.submitted;
  }

  processingDelay(): number {
    return this.ended < 0 ? -1 : this.ended - this.started;
  }

  totalDelay(): number {
    return this.ended < 0 ? -1 : this.ended - this.submitted;
  }

  outputOperationInfos(): Record<number, OutputOperationInfo> {
    return this.outputs;
  }
}

export interface BatchEvent {
  batchInfo(): BatchInfo;
}

export interface OutputOperationEvent {
  outputOperationInfo(): OutputOperationInfo;
}

export class StreamingListener {
  onStreamingStarted(_streamingStarted: { time(): number }): void {}
  onBatchSubmitted(_batchSubmitted: BatchEvent): void {}
  onBatchStarted(_batchStarted: BatchEvent): void {}
  onBatchCompleted(_batchCompleted: BatchEvent): void {}
  onOutputOperationStarted(_outputOperationStarted: OutputOperationEvent): void {}
  onOutputOperationCompleted(_outputOperationCompleted: OutputOperationEvent): void {}
}
