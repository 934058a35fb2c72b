// Compiles a resolved expression once into a closure over a row array. Attributes are bound to
// ordinals of the input row here; nothing walks the tree per row.
import { InternalError } from '../errors/spark-exception';
import type { Attribute, Expression } from './expression';
import type { CompileContext, Evaluator } from './function-definition';
import { compileCast } from './cast';
import { constantEvaluator } from './constant-evaluator';
import { compileLambdaFunction, compileLambdaVariable } from './lambda';

export function bindOrdinals(input: readonly Attribute[]): Map<number, number> {
  const ordinals = new Map<number, number>();
  input.forEach((a, i) => ordinals.set(a.exprId, i));
  return ordinals;
}

export function compileExpression(e: Expression, input: readonly Attribute[] | Map<number, number>, ctx: CompileContext): Evaluator {
  const ordinals = input instanceof Map ? input : bindOrdinals(input);
  return compile(e, ordinals, ctx);
}

function compile(e: Expression, ordinals: Map<number, number>, ctx: CompileContext): Evaluator {
  switch (e.kind) {
    case 'attribute': {
      const ordinal = ordinals.get(e.exprId);
      if (ordinal === undefined) throw new InternalError(`Couldn't find ${e.name}#${e.exprId} in the input row.`);
      return (row) => row[ordinal];
    }
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
      return e.fn.compile(args, e.args.map((a) => a.dataType), e.dataType, ctx);
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
