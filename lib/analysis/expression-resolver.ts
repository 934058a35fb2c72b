// Resolves unresolved expressions (from the SQL parser or the Column DSL) against the output of a
// child plan: names (case-insensitive, as Spark's default), functions, casts, aliases.
import { TimestampNanosType, splitNanosText } from '../types/timestamp-nanos-types';
import { DataType, DataTypes } from '../types/data-types';
import { AnalysisException } from '../errors/analysis-exception';
import {
  ambiguousReferenceError,
  nestedAggregateError,
  quoteIdentifier,
  quoteNameParts,
  unresolvedColumnError,
  unresolvedRoutineError,
  unexpectedInputTypeError,
} from '../errors/query-compilation-errors';
import type { Attribute, Expression, NamedExpression, AggregateCall, GeneratorCall, LambdaFunction, LambdaVariable } from '../expressions/expression';
import type { FunctionDefinition, ScalarFunction } from '../expressions/function-definition';
import { negative, positive } from '../expressions/functions/arithmetic';
import { newExprId } from '../expressions/expression';
import type { FunctionRegistry } from '../expressions/function-registry';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { prettySql } from '../expressions/expression-sql';
import { canCastIn, castTypeCheckError } from '../expressions/cast';
import { implicitCast } from '../expressions/type-utils';
import { coerceCaseWhen } from '../expressions/functions/conditional-functions';
import { resolveExtractValue } from '../expressions/functions/collection-access';
import { nestedGeneratorError } from '../expressions/functions/generators';
import { levenshtein } from '../util/levenshtein';
import { parseTimestampLiteral } from '../sql/literals';
import { toPrettyString } from '../types/pretty-value';
import { checkOuterReferences, existsSubquery, inSubquery, OuterScope, scalarSubquery, type SubqueryContext } from './subquery-expressions';

export interface ResolverContext {
  registry: FunctionRegistry;
  /** spark.sql.session.timeZone: zone-less TIMESTAMP literals are read in it. */
  timeZone: string;
  ansiEnabled: boolean;
  caseSensitive: boolean;
  /** Reads a SQL config (legacy analysis flags); absent where no session is at hand. */
  conf?: (key: string) => string | undefined;
  /** SQL subquery expressions: planned and run through the SQL analyzer (absent elsewhere). */
  subqueries?: SubqueryContext;
  /** Inside a subquery: the enclosing query's columns, which names resolve to when not local. */
  outer?: OuterScope;
}

export class ExpressionResolver {
  /** Nesting depth of `resolve` calls: a nested field read at depth 0 is named by its field. */
  private depth = 0;
  /** Lambda parameters in scope (innermost last); they shadow columns of the same name. */
  private readonly lambdaScope: LambdaVariable[] = [];

  constructor(
    private readonly input: readonly Attribute[],
    private readonly ctx: ResolverContext,
  ) {}

  resolve(u: UnresolvedExpression, insideAggregate = false): Expression {
    const topLevel = this.depth === 0;
    this.depth++;
    try {
      return this.resolveNode(u, insideAggregate, topLevel);
    } finally {
      this.depth--;
    }
  }

