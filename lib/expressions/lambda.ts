// Lambda functions of higher-order functions (`transform(a, x -> x + 1)`). A lambda compiles once
// into its body's closure plus one mutable cell per parameter: the higher-order function writes
// the element into the cells, then calls the body with the outer row (for captured columns).
import { InternalError } from '../errors/spark-exception';
import type { Evaluator } from './function-definition';
import type { Expression, LambdaFunction, LambdaVariable } from './expression';

export interface LambdaCell {
  value: unknown;
}

/** A compiled lambda: set `cells[i].value` for each parameter, then call `body(row)`. */
export interface CompiledLambda {
  cells: LambdaCell[];
  body: Evaluator;
}

const LAMBDA = Symbol('compiledLambda');

/** Cells of the lambdas being compiled (compilation is synchronous, so a module map suffices). */
const activeCells = new Map<number, LambdaCell>();

/** Compiles a lambda; `compileBody` is the caller's compiler (plain rows or aggregate slots). */
export function compileLambdaFunction(e: LambdaFunction, compileBody: (body: Expression) => Evaluator): Evaluator {
  const cells = e.params.map((p) => {
    const cell: LambdaCell = { value: null };
    activeCells.set(p.exprId, cell);
    return cell;
  });
  let body: Evaluator;
  try {
    body = compileBody(e.body);
  } finally {
    for (const p of e.params) activeCells.delete(p.exprId);
  }
  const compiled: CompiledLambda = { cells, body };
  const evaluator: Evaluator = () => {
    throw new InternalError('A lambda function cannot be evaluated as a value.');
  };
  (evaluator as unknown as Record<symbol, CompiledLambda>)[LAMBDA] = compiled;
  return evaluator;
}

export function compileLambdaVariable(e: LambdaVariable): Evaluator {
  const cell = activeCells.get(e.exprId);
  if (!cell) throw new InternalError(`Lambda variable ${e.name}#${e.exprId} is used outside its lambda function.`);
  return () => cell.value;
}

/** The compiled lambda behind a higher-order function's lambda argument. */
export function lambdaOf(evaluator: Evaluator): CompiledLambda {
  const compiled = (evaluator as unknown as Record<symbol, CompiledLambda | undefined>)[LAMBDA];
  if (!compiled) throw new InternalError('Expected a lambda function argument.');
  return compiled;
}
