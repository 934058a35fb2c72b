// ORDER BY: a stable sort on compiled keys, with Spark's null ordering and NaN-largest doubles.
import type { Attribute } from '../expressions/expression';
import type { CompileContext } from '../expressions/function-definition';
import { compileExpression, bindOrdinals } from '../expressions/compiler';
import { compareValues } from '../expressions/type-utils';
import type { SortOrder } from '../plans/logical-plan';
import type { ExecutionContext, PhysicalOperator, Row } from './physical-operator';

export function compileRowComparator(orders: readonly SortOrder[], input: readonly Attribute[], ctx: CompileContext): (a: Row, b: Row) => number {
  const bound = bindOrdinals(input);
  const keys = orders.map((o) => ({ eval: compileExpression(o.child, bound, ctx), direction: o.ascending ? 1 : -1, nullsFirst: o.nullsFirst }));
  return (a, b) => {
    for (const k of keys) {
      const x = k.eval(a);
      const y = k.eval(b);
      if (x === null || y === null) {
        if (x === y) continue;
        return x === null ? (k.nullsFirst ? -1 : 1) : k.nullsFirst ? 1 : -1;
      }
      const c = compareValues(x, y);
      if (c !== 0) return c * k.direction;
    }
    return 0;
  };
}

export class SortExec implements PhysicalOperator {
  private readonly compare: (a: Row, b: Row) => number;

  constructor(
    orders: readonly SortOrder[],
    private readonly child: PhysicalOperator,
    ctx: CompileContext,
  ) {
    this.compare = compileRowComparator(orders, child.output, ctx);
  }

  get output(): readonly Attribute[] {
    return this.child.output;
  }

  execute(ctx: ExecutionContext): Row[] {
    // Copy: the child may hand out an array it keeps (a local table, the state).
    return this.child.execute(ctx).slice().sort(this.compare);
  }

  close(): void {
    this.child.close?.();
  }
}
