// The in-repo test broker on a worker thread of its own, for tests of synchronous Kafka reads
// (`spark.read.format('kafka')`): those block the calling thread on an Atomics wait, so a broker
// serving on that same thread could never answer. Set-up calls go over the wire (kafkajs admin and
// producer), as against a real broker; a real broker (RIVULET_KAFKA_BOOTSTRAP) is used when named.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { connectKafkaBroker, type BrokerUnderTest } from './kafka-broker-under-test';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
require(workerData.tsx).register();
require(workerData.entry);
`;

export async function startKafkaBrokerOffThread(): Promise<BrokerUnderTest> {
  const real = process.env.RIVULET_KAFKA_BOOTSTRAP;
  if (real) return connectKafkaBroker(real);
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { tsx: require.resolve('tsx/cjs/api'), entry: path.join(__dirname, 'kafka-test-broker', 'broker-thread-main.ts') },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the test broker thread exited (${code})`)));
  });
  const broker = await connectKafkaBroker(`127.0.0.1:${port}`);
  return {
    bootstrapServers: broker.bootstrapServers,
    producesNullHeaderValues: broker.producesNullHeaderValues,
    createTopic: (name, partitions, config) => broker.createTopic(name, partitions, config),
    deleteTopic: (name) => broker.deleteTopic(name),
    deleteRecordsBefore: (topic, partition, offset) => broker.deleteRecordsBefore(topic, partition, offset),
    append: (topic, partition, records) => broker.append(topic, partition, records),
    offsets: (topic, partition) => broker.offsets(topic, partition),
    stop: async () => {
      try {
        await broker.stop();
      } finally {
        await worker.terminate();
      }
    },
  };
}
