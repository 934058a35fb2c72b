// The statement and query AST the SQL parser produces (lib/sql/statement-parser.ts) and the SQL
// analyzer turns into logical plans. It mirrors Spark's grammar (SqlBaseParser.g4) rather than
// Spark's logical plans: clauses stay where they were written and nothing is resolved, so the
// analyzer decides, as Spark's Analyzer does, what a name, an ordinal or `GROUP BY ALL` means.
//
// Plain data only: every node has a `kind` tag and an `origin` (character range in the SQL text,
// stop inclusive) like the expression AST of lib/expressions/unresolved.ts, which all
// expressions here are. Spark facts the analyzer needs are noted on the fields.
import { InternalError } from '../errors/spark-exception';
import type { DataType } from '../types/data-types';
import {
  Origin,
  SortOrderExpr,
  SubqueryExpression,
  UnresolvedExpression,
} from '../expressions/unresolved';

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * Spark's `query`: `[WITH ctes] body [ORDER BY | SORT BY | CLUSTER BY | DISTRIBUTE BY ...]
 * [LIMIT n | LIMIT ALL] [OFFSET n]`. Every query the parser returns is one of these, also
 * parenthesised ones, so the result clauses and CTEs have one home: after a set operation
 * they apply to the whole set operation, as written.
 *
 * Plan order (Spark's withQueryResultClauses, then withCTE): body, then sort/distribution, then
 * OFFSET, then LIMIT, all under the CTE definitions.
 */
export interface QueryNode {
  kind: 'query';
  /** `WITH a AS (...), b (x, y) AS (...)`: in order; later ones may reference earlier ones. Names are unique (checked). */
  ctes: CteDefinition[];
  body: QueryTerm;
  /** ORDER BY: a global sort (Spark's Sort(global = true)); items may be ordinals or select aliases. */
  orderBy: SortOrderExpr[];
  /** SORT BY: a sort within partitions (Sort(global = false)). */
  sortBy: SortOrderExpr[];
  /** DISTRIBUTE BY expressions (RepartitionByExpression); may come with SORT BY. */
  distributeBy: UnresolvedExpression[];
  /** CLUSTER BY e1, e2 = DISTRIBUTE BY e1, e2 SORT BY e1 ASC, e2 ASC. */
  clusterBy: UnresolvedExpression[];
  /** LIMIT expression; absent for no LIMIT and for `LIMIT ALL`. Must fold to a non-negative int (analyzer). */
  limit?: UnresolvedExpression;
  /** OFFSET expression (rows skipped before LIMIT applies). */
  offset?: UnresolvedExpression;
  origin: Origin;
}

/** One `name [(col, ...)] AS (query)` of a WITH clause. */
export interface CteDefinition {
  kind: 'cte';
  /** As written (quotes removed); Spark compares CTE names case-insensitively when resolving. */
  name: string;
  /** `WITH t(a, b) AS (...)`: renames the query's output columns (UnresolvedSubqueryColumnAliases). */
  columnAliases?: string[];
  query: QueryNode;
  origin: Origin;
}

/**
 * What a query body can be (Spark's queryTerm / queryPrimary): a SELECT, a set operation, a
 * parenthesised query, `TABLE name` (a `table` relation) or `VALUES ...` (an `inlineTable`).
 */
export type QueryTerm = SelectNode | SetOperationNode | QueryNode | TableRelation | InlineTableRelation;

/**
 * One `SELECT ... [FROM ...] [LATERAL VIEW ...] [WHERE ...] [GROUP BY ...] [HAVING ...]` block
 * (Spark's querySpecification; also each body of a FROM-first `FROM t SELECT a`).
 *
 * Plan order (Spark's visitCommonSelectQueryClausePlan): from (a one-row relation when absent),
 * lateral views, WHERE, then Aggregate (when GROUP BY or HAVING is present: HAVING without GROUP
 * BY is a global aggregate) or Project, then HAVING as a filter over the aggregate, then DISTINCT.
 */
export interface SelectNode {
  kind: 'select';
  /** SELECT DISTINCT (SELECT ALL is the default and leaves this false). */
  distinct: boolean;
  /**
   * The select list: expressions, `star` (`*`, `t.*`) and `alias` nodes (`e AS x`, `e x`,
   * `e AS (a, b)` for generators). Unaliased items get Spark's auto names in the analyzer.
   */
  items: UnresolvedExpression[];
  /**
   * The FROM clause as one relation (comma-separated items are inner joins); absent: one row,
   * no columns. The bodies of a FROM-first query (`FROM t SELECT a SELECT b`) share one object.
   */
  from?: Relation;
  /** LATERAL VIEW clauses, applied in order over `from` before WHERE. */
  lateralViews: LateralView[];
  where?: UnresolvedExpression;
  /**
   * GROUP BY items as written: expressions (integer literals are ordinals and names may be
   * select aliases, both resolved by the analyzer) and ROLLUP / CUBE / GROUPING SETS.
   * Absent when there is no GROUP BY (distinguishes `HAVING` without `GROUP BY`).
   */
  groupBy?: GroupByItem[];
  /**
   * `GROUP BY ALL`: the single item is the column `ALL` (still in `groupBy`), because Spark
   * (ResolveGroupByAll) groups by every non-aggregate select item only when no column named
   * `all` resolves.
   */
  groupByAll: boolean;
  having?: UnresolvedExpression;
  origin: Origin;
}

/** A GROUP BY item: an expression or a grouping-analytics construct. */
export type GroupByItem = UnresolvedExpression | GroupingAnalytics;

/**
 * ROLLUP(...), CUBE(...), GROUPING SETS(...) in GROUP BY, and the legacy trailing forms
 * `GROUP BY a, b WITH ROLLUP | WITH CUBE | GROUPING SETS (...)`.
 */
export interface GroupingAnalytics {
  kind: 'groupingAnalytics';
  type: 'rollup' | 'cube' | 'groupingSets';
  /**
   * rollup / cube: their arguments, each a grouping set (`ROLLUP(a, (b, c))` -> [[a], [b, c]];
   * Spark's Rollup/Cube(groupingSets)). groupingSets: the selected sets, with ROLLUP/CUBE nested
   * in GROUPING SETS already expanded (`GROUPING SETS ((a, b), a, ())` -> [[a, b], [a], []]).
   */
  sets: UnresolvedExpression[][];
  /**
   * Legacy `GROUP BY a, b GROUPING SETS (...)`: the expressions before GROUPING SETS (Spark's
   * userGivenGroupByExprs; one not in any set is always null in the output).
   */
  groupByExpressions?: UnresolvedExpression[];
  origin: Origin;
}

/** `left UNION | EXCEPT | MINUS | INTERSECT [ALL | DISTINCT] right` (left-associative; INTERSECT binds tighter). */
export interface SetOperationNode {
  kind: 'setOperation';
  /** MINUS is EXCEPT. */
  operator: 'union' | 'except' | 'intersect';
  /** ALL keeps duplicates; the default (and DISTINCT) removes them (UNION -> Distinct(Union)). */
  all: boolean;
  left: QueryTerm;
  right: QueryTerm;
  origin: Origin;
}

/**
 * `LATERAL VIEW [OUTER] explode(x) tbl [AS] c1, c2` (Spark's Generate over an UnresolvedGenerator).
 */
export interface LateralView {
  kind: 'lateralView';
  /** The generator function name, lower-cased unless backquoted; qualified names joined with '.'. */
  functionName: string;
  args: UnresolvedExpression[];
  /** OUTER: keep input rows whose generator output is empty (one row of nulls). */
  outer: boolean;
  /** The table alias, lower-cased as Spark's AstBuilder does. */
  tableAlias: string;
  /** Output column names as written; empty means the generator's default names. */
  columnAliases: string[];
  origin: Origin;
}

// ---------------------------------------------------------------------------------------------
// Relations (FROM items)

export type Relation =
  | TableRelation
  | SubqueryRelation
  | InlineTableRelation
  | TableFunctionRelation
  | JoinRelation
  | AliasedRelation
  | PivotRelation
  | UnpivotRelation;

/** A table or view name, `db.t` (Spark's UnresolvedRelation), with an optional alias. */
export interface TableRelation {
  kind: 'table';
  /** Name parts as written, quotes removed. */
  nameParts: string[];
  /** `t AS x`, `t x` (SubqueryAlias). */
  alias?: string;
  /** `t AS x(a, b)`: renames the columns (only with an alias). */
  columnAliases?: string[];
  origin: Origin;
}

/** `(query) [AS] alias [(cols)]` in FROM. */
export interface SubqueryRelation {
  kind: 'subquery';
  query: QueryNode;
  /** Absent: Spark names it `__auto_generated_subquery_name` (columns then resolve unqualified only). */
  alias?: string;
  columnAliases?: string[];
  origin: Origin;
}

/**
 * `VALUES (1, 'a'), (2, 'b') [AS] t(x, y)` (Spark's UnresolvedInlineTable), in FROM or as a query
 * body. Without column aliases Spark names the columns col1, col2, ...
 */
export interface InlineTableRelation {
  kind: 'inlineTable';
  /** One expression list per row; `(1, 'a')` rows are unpacked, `VALUES 1, 2` gives one-column rows. */
  rows: UnresolvedExpression[][];
  alias?: string;
  columnAliases?: string[];
  origin: Origin;
}

/** A table-valued function in FROM: `range(10)`, `explode(array(1, 2)) AS t(v)`. */
export interface TableFunctionRelation {
  kind: 'tableFunction';
  /** Lower-cased unless backquoted (`range`); a qualified name keeps every part. */
  nameParts: string[];
  args: UnresolvedExpression[];
  alias?: string;
  /** `range(3) t(id2)`: output column names (UnresolvedTVFAliases). */
  columnAliases?: string[];
  origin: Origin;
}

/** Spark's join types, by their JoinType names. */
export type JoinType = 'inner' | 'cross' | 'leftOuter' | 'rightOuter' | 'fullOuter' | 'leftSemi' | 'leftAnti';

/**
 * `left [NATURAL] <type> JOIN right [ON cond | USING (cols)]`, and a comma in FROM (an inner join
 * without condition). Chains are left-deep: `a JOIN b JOIN c` is `(a JOIN b) JOIN c`.
 */
export interface JoinRelation {
  kind: 'join';
  joinType: JoinType;
  left: Relation;
  right: Relation;
  /** ON condition. */
  condition?: UnresolvedExpression;
  /** USING (a, b): column names as written (Spark's UsingJoin). */
  using?: string[];
  /** NATURAL join (Spark's NaturalJoin): no condition; the common columns are the keys. */
  natural: boolean;
  /** `JOIN LATERAL (subquery)` / `, LATERAL (subquery)`: the right side may reference the left (LateralJoin). */
  lateral: boolean;
  origin: Origin;
}

/** A parenthesised join tree with an alias: `(a JOIN b) AS x [(cols)]`; without an alias the parser returns the inner relation. */
export interface AliasedRelation {
  kind: 'aliasedRelation';
  relation: Relation;
  alias: string;
  columnAliases?: string[];
  origin: Origin;
}

/**
 * `relation PIVOT (agg [AS x], ... FOR col | (c1, c2) IN (value [AS x], ...)) [[AS] alias]`
 * (Spark's Pivot without grouping: the relation's other columns group the rows).
 */
export interface PivotRelation {
  kind: 'pivot';
  child: Relation;
  /** The aggregates, aliased or not (`alias` nodes keep their names). */
  aggregates: UnresolvedExpression[];
  /** The pivot column, or several (compared as one struct of them). */
  pivotColumns: string[];
  /** The values, each an expression with an optional alias (the output column's name). */
  values: { value: UnresolvedExpression; alias?: string }[];
  alias?: string;
  origin: Origin;
}

/**
 * `relation UNPIVOT [INCLUDE | EXCLUDE NULLS] (v FOR name IN (c [AS x], ...)) [[AS] alias]` and the
 * multi-value form `((v1, v2) FOR name IN ((c1, c2) [AS x], ...))` (Spark's Unpivot without ids:
 * the columns not unpivoted are kept).
 */
export interface UnpivotRelation {
  kind: 'unpivot';
  child: Relation;
  /** INCLUDE NULLS; the default (EXCLUDE NULLS) drops rows whose values are all null. */
  includeNulls: boolean;
  valueColumns: string[];
  nameColumn: string;
  /** Per output row kind, its columns (multipart names; one per value column) and optional alias. */
  columnSets: { columns: string[][]; alias?: string }[];
  alias?: string;
  origin: Origin;
}

// ---------------------------------------------------------------------------------------------
// Statements

export type Statement =
  | QueryStatement
  | CreateTempViewStatement
  | DropViewStatement
  | CreateTableStatement
  | InsertIntoStatement
  | DropTableStatement
  | SetConfigStatement
  | ResetConfigStatement
  | ExplainStatement
  | DescribeQueryStatement
  | DescribeTableStatement;

/** A query run for its rows (`SELECT ...`, `WITH ...`, `VALUES ...`, `TABLE t`, `FROM t SELECT ...`). */
export interface QueryStatement {
  kind: 'queryStatement';
  query: QueryNode;
  origin: Origin;
}

/** `CREATE [OR REPLACE] [GLOBAL] TEMP[ORARY] VIEW name [(col [COMMENT 'c'], ...)] [COMMENT 'c'] AS query`. */
export interface CreateTempViewStatement {
  kind: 'createTempView';
  /** The single-part view name (more parts are rejected by the parser, as Spark does). */
  name: string;
  /** GLOBAL TEMPORARY: registered in the `global_temp` database. */
  global: boolean;
  /** OR REPLACE. (IF NOT EXISTS is rejected for temporary views, as Spark does.) */
  replace: boolean;
  /** Column names (and comments) that rename the query's output, in order. */
  columns?: { name: string; comment?: string }[];
  /** COMMENT 'text' of the view. */
  comment?: string;
  query: QueryNode;
  /** The query's SQL text as written (Spark keeps it as the view's original text). */
  queryText: string;
  origin: Origin;
}

/** `DROP VIEW [IF EXISTS] name`. */
export interface DropViewStatement {
  kind: 'dropView';
  nameParts: string[];
  ifExists: boolean;
  origin: Origin;
}

/** A column of `CREATE TABLE name (col type [NOT NULL] [COMMENT 'c'], ...)`. */
export interface TableColumnDefinition {
  name: string;
  dataType: DataType;
  nullable: boolean;
  comment?: string;
}

/**
 * `CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name [(columns)] [USING fmt] [OPTIONS (...)]
 * [PARTITIONED BY (...)] [COMMENT 'c'] [TBLPROPERTIES (...)] [AS query]`: a session table held in
 * memory (Rivulet's catalog has no warehouse; the provider is recorded, not used).
 */
export interface CreateTableStatement {
  kind: 'createTable';
  nameParts: string[];
  columns?: TableColumnDefinition[];
  provider?: string;
  ifNotExists: boolean;
  replace: boolean;
  query?: QueryNode;
  origin: Origin;
}

/** `INSERT INTO|OVERWRITE [TABLE] name [(col, ...)] query` (VALUES rows are a query too). */
export interface InsertIntoStatement {
  kind: 'insertInto';
  nameParts: string[];
  columns?: string[];
  overwrite: boolean;
  query: QueryNode;
  origin: Origin;
}

/** `DROP TABLE [IF EXISTS] name [PURGE]`. */
export interface DropTableStatement {
  kind: 'dropTable';
  nameParts: string[];
  ifExists: boolean;
  origin: Origin;
}

/**
 * Spark's SetCommand: `SET` (key absent: list the set configs), `SET -v` (key '-v': list all with
 * docs), `SET k` (value absent: show one), `SET k=v` / `SET k = v with spaces` (value as text,
 * trimmed, quotes kept), `` SET `k`=`v` ``; `SET TIME ZONE ...` sets spark.sql.session.timeZone.
 */
export interface SetConfigStatement {
  kind: 'setConfig';
  key?: string;
  value?: string;
  origin: Origin;
}

/** `RESET` (key absent: all) or `RESET key` (Spark's ResetCommand). */
export interface ResetConfigStatement {
  kind: 'resetConfig';
  key?: string;
  origin: Origin;
}

/** `EXPLAIN [EXTENDED | FORMATTED | CODEGEN | COST] statement` (Spark's ExplainCommand). */
export interface ExplainStatement {
  kind: 'explain';
  mode: 'simple' | 'extended' | 'formatted' | 'codegen' | 'cost';
  statement: Statement;
  origin: Origin;
}

/** `DESC[RIBE] [QUERY] query`: the query's output schema (Spark's DescribeQueryCommand). */
export interface DescribeQueryStatement {
  kind: 'describeQuery';
  query: QueryNode;
  /** The query's SQL text as written. */
  queryText: string;
  origin: Origin;
}

/** `DESC[RIBE] [TABLE] name`: a table's or view's columns (Spark's DescribeTableCommand, not EXTENDED). */
export interface DescribeTableStatement {
  kind: 'describeTable';
  nameParts: string[];
  origin: Origin;
}

// ---------------------------------------------------------------------------------------------
// Type guards

export function isQueryNode(node: { kind: string }): node is QueryNode {
  return node.kind === 'query';
}

export function isGroupingAnalytics(item: GroupByItem): item is GroupingAnalytics {
  return item.kind === 'groupingAnalytics';
}

export function isSubqueryExpression(e: UnresolvedExpression): e is SubqueryExpression {
  return e.kind === 'scalarSubquery' || e.kind === 'inSubquery' || e.kind === 'exists';
}

/** The query AST inside a subquery expression the SQL parser built. */
export function subqueryOf(e: SubqueryExpression): QueryNode {
  if (!isQueryNode(e.query)) throw new InternalError(`A subquery expression holds a ${e.query.kind} node, not a parsed query.`);
  return e.query;
}
