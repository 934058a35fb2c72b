// pyspark.sql.Catalog (spark.catalog): the session catalog's one database (`default` of
// `spark_catalog`), its warehouse tables and the session's temporary views.
import { AnalysisException } from '../errors/analysis-exception';
import { quoteNameParts, tableOrViewNotFoundError } from '../errors/query-compilation-errors';
import { notExpectedType } from '../api/argument-checks';
import { parseMultipartIdentifier } from '../sql/parse';
import { tableName } from './table-name';
import { tableCatalogOf, warehouseDirOf } from './table-catalog';
import { lazy } from '../util/lazy';
import type { StreamSession } from './stream-session';
// Global temporary views load with their first use (this module loads with `import 'rivulet'`).
const globalTempViewsModule = lazy(() => require('./global-temp-views') as typeof import('./global-temp-views'));

/** pyspark.sql.catalog.Table. */
export class Table {
  constructor(
    readonly name: string,
    readonly catalog: string | null,
    readonly namespace: string[] | null,
    readonly description: string | null,
    readonly tableType: string,
    readonly isTemporary: boolean,
  ) {}

  /** PySpark's `database` (the namespace's only element). */
  get database(): string | null {
    return this.namespace && this.namespace.length === 1 ? this.namespace[0] : null;
  }

  toString(): string {
    return `Table(name='${this.name}', catalog=${this.catalog === null ? 'None' : `'${this.catalog}'`}, namespace=[${(this.namespace ?? []).map((n) => `'${n}'`).join(', ')}], description=None, tableType='${this.tableType}', isTemporary=${this.isTemporary ? 'True' : 'False'})`;
  }
}

/** pyspark.sql.catalog.Column. */
export class CatalogColumn {
  constructor(
    readonly name: string,
    readonly description: string | null,
    readonly dataType: string,
    readonly nullable: boolean,
    readonly isPartition: boolean,
    readonly isBucket: boolean,
    readonly isCluster: boolean,
  ) {}
}

/** pyspark.sql.catalog.Database. */
export class Database {
  constructor(
    readonly name: string,
    readonly catalog: string,
    readonly description: string,
    readonly locationUri: string,
  ) {}
}

function checkName(value: unknown, argName: string): asserts value is string {
  if (typeof value !== 'string') throw notExpectedType(argName, 'str', value);
}

/** Spark's `*` / `|` pattern of listTables(pattern): `*` any characters, `|` alternatives, case-insensitive. */
function isGlobalTempDatabase(dbName: string | null | undefined): boolean {
  return typeof dbName === 'string' && dbName.toLowerCase() === globalTempViewsModule().GLOBAL_TEMP_DATABASE;
}

