// Spark's FileStreamSource: a folder (or glob) read as a stream of new files, for every file
// format (text, csv, json, parquet).
//
// Exactly-once bookkeeping, as Spark does it: latestOffset lists the folder, takes the files not
// seen yet (oldest first, or newest with latestFirst; within maxFileAge of the newest file seen;
// capped by maxFilesPerTrigger / maxBytesPerTrigger), and WRITES them as the next batch of the
// source log `<checkpoint>/sources/<i>/<logBatchId>` before returning `{"logOffset":N}`. getBatch
// reads exactly the files logged for (start, end], so a re-run batch reads the same files. On a
// restart the seen-files map is rebuilt from the log, so no file is taken twice. commit(end)
// archives or deletes the files of committed batches when `cleanSource` asks for it.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { AnalysisException } from '../../errors/analysis-exception';
import { unableToInferSchemaError } from '../../errors/query-compilation-errors';
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { SparkException } from '../../errors/spark-exception';
import { missingLogFile } from '../../checkpoint/metadata-log';
import { parseRetentionMs } from './file-sink';
import { DataTypes } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { Logger } from '../../util/logger';
import type { Offset, ReadLimit, Source, SourceContext, SourceProvider } from '../source';
import { failedReadFile, fileNotExistError, inputFileOf, qualifiedPath, readFileRows, type FileFormat, type FileFormatOptions, type InputFile } from './file-format';
import { globToRegExp, hasGlob, hasSinkMetadata, listFiles, listingOptions, listSinkOutput, localPath, pathNotFoundError, type FileListing } from './file-listing';
import { FileStreamSourceLog, fileUri, localPathOfUri, DEFAULT_SOURCE_LOG_COMPACT_INTERVAL, type FileEntry } from './file-stream-source-log';
import { fileStreamOptions, type FileStreamOptions } from './file-stream-source-options';
import { partitionValuesOf } from './partition-discovery';
import { asNullable } from './type-widening';

const log = new Logger('FileStreamSource');

class SessionConf {
  constructor(private readonly conf: ((key: string) => string | undefined) | undefined) {}

  get(key: string, defaultValue: string): string {
    return this.conf?.(key) ?? defaultValue;
  }

  bool(key: string, defaultValue: boolean): boolean {
    return this.get(key, String(defaultValue)).toLowerCase() === 'true';
  }

