// pyspark.sql.functions.udf and spark.udf.register: JavaScript functions as column functions with
// a declared return type (a DataType or a DDL string; STRING by default, as PySpark).
import { parseDataType } from '../types/ddl';
import { DataType, DataTypes } from '../types/data-types';
import { call } from '../expressions/unresolved';
import type { FunctionRegistry } from '../expressions/function-registry';
import { userDefinedFunction } from '../expressions/functions/user-defined-function';
import { Column, type ColumnOrName } from './column';
import { columnArg } from './column-args';
import { notExpectedType } from './argument-checks';

export type UserDefinedFunction = ((...cols: ColumnOrName[]) => Column) & {
  readonly func: (...args: never[]) => unknown;
  readonly returnType: DataType;
  readonly evalType: number;
  asNondeterministic(): UserDefinedFunction;
};

function toReturnType(returnType: DataType | string | undefined): DataType {
  if (returnType === undefined || returnType === null) return DataTypes.StringType;
  if (returnType instanceof DataType) return returnType;
  if (typeof returnType === 'string') return parseDataType(returnType);
  throw notExpectedType('returnType', 'DataType or str', returnType);
}

export function makeUdf(f: (...args: never[]) => unknown, returnType?: DataType | string, name?: string, deterministic = true): UserDefinedFunction {
  if (typeof f !== 'function') throw notExpectedType('f', 'function', f);
  const type = toReturnType(returnType);
  const fnName = name ?? (f.name || '<lambda>');
  const definition = userDefinedFunction(fnName, f as (...args: unknown[]) => unknown, type, deterministic);
  const apply = (...cols: ColumnOrName[]): Column => new Column(call(fnName, cols.map((c) => columnArg(c, 'cols')), { udf: definition }));
  return Object.assign(apply, {
    func: f,
    returnType: type,
    evalType: 100,
    asNondeterministic: () => makeUdf(f, type, name, false),
  });
}

/** `udf(f, returnType)`: `const plusOne = udf((x: number) => x + 1, 'int'); df.select(plusOne('a'))`. */
export function udf(f: (...args: never[]) => unknown, returnType?: DataType | string): UserDefinedFunction {
  return makeUdf(f, returnType);
}

/** `spark.udf`: registers functions by name for SQL (`spark.sql("select plus_one(a) from t")`). */
export class UDFRegistration {
  constructor(private readonly registry: FunctionRegistry) {}

  register(name: string, f: ((...args: never[]) => unknown) | UserDefinedFunction, returnType?: DataType | string): UserDefinedFunction {
    if (typeof name !== 'string') throw notExpectedType('name', 'str', name);
    const existing = f as Partial<UserDefinedFunction>;
    const u = existing.returnType !== undefined && existing.func !== undefined ? makeUdf(existing.func, returnType ?? existing.returnType, name) : makeUdf(f as (...args: never[]) => unknown, returnType, name);
    this.registry.register(userDefinedFunction(name, u.func as (...args: unknown[]) => unknown, u.returnType));
    return u;
  }
}
