// Logical -> physical. Runs once per query (or once per batch DataFrame action); expressions are
// compiled here, never per row.
import type { CompileContext } from '../expressions/function-definition';
import { isStreamingPlan, outputOf, type LogicalPlan, type StreamingRelation } from '../plans/logical-plan';
import { FilterExec, GenerateExec, LocalTableScanExec, ProjectExec, StreamingScanExec } from './basic-operators';
import { HashAggregateExec, StatefulAggregateExec } from './aggregate-exec';
import { aggregateInput, hasPartitionSensitiveAggregate, partitionwiseChain, type LocalPartitioning } from './aggregate-input-partitions';
import { PartitionwiseExec } from './partitionwise-exec';
import type { OutputMode, PhysicalOperator, Row } from './physical-operator';
import { SortExec } from './sort-exec';
import { LimitExec } from './limit-exec';
import { UnionExec } from './union-exec';
import { DeduplicateExec, StreamingDeduplicateExec, type DedupEventTime } from './deduplicate-exec';
import { EventTimeWatermarkExec } from './event-time-watermark-exec';
import { eventTimeColumns, singleEventTimeOrdinal } from '../plans/event-time';
import { SetOperationExec } from './set-operation-exec';
import { JoinExec, type JoinOrdering } from './join-exec';
import { broadcastThreshold, estimatedSize, hasSizeStatistics, rowsSize } from './join-strategy';
import { CollectMetricsExec } from './collect-metrics-exec';
import { InternalError } from '../errors/spark-exception';
import { AnalysisException } from '../errors/analysis-exception';
import { MergingSessionsExec, sessionWindowGroupingIndex } from './merging-sessions-exec';
import { ExpandExec } from './expand-exec';
import { StreamingGlobalLimitExec } from './streaming-global-limit-exec';
import { WindowExec } from './window-exec';
import { nonTimeWindowError } from '../analysis/unsupported-operation-checker';
import type { Attribute, Expression } from '../expressions/expression';
import { prettySql } from '../expressions/expression-sql';
import { StreamingSymmetricHashJoinExec } from './stream-stream-join-exec';
import { extractEquiJoinKeys, joinKeyOrdinalForWatermark } from '../plans/streaming-join-helper';
import { treeString } from '../plans/tree-string';
import { SessionWindowAggregateExec } from './session-window-aggregate-exec';
import { FlatMapGroupsWithStateExec } from './flat-map-groups-with-state-exec';
import { stateValueCodec } from './state-value-codec';
import { TransformWithStateExec, declaredStateVariables, type TransformWithStateAdapter } from './transform-with-state-exec';
import type { StateVariableInfo } from './stateful-processor-handle';
import type { StatefulProcessor } from './stateful-processor';

export interface PlannerOptions {
  compile: CompileContext;
  numShufflePartitions: number;
  /** Streaming relations in discovery order; their index is the source index. */
  streamingRelations?: StreamingRelation[];
  /**
   * Filled with one entry per stateful operator as it is planned: the engine checks them against
   * the checkpoint's `state/<id>/_metadata/schema`, so a changed stateful query fails clearly.
   */
  statefulOperators?: StatefulOperatorInfo[];
  /** The streaming query's output mode: a LIMIT on a stream in Append mode keeps state. */
  outputMode?: OutputMode;
  /** Batch queries: local relations' partitions, for aggregates whose result depends on them. */
  localPartitioning?: LocalPartitioning;
}

/** What a stateful operator keeps: its id, name and the schema of its state keys and values. */
export interface StatefulOperatorInfo {
  operatorId: number;
  operatorName: string;
  keySchema: StateSchemaField[];
  valueSchema: StateSchemaField[];
  /** Operators with processing-time timers: the earliest pending one (ms), for no-data batches. */
  pendingProcessingTimer?: () => number | undefined;
  /** transformWithState: the state variables (column families) and their schemas. */
  stateVariables?: StateVariableInfo[];
}

/** Names may change between runs (Spark allows it); count and types may not. */
export interface StateSchemaField {
  name: string;
  type: string;
}

function describeSchema(expressions: readonly Expression[]): StateSchemaField[] {
  return expressions.map((e) => ({ name: prettySql(e), type: e.dataType.simpleString() }));
}

