// SQL subquery expressions: `(SELECT max(w) FROM u)` (ScalarSubquery), `x IN (SELECT y FROM u)`
// (InSubquery) and `EXISTS (SELECT ...)` (Exists), uncorrelated or correlated with the enclosing
// query's columns (`WHERE u.y = t.x`).
//
// Spark decorrelates them into joins; Rivulet evaluates them as functions of the outer columns
// they reference: the subquery's plan is analysed once with those columns visible (each read
// through an OuterScope slot), and at run time it is executed for each distinct combination of
// outer values (once when there are none), its rows remembered. A `WHERE inner = outer` filter is
// decorrelated (its input run once and indexed by the inner key, the rest of the subquery run over
// the matching rows), and a one-column IN looks values up in a set. The results are Spark's:
//   - a scalar subquery gives its one value, NULL without rows, SCALAR_SUBQUERY_TOO_MANY_ROWS
//     with more than one;
//   - `x IN (subquery)` is true when some row equals x, else false (Spark's existence join: false,
//     not NULL, when only a NULL comparison stood in the way); `NOT IN` is true when no row equals
//     x or compares to NULL with it (Spark's null-aware anti join);
//   - EXISTS is true when the subquery has a row.
import { AnalysisException } from '../errors/analysis-exception';
import { SparkRuntimeException } from '../errors/spark-exception';
import { attribute, type Attribute, type Expression } from '../expressions/expression';
import type { CompileContext, Evaluator, ScalarFunction } from '../expressions/function-definition';
import { compileExpression } from '../expressions/compiler';
import { DataTypes } from '../types/data-types';
import { encodeCompositeKey } from '../util/group-key';
import type { SubqueryPlan } from '../expressions/unresolved';
import { collectNodes, outputOf, type LogicalPlan } from '../plans/logical-plan';
import { someExpression } from '../expressions/expression';
import { prettySql } from '../expressions/expression-sql';

/** What the SQL analyzer gives the expression resolver to plan and run subqueries. */
export interface SubqueryContext {
  /** The subquery's plan, analysed with the enclosing query's columns visible through `outer`. */
  analyze(query: SubqueryPlan, outer: OuterScope): LogicalPlan;
  /** A batch plan planned once: runs it, giving its rows. */
  prepare(plan: LogicalPlan): () => unknown[][];
}

/**
 * The enclosing query's columns, as a subquery sees them: each one it references gets a slot,
 * set to the outer row's value before the subquery runs.
 */
export class OuterScope {
  /** The outer columns referenced, in first-reference order (the subquery function's arguments). */
  readonly used: Attribute[] = [];
  /** Their values for the run under way. */
  values: unknown[] = [];

  constructor(readonly attributes: readonly Attribute[]) {}

  /** An expression reading outer column `a` (Spark's OuterReference). */
  reference(a: Attribute): Expression {
    let slot = this.used.findIndex((u) => u.exprId === a.exprId);
    if (slot < 0) {
      slot = this.used.length;
      this.used.push(a);
    }
    const scope = this;
    const fn: ScalarFunction = {
      kind: 'scalar',
      name: 'outer',
      resolve: (args) => ({ args, dataType: a.dataType, nullable: a.nullable }),
      compile: () => () => scope.values[slot],
      sql: () => `outer(${a.qualifier.length > 0 ? `${a.qualifier.join('.')}.` : ''}${a.name})`,
    };
    return { kind: 'scalarCall', fn, args: [], dataType: a.dataType, nullable: a.nullable };
  }
}

/**
 * Spark allows outer references in a subquery's WHERE and HAVING only: one in a select list or a
 * grouping fails with UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE, quoting the
 * expression as Spark prints it (the outer column by name, its alias showing `outer(t.x)`).
 */
export function checkOuterReferences(plan: LogicalPlan): void {
  const lists = [...collectNodes(plan, 'project').map((p) => p.projectList), ...collectNodes(plan, 'aggregate').map((a) => [...a.groupingExpressions, ...a.aggregateExpressions])];
  for (const list of lists) {
    for (const e of list) {
      if (!hasOuterReference(e)) continue;
      const named = prettySql(e);
      const plain = named.replace(/outer\(([^()]*)\)/g, (_m, name: string) => name.split('.').pop()!);
      const text = e.kind === 'alias' ? `${plain} AS \`${named}\`` : plain;
      throw new AnalysisException(`Unsupported subquery expression: Expressions referencing the outer query are not supported outside of WHERE/HAVING clauses: "${text}".`, {
        errorClass: 'UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE',
        sqlState: '0A000',
        messageParameters: { sqlExprs: `"${text}"` },
      });
    }
  }
}

