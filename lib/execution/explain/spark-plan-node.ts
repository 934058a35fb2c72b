// One node of the plan Spark would run, as explain() prints it: the operator's name, the rest of
// its one-line description, its children, and whether it joins a whole-stage-codegen stage.
// Whole-stage codegen (Spark's CollapseCodegenStages) groups adjacent codegen-capable operators
// into stages; ids count up children first, so the stage nearest the leaves is `*(1)`.
import type { Attribute } from '../../expressions/expression';

export interface SparkPlanNode {
  name: string;
  /** The text after the name on the node's line ('' for none). */
  args: string;
  children: SparkPlanNode[];
  output: Attribute[];
  /** The operator supports whole-stage codegen (Project, Filter, HashAggregate, Sort, joins...). */
  codegen: boolean;
  /** Set by assignCodegenStages. */
  stageId?: number;
  /** Formatted mode: the node's name there (`Scan json `) and its detail lines, when not the default. */
  formattedName?: string;
  details?: string[];
  /** Lines printed below the node instead of its children (AdaptiveSparkPlan's Final/Initial Plan). */
  block?: string[];
}

export function planNode(name: string, args: string, children: SparkPlanNode[], output: Attribute[], codegen = false): SparkPlanNode {
  return { name, args, children, output, codegen };
}

/**
 * Spark's CollapseCodegenStages: the topmost codegen operator of a run of adjacent codegen
 * operators opens a stage, which takes in the operators below it until a non-codegen one; the
 * stage's id is drawn after its inputs' stages got theirs (post-order).
 */
export function assignCodegenStages(root: SparkPlanNode, start = 1): void {
  if (root.block) return;
  let counter = start - 1;
  const insert = (node: SparkPlanNode): void => {
    if (node.codegen) {
      const members: SparkPlanNode[] = [];
      const inStage = (n: SparkPlanNode): void => {
        members.push(n);
        for (const c of n.children) {
          if (c.codegen && !breaksStage(n, c)) inStage(c);
          else insert(c);
        }
      };
      inStage(node);
      counter += 1;
      for (const m of members) m.stageId = counter;
    } else {
      node.children.forEach(insert);
    }
  };
  insert(root);
}

/** A SortMergeJoin's children start their own stages (they are its inputs, not part of its loop). */
function breaksStage(parent: SparkPlanNode, child: SparkPlanNode): boolean {
  return parent.name === 'SortMergeJoin' || (parent.name === 'BroadcastHashJoin' && child.name === 'BroadcastExchange') || child.name === 'Union';
}

