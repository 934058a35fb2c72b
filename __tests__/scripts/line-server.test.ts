// The nc -lk stand-in: lines go to every connected client; the CLI replays a file.
import * as net from 'node:net';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { LineServer } from '../../scripts/line-server';

function connect(port: number): Promise<{ text: () => string; done: Promise<void>; socket: net.Socket }> {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.createConnection({ host: '127.0.0.1', port }, () => resolve({ text: () => text, done, socket }));
    const done = new Promise<void>((r) => socket.on('close', () => r()));
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
  });
}

test('sends every line to every connected client', async () => {
  const server = new LineServer();
  const port = await server.listen();
  const a = await connect(port);
  const b = await connect(port);
  while (server.clientCount < 2) await new Promise((r) => setImmediate(r));
  await server.send('spark sql streaming', 'second line');
  await server.close();
  await Promise.all([a.done, b.done]);
  expect(a.text()).toBe('spark sql streaming\nsecond line\n');
  expect(b.text()).toBe(a.text());
});

test('the CLI replays a file to a client and closes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-lines-'));
  const file = path.join(dir, 'words.txt');
  fs.writeFileSync(file, 'one two\nthree\n');
  const probe = new LineServer();
  const port = await probe.listen();
  await probe.close();
  const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
  const child = spawn(tsx, [path.resolve(__dirname, '../../scripts/line-server.ts'), '--port', String(port), '--file', file, '--interval', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let listening = '';
  await new Promise<void>((resolve) => child.stderr!.on('data', (d) => { listening += d; if (listening.includes('listening')) resolve(); }));
  const client = await connect(port);
  await client.done;
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  fs.rmSync(dir, { recursive: true, force: true });
  expect(client.text()).toBe('one two\nthree\n');
  expect(code).toBe(0);
}, 20_000);
