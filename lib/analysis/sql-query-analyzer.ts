// Turns the SQL query AST (lib/sql/ast.ts) into analysed logical plans with the same builders the
// DataFrame API uses, so SQL and DataFrames share resolution, coercion and errors. Spark's rules
// carried over: GROUP BY ordinals and select aliases, GROUP BY ALL, HAVING over aggregates,
// ORDER BY ordinals/aliases/hidden aggregates, CTEs, inline tables, range(), LATERAL VIEW.
import { AnalysisException } from '../errors/analysis-exception';
import { quoteNameParts, tableOrViewNotFoundError } from '../errors/query-compilation-errors';
import { DataTypes, type DataType } from '../types/data-types';
import { attribute, newExprId, type Attribute, type NamedExpression } from '../expressions/expression';
import { nullableThroughCasts } from '../expressions/cast';
import { implicitCast } from '../expressions/type-utils';
import { findCommonType } from '../expressions/type-coercion';
import type { CompileContext } from '../expressions/function-definition';
import { unresolvedKey, type UnresolvedExpression, type SortOrderExpr } from '../expressions/unresolved';
import { forEachUnresolved } from '../expressions/unresolved-walk';
import { sessionWindowRewrite, timeWindowRewrite } from '../expressions/functions/datetime-window-rewrite';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import type * as Ast from '../sql/ast';
import { isQueryNode } from '../sql/ast';
import { buildAggregate, buildFilter, buildProject, extendAggregate } from './plan-builder';
import { buildGroupingSetsAggregate } from './grouping-sets-builder';
import { buildLimit, buildOffset, buildSort } from './sort-builder';
import { buildDistinct, buildSetOperation, buildUnion } from './set-operation-builder';
import { buildJoin, buildUsingJoin } from './join-builder';
import { buildSqlPivot } from './pivot-builder';
import { buildSqlUnpivot } from './unpivot-builder';
import { evaluateConstant, resolveConstant } from './constant-folding';
import type { ResolverContext } from './expression-resolver';


export interface SqlAnalyzerContext {
  resolver: ResolverContext;
  compile: CompileContext;
  lookupView(name: string): LogicalPlan | undefined;
}

type Scope = Map<string, LogicalPlan>;

const JOIN_TYPES: Record<Ast.JoinType, 'inner' | 'cross' | 'left_outer' | 'right_outer' | 'full_outer' | 'left_semi' | 'left_anti'> = {
  inner: 'inner',
  cross: 'cross',
  leftOuter: 'left_outer',
  rightOuter: 'right_outer',
  fullOuter: 'full_outer',
  leftSemi: 'left_semi',
  leftAnti: 'left_anti',
};

function unsupported(what: string): AnalysisException {
  return new AnalysisException(`${what} is not supported by Rivulet yet.`, { errorClass: 'UNSUPPORTED_FEATURE', sqlState: '0A000' });
}

export class SqlQueryAnalyzer {
  /** The session's resolver context, with subquery expressions planned by this analyzer. */
  private readonly resolver: ResolverContext;
  /** The CTEs and views in scope of the SELECT being analysed (subqueries see them too). */
  private currentScope: Scope = new Map();

  constructor(private readonly ctx: SqlAnalyzerContext) {
    // The session's subquery support, with this query's CTEs in scope of its subqueries.
    const prepare = ctx.resolver.subqueries?.prepare;
    this.resolver = prepare
      ? {
          ...ctx.resolver,
          subqueries: {
            analyze: (query, outer) => (isQueryNode(query) ? new SqlQueryAnalyzer({ ...ctx, resolver: { ...ctx.resolver, outer } }).analyzeQuery(query, this.currentScope) : (query as LogicalPlan)),
            prepare,
          },
        }
      : ctx.resolver;
  }