export function planPhysical(plan: LogicalPlan, options: PlannerOptions): PhysicalOperator {
  let nextOperatorId = 0;
  // Watermark operators are numbered in pre-order, as Spark collects EventTimeWatermarkExec.
  let nextWatermarkId = 0;
  // Set while planning a chain that PartitionwiseExec runs per partition (not wrapped again).
  let insidePartitionwise = false;
  const plan0 = (p: LogicalPlan): PhysicalOperator => {
    // Projections and filters reading the input partition run partition by partition.
    if ((p.kind === 'project' || p.kind === 'filter') && !insidePartitionwise && options.localPartitioning && options.compile.partition) {
      const chain = partitionwiseChain(p, options.localPartitioning);
      if (chain) {
        insidePartitionwise = true;
        try {
          return new PartitionwiseExec(outputOf(p), plan0(chain.plan), chain.partitions, chain.setInput, options.compile.partition);
        } finally {
          insidePartitionwise = false;
        }
      }
    }
    switch (p.kind) {
      case 'streamingRelation': {
        const index = options.streamingRelations?.indexOf(p) ?? -1;
        if (index < 0) throw new InternalError('A streaming relation reached the batch planner.');
        return new StreamingScanExec(p.output, index);
      }
      case 'localRelation':
        return new LocalTableScanExec(p.output, p.data);
      case 'subqueryAlias':
        return plan0(p.child);
      case 'filter':
        return new FilterExec(p.condition, plan0(p.child), options.compile);
      case 'collectMetrics': {
        const child = plan0(p.child);
        // The metrics are a global aggregate over the rows passing through, planned once.
        let current: Row[] = [];
        const source: LogicalPlan = { kind: 'localRelation', name: 'CollectMetrics', output: outputOf(p.child), data: () => current };
        const aggregate = planPhysical({ kind: 'aggregate', groupingExpressions: [], aggregateExpressions: p.metrics, child: source }, { compile: options.compile, numShufflePartitions: options.numShufflePartitions });
        const run = (rows: Row[]): Row => {
          current = rows;
          try {
            return aggregate.execute({ sourceRows: [], batchId: 0, outputMode: 'append', stateMetrics: [] })[0];
          } finally {
            current = [];
          }
        };
        return new CollectMetricsExec(p.name, p.metrics, child, run, p.report);
      }
      case 'generate': {
        const child = plan0(p.child);
        return new GenerateExec([...child.output, ...p.generatorOutput], p.generator, p.outer, child, false, options.compile);
      }
      case 'project': {
        const output = outputOf(p);
        // A projection of only the generator's columns: skip copying the child's columns.
        if (p.child.kind === 'generate' && p.projectList.every((e) => e.kind === 'attribute' && (p.child as { generatorOutput: { exprId: number }[] }).generatorOutput.some((g) => g.exprId === e.exprId))) {
          const g = p.child;
          const child = plan0(g.child);
          const generate = new GenerateExec(g.generatorOutput, g.generator, g.outer, child, true, options.compile);
          if (sameAttributes(output, g.generatorOutput)) return generate;
          return new ProjectExec(output, p.projectList, generate, options.compile);
        }
        const child = plan0(p.child);
        if (sameAttributes(output, child.output)) return child;
        return new ProjectExec(output, p.projectList, child, options.compile);
      }
      case 'aggregate': {
        // GROUP BY session_window(...): merge each group's overlapping sessions first (batch only).
        const sessionIndex = sessionWindowGroupingIndex(p);
        if (sessionIndex >= 0 && isStreamingPlan(p.child)) {
          // Spark's AggUtils.planStreamingAggregationForSession: fails when the query starts.
          if (p.groupingExpressions.length === 1) throw new AnalysisException('Global aggregation with session window in streaming query is not supported.', { errorClass: '_LEGACY_ERROR_TEMP_3068' });
          const operatorId = nextOperatorId++;
          options.statefulOperators?.push({
            operatorId,
            operatorName: 'sessionWindowStateStoreSaveExec',
            keySchema: describeSchema(p.groupingExpressions.filter((_, i) => i !== sessionIndex)),
            valueSchema: describeSchema([p.groupingExpressions[sessionIndex], ...p.aggregateExpressions.filter((e) => !p.groupingExpressions.includes(e))]),
          });
          return new SessionWindowAggregateExec(outputOf(p), p.groupingExpressions, p.aggregateExpressions, sessionIndex, plan0(p.child), operatorId, options.numShufflePartitions, options.compile, isEventTimeGrouping(p, sessionIndex));
        }
        const child = sessionIndex < 0 ? plan0(p.child) : new MergingSessionsExec(p.groupingExpressions, sessionIndex, plan0(p.child), options.compile);
        const output = outputOf(p);
        if (isStreamingPlan(p.child)) {
          const operatorId = nextOperatorId++;
          options.statefulOperators?.push({
            operatorId,
            operatorName: 'stateStoreSave',
            keySchema: describeSchema(p.groupingExpressions),
            valueSchema: describeSchema(p.aggregateExpressions.filter((e) => !p.groupingExpressions.includes(e))),
          });
          // The first event-time grouping column drives late-row dropping and eviction.
          const eventTime = eventTimeColumns(p.child);
          // The state store's input is the grouping keys (and buffers): two event-time keys are refused.
          singleEventTimeOrdinal(p.groupingExpressions.filter((g): g is Attribute => g.kind === 'attribute'), eventTime);
          const index = p.groupingExpressions.findIndex((g) => g.kind === 'attribute' && eventTime.has(g.exprId));
          const eventTimeKey = index < 0 ? undefined : { index, isWindow: p.groupingExpressions[index].dataType.typeName() === 'struct' };
          return new StatefulAggregateExec(output, p.groupingExpressions, p.aggregateExpressions, child, operatorId, options.numShufflePartitions, options.compile, eventTimeKey);
        }
        // percentile_approx merges per-partition digests: the input is aggregated partition by partition.
        const input = options.localPartitioning && sessionIndex < 0 && hasPartitionSensitiveAggregate(p.aggregateExpressions) ? aggregateInput(p.child, options.localPartitioning) : undefined;
        if (input) {
          const partitionedChild = plan0(input.child);
          return new HashAggregateExec(output, p.groupingExpressions, p.aggregateExpressions, partitionedChild, options.numShufflePartitions, options.compile, input.partitions);
        }
        return new HashAggregateExec(output, p.groupingExpressions, p.aggregateExpressions, child, options.numShufflePartitions, options.compile);
      }
      case 'sort':
        return new SortExec(p.orders, plan0(p.child), options.compile);
      case 'window':
        if (isStreamingPlan(p.child)) throw nonTimeWindowError(p.functions[0].sql, p.functions[0].columnName ?? p.functions[0].output.name);
        return new WindowExec(p.functions, plan0(p.child), options.compile);
      case 'limit':
        // Spark's StreamingGlobalLimitStrategy: in Append mode a limit counts rows across batches.
        if (options.outputMode === 'append' && p.child.kind !== 'offset' && isStreamingPlan(p.child)) {
          const operatorId = nextOperatorId++;
          options.statefulOperators?.push({ operatorId, operatorName: 'globalLimit', keySchema: [], valueSchema: [{ name: 'count', type: 'bigint' }] });
          return new StreamingGlobalLimitExec(p.limit, plan0(p.child), operatorId);
        }
        // OFFSET below LIMIT folds into one operator (Spark's LIMIT x OFFSET y).
        if (p.child.kind === 'offset') return new LimitExec(plan0(p.child.child), p.child.offset, p.limit);
        return new LimitExec(plan0(p.child), 0, p.limit);
      case 'offset':
        return new LimitExec(plan0(p.child), p.offset, undefined);
      case 'union':
        return new UnionExec(p.output, p.children.map(plan0));
      case 'deduplicate': {
        const child = plan0(p.child);
        if (!isStreamingPlan(p.child)) return new DeduplicateExec(p.keys, child);
        const operatorId = nextOperatorId++;
        options.statefulOperators?.push({
          operatorId,
          operatorName: p.withinWatermark ? 'dedupeWithinWatermark' : 'dedupe',
          keySchema: describeSchema(p.keys),
          valueSchema: [],
        });
        return new StreamingDeduplicateExec(p.keys, child, operatorId, options.numShufflePartitions, dedupEventTime(p.child, p.keys, child.output), p.withinWatermark === true);
      }
      case 'eventTimeWatermark': {
        // withWatermark on a batch plan is a no-op (Spark's EliminateEventTimeWatermark).
        if (!isStreamingPlan(p.child)) return plan0(p.child);
        const id = nextWatermarkId++;
        return new EventTimeWatermarkExec(plan0(p.child), p.eventTime, p.delayMs, id);
      }
      case 'flatMapGroupsWithState': {
        const child = plan0(p.child);
        const initial = p.initialState ? plan0(p.initialState.plan) : undefined;
        return planFlatMapGroupsWithState(p, child, initial, isStreamingPlan(p.child) ? nextOperatorId++ : -1, options);
      }
      case 'transformWithState': {
        const child = plan0(p.child);
        const initial = p.initialState ? plan0(p.initialState.plan) : undefined;
        return planTransformWithState(p, child, initial, isStreamingPlan(p.child) ? nextOperatorId++ : -1, options);
      }
      case 'expand':
        return new ExpandExec(p.output, p.projections, plan0(p.child), options.compile);
      case 'except':
      case 'intersect':
        return new SetOperationExec(p.kind, p.isAll, plan0(p.left), plan0(p.right));
      case 'join': {
        const left = plan0(p.left);
        const right = plan0(p.right);
        if (isStreamingPlan(p.left) && isStreamingPlan(p.right)) {
          // Two consecutive operator ids: one state store per side (see stream-stream-join-exec.ts).
          const leftOperatorId = nextOperatorId;
          nextOperatorId += 2;
          return streamStreamJoin(p, left, right, leftOperatorId, options);
        }
        // A stream-static join in a micro-batch orders its rows as Spark's chosen physical join.
        const ordering = isStreamingPlan(p.left) !== isStreamingPlan(p.right) ? joinOrdering(p, plan, options) : undefined;
        return new JoinExec(outputOf(p), p.joinType, p.condition, left, right, options.compile, ordering);
      }
    }
  };
  return plan0(plan);
}

