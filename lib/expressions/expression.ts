// Resolved expressions: every node knows its DataType. Column references are attributes with a
// stable exprId; the physical planner binds them to row ordinals when it compiles the expression.
import { DataType } from '../types/data-types';
import type { ScalarFunction, AggregateFunction, GeneratorFunction } from './function-definition';
import { lazy } from '../util/lazy';

// The cast rules load on first use (start-up: `import 'rivulet'` loads few modules).
const castNullability = lazy(() => require('./cast-nullability') as typeof import('./cast-nullability'));

export interface Attribute {
  kind: 'attribute';
  name: string;
  dataType: DataType;
  nullable: boolean;
  exprId: number;
  /** Table or view name(s) the attribute can be qualified with. */
  qualifier: string[];
}

export interface Literal {
  kind: 'literal';
  value: unknown;
  dataType: DataType;
  /** The literal's SQL as Spark names it when that depends on the session (TIMESTAMP in its zone). */
  sql?: string;
}

export interface ScalarCall {
  kind: 'scalarCall';
  fn: ScalarFunction;
  args: Expression[];
  dataType: DataType;
  nullable: boolean;
  /** Arguments as typed by the user (before implicit casts), for naming. */
  displayArgs?: Expression[];
}

export interface Cast {
  kind: 'cast';
  child: Expression;
  dataType: DataType;
  tryCast: boolean;
  /** Implicit casts (type coercion) don't show in column names. */
  implicit: boolean;
}

export interface CaseWhen {
  kind: 'caseWhen';
  branches: { condition: Expression; value: Expression }[];
  elseValue: Expression | undefined;
  dataType: DataType;
}

export interface NamedExpression {
  kind: 'alias';
  child: Expression;
  name: string;
  exprId: number;
  dataType: DataType;
}

/** An aggregate call, valid only inside an Aggregate's output list. */
export interface AggregateCall {
  kind: 'aggregateCall';
  fn: AggregateFunction;
  args: Expression[];
  distinct: boolean;
  filter: Expression | undefined;
  dataType: DataType;
  nullable: boolean;
}

/** A generator call (explode...), valid only as a whole select item. */
export interface GeneratorCall {
  kind: 'generatorCall';
  fn: GeneratorFunction;
  args: Expression[];
  outer: boolean;
  /** Output element schema of the generator. */
  elementTypes: { name: string; dataType: DataType; nullable: boolean }[];
  dataType: DataType;
  /** Names from `AS (a, b)`. */
  aliases?: string[];
}

/** A lambda parameter (`x` in `x -> x + 1`), bound by the higher-order function that owns the lambda. */
export interface LambdaVariable {
  kind: 'lambdaVariable';
  name: string;
  dataType: DataType;
  nullable: boolean;
  exprId: number;
}

/** `(x, y) -> body`, an argument of a higher-order function (compiled by lib/expressions/lambda.ts). */
export interface LambdaFunction {
  kind: 'lambdaFunction';
  params: LambdaVariable[];
  body: Expression;
  /** The body's type. */
  dataType: DataType;
}

export type Expression = Attribute | Literal | ScalarCall | Cast | CaseWhen | NamedExpression | AggregateCall | GeneratorCall | LambdaVariable | LambdaFunction;

let nextExprId = 0;

export function newExprId(): number {
  return nextExprId++;
}

export function attribute(name: string, dataType: DataType, nullable = true, qualifier: string[] = []): Attribute {
  return { kind: 'attribute', name, dataType, nullable, exprId: newExprId(), qualifier };
}

export function isNullable(e: Expression): boolean {
  switch (e.kind) {
    case 'attribute':
    case 'scalarCall':
    case 'aggregateCall':
      return e.nullable;
    case 'literal':
      return e.value === null;
    case 'cast':
      // Spark's Cast.nullable.
      return e.tryCast ? castNullability().tryCastNullable(isNullable(e.child), e.child.dataType, e.dataType) : isNullable(e.child) || castNullability().forceNullable(e.child.dataType, e.dataType);
    case 'caseWhen':
      return true;
    case 'alias':
      return isNullable(e.child);
    case 'generatorCall':
      return true;
    case 'lambdaVariable':
      return e.nullable;
    case 'lambdaFunction':
      return isNullable(e.body);
  }
}

/** The attribute a named select item produces. */
export function toAttribute(e: NamedExpression | Attribute): Attribute {
  if (e.kind === 'attribute') return e;
  return { kind: 'attribute', name: e.name, dataType: e.child.dataType, nullable: isNullable(e.child), exprId: e.exprId, qualifier: [] };
}

/** Pre-order walk; returns true from `visit` to stop descending. */
export function forEachExpression(e: Expression, visit: (e: Expression) => boolean | void): void {
  if (visit(e) === true) return;
  switch (e.kind) {
    case 'attribute':
    case 'literal':
    case 'lambdaVariable':
      return;
    case 'lambdaFunction':
      forEachExpression(e.body, visit);
      return;
    case 'scalarCall':
    case 'aggregateCall':
    case 'generatorCall':
      for (const a of e.args) forEachExpression(a, visit);
      if (e.kind === 'aggregateCall' && e.filter) forEachExpression(e.filter, visit);
      return;
    case 'cast':
    case 'alias':
      forEachExpression(e.child, visit);
      return;
    case 'caseWhen':
      for (const b of e.branches) {
        forEachExpression(b.condition, visit);
        forEachExpression(b.value, visit);
      }
      if (e.elseValue) forEachExpression(e.elseValue, visit);
      return;
  }
}

/** True when some node of the tree satisfies `test` (a pre-order walk that stops at the first). */
export function someExpression(e: Expression, test: (e: Expression) => boolean): boolean {
  let found = false;
  forEachExpression(e, (x) => {
    if (!found && test(x)) found = true;
    return found;
  });
  return found;
}

/**
 * Rebuilds a tree top-down: where `rule` returns an expression it replaces the node (and its
 * subtree), elsewhere the node is kept with its children transformed.
 */
export function transformExpression(e: Expression, rule: (e: Expression) => Expression | undefined): Expression {
  const replaced = rule(e);
  if (replaced !== undefined) return replaced;
  const t = (x: Expression): Expression => transformExpression(x, rule);
  switch (e.kind) {
    case 'attribute':
    case 'literal':
    case 'lambdaVariable':
      return e;
    case 'lambdaFunction':
      return { ...e, body: t(e.body) };
    case 'scalarCall':
    case 'generatorCall':
      return { ...e, args: e.args.map(t) };
    case 'aggregateCall':
      return { ...e, args: e.args.map(t), filter: e.filter ? t(e.filter) : undefined };
    case 'cast':
    case 'alias':
      return { ...e, child: t(e.child) };
    case 'caseWhen':
      return {
        ...e,
        branches: e.branches.map((b) => ({ condition: t(b.condition), value: t(b.value) })),
        elseValue: e.elseValue ? t(e.elseValue) : undefined,
      };
  }
}
