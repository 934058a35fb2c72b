// SQL subquery expressions: `(SELECT max(w) FROM u)` (ScalarSubquery), `x IN (SELECT y FROM u)`
// (InSubquery) and `EXISTS (SELECT ...)` (Exists), uncorrelated or correlated with the enclosing
// query's columns (`WHERE u.y = t.x`).
//
// Spark decorrelates them into joins; Rivulet evaluates them as functions of the outer columns
// they reference: the subquery's plan is analysed once with those columns visible (each read
// through an OuterScope slot), and at run time it is executed for each distinct combination of
// outer values (once when there are none), its rows remembered. The results are Spark's:
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
import { forEachExpression } from '../expressions/expression';
import { prettySql } from '../expressions/expression-sql';

/** What the SQL analyzer gives the expression resolver to plan and run subqueries. */
export interface SubqueryContext {
  /** The subquery's plan, analysed with the enclosing query's columns visible through `outer`. */
  analyze(query: SubqueryPlan, outer: OuterScope): LogicalPlan;
  /** Runs a batch plan: its rows. */
  run(plan: LogicalPlan): unknown[][];
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
      let outer = false;
      forEachExpression(e, (x) => {
        if (x.kind === 'scalarCall' && x.fn.name === 'outer') outer = true;
        return outer;
      });
      if (!outer) continue;
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

/** Runs a subquery per distinct outer values, remembering its rows. */
function subqueryRunner(plan: LogicalPlan, scope: OuterScope, run: (plan: LogicalPlan) => unknown[][]): (outer: unknown[]) => unknown[][] {
  const seen = new Map<string, unknown[][]>();
  return (outer) => {
    const key = outer.length === 0 ? '' : encodeCompositeKey(outer);
    let rows = seen.get(key);
    if (rows === undefined) {
      scope.values = outer;
      rows = run(plan);
      // Bounded: a long-running stream meets ever new outer values.
      if (seen.size >= MAX_REMEMBERED) seen.clear();
      seen.set(key, rows);
    }
    return rows;
  };
}

const outerNames = (args: string[], from: number): string => args.slice(from).join(', ');

/** `(SELECT ...)` as a value. */
export function scalarSubquery(plan: LogicalPlan, scope: OuterScope, run: (plan: LogicalPlan) => unknown[][]): Expression {
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
      const rowsFor = subqueryRunner(plan, scope, run);
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
export function existsSubquery(plan: LogicalPlan, scope: OuterScope, run: (plan: LogicalPlan) => unknown[][]): Expression {
  const fn: ScalarFunction = {
    kind: 'scalar',
    name: 'exists',
    resolve: (args) => ({ args, dataType: DataTypes.BooleanType, nullable: false }),
    compile: (args) => {
      const rowsFor = subqueryRunner(plan, scope, run);
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
  run: (plan: LogicalPlan) => unknown[][],
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
  const comparisons: Evaluator[] = values.map((v, i) => {
    const left = attribute('left', v.dataType, true);
    const right = attribute('right', output[i].dataType, true);
    return compileExpression(equalsOf(left, right), [left, right], compile);
  });
  const n = values.length;
  const fn: ScalarFunction = {
    kind: 'scalar',
    name: negated ? 'not_in_subquery' : 'in_subquery',
    resolve: (args) => ({ args, dataType: DataTypes.BooleanType, nullable: false }),
    compile: (args) => {
      const rowsFor = subqueryRunner(plan, scope, run);
      const pair: unknown[] = [null, null];
      return (row) => {
        const evaluated = args.map((a) => a(row));
        const rows = rowsFor(evaluated.slice(n));
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
