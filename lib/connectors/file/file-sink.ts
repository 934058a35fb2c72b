// Spark's FileStreamSink for parquet, json, csv and text, and the write job df.write shares with
// it. A batch's rows are split into partition folders, each group is encoded by the format and
// written to a hidden temp file then renamed to Spark's part-file name
// (`part-00000-<uuid>-c000.snappy.parquet`); the sink then records the files of batch N in
// `<path>/_spark_metadata/N`. A batch id already in that log is skipped, so a batch re-run after
// a crash is written once; files of an attempt that never reached the log are ignored by readers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeTempFilesBelow } from '../../checkpoint/checkpoint-file-manager';
import { randomUUID } from 'node:crypto';
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import type { StructType } from '../../types/struct-type';
import { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { Logger } from '../../util/logger';
import type { Sink, SinkContext, SinkProvider } from '../sink';
import { csvOutputFormat } from './csv-writer';
import { deriveCompactInterval, FileSinkLog, sinkFileStatusOf, sinkMetadataDir, DEFAULT_SINK_COMPACT_INTERVAL, type SinkFileStatus } from './file-sink-log';
import { jsonOutputFormat } from './json-writer';
import type { OutputContext, OutputFormat, PreparedOutput } from './output-format';
import { parquetOutputFormat } from './parquet-writer';
import { partitionLayout, splitByPartition, type PartitionLayout } from './partition-path';
import { textOutputFormat } from './text-writer';
import { mkdirsToWriteIn } from '../../checkpoint/local-directories';

const log = new Logger('FileStreamSink');

/** The formats files can be written in, by the names `format(..)` accepts. */
export const OUTPUT_FORMATS: Record<string, OutputFormat> = {
  parquet: parquetOutputFormat,
  json: jsonOutputFormat,
  csv: csvOutputFormat,
  text: textOutputFormat,
  'org.apache.spark.sql.parquet': parquetOutputFormat,
  'org.apache.spark.sql.execution.datasources.parquet.parquetfileformat': parquetOutputFormat,
  'org.apache.spark.sql.json': jsonOutputFormat,
  'org.apache.spark.sql.execution.datasources.json.jsonfileformat': jsonOutputFormat,
  'org.apache.spark.sql.csv': csvOutputFormat,
  'com.databricks.spark.csv': csvOutputFormat,
  'org.apache.spark.sql.execution.datasources.csv.csvfileformat': csvOutputFormat,
  'org.apache.spark.sql.text': textOutputFormat,
  'org.apache.spark.sql.execution.datasources.text.textfileformat': textOutputFormat,
};

/** The option DataFrameWriter/DataStreamWriter.partitionBy pass partition columns in (Spark's DataSourceUtils key). */
export const PARTITION_COLUMNS_OPTION = '__partition_columns';

/** Parses the JSON array of `__partition_columns`. */
export function partitionColumnsOption(options: CaseInsensitiveMap): string[] {
  const text = options.get(PARTITION_COLUMNS_OPTION);
  if (text === undefined || text === '') return [];
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((c) => typeof c === 'string')) {
    throw new IllegalArgumentException(`${PARTITION_COLUMNS_OPTION} must be a JSON array of column names, got ${text}`);
  }
  return parsed;
}

/** `'path' is not specified`, Spark's IllegalArgumentException for a file sink or save() without a path. */
export function pathNotSpecified(): IllegalArgumentException {
  return new IllegalArgumentException("'path' is not specified");
}

export interface WriteJobSpec {
  readonly outputPath: string;
  readonly format: OutputFormat;
  /** The full schema of the rows, partition columns included. */
  readonly schema: StructType;
  readonly partitionColumns: readonly string[];
  readonly ctx: OutputContext;
}

/** A validated write: the same files logic for every streaming batch or for one df.write. */
export class FileWriteJob {
  readonly layout: PartitionLayout;
  private readonly output: PreparedOutput;
  private readonly maxRecordsPerFile: number;

  constructor(readonly spec: WriteJobSpec) {
    this.layout = partitionLayout(spec.schema, spec.partitionColumns, spec.ctx.options.get('timeZone') ?? spec.ctx.sessionTimeZone);
    this.output = spec.format.prepare(this.layout.dataSchema, spec.ctx);
    const max = spec.ctx.options.get('maxRecordsPerFile') ?? spec.ctx.conf('spark.sql.files.maxRecordsPerFile') ?? '0';
    this.maxRecordsPerFile = Number(max);
    if (!Number.isInteger(this.maxRecordsPerFile)) throw new IllegalArgumentException(`maxRecordsPerFile must be an integer, got ${max}`);
  }

  /**
   * Writes `rows` and returns the local paths of the files created. `fileId` names the files
   * (df.write uses the job id for all its files; the sink a fresh UUID per file). With
   * `emptyFile`, a write of no rows still creates one file (Spark does so for df.write, so the
   * schema is kept); the streaming sink writes no file for an empty batch.
   */
  write(rows: readonly (readonly unknown[])[], opts: { fileId?: string; emptyFile?: boolean } = {}): string[] {
    const groups = splitByPartition(rows, this.layout);
    if (groups.size === 0 && opts.emptyFile && this.layout.partitionIndexes.length === 0) groups.set('', []);
    const written: string[] = [];
    for (const [dir, groupRows] of groups) {
      const folder = dir === '' ? this.spec.outputPath : path.join(this.spec.outputPath, dir);
      fs.mkdirSync(folder, { recursive: true });
      const chunk = this.maxRecordsPerFile > 0 ? this.maxRecordsPerFile : Math.max(groupRows.length, 1);
      let counter = 0;
      for (let start = 0; start === 0 || start < groupRows.length; start += chunk) {
        const id = opts.fileId ?? randomUUID();
        const name = `part-00000-${id}-c${String(counter++).padStart(3, '0')}${this.output.extension}`;
        written.push(writeRenamed(folder, name, this.output.encode(groupRows.slice(start, start + chunk))));
      }
    }
    return written;
  }
}

