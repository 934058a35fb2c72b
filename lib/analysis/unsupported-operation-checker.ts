// Spark's UnsupportedOperationChecker: which streaming plans each output mode accepts, with
// Spark's exact AnalysisException texts (legacy class, message followed by the plan).
import { AnalysisException } from '../errors/analysis-exception';
import { collectNodes, type LogicalPlan } from '../plans/logical-plan';
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
}

export function streamingActionError(plan: LogicalPlan): AnalysisException {
  return new AnalysisException('Queries with streaming sources must be executed with writeStream.start()', {
    errorClass: '_LEGACY_ERROR_TEMP_3102',
    plan: treeString(plan).trimEnd(),
  });
}
