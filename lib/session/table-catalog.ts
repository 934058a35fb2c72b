// Session-catalog tables (`spark_catalog.default`): CREATE TABLE / INSERT / DROP TABLE in SQL,
// df.write.saveAsTable / insertInto, spark.table, writeStream.toTable, readStream.table. As Spark's
// default catalog does, a managed table is a directory of the warehouse (`spark.sql.warehouse.dir`,
// default ./spark-warehouse) holding Parquet files, so a table written by one program is read by
// the next. Spark keeps the table's metadata in its metastore; Rivulet keeps it in the table's
// directory (`_rivulet_table.json`, hidden from file listings by its leading underscore). Every
// provider is stored as Parquet (the USING provider is recorded). Temporary views shadow tables
// of the same name, as in Spark.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalysisException } from '../errors/analysis-exception';
import { attribute, newExprId, type Attribute, type Expression, type NamedExpression } from '../expressions/expression';
import { sameType } from '../expressions/type-utils';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import type { DataType } from '../types/data-types';
import { dataTypeFromJson } from '../types/data-type-json';
import { StructField, StructType } from '../types/struct-type';
import { CaseInsensitiveMap } from '../util/case-insensitive-map';
import { lazy } from '../util/lazy';
import { toLocalPath } from '../util/local-path';
// Parquet and node:crypto load when a table is first written or read, not at `import 'rivulet'`.
const parquetWriterModule = lazy(() => require('../connectors/file/parquet-writer') as typeof import('../connectors/file/parquet-writer'));
const parquetFormatModule = lazy(() => require('../connectors/file/parquet-format') as typeof import('../connectors/file/parquet-format'));
// The cast rules (the cast matrix and its parsers) load with the first INSERT's store assignment.
const castModule = lazy(() => require('../expressions/cast') as typeof import('../expressions/cast'));
const cryptoModule = lazy(() => require('node:crypto') as typeof import('node:crypto'));

export interface TableColumn {
  name: string;
  dataType: DataType;
  nullable: boolean;
}

export interface SessionTable {
  name: string;
  columns: TableColumn[];
  provider: string;
  /** CLUSTER BY / clusterBy columns (recorded, as Spark's clusteringColumns table property). */
  clusterBy: string[];
  /**
   * partitionBy columns: the last columns of the table, in this order; their values name the
   * folders (`p=x/q=y`) and are not stored in the files, as Spark's partitioned file tables.
   */
  partitionBy: string[];
  /** The table's directory in the warehouse. */
  location: string;
}

const METADATA_FILE = '_rivulet_table.json';

/** Spark's three-part display name of a session-catalog table. */
export function qualifiedTableName(name: string): string {
  return `\`spark_catalog\`.\`default\`.\`${name}\``;
}

/** `spark.sql.warehouse.dir` (default `spark-warehouse` under the working directory), as a local path. */
export function warehouseDirOf(conf: (key: string) => string | undefined): string {
  const dir = conf('spark.sql.warehouse.dir') ?? 'spark-warehouse';
  return path.resolve(toLocalPath(dir));
}

export class TableCatalog {
  constructor(private readonly warehouse: () => string) {}

  private dirOf(name: string): string {
    return path.join(this.warehouse(), name.toLowerCase());
  }

  private load(name: string): SessionTable | undefined {
    const location = this.dirOf(name);
    let text: string;
    try {
      text = fs.readFileSync(path.join(location, METADATA_FILE), 'utf8');
    } catch {
      return undefined;
    }
    const meta = JSON.parse(text) as { name: string; schema: unknown; provider: string; clusterBy?: string[]; partitionBy?: string[] };
    const schema = dataTypeFromJson(meta.schema) as StructType;
    return { name: meta.name, columns: schema.fields.map((f) => ({ name: f.name, dataType: f.dataType, nullable: f.nullable })), provider: meta.provider, clusterBy: meta.clusterBy ?? [], partitionBy: meta.partitionBy ?? [], location };
  }

