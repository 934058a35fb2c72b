// explain(): the physical operator tree, Spark-style (`+- ` / `:- ` indentation). Operators keep
// their inputs in fields named child, left/right or children; the tree is read from those.
import type { PhysicalOperator } from './physical-operator';

function childrenOf(op: PhysicalOperator): PhysicalOperator[] {
  const fields = op as unknown as { child?: PhysicalOperator; left?: PhysicalOperator; right?: PhysicalOperator; children?: PhysicalOperator[] };
  if (fields.children) return fields.children;
  if (fields.left && fields.right) return [fields.left, fields.right];
  return fields.child ? [fields.child] : [];
}

export function physicalTreeString(root: PhysicalOperator): string {
  const lines: string[] = [];
  const visit = (op: PhysicalOperator, prefix: string, childPrefix: string): void => {
    lines.push(`${prefix}${op.constructor.name} [${op.output.map((a) => `${a.name}#${a.exprId}`).join(', ')}]`);
    const children = childrenOf(op);
    children.forEach((c, i) => {
      const last = i === children.length - 1;
      visit(c, `${childPrefix}${last ? '+- ' : ':- '}`, `${childPrefix}${last ? '   ' : ':  '}`);
    });
  };
  visit(root, '', '');
  return lines.join('\n') + '\n';
}
