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
import { MORE_AGGREGATE_FUNCTIONS } from './aggregates/more-aggregates';
import { REGEXP_FUNCTIONS } from './functions/regexp-functions';
import { COLLECTION_FUNCTIONS } from './functions/collection-functions';
import { HIGHER_ORDER_FUNCTIONS } from './functions/higher-order-functions';
import { JSON_FUNCTIONS } from './functions/json-functions';
import { DATETIME_FUNCTIONS } from './functions/datetime-functions';
import { MATH_FUNCTIONS } from './functions/math-functions';
import { TYPE_OF_FUNCTIONS } from './functions/type-of-function';
import { GROUPING_FUNCTIONS } from './functions/grouping-functions';
import { HASH_FUNCTIONS } from './functions/hash-functions';
import { NONDETERMINISTIC_FUNCTIONS } from './functions/nondeterministic-functions';
import { FORMAT_NUMBER_FUNCTIONS } from './functions/format-number-function';

const GROUPS: readonly (readonly { fn: FunctionDefinition; aliases: string[] }[])[] = [
  ARITHMETIC_FUNCTIONS,
  PREDICATE_FUNCTIONS,
  CONDITIONAL_FUNCTIONS,
  LIKE_FUNCTIONS,
  COLLECTION_ACCESS_FUNCTIONS,
  STRING_FUNCTIONS,
  GENERATOR_FUNCTIONS,
  AGGREGATE_FUNCTIONS,
  MORE_AGGREGATE_FUNCTIONS,
  REGEXP_FUNCTIONS,
  COLLECTION_FUNCTIONS,
  HIGHER_ORDER_FUNCTIONS,
  JSON_FUNCTIONS,
  DATETIME_FUNCTIONS,
  MATH_FUNCTIONS,
  TYPE_OF_FUNCTIONS,
  GROUPING_FUNCTIONS,
  HASH_FUNCTIONS,
  NONDETERMINISTIC_FUNCTIONS,
  FORMAT_NUMBER_FUNCTIONS,
];

export function createBuiltinRegistry(): FunctionRegistry {
  const registry = new FunctionRegistry();
  for (const group of GROUPS) {
    for (const { fn, aliases } of group) registry.register(fn, ...aliases);
  }
  return registry;
}
