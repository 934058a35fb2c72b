// The unresolved expression tree: what the SQL parser produces for `expr(...)`/`selectExpr(...)`
// and what the Column DSL builds (`col("a").plus(1)`). Both front ends meet here, so the analyzer
// resolves one representation. Operators are function calls named by their SQL symbol ("+", "=",
// "and", "not"...), as in Spark's FunctionRegistry; the analyzer resolves them like any function.
import { DataType } from '../types/data-types';
import type { ScalarFunction } from './function-definition';

/** Character range in the SQL text a node came from (0-based, stop inclusive). */
export interface Origin {
  start: number;
  stop: number;
  /** The SQL text the offsets refer to. */
  sqlText: string;
}

export interface LiteralExpr {
  kind: 'literal';
  value: unknown;
  dataType: DataType;
  /** A TIMESTAMP literal's text: the analyzer re-reads it in the session time zone. */
  timestampText?: string;
  origin?: Origin;
}

/** A (possibly qualified) column name: `a`, `t.a`, `` `a.b` `` (one part). */
export interface ColumnExpr {
  kind: 'column';
  nameParts: string[];
  /** Set by `df.col(name)`: the column of that DataFrame, even where the name is ambiguous (joins). */
  exprId?: number;
  /** With exprId: struct fields read from that column (`df.col('s.f')`). */
  fields?: string[];
  origin?: Origin;
}

/** `*` or `t.*`. */
export interface StarExpr {
  kind: 'star';
  target?: string[];
  /**
   * `df.colRegex('`(a|b)`')` (Spark's UnresolvedRegex): the columns whose whole name matches the
   * Java regex (case-insensitively unless analysis is case sensitive), of table `target` if given;
   * `text` is the argument as written.
   */
  regex?: { pattern: string; caseSensitive: boolean; text: string };
  origin?: Origin;
}

export interface FunctionExpr {
  kind: 'function';
  /** Lower-cased for built-ins; operators use their symbol ("+", "<=>", "and", "not", "isnull"...). */
  name: string;
  args: UnresolvedExpression[];
  distinct: boolean;
  filter?: UnresolvedExpression;
  /** `IGNORE NULLS` / `RESPECT NULLS` on first/last and friends. */
  ignoreNulls?: boolean;
  /** True when the node came from an operator (`a + b`): changes how its column name renders. */
  isOperator?: boolean;
  /** A user-defined function carried by the Column itself (`udf(f, type)(col)`), not looked up by name. */
  udf?: ScalarFunction;
  /** `f(...) OVER (...)` / `f(...).over(window)`: a window function call. */
  over?: WindowSpecDefinition;
  origin?: Origin;
}

/** A window frame bound: a row/value offset, or unbounded on its side. */
export type FrameBound = { kind: 'unboundedPreceding' } | { kind: 'unboundedFollowing' } | { kind: 'currentRow' } | { kind: 'offset'; value: number };

export interface WindowFrame {
  type: 'rows' | 'range';
  lower: FrameBound;
  upper: FrameBound;
}

/** PARTITION BY / ORDER BY / frame of a window function call. */
export interface WindowSpecDefinition {
  partitionBy: UnresolvedExpression[];
  orderBy: UnresolvedExpression[];
  frame?: WindowFrame;
}

export interface AliasExpr {
  kind: 'alias';
  child: UnresolvedExpression;
  /** One name, or several for `AS (a, b)` on generators. */
  names: string[];
  origin?: Origin;
}

export interface CastExpr {
  kind: 'cast';
  child: UnresolvedExpression;
  dataType: DataType;
  /** `try_cast` returns null instead of failing. */
  tryCast: boolean;
  origin?: Origin;
}

/** Searched CASE; the parser rewrites `CASE x WHEN v` into `x = v` conditions. */
export interface CaseWhenExpr {
  kind: 'caseWhen';
  branches: { condition: UnresolvedExpression; value: UnresolvedExpression }[];
  elseValue?: UnresolvedExpression;
  origin?: Origin;
}