/** Outer-value combinations whose subquery rows are kept at once. */
const MAX_REMEMBERED = 4096;

/** Types whose values are Map keys by value (a correlation key must be one). */
const HASHABLE = new Set(['integer', 'long', 'short', 'byte', 'string', 'date', 'timestamp', 'timestamp_ntz', 'boolean', 'double', 'float']);

function hasOuterReference(e: Expression): boolean {
  return someExpression(e, (x) => x.kind === 'scalarCall' && x.fn.name === 'outer');
}

function planHasOuterReference(plan: LogicalPlan): boolean {
  const lists = [...collectNodes(plan, 'project').map((p) => p.projectList), ...collectNodes(plan, 'aggregate').map((a) => a.aggregateExpressions), ...collectNodes(plan, 'filter').map((f) => [f.condition])];
  return lists.some((list) => list.some(hasOuterReference));
}

function conjuncts(e: Expression): Expression[] {
  return e.kind === 'scalarCall' && e.fn.name === 'and' && e.args.length === 2 ? [...conjuncts(e.args[0]), ...conjuncts(e.args[1])] : [e];
}

/** Single-child nodes a correlated filter may sit under and still be run per outer value. */
const UNARY = new Set(['project', 'aggregate', 'filter', 'sort', 'limit', 'offset', 'subqueryAlias', 'deduplicate']);

/**
 * Spark decorrelates `WHERE inner = outer` into a join; here the filter's input is run once and
 * indexed by the inner side, and the rest of the subquery runs per outer value over the matching
 * rows only. Undefined when the plan has no such filter (then the whole subquery runs per value).
 */
function decorrelated(plan: LogicalPlan, scope: OuterScope, ctx: SubqueryContext, compile: CompileContext): ((outer: unknown[]) => unknown[][]) | undefined {
  const path: LogicalPlan[] = [];
  let node = plan;
  while (UNARY.has(node.kind) && !(node.kind === 'filter' && hasOuterReference(node.condition))) {
    path.push(node);
    node = (node as { child: LogicalPlan }).child;
  }
  if (node.kind !== 'filter' || planHasOuterReference(node.child)) return undefined;
  const filter = node;
  const input = outputOf(filter.child);
  const inner: Expression[] = [];
  const outer: Expression[] = [];
  const rest: Expression[] = [];
  for (const c of conjuncts(filter.condition)) {
    const sides = c.kind === 'scalarCall' && c.fn.name === '=' && c.args.length === 2 ? c.args : undefined;
    const at = sides ? sides.findIndex((x) => hasOuterReference(x)) : -1;
    const other = sides?.[1 - at];
    if (sides && at >= 0 && other && !hasOuterReference(other) && HASHABLE.has(other.dataType.typeName()) && !someExpression(sides[at], (x) => x.kind === 'attribute')) {
      inner.push(other);
      outer.push(sides[at]);
    } else rest.push(c);
  }
  if (inner.length === 0) return undefined;
  // The filter's input, once, by its inner key (a NULL key never equals anything).
  const innerKeys = inner.map((e) => compileExpression(e, input, compile));
  const outerKeys = outer.map((e) => compileExpression(e, [], compile));
  const keyOf = (values: unknown[]): unknown => (values.some((v) => v === null || v === undefined) ? undefined : values.length === 1 ? values[0] : encodeCompositeKey(values));
  let index: Map<unknown, unknown[][]> | undefined;
  const build = (): Map<unknown, unknown[][]> => {
    const m = new Map<unknown, unknown[][]>();
    for (const row of ctx.prepare(filter.child)()) {
      const k = keyOf(innerKeys.map((f) => f(row)));
      if (k === undefined) continue;
      const list = m.get(k);
      if (list) list.push(row);
      else m.set(k, [row]);
    }
    return m;
  };
  // The subquery above the filter, over the matching rows.
  let current: unknown[][] = [];
  const leaf: LogicalPlan = { kind: 'localRelation', name: 'LocalRelation', output: input, data: () => current };
  // Several conjuncts left means the condition was an AND: its function joins them again.
  const and = filter.condition.kind === 'scalarCall' ? filter.condition.fn : undefined;
  const condition = rest.reduceRight<Expression | undefined>((acc, c) => (acc === undefined ? c : andOf(and!, c, acc)), undefined);
  let rebuilt: LogicalPlan = condition === undefined ? leaf : { ...filter, condition, child: leaf };
  for (let i = path.length - 1; i >= 0; i--) rebuilt = { ...path[i], child: rebuilt } as LogicalPlan;
  const run = ctx.prepare(rebuilt);
  return (values) => {
    index ??= build();
    scope.values = values;
    const k = keyOf(outerKeys.map((f) => f([])));
    current = k === undefined ? [] : (index.get(k) ?? []);
    return run();
  };
}

