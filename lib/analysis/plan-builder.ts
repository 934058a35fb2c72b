// Builds analyzed logical plan nodes from unresolved select lists, conditions and groupings:
// star expansion, generator extraction (Spark's ExtractGenerator), aggregate detection and the
// MISSING_AGGREGATION check. DataFrames call this eagerly, so errors surface at the call site.
import { AnalysisException } from '../errors/analysis-exception';
import { DataTypes } from '../types/data-types';
import { StructType } from '../types/struct-type';
import { quoteIdentifier, quoteNameParts, generatorNotExpectedError, missingAggregationError, multipleGeneratorsError, unexpectedInputTypeError } from '../errors/query-compilation-errors';
import { nestedGeneratorError } from '../expressions/functions/generators';
import type { Attribute, Expression, GeneratorCall, NamedExpression } from '../expressions/expression';
import { forEachExpression, newExprId, someExpression } from '../expressions/expression';
import { extractWindowExpressions, hasWindowFunction } from './window-builder';
import { prettySql } from '../expressions/expression-sql';
import { expressionKey } from '../expressions/expression-key';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import { ExpressionResolver, type ResolverContext } from './expression-resolver';
import { GROUPING, GROUPING_ID, unsupportedGroupingExpression } from '../expressions/functions/grouping-functions';
import { extendGroupingSetsAggregate } from './grouping-sets-builder';
import { sessionWindowRewrite } from '../expressions/functions/datetime-window-rewrite';
import { SESSION_WINDOW } from '../expressions/functions/datetime-session-window';
import { addHiddenColumns, hiddenJoinColumns, missingAttributes, registerUsingJoin, resolveWithHidden } from './using-join-columns';

export type SelectItem = NamedExpression | Attribute;

function containsKind(e: Expression, kind: Expression['kind']): boolean {
  return someExpression(e, (x) => x.kind === kind);
}

/** Gives every select item a name: aliases keep theirs, attributes stay, others get Spark's pretty SQL. */
export function toSelectItem(e: Expression): SelectItem {
  if (e.kind === 'attribute' || e.kind === 'alias') return e;
  // Spark's ResolveAliases: CAST(col AS type) keeps the column's name.
  if (e.kind === 'cast' && !e.implicit && e.child.kind === 'attribute') return { kind: 'alias', child: e, name: e.child.name, exprId: newExprId(), dataType: e.dataType };
  return { kind: 'alias', child: e, name: prettySql(e), exprId: newExprId(), dataType: e.dataType };
}

const IGNORE_NULLS_FUNCTIONS = new Set(['first', 'last', 'first_value', 'last_value', 'any_value']);

/**
 * Stars inside function arguments expand to the columns (`count(t.*, t.*)`, `count(DISTINCT *)`),
 * except `count(*)`, which the resolver turns into count(1); `IGNORE NULLS` becomes first/last's
 * ignoreNulls argument.
 */
function expandArgumentStars(u: UnresolvedExpression, input: readonly Attribute[], hidden?: readonly Attribute[], ctx?: ResolverContext): UnresolvedExpression {
  if (u.kind === 'alias') return { ...u, child: expandArgumentStars(u.child, input, hidden, ctx) };
  const conf = ctx?.conf;
  if (u.kind !== 'function') return u;
  const name = u.name.toLowerCase();
  let args = u.args;
  const legacy = (key: string) => conf?.(key)?.toLowerCase() === 'true';
  // spark.sql.legacy.allowParameterlessCount: count() counts nothing (0), as count(NULL).
  if (name === 'count' && args.length === 0 && legacy('spark.sql.legacy.allowParameterlessCount')) {
    return { ...u, args: [{ kind: 'literal', value: null, dataType: DataTypes.NullType }] };
  }
  const countStar = name === 'count' && args.length === 1 && args[0].kind === 'star' && !u.distinct;
  if (countStar && args[0].kind === 'star' && args[0].target && !legacy('spark.sql.legacy.allowStarWithSingleTableIdentifierInCount')) {
    const table = args[0].target[args[0].target.length - 1];
    throw new AnalysisException(`It is not allowed to use an asterisk with a table name in the COUNT function. Use COUNT(*) or expand the columns manually, e.g. COUNT(\`${table}\`.\`col1\`, ...).`, {
      errorClass: 'INVALID_USAGE_OF_STAR_WITH_TABLE_IDENTIFIER_IN_COUNT',
      sqlState: '42000',
      messageParameters: { tableName: `\`${table}\`` },
    });
  }
  const tableStar = countStar && args[0].kind === 'star' && args[0].target !== undefined;
  if ((!countStar || tableStar) && args.some((a) => a.kind === 'star')) args = args.flatMap((a) => expandStar(a, input, hidden, ctx));
  args = args.map((a) => expandArgumentStars(a, input, hidden, ctx));
  if (u.ignoreNulls === true && IGNORE_NULLS_FUNCTIONS.has(name) && args.length === 1) args = [...args, { kind: 'literal', value: true, dataType: DataTypes.BooleanType }];
  return args === u.args ? u : { ...u, args };
}

