// The order of a batch's topic-partitions, as PySpark 4.2 printed them on a real Kafka 4.1 broker
// (each topic read from earliest with one record per partition, console sink; then the three
// topics at once through subscribePattern): Spark plans them in its end-offset map's iteration
// order, which comes from TopicPartition hash codes, not from topic and partition numbers.
import { sparkPartitionOrder } from '../../../lib/connectors/kafka/spark-partition-order';

const keys = (topic: string, n: number): string[] => Array.from({ length: n }, (_, p) => `${topic}-${p}`);

test.each([
  ['oracle-a-kv', 2, [0, 1]],
  ['oracle-a-so', 2, [1, 0]],
  ['probe-b', 3, [2, 1, 0]],
  ['events', 4, [3, 0, 1, 2]],
  ['probe-alpha', 5, [3, 1, 2, 0, 4]],
  ['zz-topic-long-name', 6, [0, 3, 4, 5, 1, 2]],
] as const)('%s with %i partitions reads partitions %j in that order', (topic, n, order) => {
  expect(sparkPartitionOrder(keys(topic, n))).toEqual(order.map((p) => `${topic}-${p}`));
});

test('partitions of several topics interleave by hash (12 partitions of 3 topics)', () => {
  const all = [...keys('probe-alpha', 5), ...keys('probe-b', 3), ...keys('events', 4)];
  expect(sparkPartitionOrder(all)).toEqual([
    'probe-alpha-3', 'probe-alpha-1', 'events-2', 'events-1', 'probe-b-2', 'probe-alpha-2',
    'probe-alpha-0', 'probe-b-1', 'events-0', 'probe-b-0', 'events-3', 'probe-alpha-4',
  ]);
  // Independent of the order the keys are given in.
  expect(sparkPartitionOrder([...all].reverse())).toEqual(sparkPartitionOrder(all));
});
