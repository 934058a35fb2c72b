// The built-in function registry every session starts from. The function modules (and date-fns
// behind the datetime ones) load on the registry's first lookup, not at `import 'rivulet'`.
import { FunctionRegistry } from './function-registry';
import type { FunctionDefinition } from './function-definition';

type Group = readonly { fn: FunctionDefinition; aliases: string[] }[];

function builtinGroups(): readonly Group[] {
  return [
    (require('./functions/arithmetic') as typeof import('./functions/arithmetic')).ARITHMETIC_FUNCTIONS,
    (require('./functions/predicates') as typeof import('./functions/predicates')).PREDICATE_FUNCTIONS,
    (require('./functions/conditional-functions') as typeof import('./functions/conditional-functions')).CONDITIONAL_FUNCTIONS,
    (require('./functions/like-functions') as typeof import('./functions/like-functions')).LIKE_FUNCTIONS,
    (require('./functions/collection-access') as typeof import('./functions/collection-access')).COLLECTION_ACCESS_FUNCTIONS,
    (require('./functions/string-functions') as typeof import('./functions/string-functions')).STRING_FUNCTIONS,
    (require('./functions/generators') as typeof import('./functions/generators')).GENERATOR_FUNCTIONS,
    (require('./aggregates/basic-aggregates') as typeof import('./aggregates/basic-aggregates')).AGGREGATE_FUNCTIONS,
    (require('./aggregates/more-aggregates') as typeof import('./aggregates/more-aggregates')).MORE_AGGREGATE_FUNCTIONS,
    (require('./functions/regexp-functions') as typeof import('./functions/regexp-functions')).REGEXP_FUNCTIONS,
    (require('./functions/collection-functions') as typeof import('./functions/collection-functions')).COLLECTION_FUNCTIONS,
    (require('./functions/higher-order-functions') as typeof import('./functions/higher-order-functions')).HIGHER_ORDER_FUNCTIONS,
    (require('./functions/json-functions') as typeof import('./functions/json-functions')).JSON_FUNCTIONS,
    (require('./functions/datetime-functions') as typeof import('./functions/datetime-functions')).DATETIME_FUNCTIONS,
    (require('./functions/math-functions') as typeof import('./functions/math-functions')).MATH_FUNCTIONS,
    (require('./functions/type-of-function') as typeof import('./functions/type-of-function')).TYPE_OF_FUNCTIONS,
    (require('./functions/grouping-functions') as typeof import('./functions/grouping-functions')).GROUPING_FUNCTIONS,
    (require('./functions/hash-functions') as typeof import('./functions/hash-functions')).HASH_FUNCTIONS,
    (require('./functions/nondeterministic-functions') as typeof import('./functions/nondeterministic-functions')).NONDETERMINISTIC_FUNCTIONS,
    (require('./functions/make-ansi-interval') as typeof import('./functions/make-ansi-interval')).MAKE_ANSI_INTERVAL_FUNCTIONS,
    (require('./functions/update-fields') as typeof import('./functions/update-fields')).UPDATE_FIELDS_FUNCTIONS,
    (require('./functions/format-number-function') as typeof import('./functions/format-number-function')).FORMAT_NUMBER_FUNCTIONS,
  ];
}

export function registerBuiltins(registry: FunctionRegistry): void {
  for (const group of builtinGroups()) {
    for (const { fn, aliases } of group) registry.register(fn, ...aliases);
  }
}

/** `extra` loaders add functions defined in higher layers (from_csv next to the CSV format). */
export function createBuiltinRegistry(...extra: ((registry: FunctionRegistry) => void)[]): FunctionRegistry {
  return new FunctionRegistry((registry) => {
    registerBuiltins(registry);
    for (const load of extra) load(registry);
  });
}
