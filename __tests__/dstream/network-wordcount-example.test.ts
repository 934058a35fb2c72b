// The DStream network word count example as a user runs it: a child process reading from a TCP
// server on 127.0.0.1, printing PySpark's pprint blocks once a second.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { LineServer } from '../../scripts/line-server';
import { scriptCommand, scriptEnv } from '../support/script-process';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/network_wordcount_dstream.ts');

function run(args: string[]) {
  const [command, argv] = scriptCommand(EXAMPLE, args);
  const child = spawn(command, argv, { cwd: ROOT, env: scriptEnv({ TZ: 'UTC' }), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function until(condition: () => boolean, what: string, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr:\n${stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('examples/network_wordcount_dstream.ts', () => {
  let server: LineServer;
  let port: number;

  beforeEach(async () => {
    server = new LineServer();
    port = await server.listen();
  });

  afterEach(async () => {
    await server.close();
  });

  test('prints the counts of each line in a pprint block and exits 0 on SIGINT', async () => {
    const r = run(['127.0.0.1', String(port)]);
    await server.waitForClient();
    await server.send('to be or not to be');
    const expected = "('to', 2)\n('be', 2)\n('or', 1)\n('not', 1)\n\n";
    await until(() => r.stdout().includes(expected), 'the counts', r.stderr);
    r.child.kill('SIGINT');
    expect(await r.exit).toBe(0);
    // Every batch is a block: rule, "Time: yyyy-MM-dd HH:mm:ss" on a whole second, rule, records, blank.
    const blocks = r.stdout().split(/(?=-{43}\nTime: )/);
    for (const b of blocks) expect(b).toMatch(/^-{43}\nTime: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n-{43}\n(.+\n)*\n$/);
    expect(blocks.filter((b) => b.endsWith(`-\n${expected}`))).toHaveLength(1);
    expect(r.stderr()).toContain('WARN StreamingContext: DStream is deprecated as of Spark 3.4.0. Migrate to Structured Streaming.');
  }, 30_000);

  test('wrong arguments print the usage and exit -1 (255)', async () => {
    const r = run([]);
    expect(await r.exit).toBe(255);
    expect(r.stderr()).toBe('Usage: network_wordcount_dstream.ts <hostname> <port>\n');
  }, 30_000);
});
