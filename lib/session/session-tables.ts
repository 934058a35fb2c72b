// The session's SessionTables (what DataFrameWriter.saveAsTable/insertInto, writeStream.toTable
// and readStream.table need), over the warehouse-backed TableCatalog.
import { AnalysisException } from '../errors/analysis-exception';
import { quoteNameParts, tableOrViewNotFoundError } from '../errors/query-compilation-errors';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import { StructField, StructType } from '../types/struct-type';
import { DataFrame } from '../api/data-frame';
import type { SessionTables } from '../api/session-context';
import { parseMultipartIdentifier } from '../sql/parse';
import { insertRows, tableName } from './sql-statement-runner';
import { tableCatalogOf, type TableColumn } from './table-catalog';
import type { StreamSession } from './stream-session';

/** Spark's check of clustering columns against the data (`_LEGACY_ERROR_TEMP_3060`). */
function checkClusterBy(columns: readonly string[], schema: StructType): void {
  for (const c of columns) {
    if (!schema.fields.some((f) => f.name.toLowerCase() === c.toLowerCase())) {
      throw new AnalysisException(`Couldn't find column ${c} in:\n${schema.treeString()}`, { errorClass: '_LEGACY_ERROR_TEMP_3060', messageParameters: { i: c, schema: schema.treeString() } });
    }
  }
}

function schemaOfPlan(plan: LogicalPlan): StructType {
  return new StructType(outputOf(plan).map((a) => new StructField(a.name, a.dataType, a.nullable)));
}

/** Tables made from data get nullable columns, as Spark's CTAS and saveAsTable. */
function columnsOf(schema: StructType, partitionBy: readonly string[] = []): TableColumn[] {
  const columns = schema.fields.map((f) => ({ name: f.name, dataType: f.dataType, nullable: true }));
  if (partitionBy.length === 0) return columns;
  // Partition columns go last, in partitionBy order (Spark's partitioned table schema).
  const isPartition = (c: TableColumn) => partitionBy.some((p) => p.toLowerCase() === c.name.toLowerCase());
  const partitions = partitionBy.map((p) => columns.find((c) => c.name.toLowerCase() === p.toLowerCase())!);
  return [...columns.filter((c) => !isPartition(c)), ...partitions];
}

/** The partition columns against the data (Spark's COLUMN_NOT_DEFINED_IN_TABLE), names as the data spells them. */
function checkPartitionBy(table: string, partitionBy: readonly string[], schema: StructType): string[] {
  const names = partitionBy.map((p) => {
    const field = schema.fields.find((f) => f.name.toLowerCase() === p.toLowerCase());
    if (!field) {
      const tableName = `\`spark_catalog\`.\`default\`.\`${table}\``;
      const tableCols = schema.fields.map((f) => `\`${f.name}\``).join(', ');
      throw new AnalysisException(`partition column \`${p}\` is not defined in table ${tableName}, defined table columns are: ${tableCols}.`, {
        errorClass: 'COLUMN_NOT_DEFINED_IN_TABLE',
        sqlState: '42703',
        messageParameters: { colType: 'partition', colName: `\`${p}\``, tableName, tableCols },
      });
    }
    return field.name;
  });
  if (names.length > 0 && names.length === schema.fields.length) {
    throw new AnalysisException('Cannot use all columns for partition columns.', { errorClass: 'ALL_PARTITION_COLUMNS_NOT_ALLOWED', sqlState: 'KD005' });
  }
  return names;
}

/** saveAsTable in append mode with other partition columns than the table's (Spark's error, also for none). */
function checkSamePartitioning(name: string, existing: readonly string[], requested: readonly string[]): void {
  const same = existing.length === requested.length && existing.every((c, i) => c.toLowerCase() === requested[i].toLowerCase());
  if (same) return;
  const table = `spark_catalog.default.${name}`;
  throw new AnalysisException(`Specified partitioning does not match that of the existing table ${table}.\nSpecified partition columns: [${requested.join(', ')}].\nExisting partition columns: [${existing.join(', ')}].`, { errorClass: '_LEGACY_ERROR_TEMP_1163', messageParameters: { tableName: table, specifiedPartCols: requested.join(', '), existingPartCols: existing.join(', ') } });
}

