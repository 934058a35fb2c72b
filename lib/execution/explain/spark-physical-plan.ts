// The plan Spark would run for a logical plan, as explain() prints it. Rivulet's own operators
// differ (one stateful aggregate instead of Spark's partial/merge/final chain, no shuffles), so
// this follows Spark's optimizer and planner instead: inferred isnotnull filters, column pruning
// and filter push-down into file scans, partial/final HashAggregate around an Exchange, the
// streaming state store operators, sort/limit/join/window strategies and EnsureRequirements'
// exchanges. Whole-stage-codegen stages are assigned afterwards (spark-plan-node.ts).
import type { Attribute, Expression, NamedExpression } from '../../expressions/expression';
import { childrenOf, isStreamingPlan, outputOf, type LogicalPlan, type SortOrder } from '../../plans/logical-plan';
import { splitConjuncts } from '../../plans/streaming-join-helper';
import { extractEquiJoinKeys } from '../../plans/streaming-join-helper';
import { attributeString, sparkExpressionString, type AggregateMode } from './spark-expression-string';
import { planNode, type SparkPlanNode } from './spark-plan-node';
import { sparkFileRelationSize } from './spark-statistics';

/** What one micro-batch of a running query adds to the plan (query.explain()). */
export interface MicroBatchExplainContext {
  batchId: number;
  /** The checkpoint folder as Spark prints it (`file:/...`). */
  checkpointLocation: string;
  runId: string;
  outputMode: 'append' | 'update' | 'complete';
  /** The files each file source read in the batch, by streaming relation. */
  batchFiles: (relationIndex: number) => string[];
  relations: readonly LogicalPlan[];
  watermarkForLateEventsMs: number;
  watermarkForEvictionMs: number;
  batchTimestampMs: number;
}

export interface ExplainPlanOptions {
  numShufflePartitions: number;
  /** spark.sql.autoBroadcastJoinThreshold in bytes; -1 turns broadcasting off. */
  autoBroadcastJoinThreshold: number;
  microBatch?: MicroBatchExplainContext;
}

