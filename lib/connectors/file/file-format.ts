// The contract of a file format (Spark's FileFormat, reduced to what a reader needs). The batch
// reader (spark.read) and the file stream source both drive formats through it: list files,
// infer the data schema once from their contents, then turn each file's bytes into rows.
import { decompressByExtension } from './compression-codecs';
import { SparkException } from '../../errors/spark-exception';
import type { StructType } from '../../types/struct-type';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';

export interface InputFile {
  /** Absolute local path. */
  readonly path: string;
  readonly content: Uint8Array;
}

/** Options of one read plus the session settings formats depend on. */
export interface FileFormatOptions {
  /** The reader's options, keys case-insensitive (Spark's option names). */
  readonly options: CaseInsensitiveMap;
  /** spark.sql.session.timeZone; the `timeZone` option overrides it. */
  readonly sessionTimeZone: string;
  /** spark.sql.columnNameOfCorruptRecord; the `columnNameOfCorruptRecord` option overrides it. */
  readonly columnNameOfCorruptRecord: string;
  /** spark.sql.caseSensitive (CSV header checks). */
  readonly caseSensitive: boolean;
}

export interface FileFormat {
  /** The name users pass to `format(..)`: "csv". */
  readonly shortName: string;
  /** Spark's `toString` of the format, used in messages: "CSV", "JSON", "Text". */
  readonly displayName: string;
  /** Rejects a user schema the format cannot read (called before any file is read). */
  verifySchema(schema: StructType, options: FileFormatOptions): void;
  /**
   * The data schema of these files, or undefined when it cannot be inferred (no files): the
   * caller then raises UNABLE_TO_INFER_SCHEMA.
   */
  inferSchema(files: readonly InputFile[], options: FileFormatOptions): StructType | undefined;
  /** The rows of one file, values in `schema` order (the engine's value representation). */
  readFile(path: string, content: Uint8Array, schema: StructType, options: FileFormatOptions): unknown[][];
}

/** How Spark prints a local path in messages: Hadoop's qualified form `file:/tmp/x`. */
export function qualifiedPath(path: string): string {
  return `file:${path}`;
}

/** The time zone for timestamps without one: the `timeZone` option, else the session's. */
export function zoneOf(options: FileFormatOptions): string {
  return options.options.get('timeZone') ?? options.sessionTimeZone;
}

/** The corrupt-record column name: the option, else the session's. */
export function corruptColumnOf(options: FileFormatOptions): string {
  return options.options.get('columnNameOfCorruptRecord') ?? options.columnNameOfCorruptRecord;
}

/**
 * `format.readFile` with Spark's wrapping of read failures: an error while reading a file
 * becomes `[FAILED_READ_FILE.NO_HINT]` naming the file, caused by the original error. Spark
 * prints the cause under the message ("Caused by: ..."); so does this message, so FAILFAST
 * errors name both the file and the malformed record.
 */
/** A file as schema inference reads it (decompressed by extension for text-based formats). */
export function inputFileOf(format: FileFormat, path: string, content: Uint8Array): InputFile {
  try {
    return { path, content: format.shortName === 'parquet' ? content : decompressByExtension(path, content) };
  } catch (e) {
    throw failedReadFile(path, e);
  }
}

export function readFileRows(format: FileFormat, path: string, content: Uint8Array, schema: StructType, options: FileFormatOptions): unknown[][] {
  try {
    // Text-based formats read compressed files by extension; Parquet compresses inside the file.
    const bytes = format.shortName === 'parquet' ? content : decompressByExtension(path, content);
    return format.readFile(path, bytes, schema, options);
  } catch (e) {
    throw failedReadFile(path, e);
  }
}

export function failedReadFile(path: string, cause: unknown): SparkException {
  const qualified = qualifiedPath(path);
  const err = new SparkException(`Encountered error while reading file ${qualified}. `, {
    errorClass: 'FAILED_READ_FILE.NO_HINT',
    sqlState: 'KD001',
    messageParameters: { path: qualified },
    cause,
  });
  err.message = `${err.message}\nCaused by: ${cause instanceof Error ? cause.message : String(cause)}`;
  return err;
}

/** FAILED_READ_FILE.FILE_NOT_EXIST: a listed file vanished before it was read. */
export function fileNotExistError(path: string, cause: unknown): SparkException {
  const qualified = qualifiedPath(path);
  return new SparkException(
    `Encountered error while reading file ${qualified}. File does not exist. It is possible the underlying files have been updated. You can explicitly invalidate the cache in Spark by running 'REFRESH TABLE tableName' command in SQL or by recreating the Dataset/DataFrame involved.`,
    { errorClass: 'FAILED_READ_FILE.FILE_NOT_EXIST', sqlState: 'KD001', messageParameters: { path: qualified }, cause },
  );
}
