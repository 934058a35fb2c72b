// explain()'s arguments as PySpark reads them: explain(), explain(true/false), explain('formatted'),
// explain({ mode: 'formatted' }) (PySpark's mode= keyword), and the errors for anything else.
import { PySparkTypeError, PySparkValueError, IllegalArgumentException } from '../errors/illegal-argument-exception';
import { notExpectedType } from './argument-checks';

export type ExplainMode = 'simple' | 'extended' | 'codegen' | 'cost' | 'formatted';

export interface ExplainOptions {
  extended?: boolean | string | null;
  mode?: string | null;
}

function isOptions(value: unknown): value is ExplainOptions {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** DataFrame.explain(extended, mode): the mode name PySpark hands to the JVM. */
export function explainModeName(extendedArg?: unknown, modeArg?: unknown): string {
  let extended = extendedArg;
  let mode = modeArg;
  if (isOptions(extended) && mode === undefined) ({ extended, mode } = extended);
  if (isOptions(mode)) mode = mode.mode;
  extended = extended ?? undefined;
  mode = mode ?? undefined;
  if (extended !== undefined && mode !== undefined) {
    throw new PySparkValueError('CANNOT_SET_TOGETHER', 'extended and mode should not be set together.', { arg_list: 'extended and mode' });
  }
  if (extended === undefined && mode === undefined) return 'simple';
  if (typeof extended === 'boolean') return extended ? 'extended' : 'simple';
  if (typeof extended === 'string') return extended;
  if (typeof mode === 'string') return mode;
  if (extended !== undefined) throw notExpectedTypeWith('extended', 'bool or str', extended);
  throw notExpectedTypeWith('mode', 'str', mode);
}

function notExpectedTypeWith(argName: string, expected: string, value: unknown): PySparkTypeError {
  return notExpectedType(argName, expected, value);
}

/** Spark's ExplainMode.fromString. */
export function parseExplainMode(name: string): ExplainMode {
  const mode = name.toLowerCase();
  if (mode === 'simple' || mode === 'extended' || mode === 'codegen' || mode === 'cost' || mode === 'formatted') return mode;
  throw new IllegalArgumentException(`Unknown explain mode: ${name}. Accepted explain modes are 'simple', 'extended', 'codegen', 'cost', 'formatted'.`);
}