function joinOrdering(p: Extract<LogicalPlan, { kind: 'join' }>, root: LogicalPlan, options: PlannerOptions): JoinOrdering {
  const sizeOf = (side: LogicalPlan) => (hasSizeStatistics(side) ? (rows: number) => estimatedSize(side, rows) : () => Infinity);
  return {
    leftSize: sizeOf(p.left),
    rightSize: sizeOf(p.right),
    broadcastThreshold: broadcastThreshold(options.compile.conf?.('spark.sql.autoBroadcastJoinThreshold')),
    numShufflePartitions: options.numShufflePartitions,
    shuffledSize: rowsSize,
    adaptive: !hasStatefulOperator(root),
  };
}

/** Spark runs a micro-batch with adaptive execution only when no stateful operator needs fixed partitions. */
function hasStatefulOperator(plan: LogicalPlan): boolean {
  const p = plan as unknown as { child?: LogicalPlan; left?: LogicalPlan; right?: LogicalPlan; children?: LogicalPlan[] };
  switch (plan.kind) {
    case 'aggregate':
    case 'deduplicate':
    case 'flatMapGroupsWithState':
    case 'transformWithState':
    case 'limit':
      if (isStreamingPlan(plan)) return true;
      break;
    case 'join':
      if (isStreamingPlan(plan.left) && isStreamingPlan(plan.right)) return true;
      break;
    default:
      break;
  }
  const children = p.children ?? (p.left && p.right ? [p.left, p.right] : p.child ? [p.child] : []);
  return children.some(hasStatefulOperator);
}

