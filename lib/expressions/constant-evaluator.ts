// Literal evaluators are registered here so functions can specialise `x op constant` at compile
// time instead of calling a closure for the constant on every row.
import type { Evaluator } from './function-definition';

const constants = new WeakMap<Evaluator, { value: unknown }>();

export function constantEvaluator(value: unknown): Evaluator {
  const evaluator: Evaluator = () => value;
  constants.set(evaluator, { value });
  return evaluator;
}

/** The constant an evaluator always returns, if it is a literal's evaluator. */
export function constantOf(evaluator: Evaluator): { value: unknown } | undefined {
  return constants.get(evaluator);
}
