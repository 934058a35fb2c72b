// awaitTermination(timeout) / awaitAnyTermination(timeout): PySpark takes seconds (an int or a
// float) and refuses anything not positive with VALUE_NOT_POSITIVE, whose text names the
// argument's Python type ('int', 'float', 'str'...), exactly as PySpark prints it.
import { PySparkValueError } from '../errors/illegal-argument-exception';

function pythonTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'list' : typeof v === 'object' ? 'dict' : typeof v;
}

/** The timeout in milliseconds for setTimeout, after PySpark's check. */
export function timeoutMillis(timeout: unknown): number {
  if (typeof timeout !== 'number' || !(timeout > 0) || !Number.isFinite(timeout)) {
    const typeName = pythonTypeName(timeout);
    throw new PySparkValueError('VALUE_NOT_POSITIVE', `Value for \`timeout\` must be positive, got '${typeName}'.`, { arg_name: 'timeout', arg_value: typeName });
  }
  // setTimeout holds at most 2^31-1 ms (~24.8 days); longer waits are capped there.
  return Math.min(Math.round(timeout * 1000), 2_147_483_647);
}
