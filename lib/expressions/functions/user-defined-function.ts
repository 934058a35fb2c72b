// A JavaScript function as a SQL scalar function (PySpark's udf / spark.udf.register): called once
// per row with the argument values (null stays null, as Python's None), its result checked
// against the declared return type: a LONG accepts a number or a bigint, an INT/DOUBLE a number;
// a value of another type is a failure with Spark's error.
import { SparkException } from '../../errors/spark-exception';
import { DataType } from '../../types/data-types';
import type { Evaluator, ScalarFunction } from '../function-definition';

export function userDefinedFunction(name: string, f: (...args: unknown[]) => unknown, returnType: DataType, deterministic = true): ScalarFunction & { deterministic: boolean } {
  const typeName = returnType.typeName();
  const convert = (v: unknown): unknown => {
    if (v === null || v === undefined) return null;
    if (typeName === 'long' && typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
    if ((typeName === 'integer' || typeName === 'short' || typeName === 'byte') && typeof v === 'bigint') return Number(v);
    if ((typeName === 'double' || typeName === 'float') && typeof v === 'bigint') return Number(v);
    return v;
  };
  return {
    kind: 'scalar',
    name,
    deterministic,
    resolve(args) {
      return { args, dataType: returnType, nullable: true };
    },
    compile(args: Evaluator[], argTypes): Evaluator {
      const signature = argTypes.map((t) => t.simpleString()).join(', ');
      const n = args.length;
      return (row) => {
        const values = new Array<unknown>(n);
        for (let i = 0; i < n; i++) values[i] = args[i](row);
        try {
          return convert(f(...values));
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new SparkException(`User defined function (${name}: (${signature}) => ${returnType.simpleString()}) failed due to: ${reason}.`, {
            errorClass: 'FAILED_EXECUTE_UDF',
            sqlState: '39000',
            messageParameters: { functionName: name, signature, result: returnType.simpleString(), reason },
            cause: error,
          });
        }
      };
    },
  };
}
