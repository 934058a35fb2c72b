// Padding and trimming: lpad/rpad (strings or bytes), trim/ltrim/rtrim with optional trim
// characters (the parser turns `TRIM(BOTH t FROM s)` into `trim(t, s)`), btrim(str[, chars]).
import { constants } from 'node:buffer';
import { DataTypes } from '../../types/data-types';
import { SparkException } from '../../errors/spark-exception';

const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;
// Spark's ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH: the longest array a JVM allocates.
const MAX_BINARY_LENGTH = Math.min(constants.MAX_LENGTH, 2147483647 - 15);
import type { ScalarFunction, Evaluator } from '../function-definition';
import type { Expression } from '../expression';
import { literal } from '../literal';
import { isBinary } from '../type-utils';
import { prettySql } from '../expression-sql';
import { checkArity } from './check-args';
import { callSql, hasSurrogates, intArg, strict1, strict2, strict3, stringArg } from './string-args';

function padString(s: string, len: number, pad: string, left: boolean): string {
  if (len <= 0) return '';
  const chars = hasSurrogates(s) || hasSurrogates(pad);
  const sc: string[] | string = chars ? Array.from(s) : s;
  if (sc.length >= len) return chars ? (sc as string[]).slice(0, len).join('') : (sc as string).slice(0, len);
  if (pad.length === 0) return s;
  const pc: string[] | string = chars ? Array.from(pad) : pad;
  const need = len - sc.length;
  // A result no string can hold fails at once instead of running the process out of memory.
  if (len > MAX_STRING_LENGTH) throw new SparkException(`The result of ${left ? 'lpad' : 'rpad'} would have ${len} characters, more than the longest string this runtime can hold (${MAX_STRING_LENGTH}).`);
  let fill = chars ? '' : (pad as string).repeat(Math.floor(need / pad.length)) + (pad as string).slice(0, need % pad.length);
  if (chars) for (let i = 0; i < need; i++) fill += pc[i % pc.length];
  return left ? fill + s : s + fill;
}

function padBytes(s: Uint8Array, len: number, pad: Uint8Array, left: boolean): Uint8Array {
  if (len <= 0) return new Uint8Array(0);
  if (s.length >= len) return s.slice(0, len);
  if (pad.length === 0) return s;
  if (len > MAX_BINARY_LENGTH) throw new SparkException(`The result of ${left ? 'lpad' : 'rpad'} would have ${len} bytes, more than the largest binary value this runtime can hold (${MAX_BINARY_LENGTH}).`);
  const out = new Uint8Array(len);
  const need = len - s.length;
  const fillAt = left ? 0 : s.length;
  for (let i = 0; i < need; i++) out[fillAt + i] = pad[i % pad.length];
  out.set(s, left ? need : 0);
  return out;
}

function padFunction(name: 'lpad' | 'rpad'): ScalarFunction {
  const left = name === 'lpad';
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2, 3);
      const strBinary = isBinary(args[0].dataType);
      const defaultPad = strBinary ? literal(new Uint8Array([0]), DataTypes.BinaryType) : literal(' ', DataTypes.StringType);
      const full = args.length === 2 ? [...args, defaultPad] : args;
      const sqlExpr = callSql(name, full);
      const binary = strBinary && isBinary(full[2].dataType);
      const len = intArg(sqlExpr, full, 1, ctx.ansiEnabled);
      if (binary) return { args: [full[0], len, full[2]], dataType: DataTypes.BinaryType };
      return { args: [stringArg(sqlExpr, full, 0, ctx.ansiEnabled), len, stringArg(sqlExpr, full, 2, ctx.ansiEnabled)], dataType: DataTypes.StringType };
    },
    compile([str, len, pad], [t]): Evaluator {
      if (isBinary(t)) return strict3(str, len, pad, (s: Uint8Array, l: number, p: Uint8Array) => padBytes(s, l, p, left));
      return strict3(str, len, pad, (s: string, l: number, p: string) => padString(s, l, p, left));
    },
  };
}

type TrimSide = 'both' | 'leading' | 'trailing';

function trimChars(s: string, chars: string, side: TrimSide): string {
  const set = new Set(Array.from(chars));
  const cs = Array.from(s);
  let start = 0;
  let end = cs.length;
  if (side !== 'trailing') while (start < end && set.has(cs[start])) start++;
  if (side !== 'leading') while (end > start && set.has(cs[end - 1])) end--;
  return start === 0 && end === cs.length ? s : cs.slice(start, end).join('');
}

function trimSpaces(s: string, side: TrimSide): string {
  let start = 0;
  let end = s.length;
  if (side !== 'trailing') while (start < end && s.charCodeAt(start) === 32) start++;
  if (side !== 'leading') while (end > start && s.charCodeAt(end - 1) === 32) end--;
  return s.slice(start, end);
}

/** trim/ltrim/rtrim: (str) or, as the parser and Spark's registry order them, (trimStr, str). */
function trimFunction(name: 'trim' | 'ltrim' | 'rtrim', side: TrimSide): ScalarFunction {
  const keyword = side.toUpperCase();
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1, 2);
      // Resolved order is always (str[, trimStr]).
      const ordered: Expression[] = args.length === 2 ? [args[1], args[0]] : args;
      const sqlExpr = args.length === 2 ? `TRIM(${keyword} ${prettySql(ordered[1])} FROM ${prettySql(ordered[0])})` : callSql(name, args);
      return { args: ordered.map((_, i) => stringArg(sqlExpr, ordered, i, ctx.ansiEnabled)), dataType: DataTypes.StringType };
    },
    compile([str, chars]): Evaluator {
      if (!chars) return strict1(str, (s: string) => trimSpaces(s, side));
      return strict2(str, chars, (s: string, c: string) => trimChars(s, c, side));
    },
    sql: (args) => (args.length === 2 ? `TRIM(${keyword} ${args[1]} FROM ${args[0]})` : `${name}(${args[0]})`),
  };
}

const btrim: ScalarFunction = {
  kind: 'scalar',
  name: 'btrim',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1, 2);
    const sqlExpr = callSql('btrim', args);
    return { args: args.map((_, i) => stringArg(sqlExpr, args, i, ctx.ansiEnabled)), dataType: DataTypes.StringType };
  },
  compile([str, chars]): Evaluator {
    if (!chars) return strict1(str, (s: string) => trimSpaces(s, 'both'));
    return strict2(str, chars, (s: string, c: string) => trimChars(s, c, 'both'));
  },
};

export const STRING_PAD_TRIM_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: padFunction('lpad'), aliases: [] },
  { fn: padFunction('rpad'), aliases: [] },
  { fn: trimFunction('trim', 'both'), aliases: [] },
  { fn: trimFunction('ltrim', 'leading'), aliases: [] },
  { fn: trimFunction('rtrim', 'trailing'), aliases: [] },
  { fn: btrim, aliases: [] },
];
