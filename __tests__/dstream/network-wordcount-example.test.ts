// The DStream network word count example as a user runs it: a child process reading from a TCP
// server on 127.0.0.1, printing PySpark's pprint blocks once a second.
import * as path from 'node:path';
import { LineServer } from '../../scripts/line-server';
import { runScript, waitForScript } from '../support/script-process';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/network_wordcount_dstream.ts');
const run = (args: string[]) => runScript(EXAMPLE, args, { env: { TZ: 'UTC' } });
const until = (condition: () => boolean, what: string, stderr: () => string) => waitForScript(condition, what, { stderr }, 20_000);

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