  exists(name: string): boolean {
    return this.load(name) !== undefined;
  }

  get(name: string): SessionTable | undefined {
    return this.load(name);
  }

  /** The warehouse's tables, sorted by name. */
  list(): SessionTable[] {
    let entries: string[];
    try {
      entries = fs.readdirSync(this.warehouse());
    } catch {
      return [];
    }
    return entries
      .sort()
      .map((e) => this.load(e))
      .filter((t): t is SessionTable => t !== undefined);
  }

  /** Creates a table; false when it existed and IF NOT EXISTS kept it. */
  create(name: string, columns: TableColumn[], provider: string, options: { ifNotExists: boolean; replace: boolean; clusterBy?: string[]; partitionBy?: string[]; qualifiedMessage?: boolean }): boolean {
    if (this.exists(name) && !options.replace) {
      if (options.ifNotExists) return false;
      const shown = options.qualifiedMessage ? qualifiedTableName(name) : `\`default\`.\`${name}\``;
      throw new AnalysisException(`Cannot create table or view ${shown} because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.`, {
        errorClass: 'TABLE_OR_VIEW_ALREADY_EXISTS',
        sqlState: '42P07',
        messageParameters: { relationName: qualifiedTableName(name) },
      });
    }
    const seen = new Set<string>();
    for (const c of columns) {
      const lower = c.name.toLowerCase();
      if (seen.has(lower)) {
        throw new AnalysisException(`Found duplicate column(s) in the table definition of ${qualifiedTableName(name)}: \`${lower}\`.`, {
          errorClass: 'COLUMN_ALREADY_EXISTS',
          sqlState: '42711',
          messageParameters: { columnName: `\`${lower}\`` },
        });
      }
      seen.add(lower);
    }
    const location = this.dirOf(name);
    fs.rmSync(location, { recursive: true, force: true });
    fs.mkdirSync(location, { recursive: true });
    const schema = new StructType(columns.map((c) => new StructField(c.name, c.dataType, c.nullable)));
    const partitionBy = options.partitionBy ?? [];
    writeAtomically(path.join(location, METADATA_FILE), JSON.stringify({ name, schema: schema.jsonValue(), provider, clusterBy: options.clusterBy ?? [], ...(partitionBy.length > 0 ? { partitionBy } : {}) }));
    return true;
  }

  /** Removes a managed table and its files; false when there was none. */
  drop(name: string): boolean {
    if (!this.exists(name)) return false;
    fs.rmSync(this.dirOf(name), { recursive: true, force: true });
    return true;
  }

  /** The table as a relation reading its files when the plan runs (fresh attribute ids per reference). */
  lookup(name: string): LogicalPlan | undefined {
    const table = this.load(name);
    if (!table) return undefined;
    const output = table.columns.map((c) => attribute(c.name, c.dataType, c.nullable));
    const relation: LogicalPlan = { kind: 'localRelation', name: `Relation spark_catalog.default.${table.name}[${table.provider}]`, data: () => readTableRows(table), output };
    return { kind: 'subqueryAlias', alias: table.name, child: relation };
  }

  columnsOf(name: string): TableColumn[] | undefined {
    return this.load(name)?.columns;
  }

  schemaOf(name: string): StructType | undefined {
    const columns = this.columnsOf(name);
    return columns && new StructType(columns.map((c) => new StructField(c.name, c.dataType, c.nullable)));
  }

