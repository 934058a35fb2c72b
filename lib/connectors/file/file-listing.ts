// Which files a read covers, as Spark's DataSource and InMemoryFileIndex decide it: paths are
// qualified and globbed (PATH_NOT_FOUND when nothing is there), directories are listed
// recursively skipping hidden names (`_x`, `.x`, `x._COPYING_`), `pathGlobFilter` keeps matching
// file names, `modifiedBefore/After` filter by modification time, and unless
// `recursiveFileLookup` is set, `key=value` directories become partition columns with Spark's
// type inference of their values.
//
// Files come back sorted by path, so every read sees them (and their rows) in the same order.
// Spark makes no order promise; Rivulet picks this one so results are deterministic.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { AnalysisException } from '../../errors/analysis-exception';
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { SparkException } from '../../errors/spark-exception';
import { DataType, DataTypes, DecimalType } from '../../types/data-types';
import { stringToTimestamp } from '../../types/datetime';
import { Decimal } from '../../types/decimal';
import { StructField, StructType } from '../../types/struct-type';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { parseJavaDouble } from './csv-format';
import { lenientDateParser, lenientTimestampParser, patternDateParser, patternTimestampParser } from '../../types/datetime-parsing';
import { qualifiedPath } from './file-format';
import { FileSinkLog, localPathOf, SINK_METADATA_DIR } from './file-sink-log';
import { findWiderTypeForTwo, isDecimal } from './type-widening';

export interface ListedFile {
  /** Absolute path. */
  readonly path: string;
  /** Values of the partition columns (engine representation), in partitionSchema order. */
  readonly partitionValues: readonly unknown[];
}

export interface FileListing {
  readonly files: readonly ListedFile[];
  /** The discovered partition columns (empty when the data is not partitioned). */
  readonly partitionSchema: StructType;
}

export interface ListingOptions {
  pathGlobFilter?: string;
  recursiveFileLookup: boolean;
  basePath?: string;
  /** spark.sql.sources.partitionColumnTypeInference.enabled */
  partitionColumnTypeInference: boolean;
  /** For timestamp partition values and modifiedBefore/After. */
  timeZone: string;
  caseSensitive: boolean;
  /** Partition columns named in a user schema take the user's type. */
  userSchema?: StructType;
  /** Epoch microseconds bounds on file modification times. */
  modifiedBefore?: bigint;
  modifiedAfter?: bigint;
}

const DEFAULT_PARTITION_NAME = '__HIVE_DEFAULT_PARTITION__';

/** Reader options that drive listing, plus session settings. */
export function listingOptions(
  options: CaseInsensitiveMap,
  session: { timeZone: string; caseSensitive: boolean; partitionColumnTypeInference: boolean },
  userSchema?: StructType,
): ListingOptions {
  const zone = options.get('timeZone') ?? session.timeZone;
  const recursive = options.get('recursiveFileLookup');
  return {
    pathGlobFilter: options.get('pathGlobFilter'),
    recursiveFileLookup: recursive !== undefined && recursive.toLowerCase() === 'true',
    basePath: options.get('basePath'),
    partitionColumnTypeInference: session.partitionColumnTypeInference,
    timeZone: zone,
    caseSensitive: session.caseSensitive,
    userSchema,
    modifiedBefore: modifiedTimeOption(options, 'modifiedBefore', zone),
    modifiedAfter: modifiedTimeOption(options, 'modifiedAfter', zone),
  };
}

function modifiedTimeOption(options: CaseInsensitiveMap, name: string, zone: string): bigint | undefined {
  const v = options.get(name);
  if (v === undefined) return undefined;
  const micros = stringToTimestamp(v, zone);
  if (micros === null) {
    throw new AnalysisException(`The timestamp provided for the '${name}' option is invalid. The expected format is 'YYYY-MM-DDTHH:mm:ss', but the provided timestamp was: ${v}`);
  }
  return micros;
}

// ---------------------------------------------------------------------------------------------
// Paths and globs