export class WarehouseTables implements SessionTables {
  constructor(private readonly session: StreamSession) {}

  private nameOf(table: string): string {
    return tableName(parseMultipartIdentifier(table));
  }

  private get catalog() {
    return tableCatalogOf(this.session);
  }

  schemaOf(table: string): StructType | undefined {
    return this.catalog.schemaOf(this.nameOf(table));
  }

  locationOf(table: string): string | undefined {
    return this.catalog.get(this.nameOf(table))?.location;
  }

  saveAsTable(table: string, plan: LogicalPlan, mode: 'append' | 'overwrite' | 'ignore' | 'errorifexists', provider: string | undefined, clusterBy: readonly string[], partitionColumns: readonly string[] = []): void {
    const name = this.nameOf(table);
    const schema = schemaOfPlan(plan);
    checkClusterBy(clusterBy, schema);
    const partitionBy = checkPartitionBy(name, partitionColumns, schema);
    const catalog = this.catalog;
    const options = { ifNotExists: false, replace: false, clusterBy: [...clusterBy], partitionBy, qualifiedMessage: true };
    const format = provider ?? this.session.conf.get('spark.sql.sources.default', 'parquet') ?? 'parquet';
    if (catalog.exists(name)) {
      if (mode === 'ignore') return;
      if (mode === 'errorifexists') {
        catalog.create(name, columnsOf(schema, partitionBy), format, options);
        return;
      }
      if (mode === 'append') {
        checkSamePartitioning(name, catalog.get(name)!.partitionBy, partitionBy);
        // saveAsTable appends by column name (insertInto goes by position).
        const target = catalog.columnsOf(name)!;
        const byName = new DataFrame(this.session, plan).select(...target.map((c) => c.name));
        insertRows(this.session, name, byName.plan, undefined, false);
        return;
      }
      // overwrite: the rows first (the query may read the table it replaces), then a new table.
      const rows = new DataFrame(this.session, plan).collectInternalRows();
      const columns = columnsOf(schema, partitionBy);
      catalog.create(name, columns, format, { ...options, replace: true });
      const order = columns.map((c) => schema.fields.findIndex((f) => f.name === c.name));
      catalog.write(catalog.get(name)!, partitionBy.length === 0 ? rows : rows.map((r) => order.map((i) => r[i])), true);
      return;
    }
    catalog.create(name, columnsOf(schema, partitionBy), format, options);
    // By name: partition columns moved to the end of the table.
    const byName = partitionBy.length === 0 ? plan : new DataFrame(this.session, plan).select(...columnsOf(schema, partitionBy).map((c) => c.name)).plan;
    insertRows(this.session, name, byName, undefined, false);
  }

  insertInto(table: string, plan: LogicalPlan, overwrite: boolean): void {
    const name = this.nameOf(table);
    if (!this.catalog.exists(name)) throw tableOrViewNotFoundError(quoteNameParts(parseMultipartIdentifier(table)));
    insertRows(this.session, name, plan, undefined, overwrite);
  }

  createForStream(table: string, schema: StructType, provider: string | undefined, clusterBy: readonly string[], partitionColumns: readonly string[] = []): void {
    const name = this.nameOf(table);
    checkClusterBy(clusterBy, schema);
    const partitionBy = checkPartitionBy(name, partitionColumns, schema);
    if (this.catalog.exists(name)) return;
    this.catalog.create(name, columnsOf(schema, partitionBy), provider ?? 'parquet', { ifNotExists: true, replace: false, clusterBy: [...clusterBy], partitionBy });
  }

  appendBatch(table: string, rows: unknown[][], batchId: number): void {
    const name = this.nameOf(table);
    const target = this.catalog.get(name);
    if (!target) throw tableOrViewNotFoundError(quoteNameParts(parseMultipartIdentifier(table)));
    this.catalog.write(target, rows, false, `batch-${String(batchId).padStart(10, '0')}`);
  }
}
