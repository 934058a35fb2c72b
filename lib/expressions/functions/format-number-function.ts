// Spark's format_number(x, d): Java's DecimalFormat with grouping. `d` is a number of decimal
// places (negative gives null) or a DecimalFormat pattern ('#,###.##'). Rounding is HALF_EVEN on
// the exact binary value of a double, as java.text.DecimalFormat does since JDK 8.
import { DataTypes } from '../../types/data-types';
import { Decimal } from '../../types/decimal';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { Evaluator, FunctionDefinition, ScalarFunction } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { checkArity } from './check-args';

interface Pattern {
  minFraction: number;
  maxFraction: number;
  minInteger: number;
  grouping: number;
}

function parsePattern(p: string): Pattern {
  const [intPart, fracPart = ''] = p.split('.');
  const lastComma = intPart.lastIndexOf(',');
  const grouping = lastComma < 0 ? 0 : intPart.length - lastComma - 1;
  return {
    minInteger: [...intPart].filter((c) => c === '0').length,
    minFraction: [...fracPart].filter((c) => c === '0').length,
    maxFraction: [...fracPart].filter((c) => c === '0' || c === '#').length,
    grouping,
  };
}

const view = new DataView(new ArrayBuffer(8));

/** The exact value of a double as (negative, unscaled >= 0, scale >= 0). */
function exactDouble(v: number): { negative: boolean; unscaled: bigint; scale: number } {
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let e: number;
  if (exponent === 0) e = -1074;
  else {
    mantissa |= 1n << 52n;
    e = exponent - 1075;
  }
  if (e >= 0) return { negative, unscaled: mantissa << BigInt(e), scale: 0 };
  return { negative, unscaled: mantissa * 5n ** BigInt(-e), scale: -e };
}

function exactOf(x: unknown): { negative: boolean; unscaled: bigint; scale: number } {
  if (typeof x === 'bigint') return { negative: x < 0n, unscaled: x < 0n ? -x : x, scale: 0 };
  if (x instanceof Decimal) return { negative: x.unscaled < 0n, unscaled: x.unscaled < 0n ? -x.unscaled : x.unscaled, scale: x.scale };
  return exactDouble(x as number);
}

function format(x: unknown, p: Pattern): string {
  if (typeof x === 'number' && !Number.isFinite(x)) return Number.isNaN(x) ? '\uFFFD' : x > 0 ? '\u221E' : '-\u221E';
  const { negative, unscaled, scale } = exactOf(x);
  // Round HALF_EVEN to maxFraction digits.
  let digits = unscaled;
  if (scale > p.maxFraction) {
    const div = 10n ** BigInt(scale - p.maxFraction);
    const q = digits / div;
    const r = digits % div;
    const twice = r * 2n;
    digits = twice > div || (twice === div && q % 2n === 1n) ? q + 1n : q;
  } else {
    digits *= 10n ** BigInt(p.maxFraction - scale);
  }
  let text = digits.toString().padStart(p.maxFraction + 1, '0');
  let intText = text.slice(0, text.length - p.maxFraction);
  let fracText = text.slice(text.length - p.maxFraction);
  while (fracText.length > p.minFraction && fracText.endsWith('0')) fracText = fracText.slice(0, -1);
  intText = intText.replace(/^0+/, '');
  if (intText.length < p.minInteger) intText = intText.padStart(p.minInteger, '0');
  if (p.grouping > 0 && intText.length > p.grouping) {
    const groups: string[] = [];
    for (let end = intText.length; end > 0; end -= p.grouping) groups.unshift(intText.slice(Math.max(0, end - p.grouping), end));
    intText = groups.join(',');
  }
  text = fracText.length > 0 ? `${intText}.${fracText}` : intText;
  if (text === '') text = '0';
  return negative ? `-${text}` : text;
}

function typeError(name: string, args: Expression[], index: number, required: string) {
  return unexpectedInputTypeError(`${name}(${args.map((a) => prettySql(a)).join(', ')})`, index, required, prettySql(args[index]), args[index].dataType.toDDL());
}

const DEFAULT = '#,###,###,###,###,###,##0';

const formatNumber: ScalarFunction = {
  kind: 'scalar',
  name: 'format_number',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    const t = args[0].dataType.typeName();
    if (!['byte', 'short', 'integer', 'long', 'float', 'double', 'void'].includes(t) && !t.startsWith('decimal')) {
      throw typeError(ctx.name, args, 0, '"NUMERIC"');
    }
    const d = args[1].dataType.typeName();
    if (!['integer', 'string', 'void', 'byte', 'short'].includes(d)) throw typeError(ctx.name, args, 1, '("INT" or "STRING")');
    return { args, dataType: DataTypes.StringType, nullable: true };
  },
  compile(args, argTypes): Evaluator {
    const [x, d] = args;
    const isInt = ['byte', 'short', 'integer', 'long'].includes(argTypes[0].typeName());
    let lastKey: unknown;
    let lastPattern: Pattern | undefined;
    return (row) => {
      const value = x(row);
      const spec = d(row);
      if (value === null || spec === null) return null;
      if (spec !== lastKey) {
        lastKey = spec;
        if (typeof spec === 'number') lastPattern = spec < 0 ? undefined : parsePattern(spec === 0 ? DEFAULT : `${DEFAULT}.${'0'.repeat(spec)}`);
        else lastPattern = parsePattern(spec === '' ? DEFAULT : String(spec));
      }
      if (!lastPattern) return null;
      return format(isInt && typeof value === 'number' ? BigInt(value) : value, lastPattern);
    };
  },
};

export const FORMAT_NUMBER_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [{ fn: formatNumber, aliases: [] }];
