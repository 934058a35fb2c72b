// Analyzed logical plans. DataFrames hold these; every node's output attributes are known, and
// expressions inside are resolved. Streaming is a property of the leaves.
import type { StructType } from '../types/struct-type';
import { toAttribute, type Attribute, type Expression, type GeneratorCall, type NamedExpression } from '../expressions/expression';

/** Where a streaming relation reads from; a Source instance is created per query run. */
export interface SourceDescriptor {
  format: string;
  options: ReadonlyMap<string, string>;
  schema: StructType;
}

export interface StreamingRelation {
  kind: 'streamingRelation';
  source: SourceDescriptor;
  output: Attribute[];
}

/** Rows held in memory (createDataFrame, memory-sink tables); `data` is read at execution. */
export interface LocalRelation {
  kind: 'localRelation';
  data: () => readonly (readonly unknown[])[];
  output: Attribute[];
  /** For explain/treeString. */
  name: string;
}

export interface Project {
  kind: 'project';
  projectList: (NamedExpression | Attribute)[];
  child: LogicalPlan;
}

export interface Filter {
  kind: 'filter';
  condition: Expression;
  child: LogicalPlan;
}

/** Spark's Generate: keeps the child's columns and appends the generator's. */
export interface Generate {
  kind: 'generate';
  generator: GeneratorCall;
  outer: boolean;
  generatorOutput: Attribute[];
  child: LogicalPlan;
}

export interface Aggregate {
  kind: 'aggregate';
  groupingExpressions: Expression[];
  aggregateExpressions: (NamedExpression | Attribute)[];
  child: LogicalPlan;
}

export interface SubqueryAlias {
  kind: 'subqueryAlias';
  alias: string;
  child: LogicalPlan;
}

export type LogicalPlan = StreamingRelation | LocalRelation | Project | Filter | Generate | Aggregate | SubqueryAlias;

export function outputOf(plan: LogicalPlan): Attribute[] {
  switch (plan.kind) {
    case 'streamingRelation':
    case 'localRelation':
      return plan.output;
    case 'project':
    case 'aggregate': {
      const list = plan.kind === 'project' ? plan.projectList : plan.aggregateExpressions;
      return list.map(toAttribute);
    }
    case 'filter':
      return outputOf(plan.child);
    case 'generate':
      return [...outputOf(plan.child), ...plan.generatorOutput];
    case 'subqueryAlias':
      return outputOf(plan.child).map((a) => ({ ...a, qualifier: [plan.alias] }));
  }
}

export function childrenOf(plan: LogicalPlan): LogicalPlan[] {
  switch (plan.kind) {
    case 'streamingRelation':
    case 'localRelation':
      return [];
    case 'project':
    case 'filter':
    case 'generate':
    case 'aggregate':
    case 'subqueryAlias':
      return [plan.child];
  }
}

export function isStreamingPlan(plan: LogicalPlan): boolean {
  if (plan.kind === 'streamingRelation') return true;
  return childrenOf(plan).some(isStreamingPlan);
}

export function collectNodes<K extends LogicalPlan['kind']>(plan: LogicalPlan, kind: K): Extract<LogicalPlan, { kind: K }>[] {
  const out: Extract<LogicalPlan, { kind: K }>[] = [];
  const visit = (p: LogicalPlan): void => {
    if (p.kind === kind) out.push(p as Extract<LogicalPlan, { kind: K }>);
    childrenOf(p).forEach(visit);
  };
  visit(plan);
  return out;
}
