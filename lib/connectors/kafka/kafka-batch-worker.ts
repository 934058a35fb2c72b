// The Kafka worker thread's entry (started by kafka-batch-bridge.ts): runs batch reads with kafkajs
// and answers each on the bridge's port, then wakes the caller blocked on the shared signal.
// Errors cross as plain data (class name, message, error class, parameters) and are rebuilt on
// the caller's thread.
import { workerData, type MessagePort } from 'node:worker_threads';
import { readKafkaBatch, type KafkaBatchRequest } from './kafka-batch-read';
import { packKafkaRows } from './kafka-row-batch-transfer';
import { serializeError, type WorkerReply } from './kafka-worker-protocol';

const { port, signal: signalBuffer } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const signal = new Int32Array(signalBuffer);

function answer(reply: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(reply, transfer);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (request: KafkaBatchRequest) => {
  readKafkaBatch(request).then(
    (rows) => {
      const includeHeaders = request.options.some(([k, v]) => k.toLowerCase() === 'includeheaders' && v.toLowerCase() === 'true');
      const { packed, transfer } = packKafkaRows(rows, includeHeaders);
      answer({ ok: true, rows: packed }, transfer);
    },
    (e: unknown) => answer({ ok: false, error: serializeError(e) }),
  );
});
