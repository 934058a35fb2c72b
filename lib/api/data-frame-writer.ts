// pyspark.sql.DataFrameWriter: df.write.format(..).mode(..).option(..).partitionBy(..).save(path),
// and the shortcuts parquet/json/csv/text(path, options). Save modes as Spark's
// InsertIntoHadoopFsRelationCommand: `errorifexists` (default; also `error`, `default`) fails with
// PATH_ALREADY_EXISTS on an existing path, `ignore` then writes nothing, `overwrite` replaces the
// folder's content, `append` adds files. A successful write leaves an empty `_SUCCESS` file.
// The writer is immutable: every call returns a new writer (PySpark's mutates; usage is the same).
//
// PySpark's keyword arguments become an options object: `json(path, { mode: 'append',
// compression: 'gzip' })`; `mode` and `partitionBy` there act as the methods of the same name.
import { toLocalPath } from '../util/local-path';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalysisException } from '../errors/analysis-exception';
import { PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { SparkException } from '../errors/spark-exception';
import { CaseInsensitiveMap } from '../util/case-insensitive-map';
import { optionString, type OptionValue } from './data-stream-reader';
import type { DataFrame } from './data-frame';
import { lazy } from '../util/lazy';
import { checkStr, checkDict, notExpectedType } from './argument-checks';
import { toExternalRows, externalValueOptions } from '../types/external-row';
// Loaded on first use, so `import 'rivulet'` stays fast.
const fileSinkModule = lazy(() => require('../connectors/file/file-sink') as typeof import('../connectors/file/file-sink'));
const localDirectoriesModule = lazy(() => require('../checkpoint/local-directories') as typeof import('../checkpoint/local-directories'));
const fileFormatModule = lazy(() => require('../connectors/file/file-format') as typeof import('../connectors/file/file-format'));

export type SaveMode = 'append' | 'overwrite' | 'ignore' | 'errorifexists';

/** Keyword arguments of save()/parquet()/json()/csv()/text(): format options plus mode and partitionBy. */
export type WriterOptions = Record<string, OptionValue> & { mode?: string | null; partitionBy?: string | string[] | null };

interface WriterState {
  readonly format: string | undefined;
  readonly mode: SaveMode;
  readonly options: CaseInsensitiveMap;
  readonly partitionColumns: readonly string[];
  readonly clusterColumns: readonly string[];
}

/** Spark's DataFrameWriter.mode(String), with INVALID_SAVE_MODE for anything else. */
export function parseSaveMode(mode: string): SaveMode {
  switch (mode.toLowerCase()) {
    case 'overwrite':
      return 'overwrite';
    case 'append':
      return 'append';
    case 'ignore':
      return 'ignore';
    case 'error':
    case 'errorifexists':
    case 'default':
      return 'errorifexists';
  }
  throw new AnalysisException(
    `The specified save mode "${mode}" is invalid. Valid save modes include "append", "overwrite", "ignore", "error", "errorifexists", and "default".`,
    { errorClass: 'INVALID_SAVE_MODE', sqlState: '42000', messageParameters: { mode: `"${mode}"` } },
  );
}

export class DataFrameWriter {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.readwriter.DataFrameWriter object>';
  }

  private readonly state: WriterState;

  constructor(
    private readonly df: DataFrame,
    state?: WriterState,
  ) {
    this.state = state ?? { format: undefined, mode: 'errorifexists', options: new CaseInsensitiveMap(), partitionColumns: [], clusterColumns: [] };
  }

  private with(changes: Partial<WriterState>): DataFrameWriter {
    return new DataFrameWriter(this.df, { ...this.state, ...changes });
  }

  format(source: string): DataFrameWriter {
    checkStr(source, 'source');
    return this.with({ format: source });
  }

  /** `append`, `overwrite`, `ignore`, `error` / `errorifexists` / `default`; null keeps the current mode. */
  mode(saveMode: string | null | undefined): DataFrameWriter {
    if (saveMode === null || saveMode === undefined) return this;
    checkStr(saveMode, 'saveMode');
    return this.with({ mode: parseSaveMode(saveMode) });
  }

  option(key: string, value: OptionValue): DataFrameWriter {
    checkStr(key, 'key');
    if (value === null || value === undefined) return this;
    return this.with({ options: this.state.options.with(key, optionString(value)) });
  }

  options(options: Record<string, OptionValue>): DataFrameWriter {
    checkDict(options, 'options');
    let w: DataFrameWriter = this;
    for (const [k, v] of Object.entries(options)) w = w.option(k, v);
    return w;
  }

  /** Hive-style `col=value` folders; the columns are left out of the files. */
  partitionBy(...cols: (string | string[])[]): DataFrameWriter {
    const flat = cols.flat();
    for (const c of flat) {
      if (typeof c !== 'string') {
        throw notExpectedType('cols', 'str', c);
      }
    }
    return this.with({ partitionColumns: flat });
  }

  /** `clusterBy('a', 'b')`: the table's clustering columns (saveAsTable records them, as Spark's clusteringColumns). */
  clusterBy(...cols: (string | string[])[]): DataFrameWriter {
    const flat = cols.flat();
    if (flat.length === 0) throw new PySparkValueError('CANNOT_BE_EMPTY', 'At least one column must be specified.', { item: 'column' });
    for (const c of flat) {
      if (typeof c !== 'string') throw notExpectedType('cols', 'str', c);
    }
    return this.with({ clusterColumns: flat });
  }

  /**
   * `saveAsTable(name, format?, mode?, partitionBy?, options)`: a managed table of the session
   * catalog, stored as Parquet under spark.sql.warehouse.dir. Modes: `errorifexists` (default,
   * TABLE_OR_VIEW_ALREADY_EXISTS), `append` (by column name), `overwrite` (replaces the table),
   * `ignore`.
   */
  saveAsTable(name: string, format?: string | null, mode?: string | null, partitionBy?: string | string[] | null, options: Record<string, OptionValue> = {}): void {
    if (typeof name !== 'string') throw notExpectedType('name', 'str', name);
    let w: DataFrameWriter = this;
    if (format !== null && format !== undefined) w = w.format(format);
    w = w.mode(mode);
    if (partitionBy !== null && partitionBy !== undefined) w = w.partitionBy(partitionBy);
    w = w.options(options);
    w.checkClusterAndPartition();
    this.df.session.tables.saveAsTable(name, this.df.plan, w.state.mode, w.state.format, w.state.clusterColumns, w.state.partitionColumns);
  }

  /** `insertInto(tableName, overwrite=false)`: the rows go by position into an existing table. */
  insertInto(tableName: string, overwrite?: boolean | null): void {
    if (typeof tableName !== 'string') throw notExpectedType('tableName', 'str', tableName);
    this.df.session.tables.insertInto(tableName, this.df.plan, overwrite ?? this.state.mode === 'overwrite');
  }

  private checkClusterAndPartition(): void {
    if (this.state.clusterColumns.length > 0 && this.state.partitionColumns.length > 0) {
      throw new AnalysisException('Cannot specify both CLUSTER BY and PARTITIONED BY.', { errorClass: 'SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED', sqlState: '42908' });
    }
  }

  /** Writes the DataFrame to `path` (or the `path` option) in the chosen format (default spark.sql.sources.default). */
  save(pathArg?: string | null, format?: string | null, mode?: string | null, partitionBy?: string | string[] | null, options: Record<string, OptionValue> = {}): void {
    if (pathArg !== undefined && pathArg !== null) checkStr(pathArg, 'path');
    let w: DataFrameWriter = this;
    if (format !== null && format !== undefined) w = w.format(format);
    w = w.mode(mode);
    if (partitionBy !== null && partitionBy !== undefined) w = w.partitionBy(partitionBy);
    w = w.options(options);
    if (pathArg !== null && pathArg !== undefined) w = w.option('path', pathArg);
    w.run();
  }

  parquet(pathArg: string, options: WriterOptions = {}): void {
    this.shortcut('parquet', pathArg, options);
  }

  json(pathArg: string, options: WriterOptions = {}): void {
    this.shortcut('json', pathArg, options);
  }

  csv(pathArg: string, options: WriterOptions = {}): void {
    this.shortcut('csv', pathArg, options);
  }

  text(pathArg: string, options: WriterOptions = {}): void {
    this.shortcut('text', pathArg, options);
  }

  private shortcut(format: string, pathArg: string, options: WriterOptions): void {
    if (typeof pathArg !== 'string') {
      throw notExpectedType('path', 'str', pathArg);
    }
    const { mode, partitionBy, ...rest } = options;
    this.save(pathArg, format, mode, partitionBy, rest);
  }

  private run(): void {
    const session = this.df.session;
    const { mode, options, partitionColumns } = this.state;
    const formatName = this.state.format ?? session.confGet('spark.sql.sources.default') ?? 'parquet';
    if (formatName.toLowerCase() === 'noop') {
      this.df.collectInternalRows(); // Spark's noop source runs the query and discards the rows
      return;
    }
    const format = fileSinkModule().OUTPUT_FORMATS[formatName.toLowerCase()];
    const userSource = format === undefined ? session.dataSource?.lookup(formatName) : undefined;
    if (userSource !== undefined) {
      // Spark's Python data sources take append and overwrite (ignore and errorifexists are refused).
      if (mode !== 'append' && mode !== 'overwrite') {
        const createMode = mode === 'ignore' ? 'Ignore' : 'ErrorIfExists';
        throw new AnalysisException(`The data source "${userSource.name}" cannot be written in the "${createMode}" mode. Please use either the "Append" or "Overwrite" mode instead.`, {
          errorClass: 'UNSUPPORTED_DATA_SOURCE_SAVE_MODE',
          sqlState: '0A000',
          messageParameters: { source: `"${userSource.name}"`, createMode: `"${createMode}"` },
        });
      }
      const schema = this.df.schema;
      const rows = toExternalRows(schema, this.df.collectInternalRows(), externalValueOptions((k) => session.confGet(k)));
      (require('../connectors/data-source/data-source-batch') as typeof import('../connectors/data-source/data-source-batch')).writeDataSource(userSource, options, schema, rows, mode === 'overwrite');
      return;
    }
    if (!format) {
      session.formats.sink(formatName); // DATA_SOURCE_NOT_FOUND for a name nobody registered
      throw new AnalysisException(`Data source ${formatName} does not support batch write in Rivulet; use parquet, json, csv, text or noop.`);
    }
    const pathOption = options.get('path');
    if (pathOption === undefined) throw fileSinkModule().pathNotSpecified();
    const outputPath = path.resolve(toLocalPath(pathOption));

    // Validate schema, options and partition columns before touching the file system.
    const job = new (fileSinkModule().FileWriteJob)({
      outputPath,
      format,
      schema: this.df.schema,
      partitionColumns,
      ctx: { options, sessionTimeZone: session.compileContext().timeZone, conf: (key) => session.confGet(key) },
    });

    const exists = fs.existsSync(outputPath);
    if (exists && mode === 'errorifexists') {
      throw new AnalysisException(`Path ${fileFormatModule().qualifiedPath(outputPath)} already exists. Set mode as "overwrite" to overwrite the existing path.`, {
        errorClass: 'PATH_ALREADY_EXISTS',
        sqlState: '42K04',
        messageParameters: { outputPath: fileFormatModule().qualifiedPath(outputPath) },
      });
    }
    if (exists && mode === 'ignore') return;

    // The rows are computed before an overwrite deletes anything, so a DataFrame that reads the
    // folder it overwrites fails cleanly (Spark refuses such plans up front) instead of losing data.
    const rows = this.df.collectInternalRows();
    if (exists && mode === 'overwrite') clearFolder(outputPath);
    localDirectoriesModule().mkdirsToWriteIn(outputPath);
    try {
      job.write(rows, { fileId: crypto.randomUUID(), emptyFile: true });
      fs.mkdirSync(outputPath, { recursive: true });
      fs.writeFileSync(path.join(outputPath, '_SUCCESS'), '');
    } catch (e) {
      if (e instanceof SparkException) throw e;
      throw new SparkException(`Task failed while writing rows to ${fileFormatModule().qualifiedPath(outputPath)}.`, {
        errorClass: 'TASK_WRITE_FAILED',
        sqlState: '58030',
        messageParameters: { path: fileFormatModule().qualifiedPath(outputPath) },
        cause: e,
      });
    }
  }
}

/** Overwrite: the folder's entries go (the folder itself stays, as with Spark's delete-then-write of a directory). */
function clearFolder(folder: string): void {
  const st = fs.statSync(folder);
  if (!st.isDirectory()) {
    fs.rmSync(folder, { force: true });
    return;
  }
  for (const name of fs.readdirSync(folder)) fs.rmSync(path.join(folder, name), { recursive: true, force: true });
}
