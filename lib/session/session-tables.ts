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
function columnsOf(schema: StructType): TableColumn[] {
  return schema.fields.map((f) => ({ name: f.name, dataType: f.dataType, nullable: true }));
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

  saveAsTable(table: string, plan: LogicalPlan, mode: 'append' | 'overwrite' | 'ignore' | 'errorifexists', provider: string | undefined, clusterBy: readonly string[]): void {
    const name = this.nameOf(table);
    const schema = schemaOfPlan(plan);
    checkClusterBy(clusterBy, schema);
    const catalog = this.catalog;
    const options = { ifNotExists: false, replace: false, clusterBy: [...clusterBy], qualifiedMessage: true };
    const format = provider ?? this.session.conf.get('spark.sql.sources.default', 'parquet') ?? 'parquet';
    if (catalog.exists(name)) {
      if (mode === 'ignore') return;
      if (mode === 'errorifexists') {
        catalog.create(name, columnsOf(schema), format, options);
        return;
      }
      if (mode === 'append') {
        // saveAsTable appends by column name (insertInto goes by position).
        const target = catalog.columnsOf(name)!;
        const byName = new DataFrame(this.session, plan).select(...target.map((c) => c.name));
        insertRows(this.session, name, byName.plan, undefined, false);
        return;
      }
      // overwrite: the rows first (the query may read the table it replaces), then a new table.
      const rows = new DataFrame(this.session, plan).collectInternalRows();
      catalog.create(name, columnsOf(schema), format, { ...options, replace: true });
      catalog.write(catalog.get(name)!, rows, true);
      return;
    }
    catalog.create(name, columnsOf(schema), format, options);
    insertRows(this.session, name, plan, undefined, false);
  }

  insertInto(table: string, plan: LogicalPlan, overwrite: boolean): void {
    const name = this.nameOf(table);
    if (!this.catalog.exists(name)) throw tableOrViewNotFoundError(quoteNameParts(parseMultipartIdentifier(table)));
    insertRows(this.session, name, plan, undefined, overwrite);
  }

  createForStream(table: string, schema: StructType, provider: string | undefined, clusterBy: readonly string[]): void {
    const name = this.nameOf(table);
    checkClusterBy(clusterBy, schema);
    if (this.catalog.exists(name)) return;
    this.catalog.create(name, columnsOf(schema), provider ?? 'parquet', { ifNotExists: true, replace: false, clusterBy: [...clusterBy] });
  }

  appendBatch(table: string, rows: unknown[][], batchId: number): void {
    const name = this.nameOf(table);
    const target = this.catalog.get(name);
    if (!target) throw tableOrViewNotFoundError(quoteNameParts(parseMultipartIdentifier(table)));
    this.catalog.write(target, rows, false, `batch-${String(batchId).padStart(10, '0')}`);
  }
}