export function expandStar(u: UnresolvedExpression, input: readonly Attribute[], hidden?: readonly Attribute[], ctx?: ResolverContext): UnresolvedExpression[] {
  if (u.kind !== 'star') return [expandArgumentStars(u, input, hidden, ctx)];
  if (u.regex) return expandRegexStar(u.regex, u.target, input);
  const target = u.target;
  // `nt2.*` over a USING join also reaches nt2's hidden key column.
  const selected = target ? (hidden ?? input).filter((a) => ofTable(a, target)) : input;
  if (target && selected.length === 0) return expandStructStar(target, input, ctx);
  // Bound to the attributes themselves (as Spark's star): duplicate names stay distinct columns.
  return selected.map((a) => ({ kind: 'column', nameParts: [...a.qualifier, a.name], exprId: a.exprId }) as UnresolvedExpression);
}

/** Whether `a` is a column of the table `target` names (its last part, case-insensitively). */
function ofTable(a: Attribute, target: readonly string[]): boolean {
  return a.qualifier.length > 0 && a.qualifier[a.qualifier.length - 1].toLowerCase() === target[target.length - 1].toLowerCase();
}

/** Spark's UnresolvedRegex.expand: the columns (of table `target`) whose whole name matches. */
function expandRegexStar(regex: NonNullable<Extract<UnresolvedExpression, { kind: 'star' }>['regex']>, target: string[] | undefined, input: readonly Attribute[]): UnresolvedExpression[] {
  const { compileJavaRegex } = require('../expressions/functions/java-regex') as typeof import('../expressions/functions/java-regex');
  // Java's String.matches: the whole name, with the pattern's own alternatives backtracked into.
  const re = compileJavaRegex(`^(?:${regex.pattern})$`, regex.caseSensitive ? '' : 'i', 'colRegex');
  return input
    .filter((a) => (target === undefined || ofTable(a, target)) && re.test(a.name))
    .map((a) => ({ kind: 'column', nameParts: [...a.qualifier, a.name], exprId: a.exprId }) as UnresolvedExpression);
}

/**
 * `data.*` where `data` (or `t.data`, `data.inner`) is no table qualifier: Spark's UnresolvedStar
 * resolves the target as a column and expands a struct into one aliased field read per field.
 */
function expandStructStar(target: string[], input: readonly Attribute[], ctx: ResolverContext | undefined): UnresolvedExpression[] {
  const targetColumn: UnresolvedExpression = { kind: 'column', nameParts: target };
  let resolved: Expression | undefined;
  if (ctx) {
    try {
      resolved = new ExpressionResolver(input, ctx).resolve(targetColumn);
    } catch (e) {
      // Only a name that matches nothing falls through; ambiguity and missing fields are Spark's errors too.
      if (!(e instanceof AnalysisException) || !e.errorClass?.startsWith('UNRESOLVED_COLUMN')) throw e;
    }
  }
  if (resolved === undefined) {
    const columns = input.map((a) => quoteIdentifier(a.name)).join(', ');
    const targetString = quoteNameParts(target);
    throw new AnalysisException(`Cannot resolve ${targetString}.* given input columns ${columns}.`, {
      errorClass: 'CANNOT_RESOLVE_STAR_EXPAND',
      sqlState: '42704',
      messageParameters: { targetString, columns },
    });
  }
  if (!(resolved.dataType instanceof StructType)) {
    // Spark renders the target with Scala's Seq.toString.
    const attributes = `List(${target.join(', ')})`;
    throw new AnalysisException(`Can only star expand struct data types. Attribute: \`${attributes}\`.`, {
      errorClass: '_LEGACY_ERROR_TEMP_1050',
      messageParameters: { attributes },
    });
  }
  return resolved.dataType.fields.map((f) => ({
    kind: 'alias',
    child: { kind: 'extract', child: targetColumn, key: { kind: 'literal', value: f.name, dataType: DataTypes.StringType }, isField: true },
    names: [f.name],
  }));
}

