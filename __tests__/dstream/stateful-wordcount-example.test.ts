// The stateful DStream word count example as a user runs it, twice: a child process reading from
// a TCP server on 127.0.0.1, stopped with SIGINT and started again on the same checkpoint
// directory; the second run's counts go on from the first run's (getOrCreate recovery).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineServer } from '../../scripts/line-server';
import { runScript, waitForScript } from '../support/script-process';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/stateful_network_wordcount_dstream.ts');
const run = (args: string[]) => runScript(EXAMPLE, args, { env: { TZ: 'UTC' } });
const until = (condition: () => boolean, what: string, stderr: () => string) => waitForScript(condition, what, { stderr });

describe('examples/stateful_network_wordcount_dstream.ts', () => {
  let server: LineServer;
  let port: number;
  let checkpointDir: string;

  beforeEach(async () => {
    server = new LineServer();
    port = await server.listen();
    checkpointDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-stateful-wc-'));
  });

  afterEach(async () => {
    await server.close();
    fs.rmSync(checkpointDir, { recursive: true, force: true });
  });

  test('running counts start from initialRDD and survive a restart through the checkpoint', async () => {
    const first = run(['127.0.0.1', String(port), checkpointDir]);
    await server.waitForClient();
    await server.send('hello spark');
    const block1 = "('hello', 2)\n('world', 1)\n('spark', 1)\n\n";
    await until(() => first.stdout().includes(block1), 'the first counts', first.stderr);
    // Wait for a batch after the counts, so its checkpoint holds them.
    const checkpoints = (): string[] => fs.readdirSync(checkpointDir).filter((f) => f.startsWith('rivulet-dstream-checkpoint-'));
    await until(() => checkpoints().length > 0, 'a checkpoint', first.stderr);
    first.child.kill('SIGINT');
    expect(await first.exit).toBe(0);
    server.disconnectClients();

    const second = run(['127.0.0.1', String(port), checkpointDir]);
    await server.waitForClient();
    await server.send('spark');
    const block2 = "('hello', 2)\n('world', 1)\n('spark', 2)\n\n";
    await until(() => second.stdout().includes(block2), 'the counts after the restart', second.stderr);
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);
  }, 90_000);

  test('wrong arguments print the usage and exit -1 (255)', async () => {
    const r = run([]);
    expect(await r.exit).toBe(255);
    expect(r.stderr()).toBe('Usage: stateful_network_wordcount_dstream.ts <hostname> <port> [checkpointDir]\n');
  }, 30_000);
});
