// The gRPC channel to a Spark Connect server lives in a worker thread, so that the calls local mode
// makes synchronously (`df.collect()`, `df.schema`, `query.status`, `writeStream.start()`) stay
// synchronous in remote mode: the main thread sends the encoded request and blocks on an Atomics
// wait until the worker has the whole (streamed) answer. Calls local mode makes asynchronously
// (`awaitTermination`, `stop`, `processAllAvailable`) use the same worker without blocking.
// The worker only moves bytes; protobuf encoding and decoding stay on the main thread.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** A gRPC failure as the worker saw it. */
export interface GrpcFailure {
  code: number;
  details: string;
  /** The `grpc-status-details-bin` trailer (a google.rpc.Status), when the server sent one. */
  statusDetails: Uint8Array | undefined;
}

/** Receives the messages of a long-running server stream after its first one. */
export interface LiveStream {
  onMessage(message: Uint8Array): void;
  onEnd(reply: BridgeReply): void;
}

/** A failed server stream keeps the messages that arrived before the failure (a reattachable execution resumes after them). */
export type BridgeReply = { ok: true; messages: Uint8Array[] } | { ok: false; error: GrpcFailure; messages?: Uint8Array[] };

export interface BridgeTarget {
  host: string;
  port: number;
  useSsl: boolean;
  /** Sent as `authorization: Bearer <token>` on every call. */
  token: string | undefined;
  /** Extra gRPC metadata from the connection string's other parameters. */
  headers: Record<string, string>;
}

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const grpc = require(workerData.grpcPath);
const t = workerData.target;
const credentials = t.useSsl ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
const client = new grpc.Client(t.host + ':' + t.port, credentials, {
  'grpc.max_receive_message_length': 128 * 1024 * 1024,
  'grpc.max_send_message_length': 128 * 1024 * 1024,
});
const identity = (b) => b;
function metadata() {
  const m = new grpc.Metadata();
  if (t.token) m.set('authorization', 'Bearer ' + t.token);
  for (const k of Object.keys(t.headers)) m.set(k, t.headers[k]);
  return m;
}
function failure(err) {
  let statusDetails;
  if (err && err.metadata) {
    const v = err.metadata.get('grpc-status-details-bin');
    if (v && v.length) statusDetails = new Uint8Array(v[0]);
  }
  return { code: err && typeof err.code === 'number' ? err.code : 2, details: String((err && (err.details || err.message)) || err), statusDetails };
}
function call(method, streaming, bytes, done) {
  const path = '/spark.connect.SparkConnectService/' + method;
  const req = Buffer.from(bytes);
  if (streaming) {
    const messages = [];
    let finished = false;
    const stream = client.makeServerStreamRequest(path, identity, identity, req, metadata(), {});
    stream.on('data', (m) => messages.push(new Uint8Array(m)));
    stream.on('error', (e) => { if (!finished) { finished = true; done({ ok: false, error: failure(e), messages }); } });
    stream.on('end', () => { if (!finished) { finished = true; done({ ok: true, messages }); } });
  } else {
    client.makeUnaryRequest(path, identity, identity, req, metadata(), {}, (e, m) => {
      done(e ? { ok: false, error: failure(e) } : { ok: true, messages: [new Uint8Array(m)] });
    });
  }
}
const signal = new Int32Array(workerData.signal);
function syncReply(reply) {
  workerData.syncPort.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
// A long-running server stream: its first message answers synchronously, the others (and its end)
// go to the async port as they arrive.
function live(msg) {
  const path = '/spark.connect.SparkConnectService/' + msg.method;
  let started = false;
  let finished = false;
  const later = (m) => workerData.asyncPort.postMessage(Object.assign({ id: msg.id }, m));
  const stream = client.makeServerStreamRequest(path, identity, identity, Buffer.from(msg.bytes), metadata(), {});
  stream.on('data', (m) => {
    if (!started) { started = true; syncReply({ ok: true, messages: [new Uint8Array(m)] }); }
    else later({ message: new Uint8Array(m) });
  });
  const end = (reply) => {
    if (finished) return;
    finished = true;
    if (!started) { started = true; syncReply(reply); later({ reply: { ok: true, messages: [] } }); }
    else later({ reply });
  };
  stream.on('error', (e) => end({ ok: false, error: failure(e) }));
  stream.on('end', () => end({ ok: true, messages: [] }));
}
workerData.syncPort.on('message', (msg) => {
  if (msg.live) live(msg);
  else call(msg.method, msg.streaming, msg.bytes, syncReply);
});
workerData.asyncPort.on('message', (msg) => {
  call(msg.method, msg.streaming, msg.bytes, (reply) => workerData.asyncPort.postMessage({ id: msg.id, reply }));
});
parentPort.on('message', (msg) => { if (msg === 'close') { client.close(); process.exit(0); } });
`;

export class GrpcBridge {
  private readonly worker: Worker;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly syncPort: MessagePort;
  private readonly asyncPort: MessagePort;
  private readonly pending = new Map<number, (reply: BridgeReply) => void>();
  private readonly live = new Map<number, LiveStream>();
  private nextId = 1;
  private closed = false;

  constructor(target: BridgeTarget) {
    const sync = new MessageChannel();
    const asyncChannel = new MessageChannel();
    this.syncPort = sync.port1;
    this.asyncPort = asyncChannel.port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { grpcPath: require.resolve('@grpc/grpc-js'), target, signal: this.signal.buffer, syncPort: sync.port2, asyncPort: asyncChannel.port2 },
      transferList: [sync.port2, asyncChannel.port2],
    });
    this.worker.unref();
    this.asyncPort.on('message', (msg: { id: number; reply?: BridgeReply; message?: Uint8Array }) => {
      const stream = this.live.get(msg.id);
      if (stream) {
        if (msg.message) stream.onMessage(msg.message);
        else if (msg.reply) {
          this.live.delete(msg.id);
          stream.onEnd(msg.reply);
        }
        return;
      }
      if (!msg.reply) return;
      const resolve = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (this.pending.size === 0) this.asyncPort.unref();
      resolve?.(msg.reply as BridgeReply);
    });
    this.asyncPort.unref();
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', () => this.failAll(new Error('the Spark Connect channel thread exited')));
  }

  /** Blocks until the call completes; a server stream's messages all come back at once. */
  callSync(method: string, streaming: boolean, bytes: Uint8Array): BridgeReply {
    if (this.closed) return closedReply();
    Atomics.store(this.signal, 0, 0);
    this.syncPort.postMessage({ method, streaming, bytes });
    for (;;) {
      const r = Atomics.wait(this.signal, 0, 0, 1000);
      if (r !== 'timed-out') break;
      const early = receiveMessageOnPort(this.syncPort);
      if (early) return early.message as BridgeReply;
    }
    const got = receiveMessageOnPort(this.syncPort);
    if (!got) throw new Error('the Spark Connect channel thread sent no reply (a bug)');
    return got.message as BridgeReply;
  }

  /**
   * Starts a long-running server stream (e.g. the listener bus): blocks until its first message
   * (or failure), which is returned; later messages go to `stream.onMessage` and the end (or a
   * failure) to `stream.onEnd`. An open stream does not keep the process alive.
   */
  callLive(method: string, bytes: Uint8Array, stream: LiveStream): BridgeReply {
    if (this.closed) return closedReply();
    const id = this.nextId++;
    this.live.set(id, stream);
    Atomics.store(this.signal, 0, 0);
    this.syncPort.postMessage({ live: true, id, method, bytes });
    for (;;) {
      const r = Atomics.wait(this.signal, 0, 0, 1000);
      if (r !== 'timed-out') break;
      const early = receiveMessageOnPort(this.syncPort);
      if (early) return early.message as BridgeReply;
    }
    const got = receiveMessageOnPort(this.syncPort);
    if (!got) throw new Error('the Spark Connect channel thread sent no reply (a bug)');
    return got.message as BridgeReply;
  }

  callAsync(method: string, streaming: boolean, bytes: Uint8Array): Promise<BridgeReply> {
    if (this.closed) return Promise.resolve(closedReply());
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.asyncPort.ref();
      this.asyncPort.postMessage({ id, method, streaming, bytes });
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.postMessage('close');
      this.syncPort.close();
      this.asyncPort.close();
    });
  }

  private failAll(e: unknown): void {
    this.closed = true;
    const error = { code: 14, details: e instanceof Error ? e.message : String(e), statusDetails: undefined };
    for (const resolve of this.pending.values()) resolve({ ok: false, error });
    this.pending.clear();
    for (const stream of this.live.values()) stream.onEnd({ ok: false, error });
    this.live.clear();
  }
}

function closedReply(): BridgeReply {
  return { ok: false, error: { code: 1, details: 'The Spark Connect session is closed.', statusDetails: undefined } };
}
