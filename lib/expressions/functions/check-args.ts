import { wrongNumArgsError } from '../../errors/query-compilation-errors';
import type { Expression } from '../expression';

/** Throws Spark's WRONG_NUM_ARGS unless `args.length` is within [min, max]. */
export function checkArity(name: string, args: readonly Expression[], min: number, max = min): void {
  if (args.length >= min && args.length <= max) return;
  const expected = min === max ? String(min) : max === Infinity ? `> ${min - 1}` : `[${Array.from({ length: max - min + 1 }, (_, i) => min + i).join(', ')}]`;
  throw wrongNumArgsError(name, expected, args.length);
}
