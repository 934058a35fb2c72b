// examples/kafka-batch-range.ts end to end against the test broker it starts on its own thread.
import { main } from '../../../examples/kafka-batch-range';
import { captureStdout } from '../../support/capture-stdout';

test('a batch read of a topic range, parsed and summed per user', async () => {
  const out = captureStdout();
  let rows;
  try {
    rows = await main(['--test-broker', '--topic', 'events', '--starting-offsets', '{"events":{"0":1,"1":-2}}']);
  } finally {
    out.restore();
  }
  expect(rows.map((r) => [r.user, r.total])).toEqual([
    ['alice', 7],
    ['bob', 3.25],
    ['carol', 1],
  ]);
  expect(out.text()).toContain('|partition|offset|id |user |amount|');
});
