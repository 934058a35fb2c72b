// Comparisons of timestamps shifted by constant day-time intervals, `a <= b + INTERVAL 20 SECONDS`:
// the time-range condition of every stream-stream join, evaluated for each candidate pair. The
// generic evaluators add BigInts (an allocation per addition) and compare them; here both sides
// are compared as doubles, exact while the micros are safe integers (the years 1685 to 2255), and
// anything else (nulls, values beyond 2^53) goes to the generic evaluator, so results, nulls and
// overflow errors are the same.
import { DayTimeIntervalType } from '../types/interval-types';
import { int64ToDouble } from '../util/int64-to-double';
import type { Expression } from './expression';
import type { Evaluator } from './function-definition';

const COMPARE = new Map<string, (a: number, b: number) => boolean>([
  ['<', (a, b) => a < b],
  ['<=', (a, b) => a <= b],
  ['>', (a, b) => a > b],
  ['>=', (a, b) => a >= b],
]);

const isTimestamp = (e: Expression): boolean => {
  const name = e.dataType.typeName();
  return name === 'timestamp' || name === 'timestamp_ntz';
};

/** A constant day-time interval's micros, or undefined. */
function intervalMicros(e: Expression): bigint | undefined {
  if (e.kind !== 'literal' || !(e.dataType instanceof DayTimeIntervalType) || typeof e.value !== 'bigint') return undefined;
  return e.value;
}

/** A timestamp term: an expression plus a constant shift in micros. */
interface Term {
  base: Expression;
  shift: bigint;
}

function termOf(e: Expression): Term | undefined {
  if (e.kind === 'scalarCall' && (e.fn.name === '+' || e.fn.name === '-') && e.args.length === 2 && isTimestamp(e)) {
    const [x, y] = e.args;
    const right = intervalMicros(y);
    if (right !== undefined && isTimestamp(x)) return { base: x, shift: e.fn.name === '+' ? right : -right };
    const left = intervalMicros(x);
    if (left !== undefined && e.fn.name === '+' && isTimestamp(y)) return { base: y, shift: left };
    return undefined;
  }
  return isTimestamp(e) ? { base: e, shift: 0n } : undefined;
}

/** Columns and constants only: the fallback evaluates the operands again. */
const readsPlainly = (t: Term): boolean => t.base.kind === 'attribute' || t.base.kind === 'literal';

/**
 * The fast evaluator of a comparison of two (shifted) timestamps, or undefined when `e` is not
 * one. `compile` compiles a sub-expression; `generic` is the comparison's ordinary evaluator.
 */
export function compileTimeComparison(e: Expression, compile: (x: Expression) => Evaluator, generic: Evaluator): Evaluator | undefined {
  if (e.kind !== 'scalarCall' || e.args.length !== 2) return undefined;
  const compare = COMPARE.get(e.fn.name);
  if (compare === undefined) return undefined;
  const [l, r] = e.args;
  if (l.dataType.typeName() !== r.dataType.typeName()) return undefined;
  const lt = termOf(l);
  const rt = termOf(r);
  // Plain column comparisons allocate nothing already: only shifted ones gain.
  if (lt === undefined || rt === undefined || (lt.shift === 0n && rt.shift === 0n) || !readsPlainly(lt) || !readsPlainly(rt)) return undefined;
  const ls = Number(lt.shift);
  const rs = Number(rt.shift);
  if (!Number.isSafeInteger(ls) || !Number.isSafeInteger(rs)) return undefined;
  const readL = compile(lt.base);
  const readR = compile(rt.base);
  return (row) => {
    const a = readL(row);
    const b = readR(row);
    if (typeof a === 'bigint' && typeof b === 'bigint') {
      const x = int64ToDouble(a);
      const y = int64ToDouble(b);
      const xs = x + ls;
      const ys = y + rs;
      if (Number.isSafeInteger(x) && Number.isSafeInteger(y) && Number.isSafeInteger(xs) && Number.isSafeInteger(ys)) return compare(xs, ys);
    }
    return generic(row);
  };
}
