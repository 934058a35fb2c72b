// Compiles a resolved expression once into a closure over a row array. Attributes are bound to
// ordinals of the input row here; nothing walks the tree per row.
import { InternalError } from '../errors/spark-exception';
import type { Attribute, Expression } from './expression';
import type { CompileContext, Evaluator } from './function-definition';
import { compileCast } from './cast';
import { constantEvaluator } from './constant-evaluator';
import { compileLambdaFunction, compileLambdaVariable } from './lambda';
import { compileTimeComparison } from './time-comparison';

export function bindOrdinals(input: readonly Attribute[]): Map<number, number> {
  const ordinals = new Map<number, number>();
  input.forEach((a, i) => ordinals.set(a.exprId, i));
  return ordinals;
}

export function compileExpression(e: Expression, input: readonly Attribute[] | Map<number, number>, ctx: CompileContext): Evaluator {
  const ordinals = input instanceof Map ? input : bindOrdinals(input);
  return compile(e, rowReader(ordinals), ctx);
}

/**
 * Compiles an expression over two rows without concatenating them (a join condition): the
 * evaluator takes a pair `[leftRow, rightRow]`, and each column reads its own side's row. The
 * caller keeps one pair array and sets its two slots per candidate pair.
 */
export function compileOverTwoRows(e: Expression, left: readonly Attribute[], right: readonly Attribute[], ctx: CompileContext): Evaluator {
  const leftOrdinals = bindOrdinals(left);
  const rightOrdinals = bindOrdinals(right);
  return compile(
    e,
    (a) => {
      const l = leftOrdinals.get(a.exprId);
      if (l !== undefined) return (pair) => (pair[0] as readonly unknown[])[l];
      const r = rightOrdinals.get(a.exprId);
      if (r !== undefined) return (pair) => (pair[1] as readonly unknown[])[r];
      throw new InternalError(`Couldn't find ${a.name}#${a.exprId} in the input rows.`);
    },
    ctx,
  );
}

/** How a compiled expression reads a column: the closure for one attribute. */
type ColumnReader = (a: Attribute) => Evaluator;

function rowReader(ordinals: Map<number, number>): ColumnReader {
  return (a) => {
    const ordinal = ordinals.get(a.exprId);
    if (ordinal === undefined) throw new InternalError(`Couldn't find ${a.name}#${a.exprId} in the input row.`);
    return (row) => row[ordinal];
  };
}

function compile(e: Expression, ordinals: ColumnReader, ctx: CompileContext): Evaluator {
  switch (e.kind) {
    case 'attribute':
      return ordinals(e);
    case 'literal':
      return constantEvaluator(e.value);
    case 'alias':
      return compile(e.child, ordinals, ctx);
    case 'cast': {
      const child = compile(e.child, ordinals, ctx);
      const convert = compileCast(e.child.dataType, e.dataType, e.tryCast || !ctx.ansiEnabled, ctx.timeZone, e.tryCast);
      return (row) => {
        const v = child(row);
        return v === null ? null : convert(v);
      };
    }
    case 'caseWhen': {
      const conditions = e.branches.map((b) => compile(b.condition, ordinals, ctx));
      const values = e.branches.map((b) => compile(b.value, ordinals, ctx));
      const elseValue = e.elseValue ? compile(e.elseValue, ordinals, ctx) : () => null;
      const n = conditions.length;
      return (row) => {
        for (let i = 0; i < n; i++) if (conditions[i](row) === true) return values[i](row);
        return elseValue(row);
      };
    }
    case 'scalarCall': {
      const args = e.args.map((a) => compile(a, ordinals, ctx));
      const generic = e.fn.compile(args, e.args.map((a) => a.dataType), e.dataType, ctx);
      return compileTimeComparison(e, (x) => compile(x, ordinals, ctx), generic) ?? generic;
    }
    case 'lambdaVariable':
      return compileLambdaVariable(e);
    case 'lambdaFunction':
      return compileLambdaFunction(e, (body) => compile(body, ordinals, ctx));
    case 'aggregateCall':
    case 'generatorCall':
      throw new InternalError(`${e.kind} ${e.fn.name} cannot be evaluated as a scalar expression.`);
  }
}
