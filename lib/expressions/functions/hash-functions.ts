// Spark's hash(...) (Murmur3, seed 42, INT) and xxhash64(...) (XXH64, seed 42, BIGINT): every
// argument feeds the hash in turn, the previous result being the next seed; nulls leave it
// unchanged. Values hash as Spark's InterpretedHashFunction does (see xxhash64-value.ts); maps are
// refused (DATATYPE_MISMATCH.HASH_MAP_TYPE) as in Spark 4.
import { AnalysisException } from '../../errors/analysis-exception';
import { ArrayType, DataType, DataTypes, DecimalType, MapType } from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import { Decimal } from '../../types/decimal';
import { murmur3HashBytes as murmur3Bytes, murmur3HashInt as murmur3Int, murmur3HashLong as murmur3Long } from '../../util/murmur3';
import { bigIntegerBytes, doubleToLongBits, floatToIntBits, xxhash64Value } from '../aggregates/xxhash64-value';
import { prettySql } from '../expression-sql';
import type { Evaluator, FunctionDefinition, ScalarFunction } from '../function-definition';
import { checkArity } from './check-args';

const SEED = 42;
const encoder = new TextEncoder();

function containsMap(t: DataType): boolean {
  if (t instanceof MapType) return true;
  if (t instanceof ArrayType) return containsMap(t.elementType);
  if (t instanceof StructType) return t.fields.some((f) => containsMap(f.dataType));
  return false;
}

/** Spark's Murmur3HashFunction.hash(value, dataType, seed). */
export function murmur3Value(value: unknown, dataType: DataType, seed: number): number {
  if (value === null || value === undefined) return seed;
  switch (typeof value) {
    case 'boolean':
      return murmur3Int(value ? 1 : 0, seed);
    case 'bigint':
      return murmur3Long(value, seed);
    case 'string':
      return murmur3Bytes(encoder.encode(value), seed);
    case 'number': {
      const name = dataType.typeName();
      if (name === 'float') return murmur3Int(value === 0 ? 0 : floatToIntBits(value), seed);
      if (name === 'double') return murmur3Long(value === 0 ? 0n : doubleToLongBits(value), seed);
      return murmur3Int(value | 0, seed);
    }
  }
  if (value instanceof Uint8Array) return murmur3Bytes(value, seed);
  if (value instanceof Decimal) {
    const type = dataType instanceof DecimalType ? dataType : new DecimalType(Math.max(value.precision, 1), value.scale);
    const unscaled = value.scale === type.scale ? value.unscaled : value.setScale(type.scale).unscaled;
    return type.precision <= 18 ? murmur3Long(unscaled, seed) : murmur3Bytes(bigIntegerBytes(unscaled), seed);
  }
  if (Array.isArray(value)) {
    let result = seed;
    if (dataType instanceof StructType) dataType.fields.forEach((f, i) => (result = murmur3Value(value[i], f.dataType, result)));
    else {
      const elementType = dataType instanceof ArrayType ? dataType.elementType : dataType;
      for (const e of value) result = murmur3Value(e, elementType, result);
    }
    return result;
  }
  const interval = value as { months?: number; days?: number; microseconds?: bigint };
  if (typeof interval.months === 'number' && typeof interval.days === 'number' && typeof interval.microseconds === 'bigint') {
    return murmur3Int(interval.months, murmur3Int(interval.days, murmur3Long(interval.microseconds, seed)));
  }
  throw new Error(`hash: unsupported value for ${dataType.simpleString()}`);
}

function hashFunction(name: 'hash' | 'xxhash64'): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1, Infinity);
      if (args.some((a) => containsMap(a.dataType))) {
        const sqlExpr = `"${ctx.name}(${args.map((a) => prettySql(a)).join(', ')})"`;
        throw new AnalysisException(
          `Cannot resolve ${sqlExpr} due to data type mismatch: Input to the function \`${ctx.name}\` cannot contain elements of the "MAP" type. In Spark, same maps may have different hashcode, thus hash expressions are prohibited on "MAP" elements. To restore previous behavior set "spark.sql.legacy.allowHashOnMapType" to "true".`,
          { errorClass: 'DATATYPE_MISMATCH.HASH_MAP_TYPE', sqlState: '42K09', messageParameters: { sqlExpr, functionName: `\`${ctx.name}\`` } },
        );
      }
      return { args, dataType: name === 'hash' ? DataTypes.IntegerType : DataTypes.LongType, nullable: false };
    },
    compile(args, argTypes): Evaluator {
      const n = args.length;
      if (name === 'hash') {
        return (row) => {
          let h = SEED;
          for (let i = 0; i < n; i++) h = murmur3Value(args[i](row), argTypes[i], h);
          return h;
        };
      }
      return (row) => {
        let h = BigInt(SEED);
        for (let i = 0; i < n; i++) h = xxhash64Value(args[i](row), argTypes[i], h);
        return h;
      };
    },
  };
}

export const HASH_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [
  { fn: hashFunction('hash'), aliases: [] },
  { fn: hashFunction('xxhash64'), aliases: [] },
];
