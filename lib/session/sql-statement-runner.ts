// spark.sql(): parses a statement and runs it. Queries become DataFrames (streaming when they read
// a streaming view); commands change the session and return Spark's result shape.
import { guardTooComplex } from '../sql/too-complex';
import { AnalysisException } from '../errors/analysis-exception';
import { tableOrViewNotFoundError, tempViewAlreadyExistsError, quoteNameParts, unableToInferSchemaError } from '../errors/query-compilation-errors';
import { DataTypes } from '../types/data-types';
import { attribute, newExprId } from '../expressions/expression';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import { SqlQueryAnalyzer } from '../analysis/sql-query-analyzer';
import { parseStatement } from '../sql/parse';
import type * as Ast from '../sql/ast';
import { isQueryNode } from '../sql/ast';
import type { SubqueryPlan } from '../expressions/unresolved';
import type { OuterScope } from '../analysis/subquery-expressions';
import { DataFrame } from '../api/data-frame';
import type { StreamSession } from './stream-session';
import { tableCatalogOf } from './table-catalog';
import { tableName } from './table-name';
import { GLOBAL_TEMP_DATABASE, globalTempViews } from './global-temp-views';
export { tableName };

function stringTable(names: string[], rows: string[][]): LogicalPlan {
  const output = names.map((n) => attribute(n, DataTypes.StringType, true));
  return { kind: 'localRelation', name: 'LocalRelation', data: () => rows, output };
}

export function runSql(session: StreamSession, sqlText: string): DataFrame {
  // Parse and analysis recurse over the statement's depth (issue 15: 1000s of nested terms).
  return guardTooComplex(sqlText, () => runStatement(session, parseStatement(sqlText)));
}

/** `outer`: the enclosing query's columns, for a subquery analysed on its own. */
function analyzer(session: StreamSession, outer?: OuterScope): SqlQueryAnalyzer {
  return new SqlQueryAnalyzer({
    resolver: outer ? { ...session.resolverContext(), outer } : session.resolverContext(),
    compile: session.compileContext(),
    // A qualified name comes quoted (`spark_catalog`.`default`.`t`); a single name is looked up as is.
    lookupView: (name) => session.lookupTempView(name) ?? (name.startsWith('`') ? session.lookupTable(name) : tableCatalogOf(session).lookup(name)),
  });
}

/**
 * A subquery of an expression outside a SQL statement: parsed (expr(), selectExpr, where strings)
 * or a DataFrame's plan already analysed (`df.scalar()`, `df.exists()`, `isin(df)`).
 */
export function analyzeSubquery(session: StreamSession, query: SubqueryPlan, outer: OuterScope): LogicalPlan {
  return isQueryNode(query) ? analyzer(session, outer).analyzeQuery(query) : (query as LogicalPlan);
}

function command(session: StreamSession): DataFrame {
  return new DataFrame(session, { kind: 'localRelation', name: 'LocalRelation', data: () => [], output: [] }, true);
}

