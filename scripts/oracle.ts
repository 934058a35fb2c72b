// The paired-scenario oracle (oracle/scenarios): PySpark programs and their Rivulet ports.
//
//   npm run oracle -- --record [filter]   run the PySpark side live and write each spark-output.txt
//   npm run test:spark [-- filter]        run the PySpark side live and fail where a recording no
//                                         longer matches what Spark prints (no golden can drift)
//   npm run oracle -- --rivulet [filter]  run the Rivulet side against the recordings (what the
//                                         jest test __tests__/oracle does) and list the differences
// The PySpark side needs scripts/spark/setup.sh; Kafka scenarios start scripts/spark/kafka-broker.sh.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import minimist from 'minimist';
import { describeMismatch, expectedRivuletTranscript, loadScenarios, readRecording, type Scenario } from '../oracle/runner/scenario';
import { PROJECT_ROOT, runSparkScenarios } from '../oracle/runner/run-spark';
import { runRivuletScenario } from '../oracle/runner/run-rivulet';
import { fillKafkaTopics } from '../oracle/runner/kafka-topics';

const KAFKA_PORT = process.env.RIVULET_KAFKA_PORT ?? '19092';
const REAL_BROKER = `127.0.0.1:${KAFKA_PORT}`;

async function withRealBroker<T>(scenarios: Scenario[], body: (kafka: string | null) => Promise<T>): Promise<T> {
  if (!scenarios.some((s) => s.spec.kafka)) return body(null);
  const script = path.join(PROJECT_ROOT, 'scripts', 'spark', 'kafka-broker.sh');
  execFileSync('bash', [script, 'start', KAFKA_PORT], { stdio: 'inherit' });
  try {
    return await body(REAL_BROKER);
  } finally {
    execFileSync('bash', [script, 'stop', KAFKA_PORT], { stdio: 'inherit' });
  }
}

async function sparkTranscripts(scenarios: Scenario[]): Promise<Map<string, string>> {
  return withRealBroker(scenarios, async (kafka) => {
    if (kafka) for (const s of scenarios) await fillKafkaTopics(s, kafka);
    const started = Date.now();
    const result = await runSparkScenarios(scenarios, kafka);
    console.log(`PySpark ran ${scenarios.length} scenarios in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  });
}

async function record(scenarios: Scenario[]): Promise<number> {
  const transcripts = await sparkTranscripts(scenarios);
  for (const s of scenarios) fs.writeFileSync(s.recordingPath, transcripts.get(s.id)!);
  console.log(`recorded ${scenarios.length} scenarios`);
  return 0;
}

async function live(scenarios: Scenario[]): Promise<number> {
  const transcripts = await sparkTranscripts(scenarios);
  let drifted = 0;
  for (const s of scenarios) {
    const recorded = readRecording(s);
    const now = transcripts.get(s.id)!;
    if (recorded === undefined) {
      console.log(`MISSING ${s.id}: no recording (npm run oracle -- --record ${s.id})`);
      drifted++;
    } else if (recorded !== now) {
      console.log(`DRIFT   ${s.id}: Spark no longer prints the recording\n${describeMismatch(recorded, now)}`);
      drifted++;
    }
  }
  console.log(`${scenarios.length - drifted} passed, ${drifted} failed (recordings checked against live PySpark)`);
  return drifted === 0 ? 0 : 1;
}

async function rivulet(scenarios: Scenario[]): Promise<number> {
  // The test broker on a thread of its own: batch Kafka reads block this thread while they run.
  const { startKafkaBrokerOffThread } = await import('../__tests__/support/kafka-broker-thread');
  const needsKafka = scenarios.some((s) => s.spec.kafka);
  const broker = needsKafka ? await startKafkaBrokerOffThread() : undefined;
  let exact = 0;
  let withDifferences = 0;
  let failing = 0;
  let wrong = 0;
  const differences: string[] = [];
  try {
    for (const s of scenarios) {
      const recorded = readRecording(s);
      if (recorded === undefined) { console.log(`MISSING ${s.id}`); wrong++; continue; }
      if (broker) await fillKafkaTopics(s, broker.bootstrapServers);
      const actual = await runRivuletScenario(s, broker?.bootstrapServers ?? null);
      const { text } = expectedRivuletTranscript(s, recorded);
      const same = text === actual;
      if (s.spec.failing) {
        failing++;
        console.log(`${same ? 'NOW PASSES (remove "failing")' : 'failing'} ${s.id} (issue ${s.spec.failing.issue}: ${s.spec.failing.why})`);
        if (same) wrong++;
      } else if (!same) {
        wrong++;
        console.log(`MISMATCH ${s.id}\n${describeMismatch(text, actual)}`);
      } else if (s.spec.differences?.length) {
        withDifferences++;
        for (const d of s.spec.differences) differences.push(`${s.id}: ${d.why}`);
      } else {
        exact++;
      }
    }
  } finally {
    await broker?.stop();
  }
  console.log(`\nDeclared differences (${differences.length}):`);
  for (const d of differences) console.log(`  ${d}`);
  console.log(`\n${scenarios.length} scenarios: ${exact} exact, ${withDifferences} with declared differences, ${failing} failing on open issues, ${wrong} wrong`);
  return wrong === 0 ? 0 : 1;
}

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { boolean: ['record', 'rivulet'] });
  const scenarios = loadScenarios(args._[0] ? String(args._[0]) : undefined);
  const code = args.record ? await record(scenarios) : args.rivulet ? await rivulet(scenarios) : await live(scenarios);
  process.exit(code);
}

void main();
