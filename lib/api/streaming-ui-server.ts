// The local dashboard (spark.ui.enabled, spark.ui.port), bound to 127.0.0.1 unless spark.ui.host
// says otherwise. Routes: / (query list), /streaming/query/?id=<runId> (charts),
// /api/streaming and /api/streaming/query/?id=<runId> (the same data as JSON), /static/* (uPlot and
// the dashboard's browser script, streaming-ui-assets.ts). The server never
// keeps the process alive and closes with the session.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '../util/logger';
import { staticAsset } from './streaming-ui-assets';
import type { StreamingUiHistory } from './streaming-ui-history';
import { listPage, queryPage } from './streaming-ui-page';

const log = new Logger('SparkUI');

export class StreamingUiServer {
  private constructor(private readonly server: http.Server, private readonly host: string) {}

  /**
   * Starts listening; the socket is bound on the next tick (Node resolves even an IP literal
   * asynchronously), so `url` is null until then. A taken port moves on to the next one, as Spark
   * does, up to 16 times.
   */
  static start(history: StreamingUiHistory, appName: () => string, host: string, port: number): StreamingUiServer {
    const server = http.createServer((req, res) => handle(history, appName, req, res));
    const ui = new StreamingUiServer(server, host);
    let attempt = 0;
    server.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' && port !== 0 && attempt < 16) {
        attempt++;
        log.warn(`Service 'SparkUI' could not bind on port ${port + attempt - 1}. Attempting port ${port + attempt}.`);
        server.listen(port + attempt, host, () => ui.bound());
      } else {
        log.error(`Failed to bind SparkUI: ${err.message}`);
      }
    });
    server.listen(port, host, () => ui.bound());
    server.unref();
    return ui;
  }

  private bound(): void {
    log.info(`Bound SparkUI to ${this.host}, and started at ${this.url}`);
  }

  /** The dashboard's address, or null while it is not bound. */
  get url(): string | null {
    const address = this.server.address() as AddressInfo | null;
    if (address === null) return null;
    return `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${address.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function handle(history: StreamingUiHistory, appName: () => string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const send = (status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (req.method !== 'GET') return send(405, 'text/plain', 'Method Not Allowed');
  const asset = staticAsset(url.pathname);
  if (asset) return send(200, asset.type, asset.body);
  const data = history.snapshot();
  const find = () => [...data.active, ...data.finished].find((q) => q.runId === url.searchParams.get('id'));
  switch (url.pathname) {
    case '/':
    case '/streaming/':
      return send(200, 'text/html', listPage(appName(), data));
    case '/api/streaming':
    case '/api/streaming/':
      return send(200, 'application/json', JSON.stringify(data));
    case '/streaming/query/':
    case '/api/streaming/query/': {
      const q = find();
      if (!q) return send(404, 'text/plain', `Failed to find streaming query ${url.searchParams.get('id') ?? ''}`);
      return url.pathname.startsWith('/api/') ? send(200, 'application/json', JSON.stringify(q)) : send(200, 'text/html', queryPage(q));
    }
    default:
      return send(404, 'text/plain', 'Not Found');
  }
}
