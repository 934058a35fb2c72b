// Spark's `typeof(expr)`: the catalog string of the argument's type ("int", "timestamp_ntz(9)",
// "array<string>"). Only the type matters, so the argument is never evaluated.
import { DataTypes } from '../../types/data-types';
import type { Evaluator, FunctionDefinition, ScalarFunction } from '../function-definition';
import { checkArity } from './check-args';

const typeOf: ScalarFunction = {
  kind: 'scalar',
  name: 'typeof',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    return { args, dataType: DataTypes.StringType, nullable: false };
  },
  compile(_args, argTypes): Evaluator {
    const name = argTypes[0].simpleString();
    return () => name;
  },
};

export const TYPE_OF_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [{ fn: typeOf, aliases: [] }];
