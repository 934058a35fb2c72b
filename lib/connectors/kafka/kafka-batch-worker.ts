// The Kafka worker thread's entry (started by kafka-batch-bridge.ts): runs batch reads with kafkajs
// and answers each on the bridge's port, then wakes the caller blocked on the shared signal.
// Errors cross as plain data (class name, message, error class, parameters) and are rebuilt on
// the caller's thread.
import { workerData, type MessagePort } from 'node:worker_threads';
import { readKafkaBatch, type KafkaBatchRequest } from './kafka-batch-read';
import { serializeError, type WorkerReply } from './kafka-worker-protocol';

const { port, signal: signalBuffer } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const signal = new Int32Array(signalBuffer);

function answer(reply: WorkerReply): void {
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (request: KafkaBatchRequest) => {
  readKafkaBatch(request).then(
    (rows) => answer({ ok: true, rows }),
    (e: unknown) => answer({ ok: false, error: serializeError(e) }),
  );
});
