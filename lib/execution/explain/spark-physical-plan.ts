// The plan Spark would run for a logical plan, as explain() prints it. Rivulet's own operators
// differ (one stateful aggregate instead of Spark's partial/merge/final chain, no shuffles), so
// this follows Spark's optimizer and planner instead: inferred isnotnull filters, column pruning
// and filter push-down into file scans, partial/final HashAggregate around an Exchange, the
// streaming state store operators, sort/limit/join/window strategies and EnsureRequirements'
// exchanges. Whole-stage-codegen stages are assigned afterwards (spark-plan-node.ts).
import { newExprId, toAttribute, transformExpression, type Attribute, type Expression, type NamedExpression } from '../../expressions/expression';
import { childrenOf, isStreamingPlan, outputOf, type LogicalPlan, type SortOrder, type WindowFunctionSpec } from '../../plans/logical-plan';
import { splitConjuncts } from '../../plans/streaming-join-helper';
import { extractEquiJoinKeys } from '../../plans/streaming-join-helper';
import { attributeString, sparkExpressionString, withWatermarkDelays, type AggregateMode } from './spark-expression-string';
import { TIME_WINDOW_EXPAND } from '../../expressions/functions/datetime-window';
import { fieldString, planNode, type SparkPlanNode } from './spark-plan-node';
import { sparkFileRelationSize } from './spark-statistics';
import * as crypto from 'node:crypto';

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
  /** spark.sql.adaptive.enabled: batch plans with an exchange print under AdaptiveSparkPlan. */
  adaptive?: boolean;
  /** The plan is the query's result (df.explain): a top limit is CollectLimit. */
  isRoot?: boolean;
}