/** Spark's StreamingJoinStrategy: a join of two streams needs an equality between the sides. */
function streamStreamJoin(p: Extract<LogicalPlan, { kind: 'join' }>, left: PhysicalOperator, right: PhysicalOperator, leftOperatorId: number, options: PlannerOptions): PhysicalOperator {
  const { keys, other } = extractEquiJoinKeys(p.condition, left.output, right.output);
  if (keys.length === 0) throw new AnalysisException('Stream-stream join without equality predicate is not supported', { plan: treeString(p).trimEnd() });
  // A cross join with an equality condition is an inner join (Spark's InnerLike).
  const joinType = p.joinType === 'cross' ? 'inner' : p.joinType;
  if (joinType !== 'inner' && joinType !== 'left_outer' && joinType !== 'right_outer' && joinType !== 'full_outer' && joinType !== 'left_semi') {
    throw new InternalError(`Join type ${joinType} reached the stream-stream join planner.`);
  }
  const leftEventTime = eventTimeColumns(p.left);
  const rightEventTime = eventTimeColumns(p.right);
  const rightOperatorId = leftOperatorId + 1;
  const valueSchema = (attrs: readonly { name: string; dataType: { simpleString(): string } }[]): StateSchemaField[] => [...attrs.map((a) => ({ name: a.name, type: a.dataType.simpleString() })), { name: 'matched', type: 'boolean' }];
  options.statefulOperators?.push(
    { operatorId: leftOperatorId, operatorName: 'symmetricHashJoin-left', keySchema: describeSchema(keys.map((k) => k.left)), valueSchema: valueSchema(left.output) },
    { operatorId: rightOperatorId, operatorName: 'symmetricHashJoin-right', keySchema: describeSchema(keys.map((k) => k.right)), valueSchema: valueSchema(right.output) },
  );
  return new StreamingSymmetricHashJoinExec(
    outputOf(p),
    {
      joinType,
      leftKeys: keys.map((k) => k.left),
      rightKeys: keys.map((k) => k.right),
      nullSafe: keys.map((k) => k.nullSafe),
      otherCondition: other,
      leftOperatorId,
      rightOperatorId,
      numPartitions: options.numShufflePartitions,
      leftEventTime,
      rightEventTime,
      keyWatermarkOrdinal: joinKeyOrdinalForWatermark(keys, new Set([...leftEventTime.keys(), ...rightEventTime.keys()])),
    },
    left,
    right,
    options.compile,
  );
}

