// Spark's text socket source: connects to host:port and turns each received line into a row of
// `value` (and `timestamp` with includeTimestamp). Not replayable, as in Spark: lines are kept only
// until their batch commits. A refused or lost connection fails the query, after every line that
// arrived has been processed.
import * as net from 'node:net';
import { DataTypes } from '../../types/data-types';
import { StructType, StructField } from '../../types/struct-type';
import { AnalysisException } from '../../errors/analysis-exception';
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { SparkException } from '../../errors/spark-exception';
import { Logger } from '../../util/logger';
import type { Offset, Source, SourceContext, SourceProvider } from '../source';

const log = new Logger('TextSocketSourceProvider');

const VALUE_SCHEMA = StructType([StructField('value', DataTypes.StringType, true)]);
const VALUE_TIMESTAMP_SCHEMA = StructType([StructField('value', DataTypes.StringType, true), StructField('timestamp', DataTypes.TimestampType, true)]);

interface SocketOptions {
  host: string;
  port: number;
  includeTimestamp: boolean;
}

function parseOptions(ctx: SourceContext): SocketOptions {
  const host = ctx.options.get('host');
  if (host === undefined) throw new AnalysisException('Set a host to read from with option("host", ...).');
  const portText = ctx.options.get('port');
  if (portText === undefined) throw new AnalysisException('Set a port to read from with option("port", ...).');
  if (!/^\s*[+-]?\d+\s*$/.test(portText)) throw new IllegalArgumentException(`For input string: "${portText}"`);
  const port = Number(portText);
  if (port < 0 || port > 65535) throw new IllegalArgumentException(`port out of range:${port}`);
  const includeText = ctx.options.get('includeTimestamp') ?? 'false';
  if (!/^(true|false)$/i.test(includeText)) throw new AnalysisException('includeTimestamp must be set to either "true" or "false"');
  return { host, port, includeTimestamp: includeText.toLowerCase() === 'true' };
}

export class TextSocketSource implements Source {
  readonly schema: StructType;
  readonly description: string;
  private socket: net.Socket | undefined;
  /** Rows not yet committed; rows[0] has offset `firstOffset`. */
  private rows: unknown[][] = [];
  private firstOffset = 0;
  private partial = '';
  private failure: SparkException | undefined;
  private listener: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly options: SocketOptions) {
    this.schema = options.includeTimestamp ? VALUE_TIMESTAMP_SCHEMA : VALUE_SCHEMA;
    this.description = `TextSocketV2[host: ${options.host}, port: ${options.port}]`;
  }

  private get endpoint(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  initialize(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ host: this.options.host, port: this.options.port });
      socket.setEncoding('utf8');
      let connected = false;
      socket.once('connect', () => {
        connected = true;
        // Like the trigger timers, an open source connection alone does not keep the script alive.
        socket.unref();
        resolve();
      });
      socket.on('data', (chunk: string) => this.receive(chunk));
      socket.on('error', (e: NodeJS.ErrnoException) => {
        const reason = e.code === 'ECONNREFUSED' ? 'Connection refused' : e.message;
        const error = new SparkException(
          connected
            ? `Lost the connection to the socket source at ${this.endpoint}: ${reason}${e.code ? ` (${e.code})` : ''}.`
            : `Cannot connect to the socket source at ${this.endpoint}: ${reason}${e.code && e.code !== 'ECONNREFUSED' ? '' : e.code ? ` (${e.code})` : ''}.`,
          { cause: e },
        );
        if (!connected) reject(error);
        else this.fail(error);
      });
      socket.on('close', () => {
        if (this.partial.length > 0) this.addLine(this.partial);
        this.partial = '';
        if (!this.stopped) this.fail(new SparkException(`The socket source at ${this.endpoint} was closed by the remote end.`));
      });
      this.socket = socket;
    });
  }

  private receive(chunk: string): void {
    const text = this.partial + chunk;
    let start = 0;
    // Lines end with \n, \r or \r\n, as Java's BufferedReader.readLine.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        this.addLine(text.slice(start, i));
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    this.partial = text.slice(start);
    this.listener?.();
  }

  private addLine(line: string): void {
    this.rows.push(this.options.includeTimestamp ? [line, BigInt(Date.now()) * 1000n] : [line]);
  }

  private fail(error: SparkException): void {
    this.failure ??= error;
    this.listener?.();
  }

  onDataAvailable(listener: () => void): void {
    this.listener = listener;
  }

  latestOffset(): Offset | null {
    const available = this.firstOffset + this.rows.length - 1;
    if (available < this.firstOffset) {
      if (this.failure) throw this.failure;
      return this.firstOffset === 0 ? null : this.firstOffset - 1;
    }
    return available;
  }

  getBatch(start: Offset | null, end: Offset): unknown[][] {
    const from = start === null ? 0 : (start as number) + 1;
    const to = end as number;
    if (from < this.firstOffset) {
      throw new SparkException(
        `The socket source does not support recovery: lines ${from} to ${to} from ${this.endpoint} were received by an earlier run and are gone.`,
      );
    }
    return this.rows.slice(from - this.firstOffset, to - this.firstOffset + 1);
  }

  commit(end: Offset): void {
    const drop = (end as number) + 1 - this.firstOffset;
    if (drop > 0) {
      this.rows = this.rows.slice(drop);
      this.firstOffset += drop;
    }
  }

  stop(): void {
    this.stopped = true;
    this.socket?.destroy();
    this.socket = undefined;
  }
}

export const socketSourceProvider: SourceProvider = {
  shortName: 'socket',
  sourceSchema(ctx) {
    if (ctx.userSchema) throw new AnalysisException('The socket source does not support a user-specified schema.');
    const options = parseOptions(ctx);
    return options.includeTimestamp ? VALUE_TIMESTAMP_SCHEMA : VALUE_SCHEMA;
  },
  createSource(ctx) {
    log.warn('The socket source should not be used for production applications! It does not support recovery.');
    return new TextSocketSource(parseOptions(ctx));
  },
};
