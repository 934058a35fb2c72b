// pyspark.sql.DataFrameReader: spark.read.format(..).option(..).schema(..).load(path), and the
// shortcuts text/csv/json/parquet/table. Like Spark, a load lists the files (PATH_NOT_FOUND here;
// a file sink's output folder through its `_spark_metadata` log) and infers the schema at once;
// rows are read when the DataFrame is executed, from the files listed at load time, in sorted
// path order (see lib/connectors/file/file-listing.ts).
//
// PySpark's keyword arguments become an options object: `csv(path, { header: true,
// inferSchema: true })`; a schema may come second (`csv(path, schema)`), or in the object.
import { toLocalPath } from '../util/local-path';
import * as fs from 'node:fs';
import { AnalysisException } from '../errors/analysis-exception';
import { PySparkTypeError } from '../errors/illegal-argument-exception';
import { quoteIdentifier, tableOrViewNotFoundError, unableToInferSchemaError } from '../errors/query-compilation-errors';
import { attribute } from '../expressions/expression';
import { StructField, StructType } from '../types/struct-type';
import { CaseInsensitiveMap } from '../util/case-insensitive-map';
import { dataSourceNotFound } from '../connectors/format-registry';
import type { RegisteredDataSource } from '../connectors/data-source/data-source-registration';
import type { FileFormat, FileFormatOptions, InputFile } from '../connectors/file/file-format';
import type { FileListing } from '../connectors/file/file-listing';
import { DataFrame } from './data-frame';
import { toSchema, withKeywords, withSchemaAndKeywords, ReaderOptions } from './reader-arguments';
import { optionString, OptionValue } from './data-stream-reader';
import type { SessionContext } from './session-context';
import type { LogicalPlan } from '../plans/logical-plan';
import { parseMultipartIdentifier } from '../sql/parse';
import { lazy } from '../util/lazy';
import { checkStr, checkDict, notExpectedType } from './argument-checks';
// Loaded on first use, so `import 'rivulet'` stays fast.
const csvFormatModule = lazy(() => require('../connectors/file/csv-format') as typeof import('../connectors/file/csv-format'));
const fileListingModule = lazy(() => require('../connectors/file/file-listing') as typeof import('../connectors/file/file-listing'));
const jsonFormatModule = lazy(() => require('../connectors/file/json-format') as typeof import('../connectors/file/json-format'));
const parquetFormatModule = lazy(() => require('../connectors/file/parquet-format') as typeof import('../connectors/file/parquet-format'));
const textFormatModule = lazy(() => require('../connectors/file/text-format') as typeof import('../connectors/file/text-format'));
const typeWideningModule = lazy(() => require('../connectors/file/type-widening') as typeof import('../connectors/file/type-widening'));
const fileFormatModule = lazy(() => require('../connectors/file/file-format') as typeof import('../connectors/file/file-format'));
const kafkaRelationModule = lazy(() => require('../connectors/kafka/kafka-relation') as typeof import('../connectors/kafka/kafka-relation'));

/** The batch file formats; the names Spark also accepts for them map here too. */
const BATCH_FORMATS = lazy((): Record<string, FileFormat> => ({
  text: textFormatModule().textFormat,
  csv: csvFormatModule().csvFormat,
  json: jsonFormatModule().jsonFormat,
  'org.apache.spark.sql.execution.datasources.text.textfileformat': textFormatModule().textFormat,
  'org.apache.spark.sql.text': textFormatModule().textFormat,
  'org.apache.spark.sql.execution.datasources.csv.csvfileformat': csvFormatModule().csvFormat,
  'org.apache.spark.sql.csv': csvFormatModule().csvFormat,
  'com.databricks.spark.csv': csvFormatModule().csvFormat,
  'org.apache.spark.sql.execution.datasources.json.jsonfileformat': jsonFormatModule().jsonFormat,
  'org.apache.spark.sql.json': jsonFormatModule().jsonFormat,
  parquet: parquetFormatModule().parquetFormat,
  'org.apache.spark.sql.parquet': parquetFormatModule().parquetFormat,
  'org.apache.spark.sql.execution.datasources.parquet.parquetfileformat': parquetFormatModule().parquetFormat,
}));