/** PATH_NOT_FOUND, with the qualified path as Spark prints it. */
export function pathNotFoundError(path: string): AnalysisException {
  const qualified = qualifiedPath(path);
  return new AnalysisException(`Path does not exist: ${qualified}.`, { errorClass: 'PATH_NOT_FOUND', sqlState: '42K03', messageParameters: { path: qualified } });
}

/** A user path as an absolute local path: `file:` URIs and relative paths accepted. */
export function localPath(p: string): string {
  let s = p;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s);
  if (scheme && scheme[1].length > 1) {
    if (scheme[1].toLowerCase() !== 'file') {
      throw new SparkException(`No FileSystem for scheme "${scheme[1]}": Rivulet reads local files only.`);
    }
    s = s.slice(scheme[0].length).replace(/^\/\/(localhost)?(?=\/)/, '');
  }
  return nodePath.resolve(s);
}

/** Hadoop's hasPattern: glob metacharacters. */
export function hasGlob(p: string): boolean {
  return /[*?[\]{}\\]/.test(p);
}

/** Hadoop's GlobPattern as a RegExp over one path component. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inClass = false;
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      const next = glob[++i];
      if (next === undefined) throw new IllegalArgumentException(`Missing escaped character in the glob pattern: ${glob}`);
      re += next.replace(/[\\^$.*+?()[\]{}|\/-]/g, '\\$&');
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        re += ']';
      } else if ((c === '^' || c === '!') && glob[i - 1] === '[') {
        re += '^';
      } else if (c === '\\' || c === '[') {
        re += `\\${c}`;
      } else {
        re += c;
      }
      continue;
    }
    switch (c) {
      case '*':
        re += '.*';
        break;
      case '?':
        re += '.';
        break;
      case '[':
        inClass = true;
        re += '[';
        break;
      case '{':
        braces++;
        re += '(?:';
        break;
      case '}':
        if (braces === 0) throw new IllegalArgumentException(`Unexpected } in the glob pattern: ${glob}`);
        braces--;
        re += ')';
        break;
      case ',':
        re += braces > 0 ? '|' : ',';
        break;
      default:
        re += c.replace(/[\\^$.*+?()[\]{}|\/]/g, '\\$&');
    }
  }
  if (inClass) throw new IllegalArgumentException(`Unclosed character class in the glob pattern: ${glob}`);
  if (braces > 0) throw new IllegalArgumentException(`Unclosed group in the glob pattern: ${glob}`);
  return new RegExp(`^${re}$`, 's');
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

/** The existing paths matching an absolute glob, sorted (Hadoop's globStatus). */
function expandGlob(absolute: string): string[] {
  const parts = absolute.split('/').filter((x, i) => i === 0 || x !== '');
  let current = ['/'];
  for (const part of parts.slice(1)) {
    const next: string[] = [];
    if (!hasGlob(part)) {
      for (const dir of current) next.push(nodePath.join(dir, part));
    } else {
      const re = globToRegExp(part);
      for (const dir of current) {
        const st = statOrNull(dir);
        if (!st || !st.isDirectory()) continue;
        for (const name of fs.readdirSync(dir).sort()) if (re.test(name)) next.push(nodePath.join(dir, name));
      }
    }
    current = next;
  }
  return current.filter((p) => statOrNull(p) !== null).sort();
}

/**
 * DataSource.checkAndGlobPathIfNecessary: every path qualified and globbed; a path (or glob)
 * with nothing behind it is PATH_NOT_FOUND.
 */
export function resolveInputPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const absolute = localPath(p);
    if (hasGlob(absolute)) {
      const matches = expandGlob(absolute);
      if (matches.length === 0) throw pathNotFoundError(absolute);
      out.push(...matches);
    } else {
      if (statOrNull(absolute) === null) throw pathNotFoundError(absolute);
      out.push(absolute);
    }
  }
  return out;
}

/** HadoopFSUtils.shouldFilterOutPathName: hidden and in-flight files are skipped. */
export function isHiddenName(name: string): boolean {
  const exclude = (name.startsWith('_') && !name.includes('=')) || name.startsWith('.') || name.endsWith('._COPYING_');
  const include = name.startsWith('_common_metadata') || name.startsWith('_metadata');
  return exclude && !include;
}

