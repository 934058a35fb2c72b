// Spark-style plan rendering for explain() and for the plan printed after streaming analysis errors.
import type { Expression } from '../expressions/expression';
import { prettySql } from '../expressions/expression-sql';
import { childrenOf, type LogicalPlan, outputOf } from './logical-plan';

function exprString(e: Expression): string {
  if (e.kind === 'attribute') return `${e.name}#${e.exprId}`;
  if (e.kind === 'alias') return `${prettySql(e.child)} AS ${e.name}#${e.exprId}`;
  return prettySql(e);
}

function nodeLine(plan: LogicalPlan): string {
  switch (plan.kind) {
    case 'streamingRelation':
      return `StreamingRelation ${plan.source.format}, [${plan.output.map(exprString).join(', ')}]`;
    case 'localRelation':
      return `LocalRelation ${plan.name}, [${plan.output.map(exprString).join(', ')}]`;
    case 'project':
      return `Project [${plan.projectList.map(exprString).join(', ')}]`;
    case 'filter':
      return `Filter ${exprString(plan.condition)}`;
    case 'generate':
      return `Generate ${exprString(plan.generator)}, ${plan.outer}, [${plan.generatorOutput.map(exprString).join(', ')}]`;
    case 'aggregate':
      return `Aggregate [${plan.groupingExpressions.map(exprString).join(', ')}], [${plan.aggregateExpressions.map(exprString).join(', ')}]`;
    case 'subqueryAlias':
      return `SubqueryAlias ${plan.alias}`;
    case 'sort':
      return `Sort [${plan.orders.map((o) => `${exprString(o.child)} ${o.ascending ? 'ASC' : 'DESC'} NULLS ${o.nullsFirst ? 'FIRST' : 'LAST'}`).join(', ')}], true`;
    case 'limit':
      return `GlobalLimit ${plan.limit}`;
    case 'offset':
      return `Offset ${plan.offset}`;
    case 'union':
      return 'Union false, false';
    case 'collectMetrics':
      return `CollectMetrics ${plan.name}, [${plan.metrics.map(exprString).join(', ')}]`;
    case 'deduplicate':
      return `${plan.withinWatermark ? 'DeduplicateWithinWatermark' : 'Deduplicate'} [${plan.keys.map(exprString).join(', ')}]`;
    case 'eventTimeWatermark':
      return `EventTimeWatermark ${exprString(plan.eventTime)}: ${plan.eventTime.dataType.simpleString()}, ${plan.delayText}`;
    case 'expand':
      return `Expand [${plan.projections.map((p) => `[${p.map(exprString).join(', ')}]`).join(', ')}], [${plan.output.map(exprString).join(', ')}]`;
    case 'flatMapGroupsWithState': {
      const name = plan.api === 'applyInPandasWithState' ? 'FlatMapGroupsInPandasWithState' : 'FlatMapGroupsWithState';
      const mode = plan.outputMode === 'append' ? 'Append' : 'Update';
      const state = plan.stateType ? `[${plan.stateType.fields.map((f) => `StructField(${f.name},${f.dataType.toString().replace(/\(\)$/, "")},${f.nullable})`).join(', ')}], ` : '';
      return `${name} ${plan.funcName}(${outputOf(plan.child).map(exprString).join(', ')}), [${plan.groupingAttributes.map(exprString).join(', ')}], [${plan.output.map(exprString).join(', ')}], ${state}${mode}, ${plan.timeout}`;
    }
    case 'transformWithState': {
      const mode = plan.outputMode === 'append' ? 'Append' : 'Update';
      const name = plan.api === 'transformWithState' ? 'TransformWithStateInPySpark' : 'TransformWithStateInPandas';
      return `${name} ${plan.processorName}(${outputOf(plan.child).map(exprString).join(', ')}), [${plan.output.map(exprString).join(', ')}], ${mode}, ${plan.timeMode === 'None' ? 'NoTime' : plan.timeMode}`;
    }
    case 'window':
      return `Window [${plan.functions.map((f) => `${f.sql} AS ${f.output.name}#${f.output.exprId}`).join(', ')}]`;
    case 'except':
      return `Except ${plan.isAll}`;
    case 'intersect':
      return `Intersect ${plan.isAll}`;
    case 'join':
      return `Join ${joinTypeSql(plan.joinType)}${plan.condition ? `, ${exprString(plan.condition)}` : ''}`;
  }
}

export function treeString(plan: LogicalPlan): string {
  const lines: string[] = [];
  const visit = (p: LogicalPlan, prefix: string, childPrefix: string): void => {
    lines.push(prefix + nodeLine(p));
    const children = childrenOf(p);
    children.forEach((c, i) => {
      const last = i === children.length - 1;
      visit(c, `${childPrefix}${last ? '+- ' : ':- '}`, `${childPrefix}${last ? '   ' : ':  '}`);
    });
  };
  visit(plan, '', '');
  return lines.join('\n') + '\n';
}

export function schemaString(plan: LogicalPlan): string {
  return outputOf(plan).map((a) => `${a.name}: ${a.dataType.simpleString()}`).join(', ');
}

function joinTypeSql(t: string): string {
  const names: Record<string, string> = { inner: 'Inner', cross: 'Cross', left_outer: 'LeftOuter', right_outer: 'RightOuter', full_outer: 'FullOuter', left_semi: 'LeftSemi', left_anti: 'LeftAnti' };
  return names[t];
}