/** `x -> body` or `(x, y) -> body`. */
export interface LambdaExpr {
  kind: 'lambda';
  params: string[];
  body: UnresolvedExpression;
  origin?: Origin;
}

/** `base[key]` (array index or map key) and `base.field` on a non-column base. */
export interface ExtractExpr {
  kind: 'extract';
  child: UnresolvedExpression;
  key: UnresolvedExpression;
  /** `.field` access (key is a string literal) rather than `[...]`. */
  isField: boolean;
  origin?: Origin;
}

export interface SortOrderExpr {
  kind: 'sortOrder';
  child: UnresolvedExpression;
  ascending: boolean;
  /** Spark's default: NULLS FIRST for ascending, NULLS LAST for descending. */
  nullsFirst: boolean;
  origin?: Origin;
}

export type UnresolvedExpression =
  | LiteralExpr
  | ColumnExpr
  | StarExpr
  | FunctionExpr
  | AliasExpr
  | CastExpr
  | CaseWhenExpr
  | LambdaExpr
  | ExtractExpr
  | SortOrderExpr
  | ScalarSubqueryExpr
  | InSubqueryExpr
  | ExistsExpr;

/**
 * A text that two unresolved expressions share when they are written alike (names compared
 * without case, positions in the SQL text ignored): `GROUP BY a GROUPING SETS ((A))` and
 * `groupingSets([['a']], col('a'))` name one grouping expression.
 */
export function unresolvedKey(e: UnresolvedExpression): string {
  return JSON.stringify(e, (k, v) => (k === 'origin' ? undefined : typeof v === 'bigint' ? `${v}n` : v)).toLowerCase();
}

export function literal(value: unknown, dataType: DataType): LiteralExpr {
  return { kind: 'literal', value, dataType };
}

export function column(...nameParts: string[]): ColumnExpr {
  return { kind: 'column', nameParts };
}

export function call(name: string, args: UnresolvedExpression[], extra: Partial<FunctionExpr> = {}): FunctionExpr {
  return { kind: 'function', name, args, distinct: false, ...extra };
}

export function alias(child: UnresolvedExpression, ...names: string[]): AliasExpr {
  return { kind: 'alias', child, names };
}

// ---------------------------------------------------------------------------------------------
// Subquery expressions. The query they carry is the SQL parser's query AST (lib/sql/ast.ts,
// `QueryNode`), or later a plan built another way; this layer sits below lib/sql and lib/plans,
// so it only knows the query as an opaque tagged object (`subqueryOf` in lib/sql/ast.ts types it).

/** The query inside a subquery expression: a `QueryNode` of lib/sql/ast.ts when the SQL parser built it. */
export interface SubqueryPlan {
  readonly kind: string;
}

/** `(SELECT max(a) FROM t)` used as a value (Spark's ScalarSubquery). */
export interface ScalarSubqueryExpr {
  kind: 'scalarSubquery';
  query: SubqueryPlan;
  origin?: Origin;
}

/**
 * `x IN (SELECT ...)` and `(x, y) IN (SELECT a, b ...)` (Spark's InSubquery over a ListQuery).
 * `NOT IN` is a `not` function around this node, as for the value-list IN.
 */
export interface InSubqueryExpr {
  kind: 'inSubquery';
  /** The left side; a row constructor `(x, y)` is unpacked into its fields, as Spark does. */
  values: UnresolvedExpression[];
  query: SubqueryPlan;
  origin?: Origin;
}

/** `EXISTS (SELECT ...)`; `NOT EXISTS` is a `not` function around it. */
export interface ExistsExpr {
  kind: 'exists';
  query: SubqueryPlan;
  origin?: Origin;
}

export type SubqueryExpression = ScalarSubqueryExpr | InSubqueryExpr | ExistsExpr;
