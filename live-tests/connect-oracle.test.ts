// Oracle scenarios through remote mode: each scenario's Rivulet program (oracle/scenarios/*/*/
// rivulet.ts), unchanged, runs on the Spark Connect server (SPARK_REMOTE set), and must print what
// PySpark printed (its spark-output.txt, without Rivulet's declared differences: this is Spark).
// Programs whose output comes from what cannot run remotely are not taken: the console sink
// prints on the server, and foreach/foreachBatch, MemoryStream, UDFs, sparkContext and the stateful
// processors (mapGroupsWithState, applyInPandasWithState, transformWithState) and user data sources
// (spark.dataSource.register) need the
// local engine (docs/guides/running-on-a-spark-cluster.md). Needs RIVULET_CONNECT_URL (and
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

const LOCAL_ONLY = /format\('console'\)|\.console\(|foreachBatch|\.foreach\(|MemoryStream|sparkContext|udf\(|applyInPandasWithState|mapGroupsWithState|transformWithState|StreamingQueryListener|addListener|dataSource\.register/;
/**
 * Where Spark Connect's output differs from classic PySpark's recording. Mostly lazy analysis
 * (PySpark's Connect client too): an error classic PySpark raises at the transformation comes at
 * the next action, and these programs have none after it. Each must still differ, so the list
 * cannot go stale.
 */
const REMOTE_DIFFERENCES: Record<string, string> = {
  'explain/batch-explain-extended': "the server parses the whole Connect plan at once, so its parsed plan shows the filter unresolved ('Filter ('v > 1)) where classic PySpark, which analyses each DataFrame as it is built, prints Filter (v#1 > 1)",
  'explain/batch-explain-extended-filter': "the same: Connect's parsed plan keeps the inner Project unresolved ('Project ['v, 'k])",
  'aggregations/sort-within-partitions': "createDataFrame arrives as a LocalRelation (PySpark's Connect client sends local data as Arrow), so a hash repartition of it deals the rows from other partitions than classic PySpark's LogicalRDD slices",
  'aggregations/approx-quantile': "createDataFrame arrives as a LocalRelation (Arrow) whose partitions are not classic PySpark's LogicalRDD slices, and approximate quantiles depend on them: the server's answers at relative errors 0.01 to 0.1 differ from classic PySpark's (the rest is the same)",
  'aggregations/freq-items': "the same: the frequent items of 3,000 rows at the default support come from other partitions, so the server lists other (false-positive) items than classic PySpark",
  'functions/partition-functions': "createDataFrame arrives as one LocalRelation (Arrow) on the server, so spark_partition_id(), monotonically_increasing_id() and rand(seed) see other partitions than classic PySpark's LogicalRDD slices (and df.rdd is not available remotely)",
  'explain/batch-explain-extended-local': "the same, and createDataFrame arrives as a LocalRelation (PySpark's Connect client sends local data as Arrow) where classic PySpark makes a LogicalRDD",
  'aggregations/grouping-sets-repr-pivot': "a remote GroupedData prints PySpark Connect's repr (every column listed, type RollUp), and pivot after rollup fails in the client with UNSUPPORTED_OPERATION, as PySpark's Connect client fails, not with Spark's PIVOT_AFTER_GROUP_BY",
  'errors/invalid-output-mode': 'outputMode("upsert") is checked by the server at start()',
  'errors/missing-schema-json-source': 'the missing schema is found by the server when the plan is analysed',
  'errors/unresolved-column': 'selectExpr is analysed by the server at the first action',
  'errors/watermark-on-string-column': 'withWatermark is analysed by the server at the first action',
  'sources/json-without-schema': 'the missing schema of a streaming JSON source is found by the server at start()',
  'triggers/invalid-trigger': "a negative trigger interval is checked by the server at start(), which the program never reaches",
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

test('the declared remote differences name scenarios that exist', () => {
  expect(Object.keys(REMOTE_DIFFERENCES).filter((id) => !scenarios.some((s) => s.id === id))).toEqual([]);
});

test.each(scenarios.map((s) => [REMOTE_DIFFERENCES[s.id] ? `${s.id} still differs (${REMOTE_DIFFERENCES[s.id]})` : `${s.id} prints what PySpark printed`, s] as const))('%s', async (_name, scenario) => {
  const recorded = readRecording(scenario);
  expect(recorded).toBeDefined();
  if (scenario.spec.kafka) await fillKafkaTopics(scenario, bootstrap!);
  let actual: string;
  try {
    actual = await runRivuletScenario(scenario, bootstrap);
  } finally {
    // Each PySpark scenario ran in a fresh SparkSession: a server session (and its spark.conf) must
    // not carry over to the next scenario (max-watermark-policy sets the policy that
    // min-watermark-waits-for-every-input must not see).
    await RemoteSession.getActiveSession()?.stop();
  }
  if (REMOTE_DIFFERENCES[scenario.id]) {
    expect(actual).not.toEqual(recorded);
    return;
  }
  if (actual !== recorded) throw new Error(`${scenario.id} differs from Spark's recording\n${describeMismatch(recorded!, actual)}`);
});