export type { ReaderOptions } from './reader-arguments';

const dataSourceBatchModule = lazy(() => require('../connectors/data-source/data-source-batch') as typeof import('../connectors/data-source/data-source-batch'));

function resolveFormat(name: string): FileFormat {
  const key = name.toLowerCase();
  const format = BATCH_FORMATS()[key];
  if (format) return format;
  throw dataSourceNotFound(name);
}

function pathList(path: string | readonly string[], argName: string): string[] {
  const list = typeof path === 'string' ? [path] : Array.isArray(path) ? [...path] : undefined;
  if (!list || list.some((p) => typeof p !== 'string')) {
    throw notExpectedType(argName, 'str, list, RDD, or DataFrame', Array.isArray(path) ? path.find((p) => typeof p !== 'string') : path);
  }
  return list;
}

export class DataFrameReader {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.readwriter.DataFrameReader object>';
  }

  constructor(
    private readonly session: SessionContext,
    private readonly source: string | undefined = undefined,
    private readonly opts: CaseInsensitiveMap = new CaseInsensitiveMap(),
    private readonly userSchema: StructType | undefined = undefined,
  ) {}

  format(source: string): DataFrameReader {
    checkStr(source, 'source');
    return new DataFrameReader(this.session, source, this.opts, this.userSchema);
  }

  option(key: string, value: OptionValue): DataFrameReader {
    checkStr(key, 'key');
    if (value === null || value === undefined) return this;
    return new DataFrameReader(this.session, this.source, this.opts.with(key, optionString(value)), this.userSchema);
  }

  options(options: Record<string, OptionValue>): DataFrameReader {
    checkDict(options, 'options');
    let r: DataFrameReader = this;
    for (const [k, v] of Object.entries(options)) r = r.option(k, v);
    return r;
  }

  /** A StructType or a DDL string (`"a INT, b STRING"`). */
  schema(schema: StructType | string): DataFrameReader {
    return new DataFrameReader(this.session, this.source, this.opts, toSchema(schema));
  }

  load(path?: string | string[], format?: string, schema?: StructType | string, options: Record<string, OptionValue> = {}): DataFrame {
    let r: DataFrameReader = this;
    if (format !== undefined) r = r.format(format);
    if (schema !== undefined) r = r.schema(schema);
    r = r.options(options);
    const paths = path === undefined || path === null ? [] : pathList(path, 'path');
    return r.read(paths);
  }

  /** `text(paths, wholetext?, lineSep?, pathGlobFilter?, recursiveFileLookup?)` or `text(paths, { ... })`. */
  text(
    paths: string | string[],
    wholetext: boolean | ReaderOptions = false,
    lineSep?: string,
    pathGlobFilter?: string,
    recursiveFileLookup?: boolean,
    modifiedBefore?: string,
    modifiedAfter?: string,
  ): DataFrame {
    const named: ReaderOptions =
      typeof wholetext === 'object' && wholetext !== null
        ? { wholetext: false, ...wholetext }
        : { wholetext, lineSep, pathGlobFilter, recursiveFileLookup, modifiedBefore, modifiedAfter };
    return withKeywords<DataFrameReader>(this, named).format('text').read(pathList(paths, 'paths'));
  }

  /** `csv(path)`, `csv(path, schema)`, `csv(path, { header: true, ... })`, `csv(path, schema, { ... })`. */
  csv(path: string | string[], schemaOrOptions?: StructType | string | ReaderOptions, options: ReaderOptions = {}): DataFrame {
    return withSchemaAndKeywords<DataFrameReader>(this, schemaOrOptions, options).format('csv').read(pathList(path, 'path'));
  }

  /** `json(path)`, `json(path, schema)`, `json(path, { multiLine: true, ... })`, `json(path, schema, { ... })`. */
  json(path: string | string[], schemaOrOptions?: StructType | string | ReaderOptions, options: ReaderOptions = {}): DataFrame {
    return withSchemaAndKeywords<DataFrameReader>(this, schemaOrOptions, options).format('json').read(pathList(path, 'path'));
  }

  /** `parquet(path, ...)`, or `parquet(path, { mergeSchema: true, ... })` as the last argument. */
  parquet(...args: (string | ReaderOptions)[]): DataFrame {
    const last = args[args.length - 1];
    const named = last !== undefined && typeof last === 'object' ? (last as ReaderOptions) : {};
    const paths = args.filter((a): a is string => typeof a === 'string');
    return withKeywords<DataFrameReader>(this, named).format('parquet').read(paths);
  }

  /** A temp view (or memory-sink table), else a session table made with CREATE TABLE, as a DataFrame. */
  table(tableName: string): DataFrame {
    checkStr(tableName, 'tableName');
    const plan = this.session.lookupTable(tableName);
    if (!plan) throw tableOrViewNotFoundError(parseMultipartIdentifier(tableName).map(quoteIdentifier).join('.'));
    return new DataFrame(this.session, plan);
  }

  // ---- internals ----

  private conf(key: string, defaultValue: string): string {
    return this.session.confGet(key) ?? defaultValue;
  }

  private read(paths: string[]): DataFrame {
    const formatName = this.source ?? this.conf('spark.sql.sources.default', 'parquet');
    if (formatName.toLowerCase() === 'kafka') return readKafka(this.session, this.opts, this.userSchema);
    const userSource = BATCH_FORMATS()[formatName.toLowerCase()] === undefined ? this.session.dataSource?.lookup(formatName) : undefined;
    if (userSource !== undefined) return readDataSource(this.session, userSource, this.opts, this.userSchema, paths, this.conf('spark.sql.session.timeZone', Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'));
    const format = resolveFormat(formatName);
    const pathOption = this.opts.get('path');
    if (pathOption !== undefined && paths.length > 0 && this.conf('spark.sql.legacy.pathOptionBehavior.enabled', 'false').toLowerCase() !== 'true') {
      throw new AnalysisException(
        "There is a 'path' or 'paths' option set and load() is called with path parameters. Either remove the path option if it's the same as the path parameter, or add it to the load() parameter if you do want to read multiple paths. To ignore this check, set 'spark.sql.legacy.pathOptionBehavior.enabled' to 'true'.",
        { messageParameters: { method: 'load' } },
      );
    }
    const allPaths = (pathOption !== undefined ? [...paths, pathOption] : paths).map(toLocalPath);
    const caseSensitive = this.conf('spark.sql.caseSensitive', 'false').toLowerCase() === 'true';
    const timeZone = this.conf('spark.sql.session.timeZone', Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
    const formatOptions: FileFormatOptions = {
      options: this.opts,
      sessionTimeZone: timeZone,
      columnNameOfCorruptRecord: this.conf('spark.sql.columnNameOfCorruptRecord', '_corrupt_record'),
      caseSensitive,
    };
    const listOptions = fileListingModule().listingOptions(
      this.opts,
      {
        timeZone,
        caseSensitive,
        partitionColumnTypeInference: this.conf('spark.sql.sources.partitionColumnTypeInference.enabled', 'true').toLowerCase() === 'true',
      },
      this.userSchema,
    );
    // A file sink's output folder is read through its `_spark_metadata` log, as Spark does.
    const listing = fileListingModule().hasSinkMetadata(allPaths) ? fileListingModule().listSinkOutput(allPaths[0], listOptions) : fileListingModule().listFiles(allPaths, listOptions);
    const same = (a: string, b: string) => (caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase());
    const partitionFields = listing.partitionSchema.fields;

    let dataSchema: StructType;
    if (this.userSchema) {
      dataSchema = new StructType(this.userSchema.fields.filter((f) => !partitionFields.some((p) => same(p.name, f.name))));
    } else {
      const inputs: InputFile[] = listing.files.map((f) => fileFormatModule().inputFileOf(format, f.path, readBytes(f.path)));
      const inferred = format.inferSchema(inputs, formatOptions);
      if (!inferred) {
        throw unableToInferSchemaError(format.displayName);
      }
      dataSchema = inferred;
    }
    format.verifySchema(dataSchema, formatOptions);

    // Spark's mergeDataAndPartitionSchema: an overlapping column keeps the data position and
    // takes the partition column's type and values; other partition columns follow the data.
    const sources: { partition: number; data: number }[] = [];
    const fields: StructField[] = [];
    dataSchema.fields.forEach((f, i) => {
      const p = partitionFields.findIndex((pf) => same(pf.name, f.name));
      fields.push(p >= 0 ? partitionFields[p] : f);
      sources.push({ partition: p, data: i });
    });
    partitionFields.forEach((pf, p) => {
      if (!dataSchema.fields.some((f) => same(f.name, pf.name))) {
        fields.push(pf);
        sources.push({ partition: p, data: -1 });
      }
    });
    const output = fields.map((f) => attribute(f.name, typeWideningModule().asNullable(f.dataType), true));
    const data = () => readRows(format, listing, dataSchema, formatOptions, partitionFields.length === 0 ? undefined : sources);
    const sizeInBytes = listing.files.reduce((n, f) => n + fileSize(f.path), 0);
    const files = { format: format.shortName, rootPaths: allPaths, paths: listing.files.map((f) => f.path), sizeInBytes };
    return new DataFrame(this.session, { kind: 'localRelation', name: format.shortName, data, output, files });
  }
}

function fileSize(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0;
  }
}

/** Kafka's batch relation: options checked and schema fixed now, records read at execution. */
function readKafka(session: SessionContext, options: CaseInsensitiveMap, userSchema: StructType | undefined): DataFrame {
  const relation = kafkaRelationModule().kafkaBatchRelation(options, userSchema);
  const output = relation.schema.fields.map((f) => attribute(f.name, f.dataType, f.nullable));
  return new DataFrame(session, { kind: 'localRelation', name: 'kafka', data: relation.read, output });
}

/** A registered DataSource (spark.dataSource.register): load(path) becomes the `path` option. */
function readDataSource(
  session: SessionContext,
  entry: RegisteredDataSource,
  opts: CaseInsensitiveMap,
  userSchema: StructType | undefined,
  paths: string[],
  timeZone: string,
): DataFrame {
  let options = opts;
  if (paths.length === 1) options = options.with('path', paths[0]);
  else if (paths.length > 1) options = options.with('paths', JSON.stringify(paths));
  const read = dataSourceBatchModule().readDataSource(entry, options, userSchema, timeZone);
  const output = read.schema.fields.map((f) => attribute(f.name, f.dataType, f.nullable));
  return new DataFrame(session, { kind: 'localRelation', name: entry.name, data: () => read.rows(), output });
}

function readBytes(path: string): Uint8Array {
  try {
    return fs.readFileSync(path);
  } catch (e) {
    throw fileFormatModule().fileNotExistError(path, e);
  }
}

/** Reads every listed file (at execution time) and appends the partition values. */
function readRows(
  format: FileFormat,
  listing: FileListing,
  dataSchema: StructType,
  options: FileFormatOptions,
  sources: { partition: number; data: number }[] | undefined,
): unknown[][] {
  const rows: unknown[][] = [];
  for (const file of listing.files) {
    const fileRows = fileFormatModule().readFileRows(format, file.path, readBytes(file.path), dataSchema, options);
    if (!sources) {
      for (const r of fileRows) rows.push(r);
      continue;
    }
    const values = file.partitionValues;
    for (const r of fileRows) rows.push(sources.map((s) => (s.partition >= 0 ? values[s.partition] : r[s.data])));
  }
  return rows;
}
