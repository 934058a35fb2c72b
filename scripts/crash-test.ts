// `npm run crash-test -- --kills 500`: kill -9 a stateful pipeline again and again and check that
// its outputs equal an uninterrupted run (see scripts/crash-test/harness.ts).
import * as os from 'node:os';
import * as path from 'node:path';
import minimist from 'minimist';
import { runCrashTest } from './crash-test/harness';

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['provider', 'pipeline'], default: { kills: 20, seed: 1, provider: 'hdfs', pipeline: 'rate' } });
  const workDir = path.join(os.tmpdir(), `rivulet-crash-test-${process.pid}`);
  const started = Date.now();
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
