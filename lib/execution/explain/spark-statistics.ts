// Spark's size estimate of a plan side, for the broadcast decision explain() prints: a file
// relation is its files' bytes, an RDD-backed or stream relation without statistics is unknown
// (never broadcast), a local relation is rows x row size; other nodes keep their child's size.
import { childrenOf, type LogicalPlan } from '../../plans/logical-plan';
import { estimatedSize, hasSizeStatistics } from '../join-strategy';

export function sparkFileRelationSize(plan: LogicalPlan): number {
  if (!hasSizeStatistics(plan)) return Infinity;
  if (plan.kind === 'localRelation') return plan.files ? plan.files.sizeInBytes : estimatedSize(plan, plan.data().length);
  const children = childrenOf(plan);
  if (children.length === 0) return Infinity;
  return children.reduce((n, c) => n + sparkFileRelationSize(c), 0);
}
