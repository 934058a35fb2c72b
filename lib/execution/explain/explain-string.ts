// The text explain() prints for a plan in one of Spark's explain modes.
import type { LogicalPlan } from '../../plans/logical-plan';
import { treeString } from '../../plans/tree-string';
import { assignCodegenStages, fieldString, finalAdaptivePlan, formattedText, planNode, reuseExchanges, treeText, type SparkPlanNode } from './spark-plan-node';
import { attributeString } from './spark-expression-string';
import { isStreamingPlan } from '../../plans/logical-plan';
export { broadcastThreshold } from '../join-strategy';
import { sparkLogicalPlans } from './spark-logical-plan';
import { sparkPhysicalPlan, type ExplainPlanOptions } from './spark-physical-plan';

export type ExplainModeName = 'simple' | 'extended' | 'codegen' | 'cost' | 'formatted';

/** Spark's physical plan text for `plan`, without the `== Physical Plan ==` header. */
export function physicalPlanText(plan: LogicalPlan, options: ExplainPlanOptions, wrap?: (root: SparkPlanNode) => SparkPlanNode, formatted = false): string {
  const text = formatted ? formattedText : treeText;
  const planned = sparkPhysicalPlan(plan, { ...options, isRoot: !options.microBatch });
  // Stateless micro-batches that broadcast run under adaptive execution: its final plan prints.
  const adaptiveBatch = options.microBatch && options.adaptive !== false && hasExchange(planned) && !hasShuffleOrState(planned);
  const physical = (wrap ?? ((r: SparkPlanNode) => r))(adaptiveBatch ? finalAdaptivePlan(planned, () => sparkPhysicalPlan(plan, options)) : planned);
  // Adaptive query execution (on by default) takes batch plans that shuffle; it applies
  // whole-stage codegen per query stage when it runs them, so the initial plan has no stage ids.
  if (!options.microBatch && options.adaptive !== false && !isStreamingPlan(plan) && hasExchange(physical)) {
    const adaptive = planNode('AdaptiveSparkPlan', 'isFinalPlan=false', [physical], physical.output);
    adaptive.details = [fieldString('Output', physical.output.map(attributeString)), 'Arguments: isFinalPlan=false'];
    return text(adaptive);
  }
  // Codegen stages are numbered before exchanges are reused (Spark's rule order).
  assignCodegenStages(physical);
  reuseExchanges(physical);
  return text(physical);
}

/** What PySpark's explain prints (its print() adds the final newline). */
export function explainText(plan: LogicalPlan, mode: ExplainModeName, options: ExplainPlanOptions): string {
  const physical = physicalPlanText(plan, options, undefined, mode === 'formatted');
  if (mode === 'extended' || mode === 'cost') {
    const logical = isStreamingPlan(plan) ? undefined : sparkLogicalPlans(plan);
    if (mode === 'cost') {
      return logical?.optimizedWithStats === undefined ? `== Physical Plan ==\n${physical}\n` : `== Optimized Logical Plan ==\n${logical.optimizedWithStats}\n== Physical Plan ==\n${physical}\n`;
    }
    if (logical === undefined) return `== Analyzed Logical Plan ==\n${treeString(plan)}\n== Physical Plan ==\n${physical}`;
    return `== Parsed Logical Plan ==\n${logical.parsed}\n== Analyzed Logical Plan ==\n${logical.analyzed}\n== Optimized Logical Plan ==\n${logical.optimized}\n== Physical Plan ==\n${physical}`;
  }
  return `== Physical Plan ==\n${physical}\n`;
}

function hasExchange(node: SparkPlanNode): boolean {
  return node.name === 'Exchange' || node.name === 'BroadcastExchange' || node.children.some(hasExchange);
}

function hasShuffleOrState(node: SparkPlanNode): boolean {
  return node.name === 'Exchange' || node.name.startsWith('StateStore') || node.name.startsWith('Streaming') || node.children.some(hasShuffleOrState);
}