/** The dedup input's event-time column (the first one, as Spark's WatermarkSupport finds it). */
function dedupEventTime(child: LogicalPlan, keys: readonly { exprId: number }[], childOutput: readonly { exprId: number; dataType: { typeName(): string } }[]): DedupEventTime | undefined {
  const delays = eventTimeColumns(child);
  const ordinal = singleEventTimeOrdinal(childOutput as Attribute[], delays);
  if (ordinal < 0) return undefined;
  const attr = childOutput[ordinal];
  return { ordinal, isWindow: attr.dataType.typeName() === 'struct', inKeys: keys.some((k) => k.exprId === attr.exprId), delayMs: delays.get(attr.exprId)! };
}

function sameAttributes(a: readonly { exprId: number; name: string }[], b: readonly { exprId: number; name: string }[]): boolean {
  return a.length === b.length && a.every((x, i) => x.exprId === b[i].exprId && x.name === b[i].name);
}

function planFlatMapGroupsWithState(p: Extract<LogicalPlan, { kind: 'flatMapGroupsWithState' }>, child: PhysicalOperator, initial: PhysicalOperator | undefined, operatorId: number, options: PlannerOptions): PhysicalOperator {
  const childOutput = child.output;
  const ordinals = p.groupingAttributes.map((g) => childOutput.findIndex((a) => a.exprId === g.exprId));
  if (ordinals.some((o) => o < 0)) throw new InternalError('A grouping attribute of flatMapGroupsWithState is not in its input.');
  const delays = eventTimeColumns(p.child);
  // Only an event-time timeout reads the event-time column (Spark's late-row predicate).
  const etOrdinal = p.timeout === 'EventTimeTimeout' ? singleEventTimeOrdinal(childOutput as Attribute[], delays) : childOutput.findIndex((a) => delays.has(a.exprId));
  const exec = new FlatMapGroupsWithStateExec(
    p.output,
    {
      api: p.api,
      func: p.func,
      groupingOrdinals: ordinals,
      groupingTypes: p.groupingAttributes.map((g) => g.dataType),
      timeout: p.timeout,
      codec: stateValueCodec(p.stateType),
      eventTime: etOrdinal < 0 ? undefined : { ordinal: etOrdinal, isWindow: childOutput[etOrdinal].dataType.typeName() === 'struct' },
      initialState: p.initialState && initial ? initialStateOf(p.initialState, initial) : undefined,
    },
    child,
    operatorId,
    options.numShufflePartitions,
    operatorId >= 0,
  );
  if (operatorId >= 0) {
    options.statefulOperators?.push({
      operatorId,
      operatorName: p.api === 'applyInPandasWithState' ? 'applyInPandasWithState' : 'flatMapGroupsWithState',
      keySchema: p.groupingAttributes.map((a) => ({ name: a.name, type: a.dataType.simpleString() })),
      valueSchema: p.stateType ? [...p.stateType.fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() })), { name: 'timeoutTimestamp', type: 'bigint' }] : [{ name: 'value', type: 'any' }, { name: 'timeoutTimestamp', type: 'bigint' }],
      pendingProcessingTimer: () => exec.pendingProcessingTimeout(),
    });
  }
  return exec;
}

