// Window functions in a select list (Spark's ExtractWindowExpressions): every `f(...) OVER (...)`
// becomes a column of a Window node under the projection, and the select item reads that column.
// Ranking functions (row_number, rank, dense_rank, percent_rank, cume_dist, ntile), lag/lead and
// every aggregate can be windowed; frames are ROWS or RANGE with the SQL standard defaults.
import { AnalysisException } from '../errors/analysis-exception';
import { attribute, type Attribute, type Expression } from '../expressions/expression';
import { prettySql } from '../expressions/expression-sql';
import type { FrameBound, FunctionExpr, UnresolvedExpression, WindowSpecDefinition } from '../expressions/unresolved';
import { DataTypes } from '../types/data-types';
import { outputOf, type LogicalPlan, type SortOrder, type WindowFunctionSpec } from '../plans/logical-plan';
import { ExpressionResolver, type ResolverContext } from './expression-resolver';

const RANKING: Record<string, { args: number; type: 'int' | 'double' }> = {
  row_number: { args: 0, type: 'int' },
  rank: { args: 0, type: 'int' },
  dense_rank: { args: 0, type: 'int' },
  percent_rank: { args: 0, type: 'double' },
  cume_dist: { args: 0, type: 'double' },
  ntile: { args: 1, type: 'int' },
};

export function hasWindowFunction(items: readonly UnresolvedExpression[]): boolean {
  let found = false;
  const visit = (u: UnresolvedExpression): void => {
    if (found) return;
    if (u.kind === 'function' && u.over) {
      found = true;
      return;
    }
    for (const c of childrenOf(u)) visit(c);
  };
  items.forEach(visit);
  return found;
}

function childrenOf(u: UnresolvedExpression): UnresolvedExpression[] {
  switch (u.kind) {
    case 'function':
      return u.filter ? [...u.args, u.filter] : u.args;
    case 'alias':
    case 'cast':
    case 'sortOrder':
      return [u.child];
    case 'extract':
      return [u.child, u.key];
    case 'caseWhen':
      return [...u.branches.flatMap((b) => [b.condition, b.value]), ...(u.elseValue ? [u.elseValue] : [])];
    default:
      return [];
  }
}

function transform(u: UnresolvedExpression, rule: (u: UnresolvedExpression) => UnresolvedExpression | undefined): UnresolvedExpression {
  const r = rule(u);
  if (r) return r;
  const t = (x: UnresolvedExpression) => transform(x, rule);
  switch (u.kind) {
    case 'function':
      return { ...u, args: u.args.map(t), filter: u.filter ? t(u.filter) : undefined };
    case 'alias':
    case 'cast':
    case 'sortOrder':
      return { ...u, child: t(u.child) } as UnresolvedExpression;
    case 'extract':
      return { ...u, child: t(u.child), key: t(u.key) };
    case 'caseWhen':
      return { ...u, branches: u.branches.map((b) => ({ condition: t(b.condition), value: t(b.value) })), elseValue: u.elseValue ? t(u.elseValue) : undefined };
    default:
      return u;
  }
}

function boundValue(b: FrameBound): number | null {
  switch (b.kind) {
    case 'unboundedPreceding':
    case 'unboundedFollowing':
      return null;
    case 'currentRow':
      return 0;
    case 'offset':
      return b.value;
  }
}

function boundSql(b: FrameBound & { asOffset?: boolean }): string {
  switch (b.kind) {
    case 'unboundedPreceding':
      return 'UNBOUNDED PRECEDING';
    case 'unboundedFollowing':
      return 'UNBOUNDED FOLLOWING';
    case 'currentRow':
      return 'CURRENT ROW';
    case 'offset':
      return b.value < 0 && !b.asOffset ? `${-b.value} PRECEDING` : `${b.value} FOLLOWING`;
  }
}