  private resolveNode(u: UnresolvedExpression, insideAggregate: boolean, topLevel: boolean): Expression {
    switch (u.kind) {
      case 'literal':
        if (u.timestampText !== undefined && u.dataType instanceof TimestampNanosType) {
          // A TIMESTAMP_LTZ nanosecond literal, re-read in the session time zone.
          const split = splitNanosText(u.timestampText);
          const micros = parseTimestampLiteral(split.text, true, this.ctx.timeZone);
          const value = micros === undefined ? u.value : micros * 1000n + split.extraNanos;
          return { kind: 'literal', value, dataType: u.dataType, sql: `TIMESTAMP_LTZ '${toPrettyString(value, u.dataType, this.ctx.timeZone)}'` };
        }
        if (u.timestampText !== undefined) {
          const micros = parseTimestampLiteral(u.timestampText, true, this.ctx.timeZone);
          const value = micros ?? u.value;
          // Spark names the literal by its value in the session time zone.
          return { kind: 'literal', value, dataType: u.dataType, sql: `TIMESTAMP '${toPrettyString(value, u.dataType, this.ctx.timeZone)}'` };
        }
        return { kind: 'literal', value: u.value, dataType: u.dataType };
      case 'column':
        if (u.exprId !== undefined) {
          const bound = this.input.find((a) => a.exprId === u.exprId);
          if (bound && u.fields && u.fields.length > 0) {
            let e: Expression = bound;
            for (const f of u.fields) e = resolveExtractValue(e, { kind: 'literal', value: f, dataType: DataTypes.StringType }, this.ctx);
            if (!topLevel) return e;
            return { kind: 'alias', child: e, name: u.fields[u.fields.length - 1], exprId: newExprId(), dataType: e.dataType } satisfies NamedExpression;
          }
          if (bound) return bound;
        }
        return this.resolveLambdaVariable(u.nameParts) ?? this.resolveColumn(u.nameParts, topLevel);
      case 'star':
        throw new AnalysisException(`Invalid usage of '*' in expression '${u.target ? u.target.join('.') + '.' : ''}*'.`, {
          errorClass: 'INVALID_USAGE_OF_STAR_OR_REGEX',
          sqlState: '42000',
          messageParameters: { elem: `'*'`, prettyName: 'expression' },
        });
      case 'alias': {
        const child = this.resolve(u.child, insideAggregate);
        if (u.names.length > 1) {
          if (child.kind !== 'generatorCall') {
            throw new AnalysisException(`Multiple aliases (${u.names.join(', ')}) are only allowed on generators such as posexplode.`, {
              errorClass: 'MULTI_ALIAS_WITHOUT_GENERATOR',
              sqlState: '42K0E',
              messageParameters: { names: u.names.join(', '), expr: prettySql(child) },
            });
          }
          return { ...child, aliases: u.names };
        }
        const named: NamedExpression = { kind: 'alias', child, name: u.names[0], exprId: newExprId(), dataType: child.dataType };
        return named;
      }
      case 'cast': {
        const child = this.resolve(u.child, insideAggregate);
        const mode = u.tryCast ? 'try' : this.ctx.ansiEnabled ? 'ansi' : 'legacy';
        if (!canCastIn(mode, child.dataType, u.dataType)) {
          throw castTypeCheckError(`${u.tryCast ? 'TRY_CAST' : 'CAST'}(${prettySql(child)} AS ${u.dataType.toDDL()})`, child.dataType, u.dataType, mode);
        }
        return { kind: 'cast', child, dataType: u.dataType, tryCast: u.tryCast, implicit: false };
      }
      case 'caseWhen': {
        const branches = u.branches.map((b) => ({ condition: this.resolve(b.condition, insideAggregate), value: this.resolve(b.value, insideAggregate) }));
        const elseValue = u.elseValue ? this.resolve(u.elseValue, insideAggregate) : undefined;
        // Branch values take their wider common type (Spark's CaseWhenCoercion).
        return { kind: 'caseWhen', ...coerceCaseWhen(branches, elseValue, this.ctx.ansiEnabled) };
      }
      case 'function':
        return this.resolveFunction(u, insideAggregate);
      case 'extract':
        // `base[key]` / `base.field`: array item, map value or struct field by the base's type.
        return resolveExtractValue(this.resolve(u.child, insideAggregate), this.resolve(u.key, insideAggregate), this.ctx);
      case 'lambda':
      case 'sortOrder':
        throw new AnalysisException(`${u.kind === 'lambda' ? 'Lambda functions' : 'Sort orders'} are not supported here yet.`, {
          errorClass: 'UNSUPPORTED_FEATURE',
          sqlState: '0A000',
        });
      case 'scalarSubquery':
      case 'inSubquery':
      case 'exists':
        return this.resolveSubquery(u, false);
    }
  }