  get timeZone(): string {
    return this.get('spark.sql.session.timeZone', Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  }

  get caseSensitive(): boolean {
    return this.bool('spark.sql.caseSensitive', false);
  }
}


function schemaNotSpecified(): IllegalArgumentException {
  return new IllegalArgumentException(
    "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.",
    { errorClass: '_LEGACY_ERROR_TEMP_2048' },
  );
}

interface ResolvedSource {
  /** Absolute path or glob. */
  path: string;
  dataSchema: StructType;
  partitionSchema: StructType;
  schema: StructType;
}

/** The current files under the source path, with size and modification time. */
interface NewFileEntry {
  path: string;
  timestamp: number;
  size: number;
}

function formatOptionsOf(options: CaseInsensitiveMap, conf: SessionConf): FileFormatOptions {
  return {
    options,
    sessionTimeZone: conf.timeZone,
    columnNameOfCorruptRecord: conf.get('spark.sql.columnNameOfCorruptRecord', '_corrupt_record'),
    caseSensitive: conf.caseSensitive,
  };
}

/** Files under the path: from a file sink's log when the path is its output folder, else listed. */
function listSourceFiles(path: string, options: CaseInsensitiveMap, conf: SessionConf, userSchema: StructType | undefined): FileListing {
  const listing = listingOptions(
    options,
    { timeZone: conf.timeZone, caseSensitive: conf.caseSensitive, partitionColumnTypeInference: conf.bool('spark.sql.sources.partitionColumnTypeInference.enabled', true) },
    userSchema,
  );
  if (hasSinkMetadata([path])) return listSinkOutput(path, listing);
  try {
    return listFiles([path], listing);
  } catch (e) {
    // A glob that matches nothing yet is an empty stream, not an error.
    if (hasGlob(path) && e instanceof AnalysisException && e.errorClass === 'PATH_NOT_FOUND') return { files: [], partitionSchema: new StructType([]) };
    throw e;
  }
}

/** DataSource.sourceSchema for file formats: path checks, schema requirement, partition columns. */
function resolveSource(format: FileFormat, ctx: SourceContext): ResolvedSource {
  const conf = new SessionConf(ctx.conf);
  const options = ctx.options;
  const pathOption = options.get('path');
  if (pathOption === undefined) throw new IllegalArgumentException("'path' is not specified");
  const path = localPath(pathOption);
  if (!hasGlob(path) && !fs.existsSync(path)) {
    throw pathNotFoundError(path);
  }
  const isText = format.shortName === 'text';
  const userSchema = ctx.userSchema;
  if (!conf.bool('spark.sql.streaming.schemaInference', false) && !isText && userSchema === undefined) throw schemaNotSpecified();

  const listing = listSourceFiles(path, options, conf, userSchema);
  const partitionSchema = listing.partitionSchema;
  const same = (a: string, b: string) => (conf.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase());
  const fmtOptions = formatOptionsOf(options, conf);
  let dataSchema: StructType;
  if (userSchema !== undefined) {
    dataSchema = new StructType(userSchema.fields.filter((f) => !partitionSchema.fields.some((p) => same(p.name, f.name))));
  } else if (isText) {
    dataSchema = new StructType([new StructField('value', DataTypes.StringType, true)]);
  } else {
    const inputs: InputFile[] = listing.files.map((f) => inputFileOf(format, f.path, fs.readFileSync(f.path)));
    const inferred = inputs.length === 0 ? undefined : format.inferSchema(inputs, fmtOptions);
    if (!inferred) {
      throw unableToInferSchemaError(format.displayName);
    }
    dataSchema = inferred;
  }
  format.verifySchema(dataSchema, fmtOptions);
  // spark.sql.streaming.fileSource.schema.forceNullable (true): file data may hold nulls anywhere.
  const nullable = (f: StructField) => new StructField(f.name, asNullable(f.dataType), true, f.metadata);
  dataSchema = new StructType(dataSchema.fields.map(nullable));
  const schema = new StructType([...dataSchema.fields, ...partitionSchema.fields.map(nullable)]);
  return { path, dataSchema, partitionSchema, schema };
}

/** Spark's SeenFilesMap: files already taken, forgetting those older than maxFileAge. */
class SeenFilesMap {
  private readonly map = new Map<string, number>();
  private latestTimestamp = 0;
  private lastPurgeTimestamp = 0;

  constructor(
    private readonly maxAgeMs: number,
    private readonly fileNameOnly: boolean,
  ) {}

  private key(path: string): string {
    return this.fileNameOnly ? nodePath.basename(path) : path;
  }

  add(path: string, timestamp: number): void {
    this.map.set(this.key(path), timestamp);
    if (timestamp > this.latestTimestamp) this.latestTimestamp = timestamp;
  }

  /** Tested against the last purge (not the newest file) so no file between the two is missed. */
  isNewFile(path: string, timestamp: number): boolean {
    return timestamp >= this.lastPurgeTimestamp && !this.map.has(this.key(path));
  }

  purge(): number {
    this.lastPurgeTimestamp = this.latestTimestamp - this.maxAgeMs;
    let count = 0;
    for (const [k, t] of this.map) {
      if (t < this.lastPurgeTimestamp) {
        this.map.delete(k);
        count++;
      }
    }
    return count;
  }

  get size(): number {
    return this.map.size;
  }
}

/** Hadoop's Path.depth for an absolute local path. */
function depthOf(p: string): number {
  return p === '/' ? 0 : p.split('/').length - 1;
}

function ancestorAtDepth(p: string, depth: number): string {
  let out = p;
  while (depthOf(out) > depth) out = nodePath.dirname(out);
  return out;
}

/**
 * FileStreamSourceCleaner: archives (moves under sourceArchiveDir, keeping the full source path)
 * or deletes the files of committed batches. Failures are logged, never fatal (Spark's rule).
 */
class SourceCleaner {
  constructor(
    private readonly mode: 'ARCHIVE' | 'DELETE',
    private readonly archiveDir: string | undefined,
  ) {}

  static create(sourcePath: string, options: FileStreamOptions): SourceCleaner | undefined {
    if (options.cleanSource === 'OFF') return undefined;
    if (options.cleanSource === 'DELETE') return new SourceCleaner('DELETE', undefined);
    const archive = localPath(options.sourceArchiveDir!);
    // The archive must not match the source pattern at the depth both paths share, or archived
    // files could be picked up again as new input.
    const minDepth = Math.min(depthOf(sourcePath), depthOf(archive));
    let source = ancestorAtDepth(sourcePath, minDepth);
    let target = ancestorAtDepth(archive, minDepth);
    let matched = true;
    while (matched && target !== '/' && source !== '/') {
      if (!globToRegExp(nodePath.basename(source)).test(nodePath.basename(target))) matched = false;
      source = nodePath.dirname(source);
      target = nodePath.dirname(target);
    }
    if (matched) {
      throw new IllegalArgumentException(
        "requirement failed: Base archive path cannot be set to the path where archived path can possibly match with source pattern. Ensure the base archive path doesn't match with source pattern in depth, where the depth is minimum of depth on both paths.",
      );
    }
    return new SourceCleaner('ARCHIVE', archive);
  }

