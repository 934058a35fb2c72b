// Spark's UnsupportedOperationChecker: which streaming plans each output mode accepts, with
// Spark's exact AnalysisException texts (legacy class, message followed by the plan).
import { AnalysisException } from '../errors/analysis-exception';
import { childrenOf, collectNodes, isStreamingPlan, type LogicalPlan } from '../plans/logical-plan';
import { treeString } from '../plans/tree-string';
import type { OutputMode } from '../plans/output-mode';

function fail(message: string, plan: LogicalPlan): never {
  throw new AnalysisException(message, { errorClass: '_LEGACY_ERROR_TEMP_3102', messageParameters: { msg: message }, plan: treeString(plan).trimEnd() });
}

export function modeName(mode: OutputMode): string {
  return mode === 'append' ? 'Append' : mode === 'update' ? 'Update' : 'Complete';
}

export function checkStreamingPlan(plan: LogicalPlan, outputMode: OutputMode): void {
  const aggregates = collectNodes(plan, 'aggregate');
  for (const agg of aggregates) {
    for (const e of agg.aggregateExpressions) {
      const text = JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      if (text.includes('"distinct":true')) {
        fail('Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.', plan);
      }
    }
  }
  if (aggregates.length > 1 && outputMode !== 'append') {
    fail('Multiple streaming aggregations are not supported with streaming DataFrames/Datasets', plan);
  }
  if (outputMode === 'complete' && aggregates.length === 0) {
    fail('Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets', plan);
  }
  if (outputMode === 'append' && aggregates.length > 0) {
    // No watermarks yet: every streaming aggregation in append mode lacks one.
    fail('Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark', plan);
  }
  checkOperators(plan, plan, outputMode);
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

function checkOperators(node: LogicalPlan, root: LogicalPlan, mode: OutputMode): void {
  const streaming = isStreamingPlan(node);
  if (streaming) {
    switch (node.kind) {
      case 'sort':
        if (!(mode === 'complete' && hasAggregateBelow(node.child))) {
          fail('Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode', root);
        }
        break;
      case 'limit':
        if (mode === 'update') fail('Limits are not supported on streaming DataFrames/Datasets in Update output mode', root);
        if (mode === 'append') notYet('A limit in Append output mode', root);
        break;
      case 'offset':
        fail('Offset is not supported on streaming DataFrames/Datasets', root);
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
        notYet('dropDuplicates/distinct', root);
        break;
      case 'join':
        checkJoin(node, root);
        break;
      default:
        break;
    }
  }
  for (const c of childrenOf(node)) checkOperators(c, root, mode);
}

function checkJoin(node: Extract<LogicalPlan, { kind: 'join' }>, root: LogicalPlan): void {
  const left = isStreamingPlan(node.left);
  const right = isStreamingPlan(node.right);
  if (left && right) notYet('A join between two streams', root);
  switch (node.joinType) {
    case 'full_outer':
      fail(`FullOuter joins with streaming DataFrames/Datasets on the ${left ? 'left' : 'right'} and a static DataFrame/Dataset on the ${left ? 'right' : 'left'} is not supported`, root);
      break;
    case 'left_outer':
      if (right) fail('LeftOuter join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported', root);
      break;
    case 'left_semi':
      if (right) fail('LeftSemi join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported', root);
      break;
    case 'left_anti':
      if (right) fail('LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported', root);
      break;
    case 'right_outer':
      if (left) fail('RightOuter join with a streaming DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported', root);
      break;
    default:
      break;
  }
}

export function streamingActionError(plan: LogicalPlan): AnalysisException {
  return new AnalysisException('Queries with streaming sources must be executed with writeStream.start()', {
    errorClass: '_LEGACY_ERROR_TEMP_3102',
    plan: treeString(plan).trimEnd(),
  });
}
