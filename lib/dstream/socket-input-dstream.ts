// socketTextStream: the text socket connector's source used as a receiver. Lines that arrived
// before a batch boundary form that batch. As Spark's receiver, a refused or lost connection is
// logged and retried (every 2 seconds of clock time) instead of stopping the context.
import { TextSocketSource } from '../connectors/socket/socket-source';
import type { Offset } from '../connectors/source';
import { Logger } from '../util/logger';
import { DStream } from './dstream';
import type { DStreamContext, InputReceiver } from './dstream-context';
import { RDD } from './rdd';

const log = new Logger('ReceiverSupervisorImpl');
const RESTART_DELAY_MS = 2000;

export class SocketReceiver implements InputReceiver {
  private source: TextSocketSource | undefined;
  private lastOffset: Offset | null = null;
  private nextAttemptMs = -Infinity;
  private stopped = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly now: () => number,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const source = new TextSocketSource({ host: this.host, port: this.port, includeTimestamp: false });
    try {
      await source.initialize();
      // stop() may have come while connecting: do not leave the socket open.
      if (this.stopped) {
        source.stop();
        return;
      }
      this.source = source;
      this.lastOffset = null;
    } catch {
      source.stop();
      this.restartLater(`Error connecting to ${this.host}:${this.port}`);
    }
  }

  private restartLater(reason: string): void {
    log.warn(`Restarting receiver with delay ${RESTART_DELAY_MS} ms: ${reason}`);
    this.nextAttemptMs = this.now() + RESTART_DELAY_MS;
  }

  async beforeBatch(): Promise<void> {
    if (!this.source && !this.stopped && this.now() >= this.nextAttemptMs) await this.connect();
  }

  /** All lines received since the last batch. */
  takeLines(): string[] {
    const source = this.source;
    if (!source) return [];
    let latest: Offset | null;
    try {
      latest = source.latestOffset();
    } catch {
      // The remote end closed (every line it sent has been taken): restart as Spark's receiver.
      source.stop();
      this.source = undefined;
      this.restartLater('Socket data stream had no more data');
      return [];
    }
    if (latest === null || latest === this.lastOffset) return [];
    const rows = source.getBatch(this.lastOffset, latest);
    source.commit(latest);
    this.lastOffset = latest;
    return rows.map((r) => r[0] as string);
  }

  pendingCount(): number {
    if (!this.source) return 0;
    try {
      const latest = this.source.latestOffset();
      return latest === null ? 0 : (latest as number) - (this.lastOffset === null ? -1 : (this.lastOffset as number));
    } catch {
      return 0;
    }
  }

  stop(): void {
    this.stopped = true;
    this.source?.stop();
    this.source = undefined;
  }
}

export function socketInputDStream(ssc: DStreamContext, host: string, port: number): DStream<string> {
  const receiver = new SocketReceiver(host, port, ssc.clockNow);
  ssc.registerInput(receiver);
  const id = ssc.newInputStreamId();
  const stream = new DStream<string>(ssc, ssc.batchDurationMs, [], () => {
    const lines = receiver.takeLines();
    ssc.reportInputRecords(id, lines.length);
    return new RDD(lines);
  });
  receivers.set(stream, receiver);
  return stream;
}

const receivers = new WeakMap<DStream<unknown>, InputReceiver>();

/** Records received by an input stream and not yet in a batch (tests wait on this). */
export function pendingRecords(stream: DStream<unknown>): number {
  return receivers.get(stream)?.pendingCount() ?? 0;
}
