// Spark's UnsupportedOperationChecker: which streaming plans each output mode accepts, with
// Spark's exact AnalysisException texts (legacy class, message followed by the plan).
import { AnalysisException } from '../errors/analysis-exception';
import { childrenOf, collectNodes, isStreamingPlan, outputOf, type LogicalPlan } from '../plans/logical-plan';
import { extractEquiJoinKeys, getStateValueWatermark } from '../plans/streaming-join-helper';
import { treeString } from '../plans/tree-string';
import { eventTimeColumns, hasEventTimeColumn } from '../plans/event-time';
import { forEachExpression, someExpression, type Expression } from '../expressions/expression';
import type { OutputMode } from '../plans/output-mode';
import { sessionWindowGroupingIndex } from '../plans/session-window-grouping';

function fail(message: string, plan: LogicalPlan): never {
  throw new AnalysisException(message, { errorClass: '_LEGACY_ERROR_TEMP_3102', messageParameters: { msg: message }, plan: treeString(plan).trimEnd() });
}

export function modeName(mode: OutputMode): string {
  return mode === 'append' ? 'Append' : mode === 'update' ? 'Update' : 'Complete';
}

export interface StreamingCheckOptions {
  /** spark.sql.streaming.statefulOperator.checkCorrectness.enabled (default true). */
  checkCorrectness?: boolean;
}

export function checkStreamingPlan(plan: LogicalPlan, outputMode: OutputMode, options: StreamingCheckOptions = {}): void {
  const windows = collectNodes(plan, 'window').filter((w) => isStreamingPlan(w.child));
  if (windows.length > 0) {
    const f = windows[0].functions[0];
    throw nonTimeWindowError(f.sql, f.columnName ?? f.output.name);
  }
  const aggregates = collectNodes(plan, 'aggregate').filter((a) => isStreamingPlan(a));
  if (outputMode === 'append' && aggregates.length > 0) {
    // The outermost aggregation must group by an event-time column (or a window on one):
    // without a watermark a group is never final, so append mode would never emit it.
    const head = aggregates[0];
    const eventTime = eventTimeColumns(head.child);
    if (!head.groupingExpressions.some((g) => g.kind === 'attribute' && eventTime.has(g.exprId))) {
      // Spark 4.2's text (recorded by the oracle: oracle/scenarios/errors/append-aggregation-without-watermark).
      throw new AnalysisException('Invalid streaming output mode: append. This output mode is not supported for streaming aggregations without watermark on streaming DataFrames/DataSets.', {
        errorClass: 'STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION',
        sqlState: '42KDE',
        messageParameters: { outputMode: 'append', operation: 'streaming aggregations without watermark' },
      });
    }
  }
  // Spark 4.2 refuses Update mode for session windows (with or without watermark).
  if (outputMode === 'update' && aggregates.some((a) => isStreamingPlan(a.child) && sessionWindowGroupingIndex(a) >= 0)) {
    throw new AnalysisException('Invalid streaming output mode: update. This output mode is not supported for session window streaming aggregations on streaming DataFrames/DataSets.', {
      errorClass: 'STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION',
      sqlState: '42KDE',
      messageParameters: { outputMode: 'update', operation: 'session window streaming aggregations' },
    });
  }
  if (outputMode === 'complete' && aggregates.length === 0) {
    // Spark 4.2 names this one with an error class of its own (and no plan).
    throw new AnalysisException('Invalid streaming output mode: complete. This output mode is not supported for no streaming aggregations on streaming DataFrames/DataSets.', {
      errorClass: 'STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION',
      sqlState: '42KDE',
      messageParameters: { outputMode: 'complete', operation: 'no streaming aggregations' },
    });
  }
  checkOperators(plan, plan, outputMode);
  if (options.checkCorrectness !== false) checkGlobalWatermarkLimit(plan, outputMode);
}