function initialStateOf(
  spec: NonNullable<Extract<LogicalPlan, { kind: 'flatMapGroupsWithState' }>['initialState']>,
  initial: PhysicalOperator,
): { plan: PhysicalOperator; groupingOrdinals: number[]; stateValue: (row: readonly unknown[]) => unknown } {
  const io = spec.groupingAttributes.map((g) => initial.output.findIndex((a) => a.exprId === g.exprId));
  if (io.some((o) => o < 0)) throw new InternalError('A grouping attribute of the initial state is not in its plan.');
  return { plan: initial, groupingOrdinals: io, stateValue: spec.stateValue };
}

/** Whether the aggregate's grouping expression at `index` is an event-time (watermarked) column. */
function isEventTimeGrouping(p: Extract<LogicalPlan, { kind: 'aggregate' }>, index: number): boolean {
  const g = p.groupingExpressions[index];
  return g.kind === 'attribute' && eventTimeColumns(p.child).has(g.exprId);
}

function planTransformWithState(p: Extract<LogicalPlan, { kind: 'transformWithState' }>, child: PhysicalOperator, initial: PhysicalOperator | undefined, operatorId: number, options: PlannerOptions): PhysicalOperator {
  const childOutput = child.output;
  const ordinals = p.groupingAttributes.map((g) => childOutput.findIndex((a) => a.exprId === g.exprId));
  if (ordinals.some((o) => o < 0)) throw new InternalError('A grouping attribute of transformWithState is not in its input.');
  const delays = eventTimeColumns(p.child);
  const etOrdinal = p.timeMode === 'EventTime' ? singleEventTimeOrdinal(childOutput as Attribute[], delays) : -1;
  let initialState: { plan: PhysicalOperator; groupingOrdinals: number[] } | undefined;
  if (p.initialState && initial) {
    const io = p.initialState.groupingAttributes.map((g) => initial.output.findIndex((a) => a.exprId === g.exprId));
    if (io.some((o) => o < 0)) throw new InternalError('A grouping attribute of the initial state is not in its plan.');
    initialState = { plan: initial, groupingOrdinals: io };
  }
  const exec = new TransformWithStateExec(
    p.output,
    {
      processor: p.processor as StatefulProcessor,
      adapter: p.adapter as TransformWithStateAdapter,
      timeMode: p.timeMode,
      groupingOrdinals: ordinals,
      groupingTypes: p.groupingAttributes.map((g) => g.dataType),
      eventTime: etOrdinal < 0 ? undefined : { ordinal: etOrdinal, isWindow: childOutput[etOrdinal].dataType.typeName() === 'struct' },
      initialState,
    },
    child,
    operatorId,
    options.numShufflePartitions,
    operatorId >= 0,
  );
  if (operatorId >= 0) {
    options.statefulOperators?.push({
      operatorId,
      operatorName: 'transformWithStateExec',
      keySchema: p.groupingAttributes.map((a) => ({ name: a.name, type: a.dataType.simpleString() })),
      valueSchema: [{ name: 'state', type: 'any' }],
      pendingProcessingTimer: () => exec.pendingProcessingTimer(),
      stateVariables: declaredStateVariables(p.processor as StatefulProcessor, p.timeMode),
    });
  }
  return exec;
}