  clean(entry: FileEntry): void {
    const file = localPathOfUri(entry.path);
    try {
      if (this.mode === 'DELETE') {
        fs.rmSync(file);
      } else {
        const target = nodePath.join(this.archiveDir!, file);
        fs.mkdirSync(nodePath.dirname(target), { recursive: true });
        fs.renameSync(file, target);
      }
    } catch (e) {
      // Already cleaned (a restart commits the last batch again): nothing to do.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      log.warn(`Fail to ${this.mode === 'DELETE' ? 'remove' : 'move'} ${qualifiedPath(file)} / skip ${this.mode === 'DELETE' ? 'removing' : 'moving'} file: ${(e as Error).message}`);
    }
  }
}

function logOffsetOf(offset: Offset | null): number {
  if (offset === null) return -1;
  const o = typeof offset === 'string' ? (JSON.parse(offset) as unknown) : offset;
  if (typeof o === 'object' && o !== null && typeof (o as { logOffset?: unknown }).logOffset === 'number') return (o as { logOffset: number }).logOffset;
  if (typeof o === 'number') return o;
  throw new IllegalArgumentException(`Invalid conversion from offset of ${JSON.stringify(offset)} to FileStreamSourceOffset`);
}

export class FileStreamSource implements Source {
  readonly schema: StructType;
  readonly description: string;
  private readonly resolved: ResolvedSource;
  private readonly conf: SessionConf;
  private readonly options: CaseInsensitiveMap;
  private readonly streamOptions: FileStreamOptions;
  private readonly metadataLog: FileStreamSourceLog;
  private metadataLogCurrentOffset: number;
  private readonly seenFiles: SeenFilesMap;
  private readonly cleaner: SourceCleaner | undefined;
  private readonly formatOptions: FileFormatOptions;
  /** basePath for partition values: the source folder unless it is a glob (Spark's rule). */
  private readonly basePath: string | undefined;
  private allFilesForTriggerAvailableNow: NewFileEntry[] | undefined;
  private lastCleanedOffset: number | undefined;
  /** Spark's unreadFiles: new files a rate limit left out, reused before listing again. */
  private unreadFiles: NewFileEntry[] | undefined;

  constructor(
    private readonly format: FileFormat,
    ctx: SourceContext,
  ) {
    this.conf = new SessionConf(ctx.conf);
    this.options = ctx.options;
    this.streamOptions = fileStreamOptions(this.options);
    this.resolved = resolveSource(format, ctx);
    this.schema = this.resolved.schema;
    this.description = `FileStreamSource[${qualifiedPath(this.resolved.path)}]`;
    this.formatOptions = formatOptionsOf(this.options, this.conf);
    const userBase = this.options.get('basePath');
    this.basePath = userBase !== undefined ? localPath(userBase) : hasGlob(this.resolved.path) ? undefined : this.resolved.path;
    if (ctx.metadataPath === undefined) throw new SparkException('The file stream source needs a checkpoint folder for its log of files read.');
    const interval = Number(this.conf.get('spark.sql.streaming.fileSource.log.compactInterval', String(DEFAULT_SOURCE_LOG_COMPACT_INTERVAL)));
    if (!Number.isInteger(interval) || interval <= 0) {
      throw new IllegalArgumentException(`requirement failed: spark.sql.streaming.fileSource.log.compactInterval (was ${interval}) should be greater than 0`);
    }
    this.metadataLog = new FileStreamSourceLog(ctx.metadataPath, interval);
    this.metadataLog.deletion = {
      enabled: this.conf.bool('spark.sql.streaming.fileSource.log.deletion', true),
      cleanupDelayMs: parseRetentionMs(this.conf.get('spark.sql.streaming.fileSource.log.cleanupDelay', '10m')),
    };
    const o = this.streamOptions;
    if (o.latestFirst) log.warn("'latestFirst' is true. New files will be processed first, which may affect the watermark value. In addition, 'maxFileAge' will be ignored.");
    if (o.fileNameOnly) log.warn("'fileNameOnly' is enabled. Make sure your file names are unique (e.g. using UUID), otherwise, files with the same name but under different paths will be considered the same and causes data lost.");
    // latestFirst with a rate limit would otherwise age out the old files it is meant to reach.
    const maxFileAgeMs = o.latestFirst && (o.maxFilesPerTrigger !== undefined || o.maxBytesPerTrigger !== undefined) ? Number.MAX_SAFE_INTEGER : o.maxFileAgeMs;
    this.seenFiles = new SeenFilesMap(maxFileAgeMs, o.fileNameOnly);
    this.metadataLogCurrentOffset = this.metadataLog.getLatest()?.batchId ?? -1;
    for (const entry of this.metadataLog.allEntries()) this.seenFiles.add(entry.path, entry.timestamp);
    this.seenFiles.purge();
    this.cleaner = SourceCleaner.create(this.resolved.path, o);
    if (this.cleaner && hasSinkMetadata([this.resolved.path])) {
      throw new SparkException('Clean up source files is not supported when reading from the output directory of FileStreamSink.');
    }
  }

