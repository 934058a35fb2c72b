// Worker-thread entry of kafka-broker-thread.ts: starts the test broker on this thread's own event
// loop and sends its port to the parent.
import { parentPort } from 'node:worker_threads';
import { KafkaTestBroker } from './kafka-test-broker';

void KafkaTestBroker.start().then((broker) => parentPort!.postMessage(broker.port));
