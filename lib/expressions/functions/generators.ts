// explode / posexplode (and _outer): one output row per array element or map entry.
import { ArrayType, MapType, DataTypes } from '../../types/data-types';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { GeneratorFunction } from '../function-definition';
import { prettySql } from '../expression-sql';
import { typeSql } from '../type-utils';
import { checkArity } from './check-args';

function explodeFunction(name: string, withPosition: boolean): GeneratorFunction {
  return {
    kind: 'generator',
    name,
    resolve(args, ctx, outer) {
      checkArity(ctx.name, args, 1);
      const t = args[0].dataType;
      const pos = withPosition ? [{ name: 'pos', dataType: DataTypes.IntegerType, nullable: outer }] : [];
      if (t instanceof ArrayType) {
        return { args, elementTypes: [...pos, { name: 'col', dataType: t.elementType, nullable: t.containsNull || outer }] };
      }
      if (t instanceof MapType) {
        return {
          args,
          elementTypes: [...pos, { name: 'key', dataType: t.keyType, nullable: outer }, { name: 'value', dataType: t.valueType, nullable: t.valueContainsNull || outer }],
        };
      }
      throw unexpectedInputTypeError(`${name}(${prettySql(args[0])})`, 0, '("ARRAY" or "MAP")', prettySql(args[0]), typeSql(t));
    },
    compile([input], [inputType]) {
      const isMap = inputType instanceof MapType;
      if (isMap) {
        return (row, emit) => {
          const m = input(row) as Map<unknown, unknown> | null;
          if (m === null) return;
          let i = 0;
          for (const [k, v] of m) emit(withPosition ? [i++, k, v] : [k, v]);
        };
      }
      if (withPosition) {
        return (row, emit) => {
          const a = input(row) as unknown[] | null;
          if (a === null) return;
          for (let i = 0; i < a.length; i++) emit([i, a[i]]);
        };
      }
      return (row, emit) => {
        const a = input(row) as unknown[] | null;
        if (a === null) return;
        for (let i = 0; i < a.length; i++) emit([a[i]]);
      };
    },
  };
}

export const GENERATOR_FUNCTIONS: { fn: GeneratorFunction; aliases: string[]; outer?: boolean }[] = [
  { fn: explodeFunction('explode', false), aliases: [] },
  { fn: explodeFunction('posexplode', true), aliases: [] },
];
