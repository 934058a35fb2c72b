// A stand-in for `nc -lk 9999`: a TCP server on 127.0.0.1 that sends lines to every connected
// client, read from stdin (typed or piped) or replayed from a file.
//
//   npx tsx scripts/line-server.ts --port 9999              # type lines, each goes to all clients
//   npx tsx scripts/line-server.ts --port 9999 --file words.txt --interval 1000
import * as net from 'node:net';
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import minimist from 'minimist';

export class LineServer {
  private readonly server: net.Server;
  private readonly clients = new Set<net.Socket>();
  private readonly connectionWaiters: (() => void)[] = [];

  constructor() {
    this.server = net.createServer((socket) => {
      this.clients.add(socket);
      socket.on('close', () => this.clients.delete(socket));
      socket.on('error', () => this.clients.delete(socket));
      for (const w of this.connectionWaiters.splice(0)) w();
    });
  }

  /** Listens on 127.0.0.1; port 0 picks a free port. Resolves with the port. */
  listen(port = 0, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as net.AddressInfo).port));
    });
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** Resolves once at least one client is connected. */
  waitForClient(): Promise<void> {
    if (this.clients.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.connectionWaiters.push(resolve));
  }

  /** Sends lines to every client; resolves when the data has been handed to the OS. */
  send(...lines: string[]): Promise<void> {
    const text = lines.map((l) => `${l}\n`).join('');
    return Promise.all([...this.clients].map((c) => new Promise<void>((resolve) => c.write(text, () => resolve())))).then(() => undefined);
  }

  /** Closes client connections (as when nc is stopped). */
  disconnectClients(): void {
    for (const c of this.clients) c.destroy();
    this.clients.clear();
  }

  close(): Promise<void> {
    this.disconnectClients();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['file', 'host'], default: { port: 9999, host: '127.0.0.1', interval: 1000 } });
  const server = new LineServer();
  const port = await server.listen(Number(args.port), String(args.host));
  process.stderr.write(`line server listening on ${args.host}:${port}${args.file ? '' : '; type lines to send them'}\n`);
  if (args.file) {
    const lines = fs.readFileSync(String(args.file), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
    await server.waitForClient();
    for (const line of lines) {
      await server.send(line);
      await new Promise((r) => setTimeout(r, Number(args.interval)));
    }
    await server.close();
    return;
  }
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (line) => void server.send(line));
  rl.on('close', () => void server.close());
  process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
}