function listLeafFiles(root: string, out: string[]): void {
  const st = statOrNull(root);
  if (!st) return;
  if (!st.isDirectory()) {
    if (!isHiddenName(nodePath.basename(root))) out.push(root);
    return;
  }
  for (const name of fs.readdirSync(root).sort()) {
    if (isHiddenName(name)) continue;
    const child = nodePath.join(root, name);
    const cst = statOrNull(child);
    if (!cst) continue;
    if (cst.isDirectory()) listLeafFiles(child, out);
    else out.push(child);
  }
}

// ---------------------------------------------------------------------------------------------
// Partition discovery (PartitioningUtils)

/** ExternalCatalogUtils.unescapePathName: %XX escapes decoded. */
export function unescapePathName(s: string): string {
  return s.includes('%') ? s.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

interface ParsedPartition {
  columns: [string, string][] | undefined;
  base: string | undefined;
}

function parsePartitionColumn(dirName: string): [string, string] | undefined {
  const eq = dirName.indexOf('=');
  if (eq < 0) return undefined;
  const name = unescapePathName(dirName.slice(0, eq));
  if (name === '') throw new SparkException(`assertion failed: Empty partition column name in '${dirName}'`);
  const raw = dirName.slice(eq + 1);
  if (raw === '') throw new SparkException(`assertion failed: Empty partition column value in '${dirName}'`);
  return [name, raw];
}

/** Walks up from a leaf directory collecting `key=value` names until a base path. */
function parsePartition(leafDir: string, basePaths: ReadonlySet<string>): ParsedPartition {
  const columns: [string, string][] = [];
  let current = leafDir;
  for (;;) {
    if (nodePath.basename(current).toLowerCase() === '_temporary') return { columns: undefined, base: undefined };
    if (basePaths.has(current)) break;
    const col = parsePartitionColumn(nodePath.basename(current));
    if (col) columns.push(col);
    const parent = nodePath.dirname(current);
    if ((!col && columns.length > 0) || parent === current) break;
    current = parent;
  }
  if (columns.length === 0) return { columns: undefined, base: leafDir };
  return { columns: columns.reverse(), base: current };
}

const timestampPartition = (zone: string) => patternTimestampParser('yyyy-MM-dd HH:mm:ss[.S]', zone);
const datePartition = patternDateParser('yyyy-MM-dd');

/** PartitioningUtils.inferPartitionColumnValue: int, bigint, decimal, double, timestamp, date, string. */
function inferPartitionType(raw: string, typeInference: boolean, zone: string): DataType {
  if (raw === DEFAULT_PARTITION_NAME) return DataTypes.NullType;
  if (!typeInference) return DataTypes.StringType;
  if (/^[+-]?\d+$/.test(raw)) {
    const n = BigInt(raw);
    if (n >= -2147483648n && n <= 2147483647n) return DataTypes.IntegerType;
    if (n >= -(2n ** 63n) && n <= 2n ** 63n - 1n) return DataTypes.LongType;
  }
  const decimal = /^[+-]?\d+$/.test(raw) ? raw.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '').length : undefined;
  if (decimal !== undefined && decimal <= 38) return new DecimalType(decimal, 0);
  if (parseJavaDouble(raw) !== undefined) return DataTypes.DoubleType;
  const unescaped = unescapePathName(raw);
  if (timestampPartition(zone)(unescaped) !== undefined && lenientTimestampParser(zone)(unescaped) !== undefined) return DataTypes.TimestampType;
  if (datePartition(raw) !== undefined && lenientDateParser()(raw) !== undefined) return DataTypes.DateType;
  return DataTypes.StringType;
}

/** PartitioningUtils.findWiderTypeForPartitionColumn. */
function widerPartitionType(t1: DataType, t2: DataType): DataType {
  const n1 = t1.typeName();
  const n2 = t2.typeName();
  if ((n1 === 'double' && isDecimal(t2)) || (isDecimal(t1) && n2 === 'double')) return DataTypes.StringType;
  return findWiderTypeForTwo(t1, t2) ?? DataTypes.StringType;
}

