// Triggers as PySpark spells them: trigger({ processingTime: "1 second" }), trigger({ once: true }),
// trigger({ availableNow: true }); also a plain "1 second" string for processingTime.
import { PySparkValueError } from '../errors/illegal-argument-exception';
import { IllegalArgumentException } from '../errors/illegal-argument-exception';
import { parseDurationMs } from '../util/interval-string';

export type Trigger =
  | { kind: 'processingTime'; intervalMs: number }
  | { kind: 'once' }
  | { kind: 'availableNow' };

export interface TriggerOptions {
  processingTime?: string | number;
  once?: boolean;
  availableNow?: boolean;
  continuous?: string;
  /** Spark 4.1's real-time mode: refused here (Rivulet runs micro-batches only). */
  realTime?: string;
}

export const DEFAULT_TRIGGER: Trigger = { kind: 'processingTime', intervalMs: 0 };

export function parseTrigger(arg: TriggerOptions | string | undefined): Trigger {
  const options: TriggerOptions = typeof arg === 'string' ? { processingTime: arg } : (arg ?? {});
  const given = Object.entries(options).filter(([, v]) => v !== undefined && v !== null);
  if (given.length !== 1) {
    throw new PySparkValueError('ONLY_ALLOW_SINGLE_TRIGGER', 'Only a single trigger is allowed.');
  }
  const [key, value] = given[0];
  switch (key) {
    case 'processingTime': {
      // PySpark: `if type(processingTime) != str or len(processingTime.strip()) == 0`.
      if (typeof value !== 'string' || value.trim().length === 0) {
        throw new PySparkValueError('VALUE_NOT_NON_EMPTY_STR', `Value for \`processingTime\` must be a non-empty string, got '${String(value)}'.`, { arg_name: 'processingTime', arg_value: String(value) });
      }
      const ms = typeof value === 'number' ? value : parseDurationMs(value as string);
      if (ms < 0) throw new IllegalArgumentException('requirement failed: the interval of trigger should not be negative');
      return { kind: 'processingTime', intervalMs: ms };
    }
    case 'once':
    case 'availableNow':
      if (value !== true) {
        throw new PySparkValueError('VALUE_NOT_ALLOWED', `Value for \`${key}\` has to be True but got ${String(value)}.`, { arg_name: key, allowed_values: 'True' });
      }
      return { kind: key };
    case 'continuous':
      throw new IllegalArgumentException('The continuous trigger is not supported by Rivulet; use processingTime.');
    case 'realTime':
      throw new IllegalArgumentException('The real-time trigger (realTime) is not supported by Rivulet; use processingTime.');
    default:
      throw new PySparkValueError('ONLY_ALLOW_SINGLE_TRIGGER', `Unknown trigger '${key}'. Only a single trigger is allowed.`);
  }
}
