// `npm run crash-test -- --kills 500`: kill -9 a stateful pipeline again and again and check that
// its outputs equal an uninterrupted run (see scripts/crash-test/harness.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import minimist from 'minimist';
import { runCrashTest } from './crash-test/harness';
import { runDamageMatrix } from './crash-test/damage-matrix';
import { runKafkaCrashTest } from './crash-test/kafka-harness';

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['provider', 'pipeline'], boolean: ['damage', 'latest-only'], default: { kills: 20, seed: 1, provider: 'hdfs', pipeline: 'rate' } });
  const workDir = path.join(os.tmpdir(), `rivulet-crash-test-${process.pid}`);
  const started = Date.now();
  if (args.damage) {
    // `--damage`: the damage matrix on the file pipeline (scripts/crash-test/damage-matrix.ts).
    const result = await runDamageMatrix({ workDir, provider: String(args.provider), pipeline: args.pipeline === 'kafka' ? 'kafka' : 'files', seed: Number(args.seed), latestOnly: Boolean(args['latest-only']), killAfterWrites: args['kill-after'] === undefined ? undefined : Number(args['kill-after']), log: (l) => console.log(l) });
    const judged = result.cases.flatMap((c) => c.results);
    const count = (o: string) => judged.filter((r) => r.outcome === o).length;
    console.log(`damage matrix (${args.pipeline === 'kafka' ? 'kafka' : 'files'} pipeline, ${String(args.provider)}): ${result.cases.length} cases, ${result.runs} runs, ${judged.length} damaged queries judged: ${count('recovered')} recovered exactly, ${count('refused')} refused naming the file, ${result.findings.length} findings, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    fs.rmSync(workDir, { recursive: true, force: true });
    if (result.findings.length > 0) {
      console.log(`FINDINGS (${result.findings.length}):\n${result.findings.join('\n')}`);
      process.exit(1);
    }
    return;
  }
  if (args.pipeline === 'kafka') {
    // `--pipeline kafka`: scripts/crash-test/kafka-harness.ts (test broker, or RIVULET_KAFKA_BOOTSTRAP).
    const k = await runKafkaCrashTest({ kills: Number(args.kills), batches: args.batches === undefined ? undefined : Number(args.batches), seed: Number(args.seed), provider: String(args.provider), workDir, log: (l) => console.log(l) });
    console.log(`kafka pipeline: kills: ${k.kills} (${k.tornWrites} in the middle of a checkpoint write, ${k.markerKills} of them a Kafka sink's batch marker), episodes: ${k.episodes}, batches re-run as logged after a kill: ${k.rerunBatches}, batches per query: ${k.batches}, outputs compared: ${k.comparedFiles}, Kafka sink records sent twice (at-least-once): ${k.duplicates}, transactional Kafka sink records read twice (read_committed): ${k.transactionalDuplicates} of ${k.transactionalRecords}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    fs.rmSync(workDir, { recursive: true, force: true });
    if (k.mismatches.length > 0) {
      console.log(`MISMATCHES (${k.mismatches.length}):\n${k.mismatches.slice(0, 20).join('\n')}`);
      process.exit(1);
    }
    console.log('outputs equal the uninterrupted run (Kafka sink: the same records, re-sent batches counted; transactional Kafka sink: the same records, each once)');
    return;
  }
  const result = await runCrashTest({ kills: Number(args.kills), batches: args.batches === undefined ? undefined : Number(args.batches), seed: Number(args.seed), provider: String(args.provider), pipeline: args.pipeline === 'files' ? 'files' : 'rate', workDir, log: (l) => console.log(l) });
  console.log(`kills: ${result.kills} (${result.tornWrites} in the middle of a checkpoint write), batches re-run as logged after a kill: ${result.rerunBatches}, batches per query: ${result.batches}, files compared: ${result.comparedFiles}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (result.mismatches.length > 0) {
    console.log(`MISMATCHES (${result.mismatches.length}):\n${result.mismatches.slice(0, 20).join('\n')}`);
    process.exit(1);
  }
  console.log('outputs equal the uninterrupted run: nothing lost, nothing duplicated');
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
