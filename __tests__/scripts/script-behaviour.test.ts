// A ported PySpark script run as a real child process: Ctrl-C (SIGINT) and SIGTERM stop the query
// cleanly and exit 0, stdout carries only the console sink; a failed query exits 1 with the
// StreamingQueryException message and no stack trace.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineServer } from '../../scripts/line-server';
import { runScript, scriptCommand, scriptEnv, waitForScript, type ScriptRun } from '../support/script-process';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/structured_network_wordcount.ts');
// The child runs as a user's script would: outside jest's worker environment.
const run = (args: string[], cwd: string): ScriptRun => runScript(EXAMPLE, args, { cwd });
const until = (condition: () => boolean, what: string, child: ScriptRun) => waitForScript(condition, what, child, 20_000);

describe('the example as a script', () => {
  let server: LineServer;
  let port: number;
  let cwd: string;

  beforeEach(async () => {
    server = new LineServer();
    port = await server.listen();
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-script-'));
  });

  afterEach(async () => {
    await server.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  test.each(['SIGINT', 'SIGTERM'] as const)('%s stops the query cleanly and exits 0', async (signal) => {
    const r = run(['--host', '127.0.0.1', '--port', String(port)], cwd);
    await server.waitForClient();
    await server.send('spark sql streaming');
    await until(() => r.stdout().includes('Batch: 0'), 'the first batch', r);
    await until(() => r.stdout().endsWith('+---------+-----+\n\n'), 'the end of the first table', r);
    r.child.kill(signal);
    expect(await r.exit).toBe(0);
    expect(r.stdout()).toBe(
      [
        '-------------------------------------------',
        'Batch: 0',
        '-------------------------------------------',
        '+---------+-----+',
        '|     word|count|',
        '+---------+-----+',
        '|streaming|    1|',
        '|      sql|    1|',
        '|    spark|    1|',
        '+---------+-----+',
        '',
        '',
      ].join('\n'),
    );
    // The checkpoint the example asks for exists in the working directory.
    expect(JSON.parse(fs.readFileSync(path.join(cwd, '.checkpoint/metadata'), 'utf8')).id).toMatch(/^[0-9a-f-]{36}$/);
  }, 30_000);

  test('a refused connection exits 1 with the message and no stack trace', async () => {
    await server.close();
    const r = run(['--host', '127.0.0.1', '--port', String(port)], cwd);
    expect(await r.exit).toBe(1);
    expect(r.stdout()).toBe('');
    expect(r.stderr()).toContain(`StreamingQueryException: [STREAM_FAILED] Query [id = `);
    expect(r.stderr()).toContain(`terminated with exception: Cannot connect to the socket source at 127.0.0.1:${port}: Connection refused`);
    expect(r.stderr()).not.toMatch(/^\s+at /m);
    server = new LineServer();
    await server.listen();
  }, 30_000);
});

describe('an application with its own SIGTERM handler', () => {
  test('Rivulet stops the queries but leaves the exit and its code to the application', async () => {
    const [command, argv] = scriptCommand(path.join(__dirname, 'fixtures/app-with-own-sigterm.ts'));
    const child = spawn(command, argv, { cwd: ROOT, env: scriptEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const r = { child, stdout: () => out, stderr: () => err, exit };
    await until(() => out.includes('ready\n'), 'the application to start', r);
    child.kill('SIGTERM');
    expect(await exit).toBe(3);
    // Rivulet's handler stopped the query (awaitTermination resolved), the app finished its shutdown.
    expect(out).toBe('ready\napp: shutting down\napp: query active=false\n');
  }, 30_000);
});

describe('a script that ends without awaiting its query', () => {
  const run = async (mode: 'availableNow' | 'continuous'): Promise<{ code: number | null; out: string; dir: string }> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-no-await-'));
    fs.mkdirSync(path.join(dir, 'in'));
    fs.writeFileSync(path.join(dir, 'in/a.txt'), 'hello\n');
    const [command, argv] = scriptCommand(path.join(__dirname, 'fixtures/script-without-await.ts'), [dir, mode]);
    const child = spawn(command, argv, { cwd: dir, env: scriptEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, out, dir };
  };

  test('availableNow: the query runs its batch and ends, then the process exits 0', async () => {
    const { code, out, dir } = await run('availableNow');
    try {
      expect(code).toBe(0);
      expect(out.startsWith('script end\n')).toBe(true);
      expect(out).toContain('Batch: 0');
      expect(out).toContain('|hello|');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  test('a query that would run forever is stopped cleanly at the end of the script and the process exits 0, as PySpark', async () => {
    const { code, out, dir } = await run('continuous');
    try {
      expect(code).toBe(0);
      expect(out.startsWith('script end\n')).toBe(true);
      expect(out).toContain('|hello|');
      // Stopped cleanly: the batch that ran is committed, so a restart would not repeat it.
      expect(fs.readdirSync(path.join(dir, 'cp/commits'))).toContain('0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('rate to console example', () => {
  test('prints rate batches and stops by itself', async () => {
    const [command, argv] = scriptCommand(path.join(ROOT, 'examples/rate_to_console.ts'), ['--seconds', '2.5']);
    const child = spawn(command, argv, { cwd: ROOT, env: scriptEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('-------------------------------------------\nBatch: 0\n-------------------------------------------\n+');
    expect(out).toMatch(/\|timestamp\s+\|value\|square\|/);
    expect(out).toMatch(/\|0 {4}\|0 {5}\|/);
  }, 30_000);
});