  /**
   * `a`, `t.a`, and nested fields `a.b.c` / `t.a.b`: the longest qualifier that matches wins
   * (as Spark's AttributeSeq.resolve); the remaining parts are struct fields, and a top-level
   * nested read is named by its last field (`SELECT s.f` gives a column `f`).
   */
  private resolveColumn(nameParts: string[], topLevel: boolean): Expression {
    const eq = this.ctx.caseSensitive ? (a: string, b: string) => a === b : (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    const longestQualifier = Math.max(0, ...this.input.map((a) => a.qualifier.length));
    for (let q = Math.min(nameParts.length - 1, longestQualifier); q >= 0; q--) {
      const qualifier = nameParts.slice(0, q);
      const name = nameParts[q];
      const matches = this.input.filter(
        (a) => eq(a.name, name) && a.qualifier.length >= q && qualifier.every((part, i) => eq(a.qualifier[a.qualifier.length - q + i], part)),
      );
      const distinct = matches.filter((m, i) => matches.findIndex((o) => o.exprId === m.exprId) === i);
      if (distinct.length > 1) {
        throw ambiguousReferenceError(quoteNameParts(nameParts), distinct.map((a) => quoteNameParts([...a.qualifier, a.name])));
      }
      if (distinct.length === 0) continue;
      const fields = nameParts.slice(q + 1);
      if (fields.length === 0) return distinct[0];
      let e: Expression = distinct[0];
      for (const f of fields) e = resolveExtractValue(e, { kind: 'literal', value: f, dataType: DataTypes.StringType }, this.ctx);
      if (!topLevel) return e;
      const named: NamedExpression = { kind: 'alias', child: e, name: fields[fields.length - 1], exprId: newExprId(), dataType: e.dataType };
      return named;
    }
    // Spark's LiteralFunctionResolution: `current_date`, `current_timestamp` without parentheses.
    if (nameParts.length === 1 && ['current_date', 'current_timestamp'].includes(nameParts[0].toLowerCase())) {
      return this.resolveFunction({ kind: 'function', name: nameParts[0].toLowerCase(), args: [], distinct: false }, false);
    }
    const outer = this.outerColumn(nameParts);
    if (outer) return outer;
    throw unresolvedColumnError(nameParts, suggestColumns(nameParts, this.input));
  }

  /** In a subquery, a name that is no column of its own may be one of the enclosing query's. */
  private outerColumn(nameParts: string[]): Expression | undefined {
    const scope = this.ctx.outer;
    if (!scope) return undefined;
    let found: Expression;
    try {
      found = new ExpressionResolver(scope.attributes, { ...this.ctx, outer: undefined }).resolveColumn(nameParts, false);
    } catch (e) {
      if (e instanceof AnalysisException && e.errorClass?.startsWith('UNRESOLVED_COLUMN')) return undefined;
      throw e;
    }
    return found.kind === 'attribute' ? scope.reference(found) : undefined;
  }

  /** `x` or `x.field` where `x` is a lambda parameter in scope. */
  private resolveLambdaVariable(nameParts: string[]): Expression | undefined {
    const eq = this.ctx.caseSensitive ? (a: string, b: string) => a === b : (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    for (let i = this.lambdaScope.length - 1; i >= 0; i--) {
      const v = this.lambdaScope[i];
      if (!eq(v.name, nameParts[0])) continue;
      let e: Expression = v;
      for (const f of nameParts.slice(1)) e = resolveExtractValue(e, { kind: 'literal', value: f, dataType: DataTypes.StringType }, this.ctx);
      return e;
    }
    return undefined;
  }

  /**
   * Arguments of a higher-order function: plain arguments first, then each lambda with its
   * parameters typed by the function (Spark's ResolveLambdaVariables).
   */
  private resolveHigherOrderArgs(fn: ScalarFunction, rawArgs: UnresolvedExpression[], insideAggregate: boolean, rctx: { ansiEnabled: boolean; name: string }): Expression[] {
    const args: Expression[] = [];
    for (const [i, a] of rawArgs.entries()) {
      if (a.kind !== 'lambda') {
        args.push(this.resolve(a, insideAggregate));
        continue;
      }
      const binding = fn.lambdaParams?.(i, args, rctx);
      if (!binding) throw nonHigherOrderFunctionError(fn.name);
      const accepts = binding.accepts ?? [binding.params.length];
      if (!accepts.includes(a.params.length)) {
        const params = { expectedNumArgs: String(binding.params.length), actualNumArgs: String(a.params.length) };
        throw new AnalysisException(`Invalid lambda function call. A higher order function expects ${params.expectedNumArgs} arguments, but got ${params.actualNumArgs}.`, {
          errorClass: 'INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH',
          sqlState: '42K0D',
          messageParameters: params,
        });
      }
      const lower = a.params.map((p) => (this.ctx.caseSensitive ? p : p.toLowerCase()));
      if (new Set(lower).size !== lower.length) {
        const params = { args: a.params.map((p) => `\`${p}\``).join(', '), caseSensitiveConfig: '"spark.sql.caseSensitive"' };
        throw new AnalysisException(`Invalid lambda function call. The lambda function has duplicate arguments ${params.args}. Please, consider to rename the argument names or set ${params.caseSensitiveConfig} to "true".`, {
          errorClass: 'INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES',
          sqlState: '42K0D',
          messageParameters: params,
        });
      }
      const params: LambdaVariable[] = a.params.map((name, j) => ({ kind: 'lambdaVariable', name, dataType: binding.params[j].dataType, nullable: binding.params[j].nullable, exprId: newExprId() }));
      this.lambdaScope.push(...params);
      let body: Expression;
      try {
        body = this.resolve(a.body, insideAggregate);
      } finally {
        this.lambdaScope.splice(this.lambdaScope.length - params.length, params.length);
      }
      if (body.kind === 'alias') body = body.child;
      const lambda: LambdaFunction = { kind: 'lambdaFunction', params, body, dataType: body.dataType };
      args.push(lambda);
    }
    return args;
  }

  /** A subquery expression (`negated`: the `NOT` of `NOT IN`), planned by the SQL analyzer. */
  private resolveSubquery(u: Extract<UnresolvedExpression, { kind: 'scalarSubquery' | 'inSubquery' | 'exists' }>, negated: boolean): Expression {
    const subqueries = this.ctx.subqueries;
    if (!subqueries) {
      throw new AnalysisException('The feature is not supported: subquery expressions.', {
        errorClass: 'UNSUPPORTED_FEATURE',
        sqlState: '0A000',
        messageParameters: { feature: 'subquery expressions' },
      });
    }
    const values = u.kind === 'inSubquery' ? u.values.map((v) => this.resolve(v)) : [];
    const scope = new OuterScope(this.input);
    const plan = subqueries.analyze(u.query, scope);
    if (scope.used.length > 0) checkOuterReferences(plan);
    const compile = { ansiEnabled: this.ctx.ansiEnabled, timeZone: this.ctx.timeZone };
    if (u.kind === 'scalarSubquery') return scalarSubquery(plan, scope, subqueries, compile);
    if (u.kind === 'exists') return existsSubquery(plan, scope, subqueries, compile);
    // Each comparison as Spark's `=` between the two types (its coercion included).
    const equalsOf = (left: Attribute, right: Attribute): Expression =>
      new ExpressionResolver([left, right], { ...this.ctx, subqueries: undefined, outer: undefined }).resolve({
        kind: 'function',
        name: '=',
        args: [
          { kind: 'column', nameParts: [left.name], exprId: left.exprId },
          { kind: 'column', nameParts: [right.name], exprId: right.exprId },
        ],
        distinct: false,
        isOperator: true,
      });
    const valueSql = values.length === 1 ? prettySql(values[0]) : `(${values.map(prettySql).join(', ')})`;
    return inSubquery(values, plan, scope, subqueries, negated, equalsOf, valueSql, compile);
  }

  private resolveFunction(u: Extract<UnresolvedExpression, { kind: 'function' }>, insideAggregate: boolean): Expression {
    // NOT IN (subquery): Spark's null-aware form, not the negation of IN's result.
    if (u.name.toLowerCase() === 'not' && u.args.length === 1 && u.args[0].kind === 'inSubquery') return this.resolveSubquery(u.args[0], true);
    let name = u.name.toLowerCase();
    let outer = false;
    let fn = u.udf ?? this.ctx.registry.lookup(name);
    if (!fn && name.endsWith('_outer')) {
      const base = this.ctx.registry.lookup(name.slice(0, -'_outer'.length));
      if (base?.kind === 'generator') {
        fn = base;
        outer = true;
      }
    }
    if (!fn) throw unresolvedRoutineError(u.name);
    // count(*) counts rows: Spark rewrites it to count(1).
    const rawArgs = name === 'count' && u.args.length === 1 && u.args[0].kind === 'star' ? [{ kind: 'literal', value: 1, dataType: DataTypes.IntegerType } as const] : u.args;
    const isAggregate = fn.kind === 'aggregate';
    if (isAggregate && insideAggregate) throw nestedAggregateError(u.name);
    const rctx = { ansiEnabled: this.ctx.ansiEnabled, name };
    const hasLambda = rawArgs.some((a) => a.kind === 'lambda');
    if (hasLambda && (fn.kind !== 'scalar' || !fn.lambdaParams)) throw nonHigherOrderFunctionError(fn.name);
    const args =
      hasLambda && fn.kind === 'scalar'
        ? this.resolveHigherOrderArgs(fn, rawArgs, insideAggregate, rctx)
        : rawArgs.map((a) => this.resolve(a, insideAggregate || isAggregate));
    switch (fn.kind) {
      case 'scalar': {
        // Spark's DateTimeOperations: date ± integer is DateAdd / DateSub (named date_add(d, n)).
        if ((fn.name === '+' || fn.name === '-') && args.length === 2) {
          // datetime + NULL: Spark reads the NULL as an interval (TimeAdd), a null timestamp.
          const nullAt = args.findIndex((a) => a.dataType.typeName() === 'void');
          if (fn.name === '+' && nullAt >= 0 && isDatetimeType(args[1 - nullAt].dataType)) {
            const datetime = args[1 - nullAt];
            const dataType = isDateType(datetime.dataType) ? DataTypes.TimestampType : datetime.dataType;
            return { kind: 'scalarCall', fn: DATETIME_PLUS_NULL, args: [datetime, args[nullAt]], dataType, nullable: true };
          }
          const stringAt = args.findIndex((a) => a.dataType.typeName() === 'string');
          const other = args[1 - stringAt];
          if (stringAt >= 0 && other && isDatetimeType(other.dataType)) {
            // A string next to a datetime: ANSI promotes it to that type (AnsiStringPromotion);
            // legacy mode only does so for `string - date`. Then date + date and timestamp +
            // timestamp fail their type checks.
            const promote = this.ctx.ansiEnabled || (fn.name === '-' ? stringAt === 0 && isDateType(other.dataType) : isDateType(other.dataType));
            if (promote) {
              args[stringAt] = implicitCast(args[stringAt], other.dataType);
            } else if (fn.name === '-') {
              const sqlExpr = `(${prettySql(args[0])} - ${prettySql(args[1])})`;
              throw unexpectedInputTypeError(sqlExpr, 1, '"DATE"', prettySql(args[1]), args[1].dataType.toDDL());
            }
          }
          // date + date (a string promoted above) is DateAdd too, which then refuses its second argument.
          const dateFirst = isDateType(args[0].dataType) && (isDateAddOperand(args[1].dataType) || (fn.name === '+' && isDateType(args[1].dataType)));
          const dateSecond = fn.name === '+' && isDateAddOperand(args[0].dataType) && isDateType(args[1].dataType);
          const dateFn = dateFirst || dateSecond ? this.ctx.registry.lookup(fn.name === '+' ? 'date_add' : 'date_sub') : undefined;
          if (dateFn?.kind === 'scalar') {
            const ordered = dateFirst ? args : [args[1], args[0]];
            const sig = dateFn.resolve(ordered, { ...rctx, name: dateFn.name });
            return { kind: 'scalarCall', fn: dateFn, args: sig.args, dataType: sig.dataType, nullable: sig.nullable ?? true };
          }
        }
        // negative(x) / positive(x) called by name keep that name (Spark's FUNC_ALIAS); -x is (- x).
        const named = !u.isOperator ? FUNCTION_CALL_FORMS.get(fn) : undefined;
        const sig = fn.resolve(args, rctx);
        return { kind: 'scalarCall', fn: named ?? fn, args: sig.args, dataType: sig.dataType, nullable: sig.nullable ?? true };
      }
      case 'aggregate': {
        const sig = fn.resolve(args, rctx);
        const filter = u.filter ? implicitCast(this.resolve(u.filter, true), DataTypes.BooleanType) : undefined;
        const call: AggregateCall = { kind: 'aggregateCall', fn, args: sig.args, distinct: u.distinct, filter, dataType: sig.dataType, nullable: sig.nullable ?? true };
        return call;
      }
      case 'generator': {
        name = outer ? `${fn.name}_outer` : fn.name;
        if (args.some((a) => a.kind === 'generatorCall')) throw nestedGeneratorError(`${name}(${args.map(prettySql).join(', ')})`);
        const out = fn.resolve(args, rctx, outer);
        const call: GeneratorCall = { kind: 'generatorCall', fn, args: out.args, outer, elementTypes: out.elementTypes, dataType: DataTypes.NullType as DataType };
        return call;
      }
    }
  }
}

function isDateType(t: DataType): boolean {
  return t.typeName() === 'date';
}

function isDatetimeType(t: DataType): boolean {
  const n = t.typeName();
  return n === 'date' || n === 'timestamp' || n === 'timestamp_ntz';
}

/** Spark's ResolveBinaryArithmetic turns date ± x into DateAdd/DateSub for any x but strings, datetimes and intervals. */
function isDateAddOperand(t: DataType): boolean {
  const n = t.typeName();
  return n !== 'string' && n !== 'void' && n !== 'date' && !n.startsWith('timestamp') && !n.startsWith('interval');
}

const DATETIME_PLUS_NULL: ScalarFunction = {
  kind: 'scalar',
  name: '+',
  resolve: (args) => ({ args, dataType: args[0].dataType }),
  compile: () => () => null,
  sql: (a) => `${a[0]} + ${a[1]}`,
};

/** Operators whose function-call form renders as `name(x)` in column names. */
const FUNCTION_CALL_FORMS = new Map<FunctionDefinition, ScalarFunction>([
  [negative, { ...negative, sql: (a: string[]) => `negative(${a[0]})` }],
  [positive, { ...positive, sql: (a: string[]) => `positive(${a[0]})` }],
]);

/** INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION: a lambda passed to an ordinary function. */
function nonHigherOrderFunctionError(name: string): AnalysisException {
  return new AnalysisException(
    `Invalid lambda function call. A lambda function should only be used in a higher order function. However, its class is ${name}, which is not a higher order function.`,
    { errorClass: 'INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION', sqlState: '42K0D', messageParameters: { class: name } },
  );
}

/**
 * Spark's orderSuggestedIdentifiersBySimilarity: the input columns as qualified names, the shared
 * qualifier stripped (for a one-part name when every column has the same qualifier; for two parts
 * when they share everything above the table), backquoted and ordered by edit distance to the
 * name as written (stable); at most five.
 */
export function suggestColumns(nameParts: readonly string[], input: readonly Attribute[]): string[] {
  const written = nameParts.map((p) => (/^[A-Za-z0-9_]+$/.test(p) && !/^\d+$/.test(p) ? p : quoteIdentifier(p))).join('.');
  const candidates = input.map((a) => [...a.qualifier, a.name]);
  const sharedAbove = (drop: number) => new Set(candidates.map((c) => JSON.stringify(c.slice(0, Math.max(0, c.length - drop))))).size === 1;
  const stripped = nameParts.length === 1 && sharedAbove(1) ? candidates.map((c) => c.slice(-1)) : nameParts.length <= 2 && sharedAbove(2) ? candidates.map((c) => c.slice(-2)) : candidates;
  const texts = stripped.map(quoteNameParts).filter((t, i, all) => all.indexOf(t) === i);
  return texts
    .map((text) => ({ text, d: levenshtein(text, written) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 5)
    .map((x) => x.text);
}