  /** Trigger.AvailableNow: later batches choose only among the files that exist now. */
  prepareForTriggerAvailableNow(): void {
    this.allFilesForTriggerAvailableNow = this.fetchAllFiles();
  }

  /** Files fixed at availableNow start and not yet read, plus files logged after `start` but not yet processed. */
  availableNowRemaining(start: Offset | null): number | null {
    const all = this.allFilesForTriggerAvailableNow;
    if (all === undefined) return null;
    const unplanned = all.filter((f) => this.seenFiles.isNewFile(f.path, f.timestamp)).length;
    const startOffset = logOffsetOf(start);
    const planned = startOffset < this.metadataLogCurrentOffset ? this.metadataLog.filesOfBatches(startOffset + 1, this.metadataLogCurrentOffset).length : 0;
    return unplanned + planned;
  }

  private fetchAllFiles(): NewFileEntry[] {
    const listing = listSourceFiles(this.resolved.path, this.options, this.conf, this.schema);
    const files: NewFileEntry[] = [];
    for (const f of listing.files) {
      let st: fs.Stats;
      try {
        st = fs.statSync(f.path);
      } catch {
        continue; // vanished between listing and stat
      }
      files.push({ path: fileUri(f.path), timestamp: Math.floor(st.mtimeMs), size: st.size });
    }
    const direction = this.streamOptions.latestFirst ? -1 : 1;
    // Modification time order (Spark's sortBy is stable over the listing, which is path order).
    files.sort((a, b) => direction * (a.timestamp - b.timestamp) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return files;
  }

  latestOffset(start: Offset | null = null, limit: ReadLimit = 'default'): Offset | null {
    // A log batch written before a crash kept the engine from logging offsets/N: replay it as it
    // is, so batch boundaries equal those of an uninterrupted run (issue 15).
    const startOffset = logOffsetOf(start);
    if (startOffset < this.metadataLogCurrentOffset) return { logOffset: startOffset + 1 };
    const o = this.streamOptions;
    let newFiles: NewFileEntry[];
    if (this.unreadFiles !== undefined && this.unreadFiles.length > 0) {
      // Files a rate limit left over last time are taken before the folder is listed again.
      newFiles = this.unreadFiles;
    } else {
      const all = this.allFilesForTriggerAvailableNow ?? this.fetchAllFiles();
      newFiles = all.filter((f) => this.seenFiles.isNewFile(f.path, f.timestamp));
    }
    const shouldCache = !o.latestFirst && this.allFilesForTriggerAvailableNow === undefined;
    let batchFiles = newFiles;
    let unselected: NewFileEntry[] = [];
    if (limit === 'allAvailable') {
      // Trigger.Once: every new file in one batch, whatever the rate limits.
    } else if (o.maxFilesPerTrigger !== undefined) {
      batchFiles = newFiles.slice(0, o.maxFilesPerTrigger);
      unselected = newFiles.slice(o.maxFilesPerTrigger);
      if (unselected.length < o.maxFilesPerTrigger * o.discardCachedInputRatio) unselected = [];
    } else if (o.maxBytesPerTrigger !== undefined) {
      // At least one file, then files while the total stays within the limit.
      let taken = 0;
      let n = 0;
      while (n < newFiles.length && (n === 0 || taken + newFiles[n].size <= o.maxBytesPerTrigger)) taken += newFiles[n++].size;
      batchFiles = newFiles.slice(0, n);
      unselected = newFiles.slice(n);
      if (unselected.reduce((sum, f) => sum + f.size, 0) < o.maxBytesPerTrigger * o.discardCachedInputRatio) unselected = [];
    }
    this.unreadFiles = shouldCache && unselected.length > 0 && o.maxCachedFiles > 0 ? unselected.slice(0, o.maxCachedFiles) : undefined;
    for (const f of batchFiles) this.seenFiles.add(f.path, f.timestamp);
    this.seenFiles.purge();
    if (batchFiles.length > 0) {
      this.metadataLogCurrentOffset++;
      const id = this.metadataLogCurrentOffset;
      const entries: FileEntry[] = batchFiles.map((f) => ({ path: f.path, timestamp: f.timestamp, batchId: id }));
      if (!this.metadataLog.add(id, entries)) {
        throw new SparkException(`Concurrent update to the log. Multiple streaming jobs detected for ${id}`);
      }
    }
    return this.metadataLogCurrentOffset < 0 ? null : { logOffset: this.metadataLogCurrentOffset };
  }

  getBatch(start: Offset | null, end: Offset): unknown[][] {
    const startOffset = logOffsetOf(start);
    const endOffset = logOffsetOf(end);
    const files = this.metadataLog.filesOfBatches(startOffset + 1, endOffset);
    return this.readFiles(files);
  }

  batchFiles(start: Offset | null, end: Offset): string[] {
    return this.metadataLog.filesOfBatches(logOffsetOf(start) + 1, logOffsetOf(end)).map((f) => f.path);
  }

  private readFiles(files: readonly FileEntry[]): unknown[][] {
    const ignoreMissing = this.conf.bool('spark.sql.files.ignoreMissingFiles', false);
    const ignoreCorrupt = this.conf.bool('spark.sql.files.ignoreCorruptFiles', false);
    const { dataSchema, partitionSchema } = this.resolved;
    const rows: unknown[][] = [];
    for (const entry of files) {
      const file = localPathOfUri(entry.path);
      let content: Uint8Array;
      try {
        content = fs.readFileSync(file);
      } catch (e) {
        if (ignoreMissing && (e as NodeJS.ErrnoException).code === 'ENOENT') {
          log.warn(`Skipped missing file: ${qualifiedPath(file)}`);
          continue;
        }
        throw (e as NodeJS.ErrnoException).code === 'ENOENT' ? fileNotExistError(file, e) : failedReadFile(file, e);
      }
      let fileRows: unknown[][];
      try {
        fileRows = readFileRows(this.format, file, content, dataSchema, this.formatOptions);
      } catch (e) {
        if (!ignoreCorrupt) throw e;
        log.warn(`Skipped the rest of the content in the corrupted file: ${qualifiedPath(file)}: ${(e as Error).message}`);
        continue;
      }
      if (partitionSchema.fields.length === 0) {
        for (const r of fileRows) rows.push(r);
      } else {
        const values = partitionValuesOf(file, this.basePath, partitionSchema, this.conf.timeZone, this.conf.caseSensitive);
        for (const r of fileRows) rows.push([...r, ...values]);
      }
    }
    return rows;
  }

  commit(end: Offset): void {
    const endOffset = logOffsetOf(end);
    // The engine's checkpoint says the log reached endOffset: without those files the source
    // would take the same input files again as new ones (issue 15).
    if (endOffset > this.metadataLogCurrentOffset) {
      throw missingLogFile(this.metadataLog.fileOf(endOffset), `the query committed file source log batch ${endOffset}, but the log ends at ${this.metadataLogCurrentOffset}`);
    }
    if (this.cleaner) {
      // Spark cleans the files of the end log batch; batches since the last commit are cleaned too,
      // in case one engine batch spans several log batches.
      const first = this.lastCleanedOffset === undefined ? endOffset : this.lastCleanedOffset + 1;
      for (const entry of this.metadataLog.filesOfBatches(first, endOffset)) this.cleaner.clean(entry);
    }
    this.lastCleanedOffset = endOffset;
  }

  stop(): void {}
}

export function fileStreamSourceProvider(format: FileFormat): SourceProvider {
  return {
    shortName: format.shortName,
    sourceSchema(ctx: SourceContext): StructType {
      fileStreamOptions(ctx.options);
      return resolveSource(format, ctx).schema;
    },
    createSource(ctx: SourceContext): Source {
      return new FileStreamSource(format, ctx);
    },
  };
}