function runStatement(session: StreamSession, statement: Ast.Statement): DataFrame {
  switch (statement.kind) {
    case 'queryStatement':
      return new DataFrame(session, analyzer(session).analyzeQuery(statement.query));
    case 'createTempView': {
      const exists = statement.global ? session.lookupGlobalTempView(statement.name) : session.lookupTempView(statement.name);
      if (!statement.replace && exists) throw tempViewAlreadyExistsError(statement.name);
      let plan = analyzer(session).analyzeQuery(statement.query);
      if (statement.columns) {
        const output = outputOf(plan);
        if (statement.columns.length !== output.length) {
          throw new AnalysisException(
            `Cannot create view \`${statement.name}\`, the reason is not enough data columns:\nView columns: ${statement.columns.map((c) => `\`${c.name}\``).join(', ')}.\nData columns: ${output.map((a) => `\`${a.name}\``).join(', ')}.`,
            { errorClass: statement.columns.length > output.length ? 'CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS' : 'CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS', sqlState: '21S01' },
          );
        }
        plan = {
          kind: 'project',
          projectList: output.map((a, i) => ({ kind: 'alias', child: a, name: statement.columns![i].name, exprId: newExprId(), dataType: a.dataType })),
          child: plan,
        };
      }
      const view: LogicalPlan = { kind: 'subqueryAlias', alias: statement.name, child: plan };
      if (statement.global) session.registerGlobalTempView(statement.name, view);
      else session.registerTempView(statement.name, view);
      return command(session);
    }
    case 'createTable':
      return createTable(session, statement);
    case 'insertInto': {
      const name = tableName(statement.nameParts);
      const catalog = tableCatalogOf(session);
      if (!catalog.exists(name)) throw tableOrViewNotFoundError(quoteNameParts(statement.nameParts));
      const query = analyzer(session).analyzeQuery(statement.query);
      insertRows(session, name, query, statement.columns, statement.overwrite);
      return command(session);
    }
    case 'dropTable': {
      const name = tableName(statement.nameParts);
      if (!tableCatalogOf(session).drop(name) && !statement.ifExists) throw tableOrViewNotFoundError(quoteNameParts(statement.nameParts));
      return command(session);
    }
    case 'dropView': {
      const name = statement.nameParts[statement.nameParts.length - 1];
      const global = statement.nameParts.length === 2 && statement.nameParts[0].toLowerCase() === GLOBAL_TEMP_DATABASE;
      const dropped = global ? globalTempViews.delete(name) : session.dropTempView(name);
      if (!dropped && !statement.ifExists) throw tableOrViewNotFoundError(quoteNameParts(statement.nameParts));
      return command(session);
    }
    case 'setConfig': {
      if (statement.key === undefined || statement.key === '-v') {
        const all = session.conf.getAll();
        const rows = Object.keys(all)
          .sort()
          .map((k) => [k, all[k]]);
        return new DataFrame(session, stringTable(['key', 'value'], rows));
      }
      if (statement.value === undefined) {
        return new DataFrame(session, stringTable(['key', 'value'], [[statement.key, session.conf.get(statement.key, '<undefined>') ?? '<undefined>']]));
      }
      session.conf.set(statement.key, statement.value);
      return new DataFrame(session, stringTable(['key', 'value'], [[statement.key, statement.value]]));
    }
    case 'resetConfig':
      if (statement.key === undefined) session.conf.reset();
      else session.conf.unset(statement.key);
      return command(session);
    case 'explain': {
      const inner = runStatement(session, statement.statement);
      const text = inner.explainString(statement.mode);
      return new DataFrame(session, stringTable(['plan'], [[text]]));
    }
    case 'describeTable':
      return describeTable(session, statement.nameParts);
    case 'describeQuery': {
      const plan = analyzer(session).analyzeQuery(statement.query);
      return new DataFrame(session, stringTable(['col_name', 'data_type', 'comment'], outputOf(plan).map((a) => [a.name, a.dataType.simpleString(), null as unknown as string])));
    }
  }
}


/**
 * Spark's DescribeTableCommand (DESCRIBE [TABLE] name): col_name, data_type, comment per column;
 * a table's partition and clustering columns follow under their "# ... Information" headers.
 */
function describeTable(session: StreamSession, nameParts: string[]): DataFrame {
  const header = ['col_name', 'data_type', 'comment'];
  const columnRow = (name: string, dataType: { simpleString(): string }): string[] => [name, dataType.simpleString(), null as unknown as string];
  const view = nameParts.length === 1 ? session.lookupTempView(nameParts[0]) : undefined;
  if (view) {
    return new DataFrame(session, stringTable(header, outputOf(view).map((a) => columnRow(a.name, a.dataType))));
  }
  const table = tableCatalogOf(session).get(tableName(nameParts));
  if (!table) throw tableOrViewNotFoundError(quoteNameParts(nameParts));
  const rows = table.columns.map((c) => columnRow(c.name, c.dataType));
  const section = (title: string, names: string[]) => {
    if (names.length === 0) return;
    rows.push([title, '', ''], ['# col_name', 'data_type', 'comment']);
    for (const n of names) {
      const c = table.columns.find((col) => col.name.toLowerCase() === n.toLowerCase());
      if (c) rows.push(columnRow(c.name, c.dataType));
    }
  };
  section('# Partition Information', table.partitionBy);
  section('# Clustering Information', table.clusterBy);
  return new DataFrame(session, stringTable(header, rows));
}

function createTable(session: StreamSession, statement: Ast.CreateTableStatement): DataFrame {
  const name = tableName(statement.nameParts);
  const catalog = tableCatalogOf(session);
  const provider = statement.provider ?? 'parquet';
  const options = { ifNotExists: statement.ifNotExists, replace: statement.replace };
  if (statement.query) {
    if (statement.columns) {
      throw new AnalysisException('Operation not allowed: Schema may not be specified in a Create Table As Select (CTAS) statement.', { errorClass: '_LEGACY_ERROR_TEMP_0035', messageParameters: { message: 'Schema may not be specified in a Create Table As Select (CTAS) statement' } });
    }
    if (statement.ifNotExists && catalog.exists(name)) return command(session);
    const query = analyzer(session).analyzeQuery(statement.query);
    const columns = outputOf(query).map((a) => ({ name: a.name, dataType: a.dataType, nullable: true }));
    catalog.create(name, columns, provider, options);
    insertRows(session, name, query, undefined, false);
    return command(session);
  }
  if (!statement.columns || statement.columns.length === 0) {
    throw unableToInferSchemaError(provider.toUpperCase());
  }
  catalog.create(name, statement.columns.map((c) => ({ name: c.name, dataType: c.dataType, nullable: c.nullable })), provider, options);
  return command(session);
}

/** Runs the query now and stores its rows (INSERT is eager in Spark too). */
export function insertRows(session: StreamSession, name: string, query: LogicalPlan, columns: string[] | undefined, overwrite: boolean): void {
  const catalog = tableCatalogOf(session);
  const policy = (session.conf.get('spark.sql.storeAssignmentPolicy', 'ANSI') ?? 'ANSI').toUpperCase();
  const { plan, target } = catalog.insertProjection(name, query, columns, policy !== 'LEGACY');
  const rows = new DataFrame(session, plan).collectInternalRows();
  catalog.write(target, rows, overwrite);
}
