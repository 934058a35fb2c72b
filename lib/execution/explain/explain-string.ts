// The text explain() prints for a plan in one of Spark's explain modes.
import type { LogicalPlan } from '../../plans/logical-plan';
import { treeString } from '../../plans/tree-string';
import { assignCodegenStages, planNode, treeText, type SparkPlanNode } from './spark-plan-node';
import { isStreamingPlan } from '../../plans/logical-plan';
export { broadcastThreshold } from '../join-strategy';
import { sparkPhysicalPlan, type ExplainPlanOptions } from './spark-physical-plan';

export type ExplainModeName = 'simple' | 'extended' | 'codegen' | 'cost' | 'formatted';

/** Spark's physical plan text for `plan`, without the `== Physical Plan ==` header. */
export function physicalPlanText(plan: LogicalPlan, options: ExplainPlanOptions, wrap?: (root: SparkPlanNode) => SparkPlanNode): string {
  const physical = (wrap ?? ((r: SparkPlanNode) => r))(sparkPhysicalPlan(plan, { ...options, isRoot: !options.microBatch }));
  // Adaptive query execution (on by default) takes batch plans that shuffle; it applies
  // whole-stage codegen per query stage when it runs them, so the initial plan has no stage ids.
  if (!options.microBatch && options.adaptive !== false && !isStreamingPlan(plan) && hasExchange(physical)) {
    return treeText(planNode('AdaptiveSparkPlan', 'isFinalPlan=false', [physical], physical.output));
  }
  assignCodegenStages(physical);
  return treeText(physical);
}

/** What PySpark's explain prints (its print() adds the final newline). */
export function explainText(plan: LogicalPlan, mode: ExplainModeName, options: ExplainPlanOptions): string {
  const physical = physicalPlanText(plan, options);
  if (mode === 'extended') {
    const logical = treeString(plan);
    return `== Analyzed Logical Plan ==\n${logical}\n== Physical Plan ==\n${physical}`;
  }
  return `== Physical Plan ==\n${physical}\n`;
}

function hasExchange(node: SparkPlanNode): boolean {
  return node.name === 'Exchange' || node.name === 'BroadcastExchange' || node.children.some(hasExchange);
}