/** Cast(Literal(raw string), type): the partition value in the engine's representation. */
export function castPartitionValue(raw: string, t: DataType, zone: string): unknown {
  if (raw === DEFAULT_PARTITION_NAME) return null;
  const s = unescapePathName(raw);
  switch (t.typeName()) {
    case 'byte':
    case 'short':
    case 'integer':
      return /^[+-]?\d+$/.test(s.trim()) ? Number(s.trim()) : null;
    case 'long':
      return /^[+-]?\d+$/.test(s.trim()) ? BigInt(s.trim()) : null;
    case 'float':
    case 'double':
      return parseJavaDouble(s) ?? null;
    case 'boolean': {
      const l = s.trim().toLowerCase();
      return ['t', 'true', 'y', 'yes', '1'].includes(l) ? true : ['f', 'false', 'n', 'no', '0'].includes(l) ? false : null;
    }
    case 'date':
      return lenientDateParser()(s) ?? null;
    case 'timestamp':
      return lenientTimestampParser(zone)(s) ?? null;
    case 'void':
      return null;
    default:
      if (t instanceof DecimalType) return Decimal.parse(s.trim())?.toPrecision(t.precision, t.scale) ?? null;
      return s;
  }
}

function conflictingDirectories(bases: string[]): SparkException {
  return new SparkException(
    'assertion failed: Conflicting directory structures detected. Suspicious paths:\b' +
      `\n\t${bases.join('\n\t')}\n\n` +
      'If provided paths are partition directories, please set "basePath" in the options of the data source to specify the root directory of the table. If there are multiple root directories, please load them separately and then union them.',
  );
}

function conflictingColumnNames(lists: string[][], dirs: string[]): SparkException {
  const names = lists.map((l, i) => `Partition column name list #${i}: ${l.join(', ')}`);
  return new SparkException(
    `assertion failed: Conflicting partition column names detected:\n\n\t${names.join('\n\t')}\n\n` +
      'For partitioned table directories, data files should only live in leaf directories.\n' +
      'And directories at the same level should have the same partition column name.\n' +
      'Please check the following directories for unexpected files or inconsistent partition column names:\n' +
      dirs.map((d) => `\n\t${qualifiedPath(d)}`).join(''),
  );
}

// ---------------------------------------------------------------------------------------------
// Listing

