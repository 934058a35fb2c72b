// A single-node Kafka broker speaking the real wire protocol on 127.0.0.1 (random port), for tests
// and benchmarks that run the real kafkajs client: ApiVersions, Metadata, ListOffsets, Fetch,
// Produce, CreateTopics, DeleteTopics, DeleteRecords, optional SASL/PLAIN, and transactions
// (FindCoordinator, InitProducerId, AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit, EndTxn,
// OffsetFetch; control records, the last stable offset and aborted transactions for read_committed).
import * as net from 'node:net';
import { BrokerState, ErrorCode } from './broker-state';
import { type AppendRecord } from './partition-log';
import { handleRequest, type BrokerContext, type ConnectionState } from './request-handlers';
import { WireReader, WireWriter } from './wire';

export interface KafkaTestBrokerOptions {
  /** Broker clock in epoch milliseconds (LogAppendTime, produce timestamps); Date.now by default. */
  now?: () => number;
  /** Require SASL/PLAIN with these credentials (a SASL_PLAINTEXT listener). */
  sasl?: { username: string; password: string };
  nodeId?: number;
}

export class KafkaTestBroker {
  private readonly state = new BrokerState();
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    private readonly ctx: BrokerContext,
  ) {}

  static async start(options: KafkaTestBrokerOptions = {}): Promise<KafkaTestBroker> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as net.AddressInfo).port;
    const now = options.now ?? Date.now;
    const ctx: BrokerContext = { state: undefined as unknown as BrokerState, nodeId: options.nodeId ?? 0, host: '127.0.0.1', port, now: () => BigInt(now()), sasl: options.sasl };
    const broker = new KafkaTestBroker(server, ctx);
    ctx.state = broker.state;
    server.on('connection', (socket) => broker.serve(socket));
    return broker;
  }

  get bootstrapServers(): string {
    return `${this.ctx.host}:${this.ctx.port}`;
  }

  get port(): number {
    return this.ctx.port;
  }

  /** Creates a topic; `config` takes Kafka topic configs such as message.timestamp.type. */
  createTopic(name: string, partitions = 1, config: Record<string, string> = {}): void {
    const code = this.state.createTopic(name, partitions, 1, config);
    if (code !== ErrorCode.NONE) throw new Error(`createTopic(${name}) failed with Kafka error code ${code}`);
  }

  deleteTopic(name: string): void {
    if (this.state.deleteTopic(name) !== ErrorCode.NONE) throw new Error(`Unknown topic ${name}`);
  }

  /** Moves the partition's log start offset to `offset`, as retention or DeleteRecords does. */
  deleteRecordsBefore(topic: string, partition: number, offset: number | bigint): void {
    const [code] = this.state.deleteRecords(topic, partition, BigInt(offset));
    if (code !== ErrorCode.NONE) throw new Error(`deleteRecordsBefore(${topic}, ${partition}, ${offset}) failed with Kafka error code ${code}`);
  }

  /** Appends records as one batch without a client (fast test setup); returns the base offset. */
  append(topic: string, partition: number, records: AppendRecord[]): number {
    const log = this.state.partition(topic, partition);
    if (!log) throw new Error(`Unknown partition ${topic}-${partition}`);
    const now = this.ctx.now();
    const recs = records.map((r, i) => ({
      offset: BigInt(i),
      timestamp: r.timestamp === undefined ? now : BigInt(r.timestamp),
      key: toBuffer(r.key ?? null),
      value: toBuffer(r.value),
      headers: r.headers ?? [],
    }));
    const firstTimestamp = recs.length > 0 ? recs.reduce((m, r) => (r.timestamp < m ? r.timestamp : m), recs[0].timestamp) : now;
    const maxTimestamp = recs.reduce((m, r) => (r.timestamp > m ? r.timestamp : m), firstTimestamp);
    const base = log.append(
      { baseOffset: 0n, partitionLeaderEpoch: 0, timestampType: 0, transactional: false, control: false, firstTimestamp, maxTimestamp, producerId: -1n, producerEpoch: -1, baseSequence: -1, records: recs },
      now,
    );
    this.state.notifyAppend();
    return Number(base);
  }

  /** [log start offset, high watermark] of a partition. */
  offsets(topic: string, partition: number): [number, number] {
    const log = this.state.partition(topic, partition);
    if (!log) throw new Error(`Unknown partition ${topic}-${partition}`);
    return [Number(log.logStartOffset), Number(log.highWatermark)];
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.state.notifyAppend();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const conn: ConnectionState = { authenticated: false, handshakeDone: false };
    let pending = Buffer.alloc(0);
    // Requests on one connection are answered in order, as Kafka guarantees.
    let queue = Promise.resolve();
    socket.on('data', (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const size = pending.readInt32BE(0);
        if (pending.length < 4 + size) break;
        const frame = Buffer.from(pending.subarray(4, 4 + size));
        pending = pending.subarray(4 + size);
        queue = queue.then(() => this.respond(socket, frame, conn));
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async respond(socket: net.Socket, frame: Buffer, conn: ConnectionState): Promise<void> {
    if (socket.destroyed) return;
    let result;
    let correlationId = 0;
    try {
      const r = new WireReader(frame);
      const apiKey = r.int16();
      const version = r.int16();
      correlationId = r.int32();
      r.nullableString(); // client id
      result = await handleRequest(apiKey, version, r, this.ctx, conn);
    } catch {
      result = 'close' as const;
    }
    if (result === 'close') {
      socket.destroy();
      return;
    }
    if (result === null || socket.destroyed) return;
    const body = result.toBuffer();
    socket.write(new WireWriter().int32(4 + body.length).int32(correlationId).raw(body).toBuffer());
  }
}

function toBuffer(v: Buffer | string | null): Buffer | null {
  return v === null ? null : typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
}
