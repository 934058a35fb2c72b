// The synchronous bridge to Kafka for batch reads: `spark.read.format('kafka')...collect()` is
// synchronous, kafkajs is not. One worker thread per process runs kafkajs (kafka-batch-worker.ts);
// the caller posts a request and blocks on an Atomics wait until the worker has the whole answer,
// as lib/connect/grpc-bridge.ts does for Spark Connect. The worker is unref'd, so it never keeps
// a script alive, and a worker that dies wakes the caller with an error instead of a hang.
import * as path from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { SparkException } from '../../errors/spark-exception';
import type { KafkaBatchRequest } from './kafka-batch-read';
import { unpackKafkaRows } from './kafka-row-batch-transfer';
import { deserializeError, type WorkerReply } from './kafka-worker-protocol';

// Loads the worker's module; under ts-jest or tsx (a .ts checkout) through tsx's require hook.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const signal = new Int32Array(workerData.signal);
process.on('exit', () => { Atomics.store(signal, 1, 1); Atomics.notify(signal, 0); });
if (workerData.tsx) require(workerData.tsx).register();
require(workerData.entry);
`;

const REPLY = 0;
const DEAD = 1;

export class KafkaBatchBridge {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private closed = false;

  constructor() {
    const ext = path.extname(__filename);
    const entry = path.join(__dirname, `kafka-batch-worker${ext}`);
    const tsx = ext === '.ts' ? require.resolve('tsx/cjs/api') : undefined;
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { entry, tsx, signal: this.signal.buffer, port: channel.port2 },
      transferList: [channel.port2],
    });
    this.worker.unref();
    this.port.unref();
    // A worker failure is seen through the DEAD flag by the blocked caller; nothing to do here.
    this.worker.on('error', () => undefined);
  }

  /** Runs one batch read in the worker and blocks until its rows (or its error) come back. */
  read(request: KafkaBatchRequest): unknown[][] {
    if (this.closed) throw new SparkException('The Kafka worker thread of this process has been stopped.');
    Atomics.store(this.signal, REPLY, 0);
    this.port.postMessage(request);
    for (;;) {
      const got = receiveMessageOnPort(this.port);
      if (got) return unwrap(got.message as WorkerReply);
      if (Atomics.load(this.signal, DEAD) === 1) {
        this.closed = true;
        throw new SparkException('The Kafka worker thread exited before answering (see the error it logged above). This is a bug in Rivulet; please report it.');
      }
      // Woken by the reply (or the worker's exit); the timeout only re-checks both.
      Atomics.wait(this.signal, REPLY, 0, 1000);
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.port.close();
    return this.worker.terminate().then(() => undefined);
  }
}

function unwrap(reply: WorkerReply): unknown[][] {
  if (reply.ok) return unpackKafkaRows(reply.rows);
  throw deserializeError(reply.error);
}

let shared: KafkaBatchBridge | undefined;

/** The process's Kafka worker, started on the first batch read. */
export function kafkaBatchBridge(): KafkaBatchBridge {
  shared ??= new KafkaBatchBridge();
  return shared;
}

/** Stops the worker (a later read starts a new one). */
export async function closeKafkaBatchBridge(): Promise<void> {
  const bridge = shared;
  shared = undefined;
  await bridge?.close();
}