/** The files of a read (sorted, deduplicated) with their partition values. */
export function listFiles(paths: readonly string[], opts: ListingOptions): FileListing {
  const roots = resolveInputPaths(paths);
  const all: string[] = [];
  for (const root of roots) listLeafFiles(root, all);
  let files = [...new Set(all)].sort();
  if (opts.pathGlobFilter !== undefined) {
    const re = globToRegExp(opts.pathGlobFilter);
    files = files.filter((f) => re.test(nodePath.basename(f)));
  }
  if (opts.modifiedBefore !== undefined || opts.modifiedAfter !== undefined) {
    files = files.filter((f) => {
      const micros = BigInt(Math.floor(fs.statSync(f).mtimeMs * 1000));
      return (opts.modifiedBefore === undefined || micros < opts.modifiedBefore) && (opts.modifiedAfter === undefined || micros > opts.modifiedAfter);
    });
  }
  if (opts.recursiveFileLookup) return { files: files.map((path) => ({ path, partitionValues: [] })), partitionSchema: new StructType([]) };

  let basePaths: Set<string>;
  if (opts.basePath !== undefined) {
    const base = localPath(opts.basePath);
    const st = statOrNull(base);
    if (!st || !st.isDirectory()) throw new IllegalArgumentException(`Option 'basePath' must be a directory`);
    basePaths = new Set([base]);
  } else {
    basePaths = new Set(roots.map((r) => (statOrNull(r)?.isDirectory() ? r : nodePath.dirname(r))));
  }

  const leafDirs = [...new Set(files.map((f) => nodePath.dirname(f)))];
  const parsed = new Map(leafDirs.map((d) => [d, parsePartition(d, basePaths)] as const));
  const partitioned = leafDirs.filter((d) => parsed.get(d)!.columns !== undefined);
  if (partitioned.length === 0) {
    // PartitioningAwareFileIndex.allFiles: with no partition columns (and no recursiveFileLookup),
    // a read covers each root's own files only (or the root file itself); files further down plain
    // subdirectories are listed but not read, as Spark does.
    const rootSet = new Set(roots.map((r) => nodePath.resolve(r)));
    const direct = files.filter((f) => rootSet.has(nodePath.resolve(f)) || rootSet.has(nodePath.dirname(nodePath.resolve(f))));
    return { files: direct.map((path) => ({ path, partitionValues: [] })), partitionSchema: new StructType([]) };
  }

  const bases = [...new Set(leafDirs.map((d) => parsed.get(d)!.base).filter((b): b is string => b !== undefined).map((b) => qualifiedPath(b).toLowerCase()))];
  if (bases.length !== 1) throw conflictingDirectories(bases);

  const norm = (n: string) => (opts.caseSensitive ? n : n.toLowerCase());
  const nameLists = new Map<string, string[]>();
  for (const d of partitioned) {
    const names = parsed.get(d)!.columns!.map(([n]) => n);
    const key = names.map(norm).join('\u0000');
    if (!nameLists.has(key)) nameLists.set(key, names);
  }
  if (nameLists.size > 1) throw conflictingColumnNames([...nameLists.values()], partitioned);

  const columnNames = parsed.get(partitioned[0])!.columns!.map(([n]) => n);
  const userTypes = columnNames.map((n) => opts.userSchema?.fields.find((f) => norm(f.name) === norm(n))?.dataType);
  const types = columnNames.map((_, i) => {
    if (userTypes[i]) return userTypes[i]!;
    let t: DataType = DataTypes.NullType;
    for (const d of partitioned) t = widerPartitionType(t, inferPartitionType(parsed.get(d)!.columns![i][1], opts.partitionColumnTypeInference, opts.timeZone));
    return t.typeName() === 'void' ? DataTypes.StringType : t;
  });
  const valuesByDir = new Map(partitioned.map((d) => [d, parsed.get(d)!.columns!.map(([, raw], i) => castPartitionValue(raw, types[i], opts.timeZone))] as const));
  // Files beside partition directories belong to no partition, and Spark does not read them.
  const listed: ListedFile[] = [];
  for (const path of files) {
    const values = valuesByDir.get(nodePath.dirname(path));
    if (values) listed.push({ path, partitionValues: values });
  }
  return { files: listed, partitionSchema: new StructType(columnNames.map((n, i) => new StructField(n, types[i], true))) };
}

// ---------------------------------------------------------------------------------------------
// File-sink output folders (Spark's FileStreamSink.hasMetadata and MetadataLogFileIndex)

/** A single, non-glob directory path that holds a file sink's `_spark_metadata` log. */
export function hasSinkMetadata(paths: readonly string[]): boolean {
  if (paths.length !== 1) return false;
  const absolute = localPath(paths[0]);
  if (hasGlob(absolute)) return false;
  return statOrNull(nodePath.join(absolute, SINK_METADATA_DIR))?.isDirectory() ?? false;
}

/**
 * The files a file sink committed to `outputDir`, from its `_spark_metadata` log (the latest
 * `.compact` file plus later deltas; `add` entries minus `delete` ones), sorted by path. Files in
 * the folder that no committed batch wrote (left by a failed attempt) are not part of the output.
 */
export function sinkMetadataFiles(outputDir: string): string[] {
  const log = new FileSinkLog(nodePath.join(localPath(outputDir), SINK_METADATA_DIR));
  return [...new Set(log.allFiles().map((f) => localPathOf(f.path)))].sort();
}

/** The listing of a file sink's output folder: its committed files, partitions under it. */
export function listSinkOutput(outputDir: string, opts: ListingOptions): FileListing {
  const files = sinkMetadataFiles(outputDir);
  if (files.length === 0) return { files: [], partitionSchema: new StructType([]) };
  return listFiles(files, { ...opts, basePath: localPath(outputDir), pathGlobFilter: opts.pathGlobFilter, recursiveFileLookup: opts.recursiveFileLookup });
}
