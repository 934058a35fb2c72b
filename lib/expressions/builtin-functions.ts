// The built-in function registry every session starts from.
import { FunctionRegistry } from './function-registry';
import { ARITHMETIC_FUNCTIONS } from './functions/arithmetic';
import { PREDICATE_FUNCTIONS } from './functions/predicates';
import { STRING_FUNCTIONS } from './functions/string-functions';
import { GENERATOR_FUNCTIONS } from './functions/generators';
import { AGGREGATE_FUNCTIONS } from './aggregates/basic-aggregates';

export function createBuiltinRegistry(): FunctionRegistry {
  const registry = new FunctionRegistry();
  for (const group of [ARITHMETIC_FUNCTIONS, PREDICATE_FUNCTIONS, STRING_FUNCTIONS, GENERATOR_FUNCTIONS, AGGREGATE_FUNCTIONS]) {
    for (const { fn, aliases } of group) registry.register(fn, ...aliases);
  }
  return registry;
}