export function buildProject(child: LogicalPlan, items: readonly UnresolvedExpression[], ctx: ResolverContext): LogicalPlan {
  if (hasWindowFunction(items)) {
    // Window functions compute in a Window node below the projection.
    const extracted = extractWindowExpressions(child, items, ctx);
    return buildProject(extracted.child, extracted.items, ctx);
  }
  const input = outputOf(child);
  const hidden = hiddenJoinColumns(child);
  let resolved: Expression[];
  if (hidden) {
    const expanded = items.flatMap((u) => expandStar(u, input, hidden, ctx));
    resolved = expanded.map((u) => resolveWithHidden(child, (inp) => new ExpressionResolver(inp, ctx).resolve(u)));
    child = addHiddenColumns(child, missingAttributes(child, resolved));
  } else {
    const resolver = new ExpressionResolver(input, ctx);
    resolved = items.flatMap((u) => expandStar(u, input, undefined, ctx)).map((u) => resolver.resolve(u));
  }
  if (resolved.some((e) => containsKind(e, 'aggregateCall'))) {
    return buildAggregateFromResolved(child, [], resolved);
  }
  const generatorItems = resolved.filter((e) => containsKind(e, 'generatorCall'));
  if (generatorItems.length === 0) return { kind: 'project', projectList: resolved.map(toSelectItem), child };
  if (generatorItems.length > 1) {
    throw multipleGeneratorsError(generatorItems.map((g) => prettySql(g.kind === 'alias' ? g.child : g)));
  }
  // One generator, as a whole select item (optionally aliased): Generate below, Project above.
  const projectList: SelectItem[] = [];
  let generate: LogicalPlan | undefined;
  for (const e of resolved) {
    if (!containsKind(e, 'generatorCall')) {
      projectList.push(toSelectItem(e));
      continue;
    }
    const generator = e.kind === 'alias' ? e.child : e;
    if (generator.kind !== 'generatorCall' || generator.args.some((a) => containsKind(a, 'generatorCall'))) {
      // A generator must be a whole select item: `explode(x) + 1`, `stack(2, explode(x))` are nested.
      throw nestedGeneratorError(prettySql(generator));
    }
    const names = generator.aliases ?? (e.kind === 'alias' ? [e.name] : generator.elementTypes.map((t) => t.name));
    if (names.length !== generator.elementTypes.length) {
      throw new AnalysisException(
        `The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF. Expected ${generator.elementTypes.length} aliases, but got ${names.join(', ')}.`,
        { errorClass: 'UDTF_ALIAS_NUMBER_MISMATCH', sqlState: '42802', messageParameters: { aliasesSize: String(names.length), aliasesNames: names.join(', ') } },
      );
    }
    const generatorOutput: Attribute[] = generator.elementTypes.map((t, i) => ({
      kind: 'attribute',
      name: names[i],
      dataType: t.dataType,
      nullable: t.nullable,
      exprId: newExprId(),
      qualifier: [],
    }));
    generate = { kind: 'generate', generator, outer: generator.outer, generatorOutput, child };
    projectList.push(...generatorOutput);
  }
  return { kind: 'project', projectList, child: generate! };
}

function findGeneratorName(e: Expression): string {
  let name = 'generator';
  forEachExpression(e, (x) => {
    if (x.kind === 'generatorCall') {
      name = x.fn.name;
      return true;
    }
    return false;
  });
  return name;
}