/** Spark's checkForBatch: dropDuplicatesWithinWatermark has no meaning without a stream. */
export function checkBatchPlan(plan: LogicalPlan): void {
  for (const d of collectNodes(plan, 'deduplicate')) {
    if (d.withinWatermark) {
      throw new AnalysisException('dropDuplicatesWithinWatermark is not supported with batch DataFrames/DataSets', {
        errorClass: '_LEGACY_ERROR_TEMP_3102',
        messageParameters: { msg: 'dropDuplicatesWithinWatermark is not supported with batch DataFrames/DataSets' },
        plan: treeString(d).trimEnd(),
      });
    }
  }
}

/** Spark supports these on streams, Rivulet does not yet: say so rather than compute per batch. */
function notYet(what: string, plan: LogicalPlan): never {
  throw new AnalysisException(`${what} on streaming DataFrames/Datasets is not supported by Rivulet yet.`, {
    errorClass: 'UNSUPPORTED_FEATURE',
    sqlState: '0A000',
    plan: treeString(plan).trimEnd(),
  });
}

function hasAggregateBelow(p: LogicalPlan): boolean {
  return collectNodes(p, 'aggregate').some((a) => isStreamingPlan(a.child));
}

/** Spark's `plan.foreachUp`: children are checked before their parent. */
function checkOperators(node: LogicalPlan, root: LogicalPlan, mode: OutputMode): void {
  for (const c of childrenOf(node)) checkOperators(c, root, mode);
  const streaming = isStreamingPlan(node);
  if (!streaming) return;
  switch (node.kind) {
    case 'aggregate':
      if (isStreamingPlan(node.child) && node.aggregateExpressions.some(hasDistinctAggregate)) {
        fail('Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.', root);
      }
      break;
    case 'sort':
      if (!(mode === 'complete' && hasAggregateBelow(node.child))) {
        fail('Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode', root);
      }
      break;
    case 'limit':
      if (mode === 'update') fail('Limits are not supported on streaming DataFrames/Datasets in Update output mode', root);
      break;
    case 'offset':
      fail('Offset is not supported on streaming DataFrames/Datasets', root);
      break;
    case 'filter':
      if (node.sample) fail('Sampling is not supported on streaming DataFrames/Datasets', root);
      break;
    case 'union':
      if (node.children.some((c) => !isStreamingPlan(c))) fail('Union between streaming and batch DataFrames/Datasets is not supported', root);
      break;
    case 'intersect':
      fail('Intersect of streaming DataFrames/Datasets is not supported', root);
      break;
    case 'except':
      if (isStreamingPlan(node.right)) fail('Except on a streaming DataFrame/Dataset on the right is not supported', root);
      notYet('Except', root);
      break;
    case 'deduplicate':
      if (node.withinWatermark && !hasEventTimeColumn(node.child)) {
        fail('dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark', root);
      }
      break;
    case 'join':
      checkJoin(node, root, mode);
      break;
    case 'flatMapGroupsWithState':
      checkFlatMapGroupsWithState(node, root, mode);
      break;
    default:
      break;
  }
}

function hasDistinctAggregate(e: Expression): boolean {
  return someExpression(e, (x) => x.kind === 'aggregateCall' && x.distinct);
}