  analyzeQuery(node: Ast.QueryNode, outer: Scope = new Map()): LogicalPlan {
    const scope = new Map(outer);
    for (const cte of node.ctes) {
      const plan = this.withColumnAliases(this.analyzeQuery(cte.query, scope), cte.columnAliases, cte.name);
      scope.set(cte.name.toLowerCase(), { kind: 'subqueryAlias', alias: cte.name, child: plan });
    }
    let plan = this.analyzeTerm(node.body, scope);
    const orderItems = [...node.orderBy, ...node.sortBy, ...node.clusterBy.map((e) => ({ kind: 'sortOrder', child: e, ascending: true, nullsFirst: true }) as SortOrderExpr)];
    if (orderItems.length > 0) plan = this.sort(plan, orderItems, node.body);
    if (node.offset) plan = buildOffset(plan, this.constantInt(node.offset, 'offset'));
    if (node.limit) plan = buildLimit(plan, this.constantInt(node.limit, 'limit'));
    return plan;
  }

  private constantInt(u: UnresolvedExpression, name: string): number {
    const e = resolveConstant(u, this.resolver);
    const v = evaluateConstant(e, this.ctx.compile);
    const n = typeof v === 'bigint' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      throw new AnalysisException(`The ${name} like expression "${String(v)}" is invalid. The ${name} expression must be integer type, but got "${e.dataType.toDDL()}".`, {
        errorClass: 'INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE',
        sqlState: '42K0E',
      });
    }
    return n;
  }

  private analyzeTerm(term: Ast.QueryTerm, scope: Scope): LogicalPlan {
    switch (term.kind) {
      case 'select':
        return this.analyzeSelect(term, scope);
      case 'setOperation': {
        const left = this.analyzeTerm(term.left, scope);
        const right = this.analyzeTerm(term.right, scope);
        if (term.operator === 'union') {
          const union = buildUnion([left, right], this.resolver.ansiEnabled);
          return term.all ? union : buildDistinct(union);
        }
        return buildSetOperation(term.operator, term.all, left, right, this.resolver.ansiEnabled);
      }
      case 'query':
        return this.analyzeQuery(term, scope);
      case 'table':
      case 'inlineTable':
        return this.analyzeRelation(term, scope);
    }
  }

  // ---- SELECT ----

  private analyzeSelect(node: Ast.SelectNode, scope: Scope): LogicalPlan {
    let plan: LogicalPlan = node.from ? this.analyzeRelation(node.from, scope) : oneRowRelation();
    this.currentScope = scope;
    for (const view of node.lateralViews) plan = this.lateralView(plan, view);
    ({ plan, node } = this.sessionWindow(plan, node));
    if (node.where) plan = buildFilter(plan, node.where, this.resolver);
    // spark.sql.legacy.parser.havingWithoutGroupByAsWhere: a HAVING without GROUP BY filters rows.
    if (node.having && node.groupBy === undefined && this.resolver.conf?.('spark.sql.legacy.parser.havingWithoutGroupByAsWhere')?.toLowerCase() === 'true') {
      plan = buildFilter(plan, node.having, this.resolver);
      node = { ...node, having: undefined };
    }
    let items = node.items;
    // Spark's TimeWindowing: window(...) becomes a generated `window` column below the query.
    for (let tw = timeWindowRewrite([...items, ...groupByExpressions(node.groupBy), node.having]), pass = 0; tw && pass < 8; pass++) {
      const timeWindow = tw;
      // A window of windows replaces the inner `window` column with the outer one.
      const kept = outputOf(plan).filter((a) => a.name.toLowerCase() !== 'window').map((a): UnresolvedExpression => ({ kind: 'column', nameParts: [a.name] }));
      const hasWindow = kept.length !== outputOf(plan).length;
      plan = buildProject(plan, [...(hasWindow ? kept : [{ kind: 'star' } as UnresolvedExpression]), timeWindow.generator], this.resolver);
      items = items.map(timeWindow.rewrite);
      node = { ...node, groupBy: mapGroupBy(node.groupBy, timeWindow.rewrite), having: node.having && timeWindow.rewrite(node.having) };
      tw = timeWindowRewrite([...items, ...groupByExpressions(node.groupBy), node.having]);
    }
    const isAggregate = node.groupBy !== undefined || node.having !== undefined || this.containsAggregate(items);
    if (isAggregate) {
      plan = this.aggregate(plan, items, node);
    } else {
      plan = buildProject(plan, items, this.resolver);
    }
    return node.distinct ? buildDistinct(plan) : plan;
  }

  /**
   * Spark's SessionWindowing: a `session_window` column below the query (rows without a session
   * — null time, gap not positive — are dropped), each session_window(...) call reading it.
   */
  private sessionWindow(plan: LogicalPlan, node: Ast.SelectNode): { plan: LogicalPlan; node: Ast.SelectNode } {
    const sw = sessionWindowRewrite([...node.items, ...groupByExpressions(node.groupBy), node.where, node.having]);
    if (!sw) return { plan, node };
    const projected = buildProject(plan, [{ kind: 'star' }, sw.generator], this.resolver);
    const column: UnresolvedExpression = { kind: 'column', nameParts: ['session_window'] };
    const filtered = buildFilter(projected, { kind: 'function', name: 'isnotnull', args: [column], distinct: false } as UnresolvedExpression, this.resolver);
    const rewritten: Ast.SelectNode = {
      ...node,
      items: node.items.map(sw.rewrite),
      groupBy: mapGroupBy(node.groupBy, sw.rewrite),
      where: node.where && sw.rewrite(node.where),
      having: node.having && sw.rewrite(node.having),
    };
    return { plan: filtered, node: rewritten };
  }

  private containsAggregate(items: UnresolvedExpression[]): boolean {
    let found = false;
    for (const item of items) {
      forEachUnresolved(item, (e) => {
        if (e.kind === 'function' && !e.over && this.resolver.registry.lookup(e.name)?.kind === 'aggregate') found = true;
      });
    }
    return found;
  }

  private aggregate(child: LogicalPlan, items: UnresolvedExpression[], node: Ast.SelectNode): LogicalPlan {
    const groupBy = node.groupBy ?? [];
    const inputNames = new Set(outputOf(child).map((a) => a.name.toLowerCase()));
    const analytics = groupingSetsOf(groupBy);
    if (analytics) {
      const exprs = analytics.exprs.map((g) => this.groupingItem(g, items, inputNames));
      const build = (selected: UnresolvedExpression[]) => buildGroupingSetsAggregate(child, exprs, analytics.sets, selected, this.resolver);
      const plan = build(items);
      return node.having ? this.having(plan, build, items, node.having) : plan;
    }
    let grouping = groupBy as UnresolvedExpression[];
    if (node.groupByAll && !inputNames.has('all')) {
      grouping = items.filter((i) => !this.containsAggregate([i])).map(stripAlias);
    } else {
      grouping = grouping.map((g) => this.groupingItem(g, items, inputNames));
    }
    const build = (selected: UnresolvedExpression[]) => buildAggregate(child, grouping, selected, this.resolver, false);
    const plan = build(items);
    return node.having ? this.having(plan, build, items, node.having) : plan;
  }

  /** GROUP BY 1 (ordinal) and GROUP BY alias, as Spark's groupByOrdinal / groupByAliases. */
  private groupingItem(g: UnresolvedExpression, items: UnresolvedExpression[], inputNames: Set<string>): UnresolvedExpression {
    if (g.kind === 'literal' && (g.dataType.typeName() === 'integer' || g.dataType.typeName() === 'long')) {
      const index = Number(g.value);
      if (index < 1 || index > items.length) {
        throw new AnalysisException(`GROUP BY position ${index} is not in select list (valid range is [1, ${items.length}]).`, {
          errorClass: 'GROUP_BY_POS_OUT_OF_RANGE',
          sqlState: '42805',
          messageParameters: { index: String(index), size: String(items.length) },
        });
      }
      const item = items[index - 1];
      if (this.containsAggregate([item])) {
        throw new AnalysisException(`GROUP BY ${index} refers to an expression ${describe(item)} that contains an aggregate function. Aggregate functions are not allowed in GROUP BY.`, {
          errorClass: 'GROUP_BY_POS_AGGREGATE',
          sqlState: '42903',
        });
      }
      return stripAlias(item);
    }
    if (g.kind === 'column' && g.nameParts.length === 1 && !inputNames.has(g.nameParts[0].toLowerCase())) {
      const aliased = items.find((i) => i.kind === 'alias' && i.names.length === 1 && i.names[0].toLowerCase() === g.nameParts[0].toLowerCase());
      if (aliased && aliased.kind === 'alias') return aliased.child;
    }
    return g;
  }

  /** HAVING resolves against the aggregate's output, or adds its aggregates as hidden columns. */
  private having(aggregate: LogicalPlan, build: (items: UnresolvedExpression[]) => LogicalPlan, items: UnresolvedExpression[], condition: UnresolvedExpression): LogicalPlan {
    // grouping()/grouping_id() read spark_grouping_id, which only the aggregate itself sees.
    let readsGroupingId = false;
    forEachUnresolved(condition, (e) => {
      if (e.kind === 'function' && ['grouping', 'grouping_id'].includes(e.name.toLowerCase())) readsGroupingId = true;
    });
    try {
      if (readsGroupingId) throw unsupported('grouping() in HAVING');
      return buildFilter(aggregate, condition, this.resolver);
    } catch (first) {
      const hidden: UnresolvedExpression = { kind: 'alias', child: condition, names: ['__having_condition'] };
      let widened: LogicalPlan;
      try {
        widened = build([...items, hidden]);
      } catch {
        throw first;
      }
      const out = outputOf(widened);
      const flag = out[out.length - 1];
      const filtered: LogicalPlan = { kind: 'filter', condition: flag, child: widened };
      return { kind: 'project', projectList: out.slice(0, -1), child: filtered };
    }
  }

  /** ORDER BY ordinals and select aliases; expressions over the aggregate's input become hidden columns. */
  private sort(plan: LogicalPlan, orders: SortOrderExpr[], body: Ast.QueryTerm): LogicalPlan {
    const output = outputOf(plan);
    const items = orders.map((o) => {
      const child = o.child;
      if (child.kind === 'literal' && (child.dataType.typeName() === 'integer' || child.dataType.typeName() === 'long')) {
        const index = Number(child.value);
        if (index < 1 || index > output.length) {
          throw new AnalysisException(`ORDER BY position ${index} is not in select list (valid range is [1, ${output.length}]).`, {
            errorClass: 'ORDER_BY_POS_OUT_OF_RANGE',
            sqlState: '42805',
            messageParameters: { index: String(index), size: String(output.length) },
          });
        }
        const a = output[index - 1];
        return { ...o, child: { kind: 'column', nameParts: [a.name], exprId: a.exprId } as UnresolvedExpression };
      }
      return o;
    });
    try {
      return buildSort(plan, items, this.resolver);
    } catch (first) {
      // ORDER BY count(*) or a grouping column not selected: sort below the final projection.
      const aggregate = findAggregateUnder(plan);
      if (!aggregate || body.kind !== 'select') throw first;
      const hiddenItems = items.map((o, i) => ({ kind: 'alias', child: o.child, names: [`__sort_${i}`] }) as UnresolvedExpression);
      let widened: LogicalPlan;
      try {
        widened = extendAggregate(aggregate, hiddenItems, this.resolver);
      } catch {
        throw first;
      }
      const out = outputOf(widened);
      const hidden = out.slice(out.length - hiddenItems.length);
      // Sort right above the widened aggregate: HAVING filters and projections above it keep the
      // order and drop the hidden sort columns.
      const sorted: LogicalPlan = {
        kind: 'sort',
        orders: hidden.map((h, i) => ({ child: h, ascending: items[i].ascending, nullsFirst: items[i].nullsFirst })),
        child: widened,
      };
      return { kind: 'project', projectList: output, child: replaceAggregate(plan, aggregate, sorted) };
    }
  }

  // ---- relations ----

  private analyzeRelation(r: Ast.Relation | Ast.InlineTableRelation, scope: Scope): LogicalPlan {
    switch (r.kind) {
      case 'table': {
        const name = r.nameParts[r.nameParts.length - 1];
        const plan = (r.nameParts.length === 1 ? scope.get(name.toLowerCase()) : undefined) ?? (r.nameParts.length === 1 ? this.ctx.lookupView(name) : this.ctx.lookupView(quoteNameParts(r.nameParts)));
        if (!plan) throw tableOrViewNotFoundError(quoteNameParts(r.nameParts));
        return this.aliased(plan, r.alias, r.columnAliases);
      }
      case 'subquery':
        return this.aliased(this.analyzeQuery(r.query, scope), r.alias ?? '__auto_generated_subquery_name', r.columnAliases);
      case 'aliasedRelation':
        return this.aliased(this.analyzeRelation(r.relation, scope), r.alias, r.columnAliases);
      case 'inlineTable':
        // inlineTable() already names its columns from the aliases.
        return this.aliased(this.inlineTable(r), r.alias, undefined);
      case 'tableFunction':
        return this.aliased(this.tableFunction(r), r.alias, r.columnAliases);
      case 'pivot':
        return this.aliased(buildSqlPivot(this.analyzeRelation(r.child, scope), r, this.resolver, this.ctx.compile), r.alias, undefined);
      case 'unpivot':
        return this.aliased(buildSqlUnpivot(this.analyzeRelation(r.child, scope), r, this.resolver), r.alias, undefined);
      case 'join': {
        if (r.lateral) throw unsupported('LATERAL joins');
        const left = this.analyzeRelation(r.left, scope);
        const right = this.analyzeRelation(r.right, scope);
        const joinType = JOIN_TYPES[r.joinType];
        if (r.natural) {
          const rightNames = new Set(outputOf(right).map((a) => a.name.toLowerCase()));
          const common = outputOf(left).filter((a) => rightNames.has(a.name.toLowerCase())).map((a) => a.name);
          return common.length > 0 ? buildUsingJoin(left, right, joinType, common, this.resolver) : buildJoin(left, right, joinType, undefined, this.resolver);
        }
        if (r.using) return buildUsingJoin(left, right, joinType, r.using, this.resolver);
        return buildJoin(left, right, joinType, r.condition ? this.noSubqueries(r.condition) : undefined, this.resolver);
      }
    }
  }

  private aliased(plan: LogicalPlan, alias: string | undefined, columnAliases: string[] | undefined): LogicalPlan {
    const renamed = this.withColumnAliases(plan, columnAliases, alias ?? '');
    return alias === undefined ? renamed : { kind: 'subqueryAlias', alias, child: renamed };
  }

  private withColumnAliases(plan: LogicalPlan, aliases: string[] | undefined, name: string): LogicalPlan {
    if (!aliases || aliases.length === 0) return plan;
    const output = outputOf(plan);
    if (aliases.length !== output.length) {
      throw new AnalysisException(
        `Number of column aliases does not match number of columns. Number of column aliases: ${aliases.length}; number of columns: ${output.length}.`,
        { errorClass: 'ASSIGNMENT_ARITY_MISMATCH', sqlState: '42802', messageParameters: { name, numExpr: String(aliases.length), numTarget: String(output.length) } },
      );
    }
    const projectList: NamedExpression[] = output.map((a, i) => ({ kind: 'alias', child: a, name: aliases[i], exprId: newExprId(), dataType: a.dataType }));
    return { kind: 'project', projectList, child: plan };
  }

  private inlineTable(r: Ast.InlineTableRelation): LogicalPlan {
    const rows = r.rows.map((row) => row.map((u) => resolveConstant(u, this.resolver)));
    const width = rows[0]?.length ?? 0;
    if (rows.some((row) => row.length !== width)) {
      throw new AnalysisException('Inline table expected ' + width + ' columns but found ' + Math.max(...rows.map((x) => x.length)) + ' columns in a row.', {
        errorClass: 'INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH',
        sqlState: '42000',
      });
    }
    const ansi = this.resolver.ansiEnabled;
    const types: DataType[] = [];
    for (let c = 0; c < width; c++) {
      const columnTypes = rows.map((row) => row[c].dataType);
      const t = findCommonType(columnTypes, ansi);
      if (!t) {
        throw new AnalysisException(`Found incompatible types in the column \`col${c + 1}\` for inline table.`, {
          errorClass: 'INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE',
          sqlState: '42000',
          messageParameters: { colName: `\`col${c + 1}\`` },
        });
      }
      types.push(t);
    }
    const cells = rows.map((row) => row.map((e, c) => implicitCast(e.kind === 'alias' ? e.child : e, types[c])));
    const data = cells.map((row) => row.map((e) => evaluateConstant(e, this.ctx.compile)));
    // ResolveInlineTables: a column is nullable when any row's (cast) expression is, not only when a value is null.
    const output = types.map((t, c) => attribute(r.columnAliases?.[c] ?? `col${c + 1}`, t, cells.some((row, i) => data[i][c] === null || nullableThroughCasts(row[c]))));
    return { kind: 'localRelation', name: 'LocalRelation', data: () => data, output };
  }

  private tableFunction(r: Ast.TableFunctionRelation): LogicalPlan {
    const name = r.nameParts.join('.').toLowerCase();
    if (name === 'range') return this.range(r.args);
    const fn = this.resolver.registry.lookup(name.replace(/_outer$/, ''));
    if (fn?.kind === 'generator') {
      const call: UnresolvedExpression = { kind: 'function', name, args: r.args, distinct: false };
      return buildProject(oneRowRelation(), [call], this.resolver);
    }
    throw new AnalysisException(`Could not resolve ${quoteNameParts(r.nameParts)} to a table-valued function.`, {
      errorClass: 'UNRESOLVABLE_TABLE_VALUED_FUNCTION',
      sqlState: '42883',
      messageParameters: { name: quoteNameParts(r.nameParts) },
    });
  }

  private range(args: UnresolvedExpression[]): LogicalPlan {
    const values = args.map((a) => {
      const v = evaluateConstant(resolveConstant(a, this.resolver), this.ctx.compile);
      return typeof v === 'bigint' ? v : BigInt(v as number);
    });
    if (values.length < 1 || values.length > 4) {
      throw new AnalysisException(`The \`range\` requires [1, 2, 3, 4] parameters but the actual number is ${values.length}.`, { errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION', sqlState: '42605' });
    }
    const [start, end] = values.length === 1 ? [0n, values[0]] : [values[0], values[1]];
    const step = values[2] ?? 1n;
    if (step === 0n) throw new AnalysisException('The step of range must not be 0.', { errorClass: 'FAILED_FUNCTION_CALL', sqlState: '38000' });
    const data = (): unknown[][] => {
      const rows: unknown[][] = [];
      for (let i = start; step > 0n ? i < end : i > end; i += step) rows.push([i]);
      return rows;
    };
    return { kind: 'localRelation', name: 'Range', data, output: [attribute('id', DataTypes.LongType, false)] };
  }

  private lateralView(plan: LogicalPlan, view: Ast.LateralView): LogicalPlan {
    const call: UnresolvedExpression = { kind: 'function', name: view.outer ? `${view.functionName}_outer` : view.functionName, args: view.args, distinct: false };
    const item: UnresolvedExpression = view.columnAliases.length > 0 ? { kind: 'alias', child: call, names: view.columnAliases } : call;
    const projected = buildProject(plan, [{ kind: 'star' }, item], this.resolver);
    // Qualify the generated columns with the view's alias (t.col).
    if (projected.kind !== 'project' || projected.child.kind !== 'generate') return projected;
    const generate = projected.child;
    const qualified: Attribute[] = generate.generatorOutput.map((a) => ({ ...a, qualifier: [view.tableAlias] }));
    const ids = new Set(qualified.map((a) => a.exprId));
    return {
      kind: 'project',
      projectList: projected.projectList.map((e) => (e.kind === 'attribute' && ids.has(e.exprId) ? qualified.find((q) => q.exprId === e.exprId)! : e)),
      child: { ...generate, generatorOutput: qualified },
    };
  }

  private noSubqueries(e: UnresolvedExpression): UnresolvedExpression {
    forEachUnresolved(e, (x) => {
      if (x.kind === 'scalarSubquery' || x.kind === 'inSubquery' || x.kind === 'exists') throw unsupported('Subquery expressions');
    });
    return e;
  }
}

/** Every expression of a GROUP BY, inside ROLLUP / CUBE / GROUPING SETS too. */
function groupByExpressions(groupBy: readonly Ast.GroupByItem[] | undefined): UnresolvedExpression[] {
  return (groupBy ?? []).flatMap((g) => (g.kind === 'groupingAnalytics' ? [...(g.groupByExpressions ?? []), ...g.sets.flat()] : [g]));
}

function mapGroupBy(groupBy: Ast.GroupByItem[] | undefined, f: (e: UnresolvedExpression) => UnresolvedExpression): Ast.GroupByItem[] | undefined {
  return groupBy?.map((g) =>
    g.kind === 'groupingAnalytics' ? { ...g, sets: g.sets.map((set) => set.map(f)), groupByExpressions: g.groupByExpressions?.map(f) } : f(g as UnresolvedExpression),
  );
}

/**
 * Spark's grouping analytics: each plain item is the one set [e]; ROLLUP(s1..sk) the prefixes
 * s1..sk, ..., s1, (); CUBE every subset; the item lists combine as a cross product. The
 * grouping expressions are the legacy `GROUP BY a, b GROUPING SETS` list, else all distinct ones.
 */
function groupingSetsOf(groupBy: readonly Ast.GroupByItem[]): { exprs: UnresolvedExpression[]; sets: number[][] } | undefined {
  if (!groupBy.some((g) => g.kind === 'groupingAnalytics')) return undefined;
  const perItem: UnresolvedExpression[][][] = groupBy.map((g) => {
    if (g.kind !== 'groupingAnalytics') return [[g as UnresolvedExpression]];
    if (g.type === 'groupingSets') return g.sets;
    if (g.type === 'rollup') return g.sets.map((_, i) => g.sets.slice(0, g.sets.length - i).flat()).concat([[]]);
    const cube = (rest: UnresolvedExpression[][]): UnresolvedExpression[][] => {
      if (rest.length === 0) return [[]];
      const tail = cube(rest.slice(1));
      return [...tail.map((t) => [...rest[0], ...t]), ...tail];
    };
    return cube(g.sets);
  });
  const sets = perItem.reduce<UnresolvedExpression[][]>((acc, next) => acc.flatMap((a) => next.map((b) => [...a, ...b])), [[]]);
  const legacy = groupBy.find((g): g is Ast.GroupingAnalytics => g.kind === 'groupingAnalytics' && g.groupByExpressions !== undefined)?.groupByExpressions;
  const exprs: UnresolvedExpression[] = [];
  const keys: string[] = [];
  const indexOf = (e: UnresolvedExpression): number => {
    const key = unresolvedKey(e);
    let at = keys.indexOf(key);
    if (at < 0) {
      keys.push(key);
      exprs.push(e);
      at = exprs.length - 1;
    }
    return at;
  };
  for (const e of legacy ?? []) indexOf(e);
  const indexed = sets.map((set) => [...new Set(set.map(indexOf))]);
  return { exprs, sets: indexed };
}

function stripAlias(e: UnresolvedExpression): UnresolvedExpression {
  return e.kind === 'alias' ? e.child : e;
}

function describe(e: UnresolvedExpression): string {
  return e.kind === 'function' ? `${e.name}(...)` : e.kind;
}

export function oneRowRelation(): LogicalPlan {
  return { kind: 'localRelation', name: 'OneRowRelation', data: () => [[]], output: [] };
}

function findAggregateUnder(plan: LogicalPlan): Extract<LogicalPlan, { kind: 'aggregate' }> | undefined {
  switch (plan.kind) {
    case 'aggregate':
      return plan;
    case 'project':
    case 'filter':
    case 'deduplicate':
      return findAggregateUnder(plan.child);
    default:
      return undefined;
  }
}

function replaceAggregate(plan: LogicalPlan, from: LogicalPlan, to: LogicalPlan): LogicalPlan {
  if (plan === from) return to;
  switch (plan.kind) {
    case 'project':
    case 'filter':
    case 'deduplicate':
      return { ...plan, child: replaceAggregate(plan.child, from, to) } as LogicalPlan;
    default:
      return plan;
  }
}

