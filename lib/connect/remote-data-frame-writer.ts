// df.write in remote mode: a WriteOperation command (format, mode, options, path or table).
import { unsupportedRemotely } from './unsupported';
import { WriteOperation_SaveMode } from './gen/spark/connect/commands_pb';
import { PySparkValueError } from '../errors/illegal-argument-exception';
import type { RemoteDataFrame } from './remote-data-frame';

type OptionValue = string | number | boolean | null | undefined;

const MODES: Record<string, WriteOperation_SaveMode> = {
  append: WriteOperation_SaveMode.APPEND,
  overwrite: WriteOperation_SaveMode.OVERWRITE,
  error: WriteOperation_SaveMode.ERROR_IF_EXISTS,
  errorifexists: WriteOperation_SaveMode.ERROR_IF_EXISTS,
  ignore: WriteOperation_SaveMode.IGNORE,
};

export class RemoteDataFrameWriter {
  private source: string | undefined;
  private saveMode = WriteOperation_SaveMode.ERROR_IF_EXISTS;
  private readonly opts: Record<string, string> = {};
  private partitioning: string[] = [];

  constructor(private readonly df: RemoteDataFrame) {}

  format(source: string): this {
    this.source = source;
    return this;
  }

  mode(saveMode: string): this {
    const m = MODES[saveMode.toLowerCase()];
    if (m === undefined) throw new PySparkValueError('INVALID_SAVE_MODE', `Unknown save mode: ${saveMode}. Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.`);
    this.saveMode = m;
    return this;
  }

  option(key: string, value: OptionValue): this {
    if (value !== null && value !== undefined) this.opts[key] = typeof value === 'boolean' ? String(value) : String(value);
    return this;
  }

  options(options: Record<string, OptionValue>): this {
    for (const [k, v] of Object.entries(options)) this.option(k, v);
    return this;
  }

  partitionBy(...cols: (string | string[])[]): this {
    this.partitioning = cols.flat();
    return this;
  }

  /** Clustering columns are not sent by remote mode yet. */
  clusterBy(..._cols: unknown[]): never {
    throw unsupportedRemotely('write.clusterBy', '`partitionBy`');
  }

  save(path?: string, format?: string, mode?: string): void {
    if (format) this.format(format);
    if (mode) this.mode(mode);
    this.run(path === undefined ? undefined : { case: 'path', value: path });
  }

  saveAsTable(name: string): void {
    this.run({ case: 'table', value: { tableName: name, saveMethod: 1 } });
  }

  insertInto(name: string): void {
    this.run({ case: 'table', value: { tableName: name, saveMethod: 2 } });
  }

  parquet(path: string, mode?: string): void { this.save(path, 'parquet', mode); }
  json(path: string, mode?: string): void { this.save(path, 'json', mode); }
  csv(path: string, mode?: string): void { this.save(path, 'csv', mode); }
  text(path: string, mode?: string): void { this.save(path, 'text', mode); }

  private run(saveType: { case: 'path'; value: string } | { case: 'table'; value: { tableName: string; saveMethod: number } } | undefined): void {
    this.df.session.client.executeCommand({
      commandType: {
        case: 'writeOperation',
        value: { input: this.df.relation, ...(this.source ? { source: this.source } : {}), ...(saveType ? { saveType } : {}), mode: this.saveMode, options: this.opts, partitioningColumns: this.partitioning },
      },
    } as never);
  }
}