  /**
   * Spark's store assignment for `INSERT INTO t [(cols)] query`: the query's columns go by position
   * to the listed (or all) columns, cast to their types (ANSI policy: only safe casts are
   * allowed); unlisted columns get null. Returns the projection to run over the query.
   */
  insertProjection(name: string, query: LogicalPlan, columnNames: string[] | undefined, ansiPolicy: boolean): { plan: LogicalPlan; target: SessionTable } {
    const table = this.load(name)!;
    const data = outputOf(query);
    const targets = columnNames
      ? columnNames.map((n) => {
          const c = table.columns.find((x) => x.name.toLowerCase() === n.toLowerCase());
          if (!c) {
            throw new AnalysisException(`A column, variable, or function parameter with name \`${n}\` cannot be resolved. Did you mean one of the following? [${table.columns.map((x) => `\`${x.name}\``).join(', ')}].`, {
              errorClass: 'UNRESOLVED_COLUMN.WITH_SUGGESTION',
              sqlState: '42703',
              messageParameters: { objectName: `\`${n}\``, proposal: table.columns.map((x) => `\`${x.name}\``).join(', ') },
            });
          }
          return c;
        })
      : table.columns;
    if (data.length !== targets.length) {
      const reason = data.length > targets.length ? 'too many data columns' : 'not enough data columns';
      throw new AnalysisException(
        `Cannot write to ${qualifiedTableName(table.name)}, the reason is ${reason}:\nTable columns: ${targets.map((c) => `\`${c.name}\``).join(', ')}.\nData columns: ${data.map((a) => `\`${a.name}\``).join(', ')}.`,
        {
          errorClass: data.length > targets.length ? 'INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS' : 'INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS',
          sqlState: '21S01',
          messageParameters: { tableName: qualifiedTableName(table.name), tableColumns: targets.map((c) => `\`${c.name}\``).join(', '), dataColumns: data.map((a) => `\`${a.name}\``).join(', ') },
        },
      );
    }
    const projectList: NamedExpression[] = table.columns.map((c) => {
      const at = targets.indexOf(c);
      let value: Expression;
      if (at < 0) {
        value = { kind: 'literal', value: null, dataType: c.dataType } as Expression;
      } else {
        const from: Attribute = data[at];
        const { canAnsiCast, canCast } = castModule();
        const allowed = ansiPolicy ? canAnsiCast(from.dataType, c.dataType) && !(from.dataType.typeName() === 'string' && c.dataType.typeName() !== 'string') : canCast(from.dataType, c.dataType);
        if (!allowed) {
          throw new AnalysisException(`Cannot write incompatible data for the table ${qualifiedTableName(table.name)}: Cannot safely cast \`${c.name}\` "${from.dataType.toDDL()}" to "${c.dataType.toDDL()}".`, {
            errorClass: 'INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST',
            sqlState: 'KD000',
            messageParameters: { tableName: qualifiedTableName(table.name), colName: `\`${c.name}\``, srcType: `"${from.dataType.toDDL()}"`, targetType: `"${c.dataType.toDDL()}"` },
          });
        }
        value = sameType(from.dataType, c.dataType) ? from : { kind: 'cast', child: from, dataType: c.dataType, tryCast: false, implicit: true };
      }
      return { kind: 'alias', child: value, name: c.name, exprId: newExprId(), dataType: c.dataType } as NamedExpression;
    });
    return { plan: { kind: 'project', projectList, child: query }, target: table };
  }

  /**
   * Appends (or, for OVERWRITE, replaces with) rows already in the table's column order. `fileTag`
   * names the file deterministically (a streaming batch id), so a re-run batch replaces its file.
   */
  write(table: SessionTable, rows: unknown[][], overwrite: boolean, fileTag?: string): void {
    for (let c = 0; c < table.columns.length; c++) {
      const column = table.columns[c];
      if (column.nullable) continue;
      if (rows.some((r) => r[c] === null || r[c] === undefined)) {
        throw new AnalysisException(`NULL value appeared in non-nullable field \`${column.name}\`.`, { errorClass: 'NOT_NULL_ASSERT_VIOLATION', sqlState: '42000' });
      }
    }
    if (overwrite) for (const f of dataFiles(table.location)) fs.rmSync(path.join(table.location, f), { recursive: true, force: true });
    if (rows.length === 0) return;
    const schema = new StructType(table.columns.map((c) => new StructField(c.name, c.dataType, true)));
    const file = `part-${fileTag ?? `${Date.now().toString().padStart(15, '0')}-${cryptoModule().randomUUID()}`}-c000.snappy.parquet`;
    if (table.partitionBy.length === 0) {
      writeAtomically(path.join(table.location, file), parquetWriterModule().encodeParquet(rows, schema));
      return;
    }
    // One file per partition folder, holding the data columns only.
    const partitionPath = require('../connectors/file/partition-path') as typeof import('../connectors/file/partition-path');
    const layout = partitionPath.partitionLayout(schema, table.partitionBy, 'UTC');
    for (const [dir, part] of partitionPath.splitByPartition(rows, layout)) {
      const folder = path.join(table.location, dir);
      fs.mkdirSync(folder, { recursive: true });
      writeAtomically(path.join(folder, file), parquetWriterModule().encodeParquet(part.map((r) => layout.dataIndexes.map((i) => r[i])), layout.dataSchema));
    }
  }
}

