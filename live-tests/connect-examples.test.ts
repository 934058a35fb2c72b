// The examples in remote mode (SPARK_REMOTE set, scripts unchanged): each runs on the Spark
// Connect server or fails with the error docs/guides/running-on-a-spark-cluster.md documents.
// Needs RIVULET_CONNECT_URL; run by scripts/spark/test-spark.sh (npm run test:spark).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT, scriptCommand, scriptEnv } from '../__tests__/support/script-process';

const url = process.env.RIVULET_CONNECT_URL;
if (!url) throw new Error('live-tests need RIVULET_CONNECT_URL (run npm run test:spark)');

jest.setTimeout(300_000);

function run(example: string, args: string[] = []) {
  const [cmd, argv] = scriptCommand(path.join(PROJECT_ROOT, 'examples', example), args);
  const r = spawnSync(cmd, argv, { cwd: PROJECT_ROOT, env: scriptEnv({ SPARK_REMOTE: url! }), encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('remote_word_count.ts prints the counts computed by the server', () => {
  const r = run('remote_word_count.ts');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('|      be|    2|');
  expect(r.stdout).toContain('|question|    1|');
});

test.each(['rate_to_console.ts', 'file-to-file-json.ts'])('%s: spark.sparkContext fails as in PySpark on Spark Connect', (example) => {
  const r = run(example, example === 'rate_to_console.ts' ? ['--seconds', '2'] : []);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('[JVM_ATTRIBUTE_NOT_SUPPORTED] Attribute `sparkContext` is not supported in Spark Connect as it depends on the JVM.');
});

test('foreach-batch-to-json.ts: a JavaScript foreachBatch fails with the documented error', () => {
  const r = run('foreach-batch-to-json.ts');
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('[RIVULET_NOT_SUPPORTED_IN_REMOTE_MODE] writeStream.foreachBatch with a JavaScript function cannot run in remote mode (Spark Connect)');
});

test('running_totals_with_state.ts: applyInPandasWithState with a JavaScript function fails with the documented error', () => {
  const r = run('running_totals_with_state.ts', ['--port', '9']);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('[RIVULET_NOT_SUPPORTED_IN_REMOTE_MODE] applyInPandasWithState with a JavaScript function cannot run in remote mode');
});
