// examples/kafka-exactly-once.ts end to end against the test broker it starts.
import { main } from '../../../examples/kafka-exactly-once';

test('word counts through the transactional Kafka sink, read back with read_committed', async () => {
  expect(await main(['--test-broker'])).toEqual(['a=3', 'b=1', 'c=1']);
});