/** Aggregate functions Spark evaluates declaratively (codegen-capable HashAggregate). */
const DECLARATIVE_AGGREGATES = new Set(['count', 'sum', 'avg', 'mean', 'min', 'max', 'first', 'last', 'any_value', 'bool_and', 'bool_or', 'every', 'some', 'any', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop', 'corr', 'covar_pop', 'covar_samp', 'skewness', 'kurtosis', 'count_if', 'max_by', 'min_by', 'avg']);

export function sparkPhysicalPlan(root: LogicalPlan, options: ExplainPlanOptions): SparkPlanNode {
  let nextPlanId = 0;
  let nextStatefulOperatorId = 0;
  const referenced = referencedIds(root);
  const streaming = options.microBatch;
  const n = options.numShufflePartitions;

  const exchange = (partitioning: string, child: SparkPlanNode, reason = 'ENSURE_REQUIREMENTS'): SparkPlanNode =>
    planNode('Exchange', `${partitioning}, ${reason}, [plan_id=${nextPlanId++}]`, [child], child.output);

  const stateInfo = (opId: number): string => {
    const mb = streaming!;
    return `state info [ checkpoint = ${mb.checkpointLocation}/state, runId = ${mb.runId}, opId = ${opId}, ver = ${mb.batchId}, numPartitions = ${n}] stateStoreCkptIds = None`;
  };

  const build = (p: LogicalPlan): SparkPlanNode => {
    switch (p.kind) {
      case 'subqueryAlias':
        return build(p.child);
      case 'streamingRelation': {
        if (streaming) return fileScan(p.source.format, streaming.batchFiles(streaming.relations.indexOf(p)), p.output.filter((a) => referenced.has(a.exprId)), []);
        const name = p.source.format === 'json' || p.source.format === 'csv' || p.source.format === 'parquet' || p.source.format === 'text' || p.source.format === 'orc' ? `FileSource[${p.source.options.get('path') ?? ''}]` : p.source.format;
        return planNode('StreamingRelation', `${name}, [${p.output.map(attributeString).join(', ')}]`, [], p.output);
      }
      case 'localRelation':
        if (p.files) return fileScan(p.files.format, p.files.paths, p.output.filter((a) => referenced.has(a.exprId)), [], p.files.rootPaths);
        return planNode('LocalTableScan', `[${p.output.map(attributeString).join(', ')}]`, [], p.output);
      case 'project': {
        const child = build(p.child);
        const output = outputOf(p);
        if (sameIds(output, child.output) && p.projectList.every((e) => e.kind === 'attribute')) return child;
        return planNode('Project', `[${p.projectList.map((e) => sparkExpressionString(e)).join(', ')}]`, [child], output, true);
      }
      case 'filter': {
        const conjuncts = withInferredNotNull(p.condition);
        const child = build(p.child);
        if (child.name === 'FileScan') pushFilters(child, conjuncts);
        return planNode('Filter', conjuncts.map((c) => sparkExpressionString(c)).reduce((a, b) => `(${a} AND ${b})`), [child], child.output, true);
      }
      case 'aggregate':
        return planAggregate(p.groupingExpressions, p.aggregateExpressions, build(p.child), isStreamingPlan(p.child));
      case 'deduplicate': {
        const child = build(p.child);
        if (!isStreamingPlan(p.child)) {
          const keys = child.output;
          const partial = planNode('HashAggregate', `(keys=[${keys.map(attributeString).join(', ')}], functions=[])`, [child], child.output, true);
          return planNode('HashAggregate', `(keys=[${keys.map(attributeString).join(', ')}], functions=[])`, [exchange(`hashpartitioning(${keys.map(attributeString).join(', ')}, ${n})`, partial)], child.output, true);
        }
        const opId = nextStatefulOperatorId++;
        const shuffled = exchange(`hashpartitioning(${p.keys.map(attributeString).join(', ')}, ${n})`, child, 'REQUIRED_BY_STATEFUL_OPERATOR');
        const info = streaming ? stateInfo(opId) : '<unknown>';
        return planNode('StreamingDeduplicate', `[${p.keys.map(attributeString).join(', ')}], ${info}, ${streaming?.watermarkForLateEventsMs ?? 'None'}, ${streaming?.watermarkForEvictionMs ?? 'None'}`, [shuffled], child.output);
      }
      case 'sort': {
        const child = build(p.child);
        const orders = p.orders.map(orderString).join(', ');
        return planNode('Sort', `[${orders}], true, 0`, [exchange(`rangepartitioning(${orders}, ${n})`, child)], child.output, true);
      }
      case 'limit': {
        const child = build(p.child);
        return planNode('GlobalLimit', `${p.limit}, 0`, [exchange('SinglePartition', planNode('LocalLimit', `${p.limit}`, [child], child.output, true))], child.output, true);
      }
      case 'union':
        return planNode('Union', '', p.children.map(build), p.output);
      case 'eventTimeWatermark': {
        const child = build(p.child);
        if (!isStreamingPlan(p.child)) return child;
        return planNode('EventTimeWatermark', `${attributeString(p.eventTime)}: ${p.eventTime.dataType.simpleString()}, ${p.delayText}`, [child], child.output);
      }
      case 'join':
        return planJoin(p);
      case 'window': {
        const child = build(p.child);
        const spec = p.functions[0];
        const partition = spec.partitionBy.map((e) => sparkExpressionString(e));
        const orders = spec.orderBy.map(orderString);
        const sortOrders = [...spec.partitionBy.map((e) => `${sparkExpressionString(e)} ASC NULLS FIRST`), ...orders];
        const shuffled = partition.length > 0 ? exchange(`hashpartitioning(${partition.join(', ')}, ${n})`, child) : exchange('SinglePartition', child);
        const sorted = planNode('Sort', `[${sortOrders.join(', ')}], false, 0`, [shuffled], child.output, true);
        const functions = p.functions.map((f) => `${windowFunctionString(f.sql, f.function, partition, orders, f.frame, spec.orderBy.length > 0)} AS ${attributeString(f.output)}`);
        return planNode('Window', `[${functions.join(', ')}], [${partition.join(', ')}], [${orders.join(', ')}]`, [sorted], outputOf(p));
      }
      default:
        // Shapes this printer does not model yet print as Rivulet's logical node names.
        return planNode(p.kind.charAt(0).toUpperCase() + p.kind.slice(1), '', childrenOf(p).map(build), outputOf(p));
    }
  };

  const planAggregate = (grouping: Expression[], aggregates: (NamedExpression | Attribute)[], child: SparkPlanNode, isStreaming: boolean): SparkPlanNode => {
    const keys = `[${grouping.map((g) => sparkExpressionString(g)).join(', ')}]`;
    const calls: Expression[] = [];
    const collect = (e: Expression): void => {
      if (e.kind === 'aggregateCall') {
        calls.push(e);
        return;
      }
      for (const c of expressionChildren(e)) collect(c);
    };
    aggregates.forEach(collect);
    const codegen = calls.every((c) => c.kind === 'aggregateCall' && DECLARATIVE_AGGREGATES.has(c.fn.name.toLowerCase()));
    const name = codegen ? 'HashAggregate' : 'ObjectHashAggregate';
    const agg = (mode: AggregateMode, input: SparkPlanNode): SparkPlanNode =>
      planNode(name, `(keys=${keys}, functions=[${calls.map((c) => sparkExpressionString(c, mode)).join(', ')}])`, [input], input.output, codegen);
    const partitioning = grouping.length > 0 ? `hashpartitioning(${grouping.map((g) => sparkExpressionString(g)).join(', ')}, ${n})` : 'SinglePartition';
    if (!isStreaming) return agg('final', exchange(partitioning, agg('partial', child)));
    const opId = nextStatefulOperatorId++;
    const info = streaming ? stateInfo(opId) : '<unknown>';
    const mode = streaming ? streaming.outputMode.charAt(0).toUpperCase() + streaming.outputMode.slice(1) : 'None';
    const shuffled = exchange(partitioning, agg('partial', child), 'REQUIRED_BY_STATEFUL_OPERATOR');
    const restore = planNode('StateStoreRestore', `${keys}, ${info}, 2`, [agg('merge', shuffled)], child.output);
    const watermarks = streaming ? `${streaming.watermarkForLateEventsMs}, ${streaming.watermarkForEvictionMs}` : 'None, None';
    const save = planNode('StateStoreSave', `${keys}, ${info}, ${mode}, ${watermarks}, 2`, [agg('merge', restore)], child.output);
    return agg('final', save);
  };

  const planJoin = (p: Extract<LogicalPlan, { kind: 'join' }>): SparkPlanNode => {
    const left = build(p.left);
    const right = build(p.right);
    const { keys, other } = extractEquiJoinKeys(p.condition, outputOf(p.left), outputOf(p.right));
    const leftKeys = `[${keys.map((k) => sparkExpressionString(k.left)).join(', ')}]`;
    const rightKeys = `[${keys.map((k) => sparkExpressionString(k.right)).join(', ')}]`;
    const joinType = JOIN_TYPE_NAMES[p.joinType];
    const condition = other.length > 0 ? `, ${other.map((c) => sparkExpressionString(c)).reduce((a, b) => `(${a} AND ${b})`)}` : '';
    const output = outputOf(p);
    if (isStreamingPlan(p.left) && isStreamingPlan(p.right)) {
      const opId = nextStatefulOperatorId++;
      const info = streaming ? stateInfo(opId) : '<unknown>';
      const l = exchange(`hashpartitioning(${keys.map((k) => sparkExpressionString(k.left)).join(', ')}, ${n})`, left, 'REQUIRED_BY_STATEFUL_OPERATOR');
      const r = exchange(`hashpartitioning(${keys.map((k) => sparkExpressionString(k.right)).join(', ')}, ${n})`, right, 'REQUIRED_BY_STATEFUL_OPERATOR');
      return planNode('StreamingSymmetricHashJoin', `${leftKeys}, ${rightKeys}, ${joinType}, condition = [ leftOnly = null, rightOnly = null, both = ${other.length > 0 ? condition.slice(2) : 'null'}, full = ${other.length > 0 ? condition.slice(2) : 'null'} ], state info [ checkpoint = ${streaming?.checkpointLocation}/state, runId = ${streaming?.runId}, opId = ${opId}, ver = ${streaming?.batchId}, numPartitions = ${n}] stateStoreCkptIds = None, 0, 0, state cleanup [ left = null, right = null ], 2`.replace(info, info), [l, r], output);
    }
    const rightSize = estimatedBytes(p.right);
    const leftSize = estimatedBytes(p.left);
    const threshold = options.autoBroadcastJoinThreshold;
    const canBuildRight = ['inner', 'cross', 'left_outer', 'left_semi', 'left_anti'].includes(p.joinType);
    const canBuildLeft = ['inner', 'cross', 'right_outer'].includes(p.joinType);
    const buildRight = canBuildRight && threshold >= 0 && rightSize <= threshold && (!canBuildLeft || rightSize <= leftSize || leftSize > threshold);
    const buildLeft = !buildRight && canBuildLeft && threshold >= 0 && leftSize <= threshold;
    if (keys.length > 0 && (buildRight || buildLeft)) {
      const build = buildRight ? right : left;
      const buildKeys = keys.map((k) => (buildRight ? k.right : k.left));
      const bound = buildKeys.map((k) => boundReference(k, build.output)).join(', ');
      const broadcast = planNode('BroadcastExchange', `HashedRelationBroadcastMode(List(${bound}),false), [plan_id=${nextPlanId++}]`, [build], build.output);
      return planNode('BroadcastHashJoin', `${leftKeys}, ${rightKeys}, ${joinType}, ${buildRight ? 'BuildRight' : 'BuildLeft'}, false${condition ? condition : ''}`, buildRight ? [left, broadcast] : [broadcast, right], output, true);
    }
    const sortSide = (side: SparkPlanNode, sideKeys: Expression[]): SparkPlanNode =>
      planNode('Sort', `[${sideKeys.map((k) => `${sparkExpressionString(k)} ASC NULLS FIRST`).join(', ')}], false, 0`, [exchange(`hashpartitioning(${sideKeys.map((k) => sparkExpressionString(k)).join(', ')}, ${n})`, side)], side.output, true);
    return planNode('SortMergeJoin', `${leftKeys}, ${rightKeys}, ${joinType}${condition}`, [sortSide(left, keys.map((k) => k.left)), sortSide(right, keys.map((k) => k.right))], output, true);
  };

  return build(root);
}

const JOIN_TYPE_NAMES: Record<string, string> = { inner: 'Inner', cross: 'Cross', left_outer: 'LeftOuter', right_outer: 'RightOuter', full_outer: 'FullOuter', left_semi: 'LeftSemi', left_anti: 'LeftAnti' };

function fileScan(format: string, files: readonly string[], output: Attribute[], dataFilters: string[], locationPaths?: readonly string[]): SparkPlanNode {
  const location = locationPaths ?? files;
  const readSchema = `struct<${output.map((a) => `${a.name}:${a.dataType.simpleString()}`).join(',')}>`;
  const node = planNode('FileScan', '', [], output);
  const render = (data: string[], pushed: string[]): string =>
    `${format} [${output.map(attributeString).join(', ')}] Batched: ${format === 'parquet' || format === 'orc' ? 'true' : 'false'}, DataFilters: [${data.join(', ')}], Format: ${FORMAT_NAMES[format] ?? format.toUpperCase()}, Location: InMemoryFileIndex(${location.length} paths)[${location.map(fileUri).join(', ')}], PartitionFilters: [], PushedFilters: [${pushed.join(', ')}], ReadSchema: ${readSchema}`;
  node.args = render(dataFilters, []);
  (node as ScanNode).render = render;
  return node;
}

interface ScanNode extends SparkPlanNode {
  render: (data: string[], pushed: string[]) => string;
}

const FORMAT_NAMES: Record<string, string> = { json: 'JSON', csv: 'CSV', parquet: 'Parquet', text: 'Text', orc: 'ORC' };

function fileUri(p: string): string {
  return p.startsWith('file:') ? p : `file:${p}`;
}

/** The filter's conjuncts as the scan's DataFilters and the data source filters Spark pushes. */
function pushFilters(scan: SparkPlanNode, conjuncts: Expression[]): void {
  const render = (scan as ScanNode).render;
  const pushed = conjuncts.map(sourceFilter).filter((f): f is string => f !== undefined);
  scan.args = render(conjuncts.map((c) => sparkExpressionString(c)), pushed);
}

/** Spark's DataSourceStrategy.translateFilter, for the common predicates. */
function sourceFilter(e: Expression): string | undefined {
  if (e.kind !== 'scalarCall') return undefined;
  const name = e.fn.name.toLowerCase();
  const [a, b] = e.args;
  if (name === 'isnotnull' && a.kind === 'attribute') return `IsNotNull(${a.name})`;
  if (name === 'isnull' && a.kind === 'attribute') return `IsNull(${a.name})`;
  const comparisons: Record<string, [string, string]> = { '=': ['EqualTo', 'EqualTo'], '>': ['GreaterThan', 'LessThan'], '>=': ['GreaterThanOrEqual', 'LessThanOrEqual'], '<': ['LessThan', 'GreaterThan'], '<=': ['LessThanOrEqual', 'GreaterThanOrEqual'], '<=>': ['EqualNullSafe', 'EqualNullSafe'] };
  const c = comparisons[name];
  if (!c || !a || !b) return undefined;
  if (a.kind === 'attribute' && b.kind === 'literal') return `${c[0]}(${a.name},${String(b.value)})`;
  if (b.kind === 'attribute' && a.kind === 'literal') return `${c[1]}(${b.name},${String(a.value)})`;
  return undefined;
}

/** Spark's InferFiltersFromConstraints: isnotnull(a) for each attribute a null-intolerant predicate reads, first. */
function withInferredNotNull(condition: Expression): Expression[] {
  const conjuncts = splitConjuncts(condition);
  const existing = new Set(conjuncts.filter((c) => c.kind === 'scalarCall' && c.fn.name.toLowerCase() === 'isnotnull').map((c) => attributeIds(c).join()));
  const inferred: Expression[] = [];
  const seen = new Set<number>();
  for (const c of conjuncts) {
    if (!nullIntolerant(c)) continue;
    for (const a of attributesOf(c)) {
      if (!a.nullable || seen.has(a.exprId) || existing.has(String(a.exprId))) continue;
      seen.add(a.exprId);
      inferred.push(isNotNull(a));
    }
  }
  return [...inferred, ...conjuncts];
}

const NULL_INTOLERANT = new Set(['=', '>', '>=', '<', '<=', '!=', '<>', '+', '-', '*', '/', '%', 'not', 'upper', 'lower', 'length', 'abs', 'cast']);

function nullIntolerant(e: Expression): boolean {
  if (e.kind === 'attribute' || e.kind === 'literal') return true;
  if (e.kind === 'cast') return nullIntolerant(e.child);
  if (e.kind !== 'scalarCall' || !NULL_INTOLERANT.has(e.fn.name.toLowerCase())) return false;
  return e.args.every(nullIntolerant);
}

function isNotNull(a: Attribute): Expression {
  return { kind: 'scalarCall', fn: { kind: 'scalar', name: 'isnotnull', resolve: () => { throw new Error('plan text only'); }, compile: () => () => null }, args: [a], dataType: a.dataType, nullable: false };
}

function attributesOf(e: Expression): Attribute[] {
  if (e.kind === 'attribute') return [e];
  return expressionChildren(e).flatMap(attributesOf);
}

function attributeIds(e: Expression): number[] {
  return attributesOf(e).map((a) => a.exprId);
}

function expressionChildren(e: Expression): Expression[] {
  switch (e.kind) {
    case 'attribute':
    case 'literal':
    case 'lambdaVariable':
      return [];
    case 'alias':
    case 'cast':
      return [e.child];
    case 'caseWhen':
      return [...e.branches.flatMap((b) => [b.condition, b.value]), ...(e.elseValue ? [e.elseValue] : [])];
    case 'scalarCall':
    case 'generatorCall':
      return e.args;
    case 'aggregateCall':
      return [...e.args, ...(e.filter ? [e.filter] : [])];
    case 'lambdaFunction':
      return [e.body];
  }
}

/** Every attribute id an expression of the plan reads, and the root's output: what scans must read. */
function referencedIds(root: LogicalPlan): Set<number> {
  const ids = new Set<number>(outputOf(root).map((a) => a.exprId));
  const add = (e: Expression): void => attributeIds(e).forEach((id) => ids.add(id));
  const visit = (p: LogicalPlan): void => {
    switch (p.kind) {
      case 'project':
        p.projectList.forEach(add);
        break;
      case 'filter':
        add(p.condition);
        break;
      case 'aggregate':
        p.groupingExpressions.forEach(add);
        p.aggregateExpressions.forEach(add);
        break;
      case 'sort':
        p.orders.forEach((o) => add(o.child));
        break;
      case 'join':
        if (p.condition) add(p.condition);
        break;
      case 'deduplicate':
        outputOf(p.child).forEach((a) => ids.add(a.exprId));
        break;
      case 'eventTimeWatermark':
        ids.add(p.eventTime.exprId);
        break;
      case 'window':
        p.functions.forEach((f) => {
          f.partitionBy.forEach(add);
          f.orderBy.forEach((o) => add(o.child));
          if (f.function.kind === 'aggregate') add(f.function.call);
          else if (f.function.kind === 'offset') add(f.function.input);
          else f.function.args.forEach(add);
        });
        break;
      case 'union':
        p.children.forEach((c) => outputOf(c).forEach((a) => ids.add(a.exprId)));
        break;
      default:
        break;
    }
    childrenOf(p).forEach(visit);
  };
  visit(root);
  return ids;
}

function sameIds(a: readonly Attribute[], b: readonly Attribute[]): boolean {
  return a.length === b.length && a.every((x, i) => x.exprId === b[i].exprId);
}

function orderString(o: SortOrder): string {
  return `${sparkExpressionString(o.child)} ${o.ascending ? 'ASC' : 'DESC'} NULLS ${o.nullsFirst ? 'FIRST' : 'LAST'}`;
}

/** `input[0, string, true]`: a key bound to its ordinal in the build side's output. */
function boundReference(key: Expression, output: readonly Attribute[]): string {
  const index = key.kind === 'attribute' ? output.findIndex((a) => a.exprId === key.exprId) : -1;
  return `input[${index}, ${key.dataType.simpleString()}, ${key.kind === 'attribute' ? key.nullable : true}]`;
}

function windowFunctionString(sql: string, fn: { kind: string }, partition: string[], orders: string[], frame: { type: 'rows' | 'range'; lower: number | null; upper: number | null }, ordered: boolean): string {
  const bound = (b: number | null, lower: boolean): string => (b === null ? (lower ? 'unboundedpreceding$()' : 'unboundedfollowing$()') : b === 0 ? 'currentrow$()' : String(b));
  const frameText = `specifiedwindowframe(${frame.type === 'rows' ? 'RowFrame' : 'RangeFrame'}, ${bound(frame.lower, true)}, ${bound(frame.upper, false)})`;
  void ordered;
  void fn;
  return `${sql} windowspecdefinition(${[...partition, ...orders, frameText].join(', ')})`;
}

function estimatedBytes(p: LogicalPlan): number {
  return sparkFileRelationSize(p);
}
