// Oracle scenarios through remote mode: each scenario's Rivulet program (oracle/scenarios/*/*/
// rivulet.ts), unchanged, runs on the Spark Connect server (SPARK_REMOTE set), and must print what
// PySpark printed (its spark-output.txt, without Rivulet's declared differences: this is Spark).
// Programs whose output comes from what cannot run remotely are not taken: the console sink
// prints on the server, and foreach/foreachBatch, MemoryStream, UDFs and sparkContext need the
// local engine (README "Running on a Spark cluster"). Needs RIVULET_CONNECT_URL (and
// RIVULET_KAFKA_BOOTSTRAP for Kafka scenarios); run by npm run test:spark.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fillKafkaTopics } from '../oracle/runner/kafka-topics';
import { runRivuletScenario } from '../oracle/runner/run-rivulet';
import { describeMismatch, loadScenarios, readRecording } from '../oracle/runner/scenario';
import { RemoteSession } from '../lib/connect/remote-session';

const url = process.env.RIVULET_CONNECT_URL;
if (!url) throw new Error('live-tests need RIVULET_CONNECT_URL (run npm run test:spark)');
const bootstrap = process.env.RIVULET_KAFKA_BOOTSTRAP ?? null;

jest.setTimeout(600_000);

const LOCAL_ONLY = /format\('console'\)|\.console\(|foreachBatch|\.foreach\(|MemoryStream|sparkContext|udf\(|applyInPandasWithState|mapGroupsWithState|StreamingQueryListener|addListener/;
/**
 * Spark Connect analyses plans lazily (PySpark's Connect client too): an error classic PySpark
 * raises at the transformation (the recording) comes at the next action, and these programs have
 * none after it. Each must still differ, so the list cannot go stale.
 */
const LAZY_ANALYSIS: Record<string, string> = {
  'errors/invalid-output-mode': 'outputMode("upsert") is checked by the server at start()',
  'errors/missing-schema-json-source': 'the missing schema is found by the server when the plan is analysed',
  'errors/unresolved-column': 'selectExpr is analysed by the server at the first action',
  'errors/watermark-on-string-column': 'withWatermark is analysed by the server at the first action',
};

const scenarios = loadScenarios().filter((s) => !LOCAL_ONLY.test(fs.readFileSync(path.join(s.dir, 'rivulet.ts'), 'utf8')));

beforeAll(() => {
  process.env.SPARK_REMOTE = url;
});

afterAll(async () => {
  delete process.env.SPARK_REMOTE;
  await RemoteSession.getActiveSession()?.stop();
});

test('there are scenarios to run remotely', () => {
  expect(scenarios.length).toBeGreaterThan(10);
});

test('the declared lazy-analysis differences name scenarios that exist', () => {
  expect(Object.keys(LAZY_ANALYSIS).filter((id) => !scenarios.some((s) => s.id === id))).toEqual([]);
});

test.each(scenarios.map((s) => [LAZY_ANALYSIS[s.id] ? `${s.id} still differs (${LAZY_ANALYSIS[s.id]})` : `${s.id} prints what PySpark printed`, s] as const))('%s', async (_name, scenario) => {
  const recorded = readRecording(scenario);
  expect(recorded).toBeDefined();
  if (scenario.spec.kafka) await fillKafkaTopics(scenario, bootstrap!);
  const actual = await runRivuletScenario(scenario, bootstrap);
  if (LAZY_ANALYSIS[scenario.id]) {
    expect(actual).not.toEqual(recorded);
    return;
  }
  if (actual !== recorded) throw new Error(`${scenario.id} differs from Spark's recording\n${describeMismatch(recorded!, actual)}`);
});