/** The simple-mode tree: `+- ` / `:- ` indentation, `*(n) ` before codegen stage members. */
export function treeText(root: SparkPlanNode): string {
  const lines: string[] = [];
  const visit = (n: SparkPlanNode, prefix: string, childPrefix: string): void => {
    const stage = n.stageId !== undefined ? `*(${n.stageId}) ` : '';
    lines.push(`${prefix}${stage}${n.name}${n.args ? `${NO_SPACE.test(n.name) && /^[[(]/.test(n.args) ? '' : ' '}${n.args}` : ''}`);
    if (n.block) {
      for (const line of n.block) lines.push(childPrefix + line);
      return;
    }
    n.children.forEach((c, i) => {
      const last = i === n.children.length - 1;
      visit(c, `${childPrefix}${last ? '+- ' : ':- '}`, `${childPrefix}${last ? '   ' : ':  '}`);
    });
  };
  visit(root, '', '');
  return lines.join('\n') + '\n';
}

/** Operators whose arguments follow their name without a space: `HashAggregate(keys=...)`, `MicroBatchScan[...]`. */
const NO_SPACE = /Aggregate$|^TakeOrderedAndProject$|^MicroBatchScan$|^Scan ExistingRDD$/;

/** `Output [2]: [k#1, v#2]` (Spark's ExplainUtils.generateFieldString). */
export function fieldString(name: string, values: readonly string[]): string {
  return values.length === 0 ? `${name}: []` : `${name} [${values.length}]: [${values.join(', ')}]`;
}

/**
 * explain('formatted'): the tree with operator ids (children first), then one section per
 * operator: `(n) Name [codegen id : s]` and its fields.
 */
export function formattedText(root: SparkPlanNode): string {
  const ids = new Map<SparkPlanNode, number>();
  let next = 1;
  const number = (n: SparkPlanNode): void => {
    n.children.forEach(number);
    ids.set(n, next++);
  };
  number(root);
  const nameOf = (n: SparkPlanNode) => n.formattedName ?? n.name;
  const lines: string[] = [];
  const visit = (n: SparkPlanNode, prefix: string, childPrefix: string): void => {
    lines.push(`${prefix}${n.stageId !== undefined ? '* ' : ''}${nameOf(n)} (${ids.get(n)})`);
    n.children.forEach((c, i) => {
      const last = i === n.children.length - 1;
      visit(c, `${childPrefix}${last ? '+- ' : ':- '}`, `${childPrefix}${last ? '   ' : ':  '}`);
    });
  };
  visit(root, '', '');
  const sections = [...ids.keys()].map((n) => {
    const header = `(${ids.get(n)}) ${nameOf(n)}${n.stageId !== undefined ? ` [codegen id : ${n.stageId}]` : ''}`;
    const input = fieldString('Input', n.children.flatMap((c) => c.output.map(attrText)));
    const body = n.details ?? (n.args ? [input, `Arguments: ${n.args}`] : [input]);
    return [header, ...body].join('\n');
  });
  return `${lines.join('\n')}\n\n\n${sections.join('\n\n')}\n`;
}

function attrText(a: Attribute): string {
  return `${a.name}#${a.exprId}${a.dataType.typeName() === 'long' ? 'L' : ''}`;
}

/**
 * A micro-batch plan that broadcasts, after adaptive execution ran it (Spark 4 keeps AQE on for
 * stateless streaming queries): the final plan with its query stages, then the initial plan.
 */
export function finalAdaptivePlan(initial: SparkPlanNode, copy: () => SparkPlanNode): SparkPlanNode {
  let stage = 0;
  const wrapStages = (n: SparkPlanNode): SparkPlanNode => {
    const children = n.children.map(wrapStages);
    const node = { ...n, children };
    if (n.name !== 'BroadcastExchange') return node;
    return planNode(`BroadcastQueryStage ${stage++}`, '', [node], n.output);
  };
  const finalRoot = wrapStages(copy());
  const result = planNode(`ResultQueryStage ${stage}`, '', [finalRoot], finalRoot.output);
  assignCodegenStages(finalRoot);
  const indent = (text: string): string[] => text.replace(/\n$/, '').split('\n').map((l) => `   ${l}`);
  const adaptive = planNode('AdaptiveSparkPlan', 'isFinalPlan=true', [initial], initial.output);
  adaptive.block = ['+- == Final Plan ==', ...indent(treeText(result)), '+- == Initial Plan ==', ...indent(treeText(initial))];
  return adaptive;
}

/**
 * Spark's ReuseExchangeAndSubquery: an Exchange whose subtree equals an earlier one once
 * expression ids and column names are set aside (Spark compares canonicalized plans) becomes a
 * `ReusedExchange [its output], <the first Exchange>` leaf.
 */
export function reuseExchanges(root: SparkPlanNode): void {
  const seen = new Map<string, SparkPlanNode>();
  const canonical = (n: SparkPlanNode): string => treeText(n).replace(/\w+#\d+L?/g, '#').replace(/plan_id=\d+/g, '').replace(/\*\(\d+\) /g, '');
  const visit = (n: SparkPlanNode): void => {
    n.children.forEach((c, i) => {
      if (c.name === 'Exchange') {
        const key = canonical(c);
        const first = seen.get(key);
        if (first) {
          n.children[i] = planNode('ReusedExchange', `[${c.output.map(attrText).join(', ')}], Exchange ${first.args}`, [], c.output);
          return;
        }
        seen.set(key, c);
      }
      visit(c);
    });
  };
  visit(root);
}