/** `a AND b` with the conjunction function of the condition they came from. */
function andOf(fn: ScalarFunction, a: Expression, b: Expression): Expression {
  return { kind: 'scalarCall', fn, args: [a, b], dataType: DataTypes.BooleanType, nullable: true };
}

/** Runs a subquery per distinct outer values (once when uncorrelated), remembering its rows. */
function subqueryRunner(plan: LogicalPlan, scope: OuterScope, ctx: SubqueryContext, compile: CompileContext): (outer: unknown[]) => unknown[][] {
  if (scope.used.length === 0) {
    let rows: unknown[][] | undefined;
    return () => (rows ??= ctx.prepare(plan)());
  }
  let runFor: ((outer: unknown[]) => unknown[][]) | undefined;
  const seen = new Map<string, unknown[][]>();
  return (outer) => {
    const key = encodeCompositeKey(outer);
    let rows = seen.get(key);
    if (rows === undefined) {
      if (runFor === undefined) {
        const whole = decorrelated(plan, scope, ctx, compile);
        if (whole) runFor = whole;
        else {
          const run = ctx.prepare(plan);
          runFor = (values) => {
            scope.values = values;
            return run();
          };
        }
      }
      rows = runFor(outer);
      // Bounded: a long-running stream meets ever new outer values.
      if (seen.size >= MAX_REMEMBERED) seen.clear();
      seen.set(key, rows);
    }
    return rows;
  };
}

const outerNames = (args: string[], from: number): string => args.slice(from).join(', ');

/** `(SELECT ...)` as a value. */
export function scalarSubquery(plan: LogicalPlan, scope: OuterScope, ctx: SubqueryContext, compile: CompileContext): Expression {
  const output = outputOf(plan);
  if (output.length !== 1) {
    throw new AnalysisException(`Invalid subquery: Scalar subquery must return only one column, but got ${output.length}.`, {
      errorClass: 'INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN',
      sqlState: '42823',
      messageParameters: { number: String(output.length) },
    });
  }
  const fn: ScalarFunction = {
    kind: 'scalar',
    name: 'scalarsubquery',
    resolve: (args) => ({ args, dataType: output[0].dataType, nullable: true }),
    compile: (args) => {
      const rowsFor = subqueryRunner(plan, scope, ctx, compile);
      return (row) => {
        const rows = rowsFor(args.map((a) => a(row)));
        if (rows.length > 1) {
          throw new SparkRuntimeException('More than one row returned by a subquery used as an expression.', { errorClass: 'SCALAR_SUBQUERY_TOO_MANY_ROWS', sqlState: '21000' });
        }
        return rows.length === 0 ? null : rows[0][0];
      };
    },
    sql: (args) => `scalarsubquery(${outerNames(args, 0)})`,
  };
  return { kind: 'scalarCall', fn, args: [...scope.used], dataType: output[0].dataType, nullable: true };
}

/** `EXISTS (SELECT ...)`. */
export function existsSubquery(plan: LogicalPlan, scope: OuterScope, ctx: SubqueryContext, compile: CompileContext): Expression {
  const fn: ScalarFunction = {
    kind: 'scalar',
    name: 'exists',
    resolve: (args) => ({ args, dataType: DataTypes.BooleanType, nullable: false }),
    compile: (args) => {
      const rowsFor = subqueryRunner(plan, scope, ctx, compile);
      return (row) => rowsFor(args.map((a) => a(row))).length > 0;
    },
    sql: (args) => `exists(${outerNames(args, 0)})`,
  };
  return { kind: 'scalarCall', fn, args: [...scope.used], dataType: DataTypes.BooleanType, nullable: false };
}

/**
 * `values IN (SELECT ...)` (negated: `NOT IN`). `equalsOf(i)` resolves `=` between the i-th value's
 * type and the subquery's i-th column (Spark's coercion) as an expression over [left, right].
 */