/** The table's data files (Parquet parts; names starting with `_` or `.` are not data, as in Spark). */
function dataFiles(location: string): string[] {
  try {
    return fs
      .readdirSync(location)
      .filter((f) => !f.startsWith('_') && !f.startsWith('.'))
      .sort();
  } catch {
    return [];
  }
}

function readTableRows(table: SessionTable): unknown[][] {
  const options = { options: new CaseInsensitiveMap(), sessionTimeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record', caseSensitive: false };
  const rows: unknown[][] = [];
  if (table.partitionBy.length === 0) {
    const schema = new StructType(table.columns.map((c) => new StructField(c.name, c.dataType, c.nullable)));
    for (const f of dataFiles(table.location)) {
      const p = path.join(table.location, f);
      for (const r of parquetFormatModule().parquetFormat.readFile(p, fs.readFileSync(p), schema, options)) rows.push(r);
    }
    return rows;
  }
  // Partitioned: data columns from the files, partition values from the folder names.
  const partitioned = new Set(table.partitionBy.map((c) => c.toLowerCase()));
  const dataColumns = table.columns.filter((c) => !partitioned.has(c.name.toLowerCase()));
  const partitionColumns = table.columns.filter((c) => partitioned.has(c.name.toLowerCase()));
  const dataSchema = new StructType(dataColumns.map((c) => new StructField(c.name, c.dataType, c.nullable)));
  const listing = require('../connectors/file/file-listing') as typeof import('../connectors/file/file-listing');
  for (const relative of partitionedDataFiles(table.location, partitionColumns.length)) {
    const p = path.join(table.location, relative);
    const values = relative.split(path.sep).slice(0, -1).map((segment, i) => listing.castPartitionValue(segment.slice(segment.indexOf('=') + 1), partitionColumns[i].dataType, 'UTC'));
    for (const r of parquetFormatModule().parquetFormat.readFile(p, fs.readFileSync(p), dataSchema, options)) rows.push([...r, ...values]);
  }
  return rows;
}

/** Data files under `depth` levels of `col=value` folders, as sorted relative paths. */
function partitionedDataFiles(location: string, depth: number, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of dataFiles(path.join(location, prefix))) {
    const relative = prefix === '' ? entry : path.join(prefix, entry);
    if (depth === 0) {
      if (fs.statSync(path.join(location, relative)).isFile()) out.push(relative);
    } else if (entry.includes('=') && fs.statSync(path.join(location, relative)).isDirectory()) {
      out.push(...partitionedDataFiles(location, depth - 1, relative));
    }
  }
  return out;
}

/** Written to a hidden temp name, then renamed: readers (and the table's stream readers) never see half a file. */
function writeAtomically(target: string, content: string | Uint8Array): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, target);
}

const catalogs = new WeakMap<object, TableCatalog>();

/** The table catalog of a session (over its warehouse directory). */
export function tableCatalogOf(session: { confGet(key: string): string | undefined }): TableCatalog {
  let catalog = catalogs.get(session);
  if (!catalog) {
    catalog = new TableCatalog(() => warehouseDirOf((k) => session.confGet(k)));
    catalogs.set(session, catalog);
  }
  return catalog;
}