function patternMatcher(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined || pattern === null) return () => true;
  const alternatives = pattern.split('|').map((p) => new RegExp(`^${p.trim().replace(/[.+?^${}()[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i'));
  return (name) => alternatives.some((r) => r.test(name));
}

export class Catalog {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.catalog.Catalog object>';
  }

  constructor(private readonly session: StreamSession) {}

  currentCatalog(): string {
    return 'spark_catalog';
  }

  currentDatabase(): string {
    return 'default';
  }

  setCurrentDatabase(dbName: string): void {
    checkName(dbName, 'dbName');
    if (dbName.toLowerCase() !== 'default') throw schemaNotFound(dbName);
  }

  listCatalogs(): { name: string; description: string | null }[] {
    return [{ name: 'spark_catalog', description: null }];
  }

  listDatabases(pattern?: string): Database[] {
    const all = [new Database('default', 'spark_catalog', 'default database', `file:${warehouseDirOf((k) => this.session.confGet(k))}`)];
    const match = patternMatcher(pattern);
    return all.filter((d) => match(d.name));
  }

  databaseExists(dbName: string): boolean {
    checkName(dbName, 'dbName');
    const parts = dbName.toLowerCase().split('.');
    return parts[parts.length - 1] === 'default' && (parts.length === 1 || (parts.length === 2 && parts[0] === 'spark_catalog'));
  }

  /** The warehouse's tables (MANAGED), then the session's temporary views (TEMPORARY), as PySpark lists them. */
  listTables(dbName?: string | null, pattern?: string | null): Table[] {
    const match = patternMatcher(pattern ?? undefined);
    const views = this.session
      .tempViewNames()
      .filter(match)
      .sort()
      .map((v) => new Table(v, null, [], null, 'TEMPORARY', true));
    // The global_temp database: its views, then the session's temporary views.
    if (isGlobalTempDatabase(dbName)) {
      const globals = globalTempViewsModule().globalTempViews.names().filter(match).sort().map((v) => new Table(v, null, [globalTempViewsModule().GLOBAL_TEMP_DATABASE], null, 'TEMPORARY', true));
      return [...globals, ...views];
    }
    if (dbName !== undefined && dbName !== null && !this.databaseExists(dbName)) throw schemaNotFound(dbName);
    const tables = tableCatalogOf(this.session)
      .list()
      .filter((t) => match(t.name))
      .map((t) => new Table(t.name, 'spark_catalog', ['default'], null, 'MANAGED', false));
    return [...tables, ...views];
  }

  /** A temp view or a table of the session catalog (`t`, `default.t`, or `tableExists('t', 'default')`). */
  tableExists(tableName: string, dbName?: string | null): boolean {
    checkName(tableName, 'tableName');
    if (isGlobalTempDatabase(dbName)) return globalTempViewsModule().globalTempViews.get(tableName) !== undefined;
    if (dbName !== undefined && dbName !== null) return this.databaseExists(dbName) && tableCatalogOf(this.session).exists(tableName);
    return this.session.lookupTable(tableName) !== undefined;
  }

  getTable(name: string): Table {
    checkName(name, 'tableName');
    if (this.session.lookupTempView(name)) return new Table(name, null, [], null, 'TEMPORARY', true);
    const t = tableCatalogOf(this.session).get(resolveName(name));
    if (!t) throw tableOrViewNotFoundError(quoteNameParts(parseMultipartIdentifier(name)));
    return new Table(t.name, 'spark_catalog', ['default'], null, 'MANAGED', false);
  }

  listColumns(name: string, dbName?: string | null): CatalogColumn[] {
    checkName(name, 'tableName');
    const full = dbName ? `${dbName}.${name}` : name;
    const df = this.session.lookupTable(full) ? this.session.table(full) : undefined;
    if (!df) throw tableOrViewNotFoundError(quoteNameParts(parseMultipartIdentifier(full)));
    const table = this.session.lookupTempView(full) ? undefined : tableCatalogOf(this.session).get(resolveName(full));
    const cluster = new Set((table?.clusterBy ?? []).map((c) => c.toLowerCase()));
    return df.schema.fields.map((f) => new CatalogColumn(f.name, null, f.dataType.simpleString(), f.nullable, false, false, cluster.has(f.name.toLowerCase())));
  }

  /** Drops a temporary view; true when it existed. */
  dropTempView(viewName: string): boolean {
    checkName(viewName, 'viewName');
    return this.session.dropTempView(viewName);
  }

  /** Drops a global temporary view (`global_temp.viewName`); true when it existed. */
  dropGlobalTempView(viewName: string): boolean {
    checkName(viewName, 'viewName');
    return globalTempViewsModule().globalTempViews.delete(viewName);
  }

  /** Table data is read from the warehouse on each action; caching a table by name is not kept. */
  isCached(tableName: string): boolean {
    checkName(tableName, 'tableName');
    if (!this.session.lookupTable(tableName)) throw tableOrViewNotFoundError(quoteNameParts(parseMultipartIdentifier(tableName)));
    return false;
  }

  /** Checks the name; every read goes to the table's files, so there is nothing to refresh. */
  refreshTable(tableName: string): void {
    checkName(tableName, 'tableName');
    if (!this.session.lookupTable(tableName)) throw tableOrViewNotFoundError(quoteNameParts(parseMultipartIdentifier(tableName)));
  }

  clearCache(): void {}
}

function resolveName(name: string): string {
  return tableName(parseMultipartIdentifier(name));
}

function schemaNotFound(dbName: string): AnalysisException {
  return new AnalysisException(`The schema \`${dbName}\` cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use DROP SCHEMA IF EXISTS.`, {
    errorClass: 'SCHEMA_NOT_FOUND',
    sqlState: '42704',
    messageParameters: { schemaName: `\`${dbName}\`` },
  });
}