/** Spark's checks of [flat]MapGroupsWithState / applyInPandasWithState against the query. */
function checkFlatMapGroupsWithState(node: Extract<LogicalPlan, { kind: 'flatMapGroupsWithState' }>, root: LogicalPlan, mode: OutputMode): void {
  const streamingAggregates = (p: LogicalPlan) => collectNodes(p, 'aggregate').filter((a) => isStreamingPlan(a));
  const aggsInQuery = streamingAggregates(root);
  const name = node.api;
  if (node.initialState && isStreamingPlan(node.initialState.plan) && isStreamingPlan(node.child)) {
    fail('Non-streaming DataFrame/Dataset is not supported as the initial state in [flatMap|map]GroupsWithState operation on a streaming DataFrame/Dataset', node);
  }
  if (name === 'mapGroupsWithState') {
    if (aggsInQuery.length > 0) fail('mapGroupsWithState is not supported with aggregation on a streaming DataFrame/Dataset', node);
    if (mode !== 'update') fail(`mapGroupsWithState is not supported with ${modeName(mode)} output mode on a streaming DataFrame/Dataset`, node);
  } else if (aggsInQuery.length === 0) {
    // Without aggregation, the function's output mode must be the query's.
    if (node.outputMode !== mode) fail(`${name} in ${node.outputMode} mode is not supported with ${modeName(mode)} output mode on a streaming DataFrame/Dataset`, node);
  } else if (node.outputMode === 'update') {
    fail(`${name} in update mode is not supported with aggregation on a streaming DataFrame/Dataset`, node);
  } else if (streamingAggregates(node).length > 0) {
    fail(`${name} in append mode is not supported after aggregation on a streaming DataFrame/Dataset`, node);
  }
  if (node.timeout === 'EventTimeTimeout' && !hasEventTimeColumn(node.child)) {
    const where = name === 'applyInPandasWithState' ? 'applyInPandasWithState' : '[map|flatMap]GroupsWithState';
    fail(`Watermark must be specified in the query using '[Dataset/DataFrame].withWatermark()' for using event-time timeout in a ${where}. Event-time timeout not supported without watermark.`, root);
  }
}

/** Stateful operators in Spark's isStatefulOperation sense (dedup only with an event-time key). */
function isStatefulOperation(p: LogicalPlan): boolean {
  switch (p.kind) {
    case 'aggregate':
    case 'flatMapGroupsWithState':
    case 'transformWithState':
      return isStreamingPlan(p);
    case 'join':
      return isStreamingPlan(p.left) && isStreamingPlan(p.right);
    case 'deduplicate': {
      if (!isStreamingPlan(p)) return false;
      if (p.withinWatermark) return true;
      const eventTime = eventTimeColumns(p.child);
      return p.keys.some((k) => eventTime.has(k.exprId));
    }
    default:
      return false;
  }
}

/**
 * Spark's checkStreamingQueryGlobalWatermarkLimit: an aggregation that emits in Update/Complete
 * mode can emit rows behind the global watermark, which a stateful operator above would drop.
 */
function checkGlobalWatermarkLimit(plan: LogicalPlan, mode: OutputMode): void {
  const visit = (p: LogicalPlan): void => {
    if (isStatefulOperation(p) && mode !== 'append') {
      const below = childrenOf(p).some((c) => collectNodes(c, 'aggregate').some((a) => isStreamingPlan(a)));
      if (below) {
        fail(
          "Detected pattern of possible 'correctness' issue due to global watermark. The query contains stateful operation which can emit rows older than the current watermark plus allowed late record delay, which are \"late rows\" in downstream stateful operations and these rows can be discarded. Please refer the programming guide doc for more details. If you understand the possible risk of correctness issue and still need to run the query, you can disable this check by setting the config `spark.sql.streaming.statefulOperator.checkCorrectness.enabled` to false.",
          plan,
        );
      }
    }
    childrenOf(p).forEach(visit);
  };
  visit(plan);
}

function checkJoin(node: Extract<LogicalPlan, { kind: 'join' }>, root: LogicalPlan, mode: OutputMode): void {
  const left = isStreamingPlan(node.left);
  const right = isStreamingPlan(node.right);
  const both = left && right;
  // Stream-stream errors name the join itself, as Spark's (the implicit plan there is the join).
  // Spark 4.2 starts a stream-stream join in Update mode (verified against PySpark 4.2.0: no error
  // at start or while it runs); Complete is still refused.
  if (both && mode === 'complete') fail(`Join between two streaming DataFrames/Datasets is not supported in ${modeName(mode)} output mode, only in Append output mode`, node);
  switch (node.joinType) {
    case 'full_outer':
      if (both) checkStreamStreamJoinWatermark(node);
      else fail(`FullOuter joins with streaming DataFrames/Datasets on the ${left ? 'left' : 'right'} and a static DataFrame/Dataset on the ${left ? 'right' : 'left'} is not supported`, root);
      break;
    case 'left_outer':
    case 'left_semi':
      if (both) checkStreamStreamJoinWatermark(node);
      else if (right) fail(`${sparkJoinTypeName(node.joinType)} join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported`, root);
      break;
    case 'left_anti':
      if (right) fail('LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported', root);
      break;
    case 'right_outer':
      if (both) checkStreamStreamJoinWatermark(node);
      else if (left) fail('RightOuter join with a streaming DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported', root);
      break;
    default:
      break;
  }
}

