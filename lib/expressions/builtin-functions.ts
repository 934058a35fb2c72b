// The built-in function registry every session starts from.
import { FunctionRegistry } from './function-registry';
import type { FunctionDefinition } from './function-definition';
import { ARITHMETIC_FUNCTIONS } from './functions/arithmetic';
import { PREDICATE_FUNCTIONS } from './functions/predicates';
import { CONDITIONAL_FUNCTIONS } from './functions/conditional-functions';
import { LIKE_FUNCTIONS } from './functions/like-functions';
import { COLLECTION_ACCESS_FUNCTIONS } from './functions/collection-access';
import { STRING_FUNCTIONS } from './functions/string-functions';
import { GENERATOR_FUNCTIONS } from './functions/generators';
import { AGGREGATE_FUNCTIONS } from './aggregates/basic-aggregates';

const GROUPS: readonly (readonly { fn: FunctionDefinition; aliases: string[] }[])[] = [
  ARITHMETIC_FUNCTIONS,
  PREDICATE_FUNCTIONS,
  CONDITIONAL_FUNCTIONS,
  LIKE_FUNCTIONS,
  COLLECTION_ACCESS_FUNCTIONS,
  STRING_FUNCTIONS,
  GENERATOR_FUNCTIONS,
  AGGREGATE_FUNCTIONS,
];

export function createBuiltinRegistry(): FunctionRegistry {
  const registry = new FunctionRegistry();
  for (const group of GROUPS) {
    for (const { fn, aliases } of group) registry.register(fn, ...aliases);
  }
  return registry;
}
