// PySpark's DataFrame.explain(extended=None, mode=None) argument rules: `explain()`,
// `explain(true|false)`, `explain('formatted')` (the mode as first argument) or
// `explain(null, 'cost')`; both set -> CANNOT_SET_TOGETHER, wrong types -> NOT_EXPECTED_TYPE, an
// unknown mode -> Spark's IllegalArgumentException.
import { IllegalArgumentException, PySparkValueError } from '../errors/illegal-argument-exception';
import { notExpectedType } from './argument-checks';

export type ExplainMode = 'simple' | 'extended' | 'codegen' | 'cost' | 'formatted';
const MODES: readonly string[] = ['simple', 'extended', 'codegen', 'cost', 'formatted'];

const isSet = (v: unknown) => v !== undefined && v !== null;

export function explainMode(extended: unknown, mode: unknown): ExplainMode {
  if (isSet(extended) && isSet(mode)) throw new PySparkValueError('CANNOT_SET_TOGETHER', 'extended and mode should not be set together.', { arg_list: 'extended and mode' });
  let chosen: string;
  if (!isSet(extended) && !isSet(mode)) chosen = 'simple';
  else if (typeof extended === 'boolean') chosen = extended ? 'extended' : 'simple';
  else if (typeof extended === 'string') chosen = extended;
  else if (!isSet(extended) && typeof mode === 'string') chosen = mode;
  else if (isSet(extended)) throw notExpectedType('extended', 'bool or str', extended);
  else throw notExpectedType('mode', 'str', mode);
  const lower = chosen.toLowerCase();
  if (!MODES.includes(lower)) throw new IllegalArgumentException(`Unknown explain mode: ${chosen}. Accepted explain modes are 'simple', 'extended', 'codegen', 'cost', 'formatted'.`);
  return lower as ExplainMode;
}
