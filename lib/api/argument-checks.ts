// PySpark 4.2's argument checks at the API surface: a wrong argument type raises
// PySparkTypeError NOT_EXPECTED_TYPE ("Argument `col` should be Column or str, got int."), SQLSTATE
// 42K09, before anything reaches the analyzer; never a raw JavaScript TypeError.
import { PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { Column, pyTypeName, type ColumnOrName } from './column';

/** PySparkTypeError NOT_EXPECTED_TYPE with PySpark's parameters. */
export function notExpectedType(argName: string, expectedType: string, value: unknown): PySparkTypeError {
  const argType = pyTypeName(value);
  return new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`${argName}\` should be ${expectedType}, got ${argType}.`, { arg_name: argName, expected_type: expectedType, arg_type: argType }, '42K09');
}

export function checkStr(value: unknown, argName: string): asserts value is string {
  if (typeof value !== 'string') throw notExpectedType(argName, 'str', value);
}

export function checkColumnOrStr(value: unknown, argName: string): asserts value is Column | string {
  if (typeof value !== 'string' && !(value instanceof Column)) throw notExpectedType(argName, 'Column or str', value);
}

export function checkColumn(value: unknown, argName: string): asserts value is Column {
  if (!(value instanceof Column)) throw notExpectedType(argName, 'Column', value);
}

/** An int argument (JS integer number or bigint). */
export function checkInt(value: unknown, argName: string): asserts value is number {
  if (!((typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint')) throw notExpectedType(argName, 'int', value);
}

export function checkBool(value: unknown, argName: string): asserts value is boolean {
  if (typeof value !== 'boolean') throw notExpectedType(argName, 'bool', value);
}

/** A Python dict: a plain JS object (not an array, Column or class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function checkDict(value: unknown, argName: string): asserts value is Record<string, unknown> {
  if (!isPlainObject(value)) throw notExpectedType(argName, 'dict', value);
}

export function checkCallable(value: unknown, argName: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') throw notExpectedType(argName, 'function', value);
}

/** PySparkValueError LENGTH_SHOULD_BE_THE_SAME. */
export function lengthShouldBeTheSame(arg1: string, arg2: string, len1: number, len2: number): PySparkValueError {
  return new PySparkValueError('LENGTH_SHOULD_BE_THE_SAME', `${arg1} and ${arg2} should be of the same length, got ${len1} and ${len2}.`, {
    arg1,
    arg2,
    arg1_length: String(len1),
    arg2_length: String(len2),
  });
}

/** groupingSets' first argument: a list of lists of columns (local and remote mode alike). */
export function checkGroupingSets(groupingSets: unknown): asserts groupingSets is readonly (readonly ColumnOrName[])[] {
  if (!Array.isArray(groupingSets) || !groupingSets.every((set) => Array.isArray(set))) throw notExpectedType('groupingSets', 'list', groupingSets);
}