/** Aggregate functions Spark evaluates declaratively (codegen-capable HashAggregate). */
const DECLARATIVE_AGGREGATES = new Set(['count', 'sum', 'avg', 'mean', 'min', 'max', 'first', 'last', 'any_value', 'bool_and', 'bool_or', 'every', 'some', 'any', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop', 'corr', 'covar_pop', 'covar_samp', 'skewness', 'kurtosis', 'count_if', 'max_by', 'min_by', 'avg']);

export function sparkPhysicalPlan(root: LogicalPlan, options: ExplainPlanOptions): SparkPlanNode {
  let nextPlanId = 0;
  let nextStatefulOperatorId = 0;
  const generateRequired = new Map<LogicalPlan, Set<number>>();
  const referenced = referencedIds(root, generateRequired);
  const streaming = options.microBatch;
  const n = options.numShufflePartitions;

  const exchange = (partitioning: string, child: SparkPlanNode, reason = 'ENSURE_REQUIREMENTS'): SparkPlanNode =>
    planNode('Exchange', `${partitioning}, ${reason}, [plan_id=${nextPlanId++}]`, [child], child.output);

  // Before the query starts Spark plans with a placeholder state info (IncrementalExecution of a
  // streaming Dataset's explain): no checkpoint, a fresh run id, version 0, Long.MinValue watermarks.
  const preStartRunId = crypto.randomUUID();
  const stateInfo = (opId: number): string => {
    const mb = streaming;
    return `state info [ checkpoint = ${mb ? `${mb.checkpointLocation}/state` : '<unknown>'}, runId = ${mb ? mb.runId : preStartRunId}, opId = ${opId}, ver = ${mb ? mb.batchId : 0}, numPartitions = ${n}] stateStoreCkptIds = None`;
  };
  const watermarks = (): string => (streaming ? `${streaming.watermarkForLateEventsMs}, ${streaming.watermarkForEvictionMs}` : `${LONG_MIN}, ${LONG_MIN}`);
  const outputModeName = (): string => {
    const mode = streaming?.outputMode ?? 'append';
    return mode.charAt(0).toUpperCase() + mode.slice(1);
  };
  /**
   * Spark's ColumnPruning below an Aggregate or Window: a Project of the columns it reads, when its
   * input carries more (file scans prune themselves).
   */
  const pruned = (node: SparkPlanNode, uses: Expression[]): SparkPlanNode => {
    const ids = new Set(uses.flatMap(attributeIds));
    const kept = node.output.filter((a) => ids.has(a.exprId));
    if (kept.length === node.output.length || node.name === 'FileScan') return node;
    // CollapseProject: a projection below keeps only the columns used.
    const items = projectItems.get(node);
    if (items) {
      const narrowed = items.filter((i) => ids.has(i.attr.exprId));
      return planNode('Project', `[${narrowed.map((i) => i.text).join(', ')}]`, node.children, narrowed.map((i) => i.attr), true);
    }
    return planNode('Project', `[${kept.map(attributeString).join(', ')}]`, [node], kept, true);
  };

  // Event-time attributes (by id) and their watermark delays, from the EventTimeWatermark up.
  const delays = new Map<number, number>();
  // The items of Projects the planner made itself (TimeWindowing), for CollapseProject.
  const projectItems = new Map<SparkPlanNode, { text: string; attr: Attribute }[]>();

  // Micro-batch relations of fresh attributes (a Union's first input), to the stream's relation.
  const freshRelations = new Map<LogicalPlan, LogicalPlan>();

  const build = (p: LogicalPlan): SparkPlanNode => {
    switch (p.kind) {
      case 'subqueryAlias':
        return build(p.child);
      case 'streamingRelation': {
        if (streaming) {
          const stream = freshRelations.get(p) ?? p;
          const streamOutput = outputOf(stream);
          const read = p.output.filter((a, i) => referenced.has(streamOutput[i].exprId));
          if (FILE_FORMATS.has(p.source.format)) {
            const files = streaming.batchFiles(streaming.relations.indexOf(stream));
            // A batch that read nothing from the source (a no-data batch) plans it as an empty
            // LocalRelation of the stream's columns, pruned to those the query reads.
            if (files.length === 0) return planNode('LocalTableScan', `<empty>, [${read.map(attributeString).join(', ')}]`, [], read);
            return fileScan(p.source.format, files, read, []);
          }
          // DataSource V2 scans read every column of the source.
          return planNode('MicroBatchScan', `[${p.output.map(attributeString).join(', ')}] ${MICRO_BATCH_SCANS[p.source.format] ?? `class ${p.source.format}`}`, [], p.output);
        }
        const name = FILE_FORMATS.has(p.source.format) ? `FileSource[${p.source.options.get('path') ?? ''}]` : p.source.format;
        return planNode('StreamingRelation', `${name}, [${p.output.map(attributeString).join(', ')}]`, [], p.output);
      }
      case 'localRelation':
        if (p.files) return fileScan(p.files.format, p.files.paths, p.output.filter((a) => referenced.has(a.exprId)), [], p.files.rootPaths);
        // createDataFrame of local rows is an RDD-backed relation in PySpark: RDDScanExec (codegen).
        if (p.rddBacked) return planNode('Scan ExistingRDD', `[${p.output.map(attributeString).join(',')}]`, [], p.output, true);
        return planNode('LocalTableScan', `[${p.output.map(attributeString).join(', ')}]`, [], p.output);
      case 'filter': {
        // PushPredicateThroughNonJoin: a filter that does not read the event time goes below the watermark.
        if (p.child.kind === 'eventTimeWatermark' && !attributeIds(p.condition).includes(p.child.eventTime.exprId)) {
          return build({ ...p.child, child: { ...p, child: p.child.child } });
        }
        const pushed = filterBelowProject(p);
        if (pushed) return build(pushed);
        const conjuncts = withInferredNotNull(p.condition);
        const child = build(p.child);
        if (child.name === 'FileScan') pushFilters(child, conjuncts);
        const condition = conjuncts.map((c) => sparkExpressionString(c)).reduce((a, b) => `(${a} AND ${b})`);
        const node = planNode('Filter', condition, [child], child.output, true);
        node.details = [fieldString('Input', child.output.map(attributeString)), `Condition : ${condition}`];
        return node;
      }
      case 'aggregate':
        return planAggregate(p.groupingExpressions, p.aggregateExpressions, pruned(build(p.child), [...p.groupingExpressions, ...p.aggregateExpressions]), isStreamingPlan(p.child));
      case 'deduplicate': {
        const child = build(p.child);
        if (!isStreamingPlan(p.child)) {
          // ReplaceDeduplicateWithAggregate: the other columns keep their first value.
          const keyIds = new Set(p.keys.map((k) => k.exprId));
          const rest = child.output.filter((a) => !keyIds.has(a.exprId));
          const keys = `[${p.keys.map(attributeString).join(', ')}]`;
          const fns = (prefix: string) => `[${rest.map((a) => `${prefix}first(${attributeString(a)}, false)`).join(', ')}]`;
          const partial = planNode('HashAggregate', `(keys=${keys}, functions=${fns('partial_')})`, [child], child.output, true);
          return planNode('HashAggregate', `(keys=${keys}, functions=${fns('')})`, [exchange(`hashpartitioning(${p.keys.map(attributeString).join(', ')}, ${n})`, partial)], child.output, true);
        }
        const opId = nextStatefulOperatorId++;
        const shuffled = exchange(`hashpartitioning(${p.keys.map(attributeString).join(', ')}, ${n})`, child, 'REQUIRED_BY_STATEFUL_OPERATOR');
        return planNode('StreamingDeduplicate', `[${p.keys.map(attributeString).join(', ')}], ${stateInfo(opId)}, ${watermarks()}`, [shuffled], child.output);
      }
      case 'sort': {
        const child = build(p.child);
        const orders = p.orders.map(orderString).join(', ');
        return planNode('Sort', `[${orders}], true, 0`, [exchange(`rangepartitioning(${orders}, ${n})`, child)], child.output, true);
      }
      case 'limit': {
        if (p === root && options.isRoot && !streaming && !isStreamingPlan(p)) {
          if (p.child.kind === 'sort') {
            const sortChild = build(p.child.child);
            return planNode('TakeOrderedAndProject', `(limit=${p.limit}, orderBy=[${p.child.orders.map(orderString).join(',')}], output=[${sortChild.output.map(attributeString).join(',')}])`, [sortChild], sortChild.output);
          }
          const child = build(p.child);
          return planNode('CollectLimit', `${p.limit}`, [child], child.output);
        }
        const child = build(p.child);
        return planNode('GlobalLimit', `${p.limit}, 0`, [exchange('SinglePartition', planNode('LocalLimit', `${p.limit}`, [child], child.output, true))], child.output, true);
      }
      case 'generate': {
        const gen = p.generator;
        const [time, sizeE, slideE, startE] = gen.args;
        const literal = (e: Expression | undefined): bigint | undefined => (e?.kind === 'literal' && typeof e.value === 'bigint' ? e.value : undefined);
        const [size, slide, start] = [literal(sizeE), literal(slideE), literal(startE)];
        if (gen.fn.name !== TIME_WINDOW_EXPAND || size === undefined || slide === undefined || start === undefined || size % slide !== 0n) {
          // GenerateExec: the generator, the input columns kept above it, outer, its output.
          const child = build(p.child);
          const above = generateRequired.get(p) ?? new Set<number>();
          const kept = child.output.filter((a) => above.has(a.exprId));
          const args = `${sparkExpressionString(gen)}, [${kept.map(attributeString).join(', ')}], ${p.outer}, [${p.generatorOutput.map(attributeString).join(', ')}]`;
          return planNode('Generate', args, [child], [...kept, ...p.generatorOutput], true);
        }
        // TimeWindowing: Filter isnotnull(time) below the windows; the window column carries the
        // time column's watermark delay.
        const child = build(p.child);
        const notNull = isNotNull(time as Attribute);
        if (child.name === 'FileScan' && time.kind === 'attribute') pushFilters(child, [notNull]);
        const filter = planNode('Filter', `isnotnull(${sparkExpressionString(time)})`, [child], child.output, true);
        const windowAttr = p.generatorOutput[0];
        const timeDelay = time.kind === 'attribute' ? delays.get(time.exprId) : undefined;
        if (timeDelay !== undefined) delays.set(windowAttr.exprId, timeDelay);
        const timeType = time.dataType.typeName() === 'timestamp_ntz' ? 'TimestampNTZType' : 'TimestampType';
        const windowText = (i: bigint) => windowStructText(sparkExpressionString(time), timeType, size, slide, start, i);
        if (size !== slide) {
          // Sliding windows (the window a whole number of slides): Expand, one projection per
          // overlapping window, the latest first.
          const above = generateRequired.get(p) ?? new Set<number>();
          const kept = child.output.filter((a) => above.has(a.exprId));
          const overlapping = size / slide;
          const projections: string[] = [];
          for (let i = 0n; i < overlapping; i++) projections.push(`[${[windowText(i), ...kept.map(attributeString)].join(', ')}]`);
          const output = [windowAttr, ...kept];
          return planNode('Expand', `[${projections.join(', ')}], [${output.map(attributeString).join(', ')}]`, [filter], output, true);
        }
        // Tumbling: Project [the window struct AS window, the input's columns].
        const items = [
          { text: `${windowText(0n)} AS ${attributeString(windowAttr)}`, attr: windowAttr },
          ...child.output.map((a) => ({ text: attributeString(a), attr: a })),
        ];
        const node = planNode('Project', `[${items.map((i) => i.text).join(', ')}]`, [filter], items.map((i) => i.attr), true);
        projectItems.set(node, items);
        return node;
      }
      case 'union': {
        // A micro-batch reads a file source as a relation of fresh attributes aliased back to the
        // stream's; RemoveRedundantAliases keeps that aliasing Project over the Union's first child
        // (the Union's output is the first child's), above the filters pushed onto the scan,
        // while the other children lose theirs.
        const first = streaming ? freshRelationInput(p.children[0]) : undefined;
        if (first) freshRelations.set(first.freshRelation, first.relation);
        const children = [first ? first.plan : p.children[0], ...p.children.slice(1)].map(build);
        if (first) {
          const aliases = first.original.map((a, i) => `${attributeString(first.fresh[i])} AS ${attributeString(a)}`);
          children[0] = planNode('Project', `[${aliases.join(', ')}]`, [children[0]], first.original, true);
        }
        return planNode('Union', '', children, p.output);
      }
      case 'eventTimeWatermark': {
        const child = build(p.child);
        if (!isStreamingPlan(p.child)) return child;
        const node = planNode('EventTimeWatermark', `${crypto.randomUUID()}, ${attributeString(p.eventTime)}: ${p.eventTime.dataType.simpleString()}, ${p.delayText}`, [child], child.output);
        delays.set(p.eventTime.exprId, p.delayMs);
        return node;
      }
      case 'join':
        return planJoin(p);
      case 'window':
        return planWindow(p, new Map());
      case 'project': {
        // CollapseProject: a Project that only names a Window's results folds into the Window.
        const child = p.child;
        if (child.kind === 'window') {
          const renames = new Map<number, Attribute>();
          const functionIds = new Set(child.functions.map((f) => f.output.exprId));
          const rest = p.projectList.filter((e) => {
            if (e.kind === 'alias' && e.child.kind === 'attribute' && functionIds.has(e.child.exprId)) {
              renames.set(e.child.exprId, toAttribute(e));
              return false;
            }
            return true;
          });
          if (rest.every((e) => e.kind === 'attribute')) {
            const window = planWindow(child, renames);
            const output = outputOf(p);
            if (sameIds(output, window.output)) return window;
            return planNode('Project', `[${output.map(attributeString).join(', ')}]`, [window], output, true);
          }
        }
        return planProject(p);
      }
      case 'flatMapGroupsWithState':
        if (p.api === 'applyInPandasWithState') return planPandasWithState(p);
        return planNode(p.kind.charAt(0).toUpperCase() + p.kind.slice(1), '', childrenOf(p).map(build), outputOf(p));
      case 'transformWithState':
        return planTransformWithState(p);
      default:
        // Shapes this printer does not model yet print as Rivulet's logical node names.
        return planNode(p.kind.charAt(0).toUpperCase() + p.kind.slice(1), '', childrenOf(p).map(build), outputOf(p));
    }
  };

  // The batch's timestamp on the *WithState lines (0 before the query starts).
  const batchTimestamp = (): string => String(streaming ? streaming.batchTimestampMs : 0);

  /** A stateful operator's input: hash-partitioned on its keys (REQUIRED_BY_STATEFUL_OPERATOR), sorted by them. */
  const shuffledAndSorted = (child: SparkPlanNode, keys: readonly Attribute[]): SparkPlanNode => {
    const shuffled = exchange(`hashpartitioning(${keys.map(attributeString).join(', ')}, ${n})`, child, 'REQUIRED_BY_STATEFUL_OPERATOR');
    return planNode('Sort', `[${keys.map((k) => `${attributeString(k)} ASC NULLS FIRST`).join(', ')}], false, 0`, [shuffled], child.output, true);
  };

  /**
   * Spark's FlatMapGroupsInPandasWithStateExec: the Python function (its result id a fresh
   * expression id, which the operator's input lacks: hence Spark's `!`), keys, output, state
   * schema, state info, state format version 2, output mode, timeout, batch timestamp, watermarks.
   */
  const planPandasWithState = (p: Extract<LogicalPlan, { kind: 'flatMapGroupsWithState' }>): SparkPlanNode => {
    const opId = nextStatefulOperatorId++;
    const child = build(p.child);
    const input = outputOf(p.child);
    const fn = `${p.funcName}(${input.map(attributeString).join(', ')})#${newExprId()}`;
    const state = `[${(p.stateType?.fields ?? []).map((f) => `StructField(${f.name},${f.dataType.toString().replace(/\(\)$/, '')},${f.nullable})`).join(', ')}]`;
    const mode = p.outputMode === 'append' ? 'Append' : 'Update';
    const args = `${fn}, [${p.groupingAttributes.map(attributeString).join(', ')}], [${p.output.map(attributeString).join(', ')}], ${state}, ${stateInfo(opId)}, 2, ${mode}, ${p.timeout}, ${batchTimestamp()}, ${watermarks()}, false`;
    return planNode('!FlatMapGroupsInPandasWithState', args, [shuffledAndSorted(child, p.groupingAttributes)], p.output);
  };

  /**
   * Spark's TransformWithStateInPySparkExec: the grouping columns projected before the rows (the
   * Project PySpark's groupBy adds), the processor's UDF, keys, output, output mode, time mode,
   * state info, batch timestamp, watermarks, the user-facing data type, isStreaming, whether an
   * initial state is given and its keys; the initial state (an empty LocalRelation when absent)
   * is its second child.
   */
  const planTransformWithState = (p: Extract<LogicalPlan, { kind: 'transformWithState' }>): SparkPlanNode => {
    const opId = nextStatefulOperatorId++;
    const input = outputOf(p.child);
    const keys = p.groupingAttributes;
    const child = build(p.child);
    const projected = [...keys, ...child.output];
    const project = planNode('Project', `[${projected.map(attributeString).join(', ')}]`, [child], projected, true);
    const fn = `transformWithStateUDF(${input.map(attributeString).join(', ')})#${newExprId()}`;
    const mode = p.outputMode.charAt(0).toUpperCase() + p.outputMode.slice(1);
    const timeMode = p.timeMode === 'None' ? 'NoTime' : p.timeMode;
    const dataType = p.api === 'transformWithState' ? 'python_row' : 'pandas';
    const initialKeys = p.initialState ? p.initialState.groupingAttributes : keys;
    const args = `${fn}, [${keys.map(attributeString).join(', ')}], [${p.output.map(attributeString).join(', ')}], ${mode}, ${timeMode}, ${stateInfo(opId)}, ${batchTimestamp()}, ${watermarks()}, ${dataType}, true, ${p.initialState !== undefined}, [${initialKeys.map(attributeString).join(', ')}]`;
    const initial = p.initialState
      ? shuffledAndSorted(build(p.initialState.plan), p.initialState.groupingAttributes)
      : planNode('PlanLater', 'LocalRelation <empty>', [], []);
    return planNode('!TransformWithStateInPySpark', args, [shuffledAndSorted(project, keys), initial], p.output);
  };

  const planProject = (p: Extract<LogicalPlan, { kind: 'project' }>): SparkPlanNode => {
    const child = build(p.child);
    const output = outputOf(p);
    if (sameIds(output, child.output) && p.projectList.every((e) => e.kind === 'attribute')) return child;
    // ColumnPruning: picking the columns an Expand keeps (the ones read above) is the Expand itself.
    if (child.name === 'Expand' && p.projectList.every((e) => e.kind === 'attribute')) {
      const present = p.projectList.filter((e) => child.output.some((a) => a.exprId === e.exprId));
      // (The Expand dropped the other columns because nothing above reads them.)
      if (present.length === child.output.length) return child;
    }
    // CollapseProject: columns picked from a projection the planner made (TimeWindowing) are its items.
    const items = projectItems.get(child);
    if (items && p.projectList.every((e) => e.kind === 'attribute')) {
      // Columns the scans pruned away (nothing reads them) drop out of the projection too.
      const picked = p.projectList.flatMap((e) => items.filter((i) => i.attr.exprId === e.exprId));
      if (p.projectList.every((e) => picked.some((i) => i.attr.exprId === e.exprId) || !referenced.has(e.exprId))) {
        const collapsed = planNode('Project', `[${picked.map((i) => i.text).join(', ')}]`, child.children, picked.map((i) => i.attr), true);
        projectItems.set(collapsed, picked);
        return collapsed;
      }
    }
    const node = planNode('Project', `[${p.projectList.map((e) => sparkExpressionString(e)).join(', ')}]`, [child], output, true);
    node.details = [fieldString('Output', output.map(attributeString)), fieldString('Input', child.output.map(attributeString))];
    return node;
  };

  const planWindow = (p: Extract<LogicalPlan, { kind: 'window' }>, renames: Map<number, Attribute>): SparkPlanNode => {
    const uses: Expression[] = p.functions.flatMap((f) => [...f.partitionBy, ...f.orderBy.map((o) => o.child), ...windowInputs(f.function)]);
    const child = pruned(build(p.child), [...uses, ...outputOf(p.child).filter((a) => referenced.has(a.exprId))]);
    const spec = p.functions[0];
    const partition = spec.partitionBy.map((e) => sparkExpressionString(e));
    const orders = spec.orderBy.map(orderString);
    const sortOrders = [...spec.partitionBy.map((e) => `${sparkExpressionString(e)} ASC NULLS FIRST`), ...orders];
    const shuffled = partition.length > 0 ? exchange(`hashpartitioning(${partition.join(', ')}, ${n})`, child) : exchange('SinglePartition', child);
    const sorted = sortOrders.length > 0 ? planNode('Sort', `[${sortOrders.join(', ')}], false, 0`, [shuffled], child.output, true) : shuffled;
    const outputs = p.functions.map((f) => renames.get(f.output.exprId) ?? f.output);
    const functions = p.functions.map((f, i) => `${windowFunctionString(f.function, partition, orders, f.frame)} AS ${attributeString(outputs[i])}`);
    return planNode('Window', `[${functions.join(', ')}], [${partition.join(', ')}], [${orders.join(', ')}]`, [sorted], [...child.output, ...outputs]);
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
    const info = stateInfo(opId);
    const shuffled = exchange(partitioning, agg('partial', child), 'REQUIRED_BY_STATEFUL_OPERATOR');
    const restore = planNode('StateStoreRestore', `${keys}, ${info}, 2`, [agg('merge', shuffled)], child.output);
    const save = planNode('StateStoreSave', `${keys}, ${info}, ${outputModeName()}, ${watermarks()}, 2`, [agg('merge', restore)], child.output);
    return agg('final', save);
  };

  const planJoin = (p: Extract<LogicalPlan, { kind: 'join' }>): SparkPlanNode => {
    const { keys, other } = extractEquiJoinKeys(p.condition, outputOf(p.left), outputOf(p.right));
    // InferFiltersFromConstraints: equi-join keys are not null on the sides whose rows must match.
    const inferLeft = ['inner', 'cross', 'left_semi', 'right_outer'].includes(p.joinType);
    const inferRight = ['inner', 'cross', 'left_semi', 'left_outer', 'left_anti'].includes(p.joinType);
    // The join condition's other null-intolerant predicates add their columns, after the keys.
    const otherAttrs = other.filter(nullIntolerant).flatMap(attributesOf);
    const notNullSide = (side: LogicalPlan, sideKeys: Expression[], infer: boolean): LogicalPlan => {
      const sideIds = new Set(outputOf(side).map((a) => a.exprId));
      const candidates = [...sideKeys.filter((k): k is Attribute => k.kind === 'attribute'), ...otherAttrs.filter((a) => sideIds.has(a.exprId))];
      const attrs = infer ? candidates.filter((a, i) => a.nullable && candidates.findIndex((b) => b.exprId === a.exprId) === i) : [];
      if (attrs.length === 0) return side;
      const notNull = attrs.map(isNotNull).reduce((a, b) => andOf(a, b));
      return side.kind === 'filter' ? { ...side, condition: andOf(side.condition, notNull) } : { kind: 'filter', condition: notNull, child: side };
    };
    const left = build(notNullSide(p.left, keys.map((k) => k.left), inferLeft));
    const right = build(notNullSide(p.right, keys.map((k) => k.right), inferRight));
    const nonNull = (e: Expression, infer: boolean): Expression => (infer && e.kind === 'attribute' ? { ...e, nullable: false } : e);
    const leftKeys = `[${keys.map((k) => sparkExpressionString(k.left)).join(', ')}]`;
    const rightKeys = `[${keys.map((k) => sparkExpressionString(k.right)).join(', ')}]`;
    const joinType = JOIN_TYPE_NAMES[p.joinType];
    const conditionText = other.length > 0 ? other.map((c) => sparkExpressionString(c)).reduce((a, b) => `(${a} AND ${b})`) : undefined;
    const output = outputOf(p);
    if (isStreamingPlan(p.left) && isStreamingPlan(p.right)) {
      const opId = nextStatefulOperatorId++;
      const l = exchange(`hashpartitioning(${keys.map((k) => sparkExpressionString(k.left)).join(', ')}, ${n})`, left, 'REQUIRED_BY_STATEFUL_OPERATOR');
      const r = exchange(`hashpartitioning(${keys.map((k) => sparkExpressionString(k.right)).join(', ')}, ${n})`, right, 'REQUIRED_BY_STATEFUL_OPERATOR');
      const cond = conditionText ?? 'null';
      return planNode('StreamingSymmetricHashJoin', `${leftKeys}, ${rightKeys}, ${joinType}, condition = [ leftOnly = null, rightOnly = null, both = ${cond}, full = ${cond} ], ${stateInfo(opId)}, ${watermarks()}, state cleanup [ left = null, right = null ], 2, ${outputModeName()}`, [l, r], output);
    }
    const rightSize = sparkFileRelationSize(p.right);
    const leftSize = sparkFileRelationSize(p.left);
    const threshold = options.autoBroadcastJoinThreshold;
    const canBuildRight = ['inner', 'cross', 'left_outer', 'left_semi', 'left_anti'].includes(p.joinType);
    const canBuildLeft = ['inner', 'cross', 'right_outer'].includes(p.joinType);
    const rightSmall = canBuildRight && threshold >= 0 && rightSize <= threshold;
    const leftSmall = canBuildLeft && threshold >= 0 && leftSize <= threshold;
    const buildRight = rightSmall && (!leftSmall || rightSize <= leftSize);
    const condition = conditionText ? `, ${conditionText}` : '';
    if (keys.length > 0 && (buildRight || leftSmall)) {
      const buildSide = buildRight ? right : left;
      const bound = keys.map((k) => (buildRight ? nonNull(k.right, inferRight) : nonNull(k.left, inferLeft))).map((k) => boundReference(k, buildSide.output)).join(', ');
      const broadcast = planNode('BroadcastExchange', `HashedRelationBroadcastMode(List(${bound}),false), [plan_id=${nextPlanId++}]`, [buildSide], buildSide.output);
      return planNode('BroadcastHashJoin', `${leftKeys}, ${rightKeys}, ${joinType}, ${buildRight ? 'BuildRight' : 'BuildLeft'}${condition}, false, false`, buildRight ? [left, broadcast] : [broadcast, right], output, true);
    }
    const sortSide = (side: SparkPlanNode, sideKeys: Expression[]): SparkPlanNode =>
      planNode('Sort', `[${sideKeys.map((k) => `${sparkExpressionString(k)} ASC NULLS FIRST`).join(', ')}], false, 0`, [exchange(`hashpartitioning(${sideKeys.map((k) => sparkExpressionString(k)).join(', ')}, ${n})`, side)], side.output, true);
    return planNode('SortMergeJoin', `${leftKeys}, ${rightKeys}, ${joinType}${condition}`, [sortSide(left, keys.map((k) => k.left)), sortSide(right, keys.map((k) => k.right))], output, true);
  };

  return withWatermarkDelays(delays, () => build(root));
}

/**
 * Spark's TimeWindowing: the i-th window containing the time (0 = the last one starting at or
 * before it) as Spark's expression tree prints it.
 */
function windowStructText(time: string, timeType: string, size: bigint, slide: bigint, start: bigint, i: bigint): string {
  const micros = `precisetimestampconversion(${time}, ${timeType}, LongType)`;
  const remainder = `((${micros} - ${start}) % ${slide})`;
  const lastStart = `(${micros} - CASE WHEN (${remainder} < 0) THEN (${remainder} + ${slide}) ELSE ${remainder} END)`;
  const windowStart = `(${lastStart} - ${i * slide})`;
  const windowEnd = `(${windowStart} + ${size})`;
  return `named_struct(start, knownnullable(precisetimestampconversion(${windowStart}, LongType, ${timeType})), end, knownnullable(precisetimestampconversion(${windowEnd}, LongType, ${timeType})))`;
}

const LONG_MIN = '-9223372036854775808';

const FILE_FORMATS = new Set(['json', 'csv', 'parquet', 'text', 'orc']);

/** The scan description Spark's DataSource V2 streams print (their Scan's class). */
const MICRO_BATCH_SCANS: Record<string, string> = {
  'rate-micro-batch': 'class org.apache.spark.sql.execution.streaming.sources.RatePerMicroBatchTable$$anon$1',
  rate: 'class org.apache.spark.sql.execution.streaming.sources.RateStreamTable$$anon$1',
  socket: 'class org.apache.spark.sql.execution.streaming.sources.TextSocketTable$$anon$1',
};

function andOf(a: Expression, b: Expression): Expression {
  return { kind: 'scalarCall', fn: { kind: 'scalar', name: 'and', resolve: () => { throw new Error('plan text only'); }, compile: () => () => null }, args: [a, b], dataType: a.dataType, nullable: true };
}

const JOIN_TYPE_NAMES: Record<string, string> = { inner: 'Inner', cross: 'Cross', left_outer: 'LeftOuter', right_outer: 'RightOuter', full_outer: 'FullOuter', left_semi: 'LeftSemi', left_anti: 'LeftAnti' };

function fileScan(format: string, files: readonly string[], output: Attribute[], dataFilters: string[], locationPaths?: readonly string[]): SparkPlanNode {
  const location = locationPaths ?? files;
  const readSchema = `struct<${output.map((a) => `${a.name}:${a.dataType.simpleString()}`).join(',')}>`;
  const node = planNode('FileScan', '', [], output);
  const render = (data: readonly string[], pushed: readonly string[]): string =>
    `${format} [${output.map(attributeString).join(',')}] Batched: ${format === 'parquet' || format === 'orc' ? 'true' : 'false'}, DataFilters: [${data.join(', ')}], Format: ${FORMAT_NAMES[format] ?? format.toUpperCase()}, Location: InMemoryFileIndex(${location.length} paths)[${location.map(fileUri).join(', ')}], PartitionFilters: [], PushedFilters: [${pushed.join(', ')}], ReadSchema: ${readSchema}`;
  const scan = node as ScanNode;
  scan.render = (data, pushed) => {
    scan.details = [
      fieldString('Output', output.map(attributeString)),
      `Batched: ${format === 'parquet' || format === 'orc' ? 'true' : 'false'}`,
      `Location: InMemoryFileIndex [${location.map(fileUri).join(', ')}]`,
      `PushedFilters: [${pushed.join(', ')}]`,
      `ReadSchema: ${readSchema}`,
    ];
    return render(data, pushed);
  };
  scan.formattedName = `Scan ${format} `;
  node.args = scan.render(dataFilters, []);
  return node;
}

interface ScanNode extends SparkPlanNode {
  render: (data: readonly string[], pushed: readonly string[]) => string;
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
  if ((name === 'or' || name === 'and') && a && b) {
    const l = sourceFilter(a);
    const r = sourceFilter(b);
    return l && r ? `${name === 'or' ? 'Or' : 'And'}(${l},${r})` : undefined;
  }
  if (!c || !a || !b) return undefined;
  if (a.kind === 'attribute' && b.kind === 'literal') return `${c[0]}(${a.name},${String(b.value)})`;
  if (b.kind === 'attribute' && a.kind === 'literal') return `${c[1]}(${b.name},${String(a.value)})`;
  return undefined;
}

/** Spark's InferFiltersFromConstraints: isnotnull(a) for each attribute a null-intolerant predicate reads, first. */
export function withInferredNotNull(condition: Expression): Expression[] {
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

/**
 * The attribute ids the plan reads, top-down from the root's output (Spark's ColumnPruning): what
 * scans must read. A projection's item counts only when something above reads it.
 */
function referencedIds(root: LogicalPlan, generateRequired?: Map<LogicalPlan, Set<number>>): Set<number> {
  const ids = new Set<number>(outputOf(root).map((a) => a.exprId));
  const add = (e: Expression): void => attributeIds(e).forEach((id) => ids.add(id));
  const visit = (p: LogicalPlan): void => {
    switch (p.kind) {
      case 'project':
        p.projectList.forEach((e) => {
          if (ids.has(e.exprId)) add(e);
        });
        break;
      case 'generate':
        // What the operators above read (a Generate keeps only those input columns).
        generateRequired?.set(p, new Set(ids));
        p.generator.args.forEach(add);
        break;
      case 'subqueryAlias':
      case 'limit':
      case 'offset':
      case 'localRelation':
      case 'streamingRelation':
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
        // Operators not modelled here read every column of their input.
        childrenOf(p).forEach((c) => outputOf(c).forEach((a) => ids.add(a.exprId)));
        break;
    }
    childrenOf(p).forEach(visit);
  };
  visit(root);
  return ids;
}

/** Expressions whose value changes per evaluation: Spark does not move them across operators. */
const NONDETERMINISTIC = new Set(['rand', 'randn', 'random', 'uuid', 'shuffle', 'monotonically_increasing_id', 'spark_partition_id', 'input_file_name', 'current_batch_id']);

function deterministic(e: Expression): boolean {
  if ((e.kind === 'scalarCall' || e.kind === 'aggregateCall' || e.kind === 'generatorCall') && NONDETERMINISTIC.has(e.fn.name.toLowerCase())) return false;
  return expressionChildren(e).every(deterministic);
}

/**
 * Spark's PushPredicateThroughNonJoin over a projection: Filter(Project(x)) becomes
 * Project(Filter(x)), the condition reading the aliases' expressions; undefined when the filter
 * does not sit on a deterministic projection.
 */
export function filterBelowProject(p: Extract<LogicalPlan, { kind: 'filter' }>): LogicalPlan | undefined {
  const below = p.child.kind === 'subqueryAlias' ? p.child.child : p.child;
  if (below.kind !== 'project' || !below.projectList.every(deterministic) || !deterministic(p.condition)) return undefined;
  const aliases = new Map(below.projectList.flatMap((e) => (e.kind === 'alias' ? [[e.exprId, e.child] as const] : [])));
  const condition = transformExpression(p.condition, (e) => (e.kind === 'attribute' ? aliases.get(e.exprId) : undefined));
  return { ...below, child: { kind: 'filter', condition, child: below.child } };
}

/**
 * Filters over a file stream (the shape whose aliasing Project a Union keeps): the same plan over a
 * relation of fresh attributes, as the micro-batch reads it, or undefined for any other shape.
 */
function freshRelationInput(p: LogicalPlan): { plan: LogicalPlan; original: Attribute[]; fresh: Attribute[]; relation: LogicalPlan; freshRelation: LogicalPlan } | undefined {
  if (p.kind === 'subqueryAlias') return freshRelationInput(p.child);
  if (p.kind === 'streamingRelation') {
    if (!FILE_FORMATS.has(p.source.format)) return undefined;
    const fresh = p.output.map((a) => ({ ...a, exprId: newExprId() }));
    const freshRelation = { ...p, output: fresh };
    return { plan: freshRelation, original: p.output, fresh, relation: p, freshRelation };
  }
  if (p.kind !== 'filter') return undefined;
  const inner = freshRelationInput(p.child);
  if (!inner) return undefined;
  const byId = new Map(inner.original.map((a, i) => [a.exprId, inner.fresh[i]]));
  const condition = transformExpression(p.condition, (e) => (e.kind === 'attribute' ? byId.get(e.exprId) : undefined));
  return { ...inner, plan: { ...p, condition, child: inner.plan } };
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

function windowFunctionString(fn: WindowFunctionSpec['function'], partition: string[], orders: string[], frame: { type: 'rows' | 'range'; lower: number | null; upper: number | null }): string {
  const bound = (b: number | null, lower: boolean): string => (b === null ? (lower ? 'unboundedpreceding$()' : 'unboundedfollowing$()') : b === 0 ? 'currentrow$()' : String(b));
  const frameText = `specifiedwindowframe(${frame.type === 'rows' ? 'RowFrame' : 'RangeFrame'}, ${bound(frame.lower, true)}, ${bound(frame.upper, false)})`;
  const call =
    fn.kind === 'aggregate'
      ? sparkExpressionString(fn.call)
      : fn.kind === 'offset'
        ? `${fn.name}(${sparkExpressionString(fn.input)}, ${fn.name === 'lag' ? -fn.offset : fn.offset}, ${sparkExpressionString(fn.default)})`
        : `${fn.name}(${fn.args.map((a) => sparkExpressionString(a)).join(', ')})`;
  return `${call} windowspecdefinition(${[...partition, ...orders, frameText].join(', ')})`;
}

function windowInputs(fn: WindowFunctionSpec['function']): Expression[] {
  if (fn.kind === 'aggregate') return [fn.call];
  if (fn.kind === 'offset') return [fn.input];
  return fn.args;
}