/** Writes to a hidden temp name (readers skip names starting with `.`), then renames into place. */
function writeRenamed(folder: string, name: string, bytes: Uint8Array): string {
  const final = path.join(folder, name);
  const temp = path.join(folder, `.${name}.${process.pid}.tmp`);
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, final);
  return final;
}

/** Spark's `retention` option of the sink log: a time string such as "12h" or "30 minutes". */
export function parseRetentionMs(text: string): number {
  const m = /^\s*(\d+)\s*(ms|s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hour|hours|d|day|days)?\s*$/i.exec(text);
  if (!m) throw new IllegalArgumentException(`Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), hour (h), or day (d). E.g. 50s, 100ms, or 250us.\nInvalid time string: ${text}`);
  const unit = (m[2] ?? 'ms').toLowerCase();
  const factor = unit === 'ms' ? 1 : unit.startsWith('s') ? 1000 : unit.startsWith('m') ? 60_000 : unit.startsWith('h') ? 3_600_000 : 86_400_000;
  return Number(m[1]) * factor;
}

/** The sink log with Spark's `retention`: compaction also drops entries older than the TTL. */
class RetainingFileSinkLog extends FileSinkLog {
  constructor(
    dir: string,
    compactInterval: number,
    private readonly retentionMs: number | undefined,
  ) {
    super(dir, compactInterval);
  }

  protected override compactEntries(entries: SinkFileStatus[]): SinkFileStatus[] {
    const live = super.compactEntries(entries);
    if (this.retentionMs === undefined) return live;
    const oldest = Date.now() - this.retentionMs;
    return live.filter((e) => e.modificationTime >= oldest);
  }
}

export class FileStreamSink implements Sink {
  readonly description: string;
  readonly log: FileSinkLog;

  constructor(
    private readonly job: FileWriteJob,
    compactInterval: number,
    retentionMs?: number,
  ) {
    this.description = `FileSink[${job.spec.outputPath}]`;
    mkdirsToWriteIn(job.spec.outputPath);
    const dir = sinkMetadataDir(job.spec.outputPath);
    this.log = new RetainingFileSinkLog(dir, deriveCompactInterval(dir, compactInterval), retentionMs);
    // Part files and log files a killed run was writing (hidden `.<name>.<pid>.tmp` names).
    removeTempFilesBelow(job.spec.outputPath);
  }

  addBatch(batchId: number, rows: unknown[][]): void {
    const latest = this.log.latestBatchId();
    if (batchId <= latest) {
      log.info(`Skipping already committed batch ${batchId}`);
      return;
    }
    // The query committed batches latest+1..batchId-1, so their log files must be here: readers
    // would silently miss their rows otherwise.
    if (latest >= 0 && batchId > latest + 1) this.log.requireBatches(this.log.batchIds(), latest + 1, batchId - 1);
    const files = this.job.write(rows);
    this.log.add(batchId, files.map(sinkFileStatusOf));
  }
}

/** Session configuration the sink reads (compression codec, compact interval...). */
function confOf(ctx: SinkContext): (key: string) => string | undefined {
  return (key) => ctx.session.confGet(key);
}

export function fileSinkProvider(format: OutputFormat): SinkProvider {
  return {
    shortName: format.shortName,
    supportedOutputModes: ['append'],
    allowsTemporaryCheckpoint: false,
    createSink(ctx: SinkContext): Sink {
      const outputPath = ctx.options.get('path');
      if (outputPath === undefined) throw pathNotSpecified();
      const conf = confOf(ctx);
      const withPartitions = ctx as SinkContext & { partitionColumns?: readonly string[] };
      const partitionColumns = withPartitions.partitionColumns ?? partitionColumnsOption(ctx.options);
      const job = new FileWriteJob({
        outputPath: path.resolve(outputPath),
        format,
        schema: ctx.schema,
        partitionColumns,
        ctx: { options: ctx.options, sessionTimeZone: ctx.session.timeZone(), conf },
      });
      const interval = Number(conf('spark.sql.streaming.fileSink.log.compactInterval') ?? DEFAULT_SINK_COMPACT_INTERVAL);
      if (!Number.isInteger(interval) || interval <= 0) {
        throw new IllegalArgumentException(`requirement failed: Please set spark.sql.streaming.fileSink.log.compactInterval (was ${interval}) to a positive value.`);
      }
      const retention = ctx.options.get('retention');
      const sink = new FileStreamSink(job, interval, retention === undefined ? undefined : parseRetentionMs(retention));
      sink.log.deletion = {
        enabled: (conf('spark.sql.streaming.fileSink.log.deletion') ?? 'true').toLowerCase() === 'true',
        cleanupDelayMs: parseRetentionMs(conf('spark.sql.streaming.fileSink.log.cleanupDelay') ?? '10m'),
      };
      return sink;
    },
  };
}

export const parquetSinkProvider = fileSinkProvider(parquetOutputFormat);
export const jsonSinkProvider = fileSinkProvider(jsonOutputFormat);
export const csvSinkProvider = fileSinkProvider(csvOutputFormat);
export const textSinkProvider = fileSinkProvider(textOutputFormat);