export function buildFilter(child: LogicalPlan, condition: UnresolvedExpression, ctx: ResolverContext): LogicalPlan {
  const hidden = hiddenJoinColumns(child);
  const resolve = (inp: readonly Attribute[]) => new ExpressionResolver(inp, ctx).resolve(condition);
  let resolved: Expression;
  let belowProject: { visible: Attribute[]; missing: Attribute[] } | undefined;
  if (hidden) resolved = resolveWithHidden(child, resolve);
  else {
    try {
      resolved = resolve(outputOf(child));
    } catch (error) {
      // Spark's ResolveMissingReferences: df.select("a").where(col("b") > 1) filters below the
      // projection on the column it dropped, then projects it away again.
      if (child.kind !== 'project') throw error;
      const visible = outputOf(child);
      let retried: Expression;
      try {
        retried = resolve([...visible, ...outputOf(child.child).filter((a) => !visible.some((v) => v.exprId === a.exprId))]);
      } catch {
        throw error;
      }
      resolved = retried;
      const missing: Attribute[] = [];
      forEachExpression(resolved, (x) => {
        if (x.kind === 'attribute' && !visible.some((v) => v.exprId === x.exprId) && !missing.some((m) => m.exprId === x.exprId)) missing.push(x);
      });
      belowProject = { visible, missing };
    }
  }
  if (containsKind(resolved, 'generatorCall')) throw generatorNotExpectedError(findGeneratorName(resolved));
  if (containsKind(resolved, 'aggregateCall')) {
    // Spark lists the offending aggregate calls, not the whole condition.
    const invalid: string[] = [];
    forEachExpression(resolved, (x) => {
      if (x.kind !== 'aggregateCall') return false;
      invalid.push(prettySql(x));
      return true;
    });
    const condition = `"${prettySql(resolved)}"`;
    const expressionList = invalid.join(', ');
    throw new AnalysisException(
      `The WHERE condition ${condition} contains invalid expressions: ${expressionList}.\nRewrite the query to avoid window functions, aggregate functions, and generator functions in the WHERE clause.`,
      { errorClass: 'INVALID_WHERE_CONDITION', sqlState: '42903', messageParameters: { condition, expressionList } },
    );
  }
  const t = resolved.dataType.typeName();
  if (t !== 'boolean' && t !== 'void') {
    throw new AnalysisException(`Cannot resolve "${prettySql(resolved)}" due to data type mismatch: Filter expression "${prettySql(resolved)}" of type "${resolved.dataType.toDDL()}" is not a boolean.`, {
      errorClass: 'DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN',
      sqlState: '42K09',
      messageParameters: { sqlExpr: `"${prettySql(resolved)}"`, filter: `"${prettySql(resolved)}"`, type: `"${resolved.dataType.toDDL()}"` },
    });
  }
  const missing = hidden ? missingAttributes(child, [resolved]) : [];
  if (hidden && missing.length > 0) {
    // Filter on a hidden USING-join column: read it below, then project it away again.
    const filter: LogicalPlan = { kind: 'filter', condition: resolved, child: addHiddenColumns(child, missing) };
    return registerUsingJoin({ kind: 'project', projectList: outputOf(child), child: filter }, hidden);
  }
  if (belowProject && child.kind === 'project') {
    const widened: LogicalPlan = { kind: 'project', projectList: [...child.projectList, ...belowProject.missing], child: child.child };
    return { kind: 'project', projectList: belowProject.visible, child: { kind: 'filter', condition: resolved, child: widened } };
  }
  return { kind: 'filter', condition: resolved, child };
}