/** Spark's JoinType names, as its messages print them. */
function sparkJoinTypeName(t: Extract<LogicalPlan, { kind: 'join' }>['joinType']): string {
  const names: Record<string, string> = { inner: 'Inner', cross: 'Cross', left_outer: 'LeftOuter', right_outer: 'RightOuter', full_outer: 'FullOuter', left_semi: 'LeftSemi', left_anti: 'LeftAnti' };
  return names[t] ?? t;
}

/**
 * Spark's checkForStreamStreamJoinWatermark: an outer (or semi) stream-stream join must be able to
 * evict state — a watermarked column among the join keys, or a range condition giving the
 * nullable side's state a watermark (found with a dummy watermark, as Spark does).
 */
function checkStreamStreamJoinWatermark(join: Extract<LogicalPlan, { kind: 'join' }>): void {
  const leftOut = outputOf(join.left);
  const rightOut = outputOf(join.right);
  const leftEventTime = eventTimeColumns(join.left);
  const rightEventTime = eventTimeColumns(join.right);
  const { keys } = extractEquiJoinKeys(join.condition, leftOut, rightOut);
  const watermarkInJoinKeys = keys.some((k) => (k.left.kind === 'attribute' && leftEventTime.has(k.left.exprId)) || (k.right.kind === 'attribute' && rightEventTime.has(k.right.exprId)));
  const leftIds = new Set(leftOut.map((a) => a.exprId));
  const rightIds = new Set(rightOut.map((a) => a.exprId));
  const leftBounded = () => getStateValueWatermark(leftIds, new Set(rightEventTime.keys()), join.condition, 1000000) !== undefined;
  const rightBounded = () => getStateValueWatermark(rightIds, new Set(leftEventTime.keys()), join.condition, 1000000) !== undefined;
  const hasValidWatermarkRange = join.joinType === 'right_outer' ? rightBounded() : join.joinType === 'full_outer' ? leftBounded() || rightBounded() : leftBounded();
  if (!watermarkInJoinKeys && !hasValidWatermarkRange) {
    fail(
      `Stream-stream ${sparkJoinTypeName(join.joinType)} join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys, or a watermark on the nullable side and an appropriate range condition`,
      join,
    );
  }
}

/** Spark's UnsupportedOperationChecker on (non-time) window functions over streams. */
export function nonTimeWindowError(windowFunc: string, columnName: string): AnalysisException {
  const spec = windowFunc.slice(windowFunc.indexOf(' OVER (') + 7, -1);
  const func = windowFunc.slice(0, windowFunc.indexOf(' OVER ('));
  return new AnalysisException(
    `Window function is not supported in ${func} (as column \`${columnName}\`) on streaming DataFrames/Datasets. Structured Streaming only supports time-window aggregation using the WINDOW function. (window specification: ${spec})`,
    { errorClass: 'NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING', sqlState: '42KDE', messageParameters: { windowFunc: func, columnName: `\`${columnName}\``, windowSpec: spec } },
  );
}

export function streamingActionError(plan: LogicalPlan): AnalysisException {
  return new AnalysisException('Queries with streaming sources must be executed with writeStream.start(), or from a streaming table or flow definition within a Spark Declarative Pipeline.', {
    errorClass: '_LEGACY_ERROR_TEMP_3102',
    plan: treeString(plan).trimEnd(),
  });
}
