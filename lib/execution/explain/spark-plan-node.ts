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
  /** Formatted mode: the node's detail lines (after `(n) Name`). */
  details?: [string, string][];
}

export function planNode(name: string, args: string, children: SparkPlanNode[], output: Attribute[], codegen = false, details?: [string, string][]): SparkPlanNode {
  return { name, args, children, output, codegen, details };
}

/**
 * Spark's CollapseCodegenStages: the topmost codegen operator of a run of adjacent codegen
 * operators opens a stage, which takes in the operators below it until a non-codegen one; the
 * stage's id is drawn after its inputs' stages got theirs (post-order).
 */
export function assignCodegenStages(root: SparkPlanNode, start = 1): void {
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
    n.children.forEach((c, i) => {
      const last = i === n.children.length - 1;
      visit(c, `${childPrefix}${last ? '+- ' : ':- '}`, `${childPrefix}${last ? '   ' : ':  '}`);
    });
  };
  visit(root, '', '');
  return lines.join('\n') + '\n';
}

/** Operators whose arguments follow their name without a space: `HashAggregate(keys=...)`, `MicroBatchScan[...]`. */
const NO_SPACE = /Aggregate$|^TakeOrderedAndProject$|^MicroBatchScan$/;