export function buildAggregate(
  child: LogicalPlan,
  grouping: readonly UnresolvedExpression[],
  aggregates: readonly UnresolvedExpression[],
  ctx: ResolverContext,
  /** groupBy(...).agg(...) prepends the grouping columns to the output, as PySpark does. */
  includeGrouping: boolean,
): LogicalPlan {
  // Spark's SessionWindowing for groupBy(session_window(...)); SQL rewrites before it gets here.
  const sessionWindow = sessionWindowRewrite([...grouping, ...aggregates]);
  if (sessionWindow) {
    const projected = buildProject(child, [{ kind: 'star' }, sessionWindow.generator], ctx);
    const hasSession: UnresolvedExpression = { kind: 'function', name: 'isnotnull', args: [{ kind: 'column', nameParts: [SESSION_WINDOW] }], distinct: false };
    child = buildFilter(projected, hasSession, ctx);
    grouping = grouping.map(sessionWindow.rewrite);
    aggregates = aggregates.map(sessionWindow.rewrite);
  }
  const input = outputOf(child);
  const resolver = new ExpressionResolver(input, ctx);
  const groupingResolved = grouping.flatMap((u) => expandStar(u, input, undefined, ctx)).map((u) => resolver.resolve(u));
  for (const g of groupingResolved) {
    if (containsKind(g, 'aggregateCall')) {
      throw new AnalysisException(`Aggregate functions are not allowed in GROUP BY, but found ${prettySql(g)}.`, {
        errorClass: 'GROUP_BY_AGGREGATE',
        sqlState: '42903',
        messageParameters: { sqlExpr: prettySql(g) },
      });
    }
  }
  const aggResolved = aggregates.flatMap((u) => expandStar(u, input, undefined, ctx)).map((u) => resolver.resolve(u));
  const output = includeGrouping ? [...groupingResolved, ...aggResolved] : aggResolved;
  return buildAggregateFromResolved(child, groupingResolved.map(stripAlias), output);
}

function stripAlias(e: Expression): Expression {
  return e.kind === 'alias' ? e.child : e;
}

export function buildAggregateFromResolved(child: LogicalPlan, grouping: Expression[], outputItems: Expression[]): LogicalPlan {
  const groupingKeys = new Set(grouping.map(expressionKey));
  for (const item of outputItems) {
    if (containsKind(item, 'generatorCall')) throw generatorNotExpectedError(findGeneratorName(item));
    forEachExpression(item, (x) => {
      if (x.kind === 'scalarCall' && (x.fn.name === GROUPING || x.fn.name === GROUPING_ID)) throw unsupportedGroupingExpression();
    });
    checkGrouped(item, groupingKeys);
  }
  for (const item of outputItems) {
    forEachExpression(item, (x) => {
      if (x.kind === 'aggregateCall' && x.filter && x.filter.dataType.typeName() !== 'boolean') {
        throw unexpectedInputTypeError(prettySql(x), 0, '"BOOLEAN"', prettySql(x.filter), x.filter.dataType.toDDL());
      }
      return x.kind === 'aggregateCall';
    });
  }
  return { kind: 'aggregate', groupingExpressions: grouping, aggregateExpressions: outputItems.map(toSelectItem), child };
}

/** Every column outside an aggregate function must be (part of) a grouping expression. */
function checkGrouped(e: Expression, groupingKeys: Set<string>): void {
  forEachExpression(e, (x) => {
    if (x.kind === 'aggregateCall') return true;
    if (groupingKeys.has(expressionKey(x))) return true;
    // Spark's ResolveWindowTime computes window_time(w) in a projection below the aggregate, as a
    // new column that is not grouped: selecting it next to GROUP BY window(...) is not allowed.
    if (x.kind === 'scalarCall' && x.fn.name === 'window_time' && groupingKeys.size > 0) {
      throw missingAggregationError(prettySql(x), `any_value(${prettySql(x)})`);
    }
    if (x.kind === 'attribute') {
      // A global aggregate (no GROUP BY) reports the missing GROUP BY instead.
      if (groupingKeys.size === 0) {
        throw new AnalysisException('The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.', { errorClass: 'MISSING_GROUP_BY', sqlState: '42803' });
      }
      throw missingAggregationError(x.name, `any_value(${x.name})`);
    }
    return false;
  });
}


/**
 * Adds hidden output columns to an analysed Aggregate (ORDER BY count(*), HAVING over aggregates
 * not selected), checked like the visible ones.
 */
export function extendAggregate(
  aggregate: Extract<LogicalPlan, { kind: 'aggregate' }>,
  extra: readonly UnresolvedExpression[],
  ctx: ResolverContext,
): LogicalPlan {
  const overExpand = extendGroupingSetsAggregate(aggregate, extra, ctx);
  if (overExpand) return overExpand;
  const resolver = new ExpressionResolver(outputOf(aggregate.child), ctx);
  const resolved = extra.map((u) => resolver.resolve(u));
  return buildAggregateFromResolved(aggregate.child, aggregate.groupingExpressions, [...aggregate.aggregateExpressions, ...resolved]);
}