export function inSubquery(
  values: Expression[],
  plan: LogicalPlan,
  scope: OuterScope,
  ctx: SubqueryContext,
  negated: boolean,
  equalsOf: (left: Attribute, right: Attribute) => Expression,
  valueSql: string,
  compile: CompileContext,
): Expression {
  const output = outputOf(plan);
  const inSql = `(${valueSql} IN (listquery(${scope.used.map((a) => a.name).join(', ')})))`;
  if (output.length !== values.length) {
    const quoted = (xs: string[]) => `[${xs.map((x) => `"${x}"`).join(', ')}]`;
    const left = values.map((v) => (v.kind === 'attribute' ? v.name : valueSql));
    throw new AnalysisException(
      `Cannot resolve "${inSql}" due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: ${values.length}): ${quoted(left)}, right hand side columns(length: ${output.length}): ${quoted(output.map((a) => a.name))}.`,
      { errorClass: 'DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH', sqlState: '42K09', messageParameters: { sqlExpr: `"${inSql}"` } },
    );
  }
  // One comparison per column, compiled over [value, subquery value].
  const pairs = values.map((v, i) => [attribute('left', v.dataType, true), attribute('right', output[i].dataType, true)] as const);
  const equalities = pairs.map(([left, right]) => equalsOf(left, right));
  const comparisons: Evaluator[] = equalities.map((eq, i) => compileExpression(eq, [...pairs[i]], compile));
  const n = values.length;
  // One column compared with `=` on a type Map keys hold by value: the subquery's values in a set.
  const eq = equalities[0];
  const hashed = n === 1 && eq.kind === 'scalarCall' && eq.fn.name === '=' && eq.args.length === 2 && HASHABLE.has(eq.args[0].dataType.typeName()) && eq.args[0].dataType.typeName() === eq.args[1].dataType.typeName();
  const leftKey = hashed ? compileExpression((eq as Extract<Expression, { kind: 'scalarCall' }>).args[0], [...pairs[0]], compile) : undefined;
  const rightKey = hashed ? compileExpression((eq as Extract<Expression, { kind: 'scalarCall' }>).args[1], [...pairs[0]], compile) : undefined;
  const sets = new WeakMap<unknown[][], { values: Set<unknown>; hasNull: boolean }>();
  const setOf = (rows: unknown[][]): { values: Set<unknown>; hasNull: boolean } => {
    let set = sets.get(rows);
    if (set === undefined) {
      set = { values: new Set(), hasNull: false };
      const pair: unknown[] = [null, null];
      for (const r of rows) {
        pair[1] = r[0];
        const k = rightKey!(pair);
        if (k === null || k === undefined) set.hasNull = true;
        else set.values.add(k);
      }
      sets.set(rows, set);
    }
    return set;
  };
  const fn: ScalarFunction = {
    kind: 'scalar',
    name: negated ? 'not_in_subquery' : 'in_subquery',
    resolve: (args) => ({ args, dataType: DataTypes.BooleanType, nullable: false }),
    compile: (args) => {
      const rowsFor = subqueryRunner(plan, scope, ctx, compile);
      const pair: unknown[] = [null, null];
      return (row) => {
        const evaluated = args.map((a) => a(row));
        const rows = rowsFor(evaluated.slice(n));
        if (leftKey && rows.length > 0) {
          pair[0] = evaluated[0];
          const k = leftKey(pair);
          const set = setOf(rows);
          if (k !== null && k !== undefined && set.values.has(k)) return !negated;
          // No equal value: NOT IN still fails on a NULL on either side.
          return negated ? !(set.hasNull || k === null || k === undefined) : false;
        }
        // Per subquery row: true when every column is equal, null when none differs but one
        // compares to NULL, else false.
        let sawNull = false;
        for (const r of rows) {
          let result: boolean | null = true;
          for (let i = 0; i < n && result !== false; i++) {
            pair[0] = evaluated[i];
            pair[1] = r[i];
            const eq = comparisons[i](pair) as boolean | null;
            if (eq === false) result = false;
            else if (eq === null) result = null;
          }
          if (result === true) return !negated;
          if (result === null) sawNull = true;
        }
        return negated ? !sawNull : false;
      };
    },
    sql: () => (negated ? `(NOT ${inSql})` : inSql),
  };
  return { kind: 'scalarCall', fn, args: [...values, ...scope.used], dataType: DataTypes.BooleanType, nullable: false };
}