function specSql(partitionBy: Expression[], orderBy: SortOrder[], frame: { type: string; lower: FrameBound; upper: FrameBound }): string {
  const parts: string[] = [];
  if (partitionBy.length > 0) parts.push(`PARTITION BY ${partitionBy.map((e) => prettySql(e)).join(', ')}`);
  if (orderBy.length > 0) parts.push(`ORDER BY ${orderBy.map((o) => `${prettySql(o.child)} ${o.ascending ? 'ASC' : 'DESC'} NULLS ${o.nullsFirst ? 'FIRST' : 'LAST'}`).join(', ')}`);
  parts.push(`${frame.type.toUpperCase()} BETWEEN ${boundSql(frame.lower)} AND ${boundSql(frame.upper)}`);
  return parts.join(' ');
}

function literalInt(e: Expression | undefined, fallback: number, what: string): number {
  if (e === undefined) return fallback;
  if (e.kind === 'literal' && (typeof e.value === 'number' || typeof e.value === 'bigint')) return Number(e.value);
  throw new AnalysisException(`The ${what} of a window function must be an integer literal, got ${prettySql(e)}.`, { errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', sqlState: '42K09' });
}

function resolveWindow(call: FunctionExpr, spec: WindowSpecDefinition, resolver: ExpressionResolver, index: number): { fn: WindowFunctionSpec; name: string } {
  const partitionBy = spec.partitionBy.map((p) => resolver.resolve(p));
  const orderBy: SortOrder[] = spec.orderBy.map((o) =>
    o.kind === 'sortOrder' ? { child: resolver.resolve(o.child), ascending: o.ascending, nullsFirst: o.nullsFirst } : { child: resolver.resolve(o), ascending: true, nullsFirst: true },
  );
  const name = call.name.toLowerCase();
  const defaultFrame = orderBy.length === 0
    ? { type: 'rows' as const, lower: { kind: 'unboundedPreceding' as const }, upper: { kind: 'unboundedFollowing' as const } }
    : { type: 'range' as const, lower: { kind: 'unboundedPreceding' as const }, upper: { kind: 'currentRow' as const } };
  let frame = spec.frame ?? defaultFrame;
  let fn: WindowFunctionSpec['function'];
  let dataType;
  let nullable = true;
  let callSql: string;
  const needsOrder = () => {
    if (orderBy.length === 0) {
      throw new AnalysisException(`Window function ${name} requires the window to be ordered. You need to add an ORDER BY clause. For example: SELECT ${name}() OVER (PARTITION BY window_partition ORDER BY window_ordering) FROM table.`, {
        errorClass: 'WINDOW_FUNCTION_FRAME_NOT_ORDERED',
        sqlState: '42601',
        messageParameters: { wf_name: name },
      });
    }
  };
  if (name in RANKING) {
    needsOrder();
    const args = call.args.map((a) => resolver.resolve(a));
    if (args.length !== RANKING[name].args) throw new AnalysisException(`${name} takes ${RANKING[name].args} arguments, got ${args.length}.`, { errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION', sqlState: '42605' });
    fn = { kind: 'ranking', name, args };
    dataType = RANKING[name].type === 'int' ? DataTypes.IntegerType : DataTypes.DoubleType;
    nullable = false;
    callSql = `${name}(${args.map((a) => prettySql(a)).join(', ')})`;
    frame = { type: 'rows', lower: { kind: 'unboundedPreceding' }, upper: { kind: 'currentRow' } };
  } else if (name === 'lag' || name === 'lead') {
    needsOrder();
    const [inputU, offsetU, defaultU] = call.args;
    const input = resolver.resolve(inputU);
    const offset = literalInt(offsetU ? resolver.resolve(offsetU) : undefined, 1, 'offset');
    const dflt: Expression = defaultU ? resolver.resolve(defaultU) : { kind: 'literal', value: null, dataType: input.dataType };
    fn = { kind: 'offset', name, input, offset, default: dflt, ignoreNulls: call.ignoreNulls === true };
    dataType = input.dataType;
    callSql = `${name}(${prettySql(input)}, ${offset}, ${dflt.kind === 'literal' && dflt.value === null ? 'NULL' : prettySql(dflt)})`;
    const off = name === 'lag' ? -offset : offset;
    // Spark prints lag's frame as `-1 FOLLOWING`.
    const bound = { kind: 'offset' as const, value: off, asOffset: true };
    frame = { type: 'rows', lower: bound, upper: bound };
  } else {
    const { over: _over, ...plain } = call;
    const resolved = resolver.resolve(plain);
    const agg = resolved.kind === 'alias' ? resolved.child : resolved;
    if (agg.kind !== 'aggregateCall') {
      throw new AnalysisException(`Expression ${prettySql(agg)} not supported within a window function.`, { errorClass: 'UNSUPPORTED_EXPR_FOR_WINDOW', sqlState: '42P20', messageParameters: { sqlExpr: `"${prettySql(agg)}"` } });
    }
    if (agg.distinct) throw new AnalysisException(`Distinct window functions are not supported: ${prettySql(agg)}.`, { errorClass: 'DISTINCT_WINDOW_FUNCTION_UNSUPPORTED', sqlState: '0A000' });
    fn = { kind: 'aggregate', call: agg };
    dataType = agg.dataType;
    callSql = prettySql(agg);
  }
  const lower = boundValue(frame.lower);
  const upper = boundValue(frame.upper);
  if (lower !== null && upper !== null && lower > upper) {
    throw new AnalysisException(`Cannot resolve "${callSql}" due to data type mismatch: Window frame upper bound ${boundSql(frame.upper)} does not follow the lower bound ${boundSql(frame.lower)}.`, {
      errorClass: 'DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_INVALID_BOUND',
      sqlState: '42K09',
    });
  }
  if (frame.type === 'range' && (lower || upper) && orderBy.length !== 1) {
    throw new AnalysisException('A range window frame with value boundaries cannot be used in a window specification with multiple order by expressions.', {
      errorClass: 'DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER',
      sqlState: '42K09',
    });
  }
  const sql = `${callSql} OVER (${specSql(partitionBy, orderBy, frame)})`;
  const output: Attribute = attribute(`_w${index}`, dataType, nullable);
  return { fn: { output, function: fn, partitionBy, orderBy, frame: { type: frame.type, lower, upper }, sql }, name: sql };
}

/**
 * Rewrites a select list that uses window functions: returns the Window node to project from and
 * the items reading its columns (a top-level `*` is expanded first, so the window columns stay out).
 */
export function extractWindowExpressions(child: LogicalPlan, items: readonly UnresolvedExpression[], ctx: ResolverContext): { child: LogicalPlan; items: UnresolvedExpression[] } {
  if (!hasWindowFunction(items)) return { child, items: [...items] };
  const input = outputOf(child);
  const resolver = new ExpressionResolver(input, ctx);
  const functions: WindowFunctionSpec[] = [];
  const expanded = items.flatMap((u): UnresolvedExpression[] => (u.kind === 'star' && !u.target ? input.map((a) => ({ kind: 'column', nameParts: [a.name], exprId: a.exprId })) : [u]));
  const rewritten = expanded.map((item) => {
    const top = item.kind === 'function' && item.over;
    const aliasName = item.kind === 'alias' && item.child.kind === 'function' && item.child.over ? item.names[0] : undefined;
    let topName = '';
    const out = transform(item, (u) => {
      if (u.kind !== 'function' || !u.over) return undefined;
      const { fn, name } = resolveWindow(u, u.over, resolver, functions.length);
      if (u === item) topName = name;
      functions.push({ ...fn, columnName: aliasName ?? (u === item ? name : undefined) });
      return { kind: 'column', nameParts: [fn.output.name], exprId: fn.output.exprId };
    });
    return top ? { kind: 'alias' as const, child: out, names: [topName] } : out;
  });
  return { child: { kind: 'window', functions, child }, items: rewritten };
}
