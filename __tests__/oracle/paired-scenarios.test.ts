// Every paired scenario's Rivulet port against Spark's recorded output (oracle/scenarios; `npm run
// test:spark` keeps the recordings true to live PySpark). Declared differences are applied to
// Spark's transcript first; a scenario marked failing (it waits on an open issue) must still differ,
// so it cannot start passing unnoticed.
import { startKafkaBrokerOffThread } from '../support/kafka-broker-thread';
import type { BrokerUnderTest } from '../support/kafka-broker-under-test';
import { fillKafkaTopics } from '../../oracle/runner/kafka-topics';
import { runRivuletScenario } from '../../oracle/runner/run-rivulet';
import { describeMismatch, expectedRivuletTranscript, loadScenarios, readRecording } from '../../oracle/runner/scenario';

const scenarios = loadScenarios();
let broker: BrokerUnderTest | undefined;

// On a thread of its own: batch Kafka reads (spark.read.format('kafka')) block this thread.
beforeAll(async () => {
  if (scenarios.some((s) => s.spec.kafka)) broker = await startKafkaBrokerOffThread();
});
afterAll(async () => {
  await broker?.stop();
});

test('there are paired scenarios, each with a recording of Spark', () => {
  expect(scenarios.length).toBeGreaterThan(0);
  expect(scenarios.filter((s) => readRecording(s) === undefined).map((s) => s.id)).toEqual([]);
});

describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
  test(scenario.spec.failing ? `still differs from Spark (waits on issue ${scenario.spec.failing.issue})` : 'prints what Spark prints', async () => {
    const recorded = readRecording(scenario);
    expect(recorded).toBeDefined();
    if (broker) await fillKafkaTopics(scenario, broker.bootstrapServers);
    const actual = await runRivuletScenario(scenario, broker?.bootstrapServers ?? null);
    const { text, unused } = expectedRivuletTranscript(scenario, recorded!);
    expect(unused.map((d) => d.spark)).toEqual([]);
    if (scenario.spec.failing) {
      expect(actual).not.toEqual(text);
    } else if (actual !== text) {
      throw new Error(`${scenario.id} differs from Spark's recording\n${describeMismatch(text, actual)}`);
    }
  });
});
