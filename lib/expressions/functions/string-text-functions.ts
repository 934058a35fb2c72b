// Character-level string functions: initcap, repeat, space, ascii, chr, quote, octet/bit length,
// levenshtein, soundex, and format_string/printf (Java's Formatter for the common conversions).
import { ArrayType, DataTypes, DecimalType, type DataType } from '../../types/data-types';
import { Decimal } from '../../types/decimal';
import { SparkException } from '../../errors/spark-exception';
import type { ScalarFunction, Evaluator } from '../function-definition';
import { isBinary, typeSql } from '../type-utils';
import { javaDoubleToString, javaFloatToString } from '../../types/pretty-value';
import { checkArity } from './check-args';
import { callSql, castArg, intArg, strict1, strict2, strict3, stringArg, utf8Bytes } from './string-args';

function unary(name: string, resultType: DataType, op: (s: string) => unknown, aliases: string[] = []): { fn: ScalarFunction; aliases: string[] } {
  return {
    fn: {
      kind: 'scalar',
      name,
      resolve(args, ctx) {
        checkArity(ctx.name, args, 1);
        return { args: [stringArg(callSql(name, args), args, 0, ctx.ansiEnabled)], dataType: resultType };
      },
      compile([a]): Evaluator {
        return strict1(a, op);
      },
    },
    aliases,
  };
}

/** Spark's initcap: lower-case everything, then upper-case the first letter after each space. */
function initcap(s: string): string {
  let out = '';
  let start = true;
  for (const c of s.toLowerCase()) {
    out += start ? c.toUpperCase() : c;
    start = c === ' ';
  }
  return out;
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** American Soundex as UTF8String.soundex: input not starting with a letter is returned as is. */
const SOUNDEX = '01230120022455012623010202';
function soundex(s: string): string {
  if (s.length === 0) return s;
  const first = s[0].toUpperCase();
  if (first < 'A' || first > 'Z') return s;
  let out = first;
  let last = SOUNDEX[first.charCodeAt(0) - 65];
  for (let i = 1; i < s.length && out.length < 4; i++) {
    const c = s[i].toUpperCase();
    if (c < 'A' || c > 'Z') {
      last = '0';
      continue;
    }
    const code = SOUNDEX[c.charCodeAt(0) - 65];
    if (c === 'H' || c === 'W') continue;
    if (code !== '0' && code !== last) out += code;
    last = code;
  }
  return out.padEnd(4, '0');
}

function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Array<number>(y.length + 1);
  let cur = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

const levenshteinFn: ScalarFunction = {
  kind: 'scalar',
  name: 'levenshtein',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2, 3);
    const sqlExpr = callSql('levenshtein', args);
    const out = [stringArg(sqlExpr, args, 0, ctx.ansiEnabled), stringArg(sqlExpr, args, 1, ctx.ansiEnabled)];
    if (args.length === 3) out.push(intArg(sqlExpr, args, 2, ctx.ansiEnabled));
    return { args: out, dataType: DataTypes.IntegerType };
  },
  compile([a, b, t]): Evaluator {
    if (!t) return strict2(a, b, levenshtein);
    return strict3(a, b, t, (x: string, y: string, threshold: number) => {
      const d = levenshtein(x, y);
      return d > threshold ? -1 : d;
    });
  },
};

const repeat: ScalarFunction = {
  kind: 'scalar',
  name: 'repeat',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    const sqlExpr = callSql('repeat', args);
    return { args: [stringArg(sqlExpr, args, 0, ctx.ansiEnabled), intArg(sqlExpr, args, 1, ctx.ansiEnabled)], dataType: DataTypes.StringType };
  },
  compile([a, n]): Evaluator {
    return strict2(a, n, (s: string, k: number) => (k <= 0 ? '' : s.repeat(k)));
  },
};

const space: ScalarFunction = {
  kind: 'scalar',
  name: 'space',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    return { args: [intArg(callSql('space', args), args, 0, ctx.ansiEnabled)], dataType: DataTypes.StringType };
  },
  compile([n]): Evaluator {
    return strict1(n, (k: number) => (k <= 0 ? '' : ' '.repeat(k)));
  },
};

/** chr(n): '' for negatives, else the character n mod 256. */
const chr: ScalarFunction = {
  kind: 'scalar',
  name: 'chr',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    return { args: [castArg(callSql(ctx.name.toLowerCase(), args), args, 0, DataTypes.LongType, ctx.ansiEnabled)], dataType: DataTypes.StringType };
  },
  compile([n]): Evaluator {
    return strict1(n, (v: bigint) => (v < 0n ? '' : String.fromCharCode(Number(v & 0xffn))));
  },
};

function byteLength(name: 'octet_length' | 'bit_length', factor: number): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      if (isBinary(args[0].dataType)) return { args, dataType: DataTypes.IntegerType };
      return { args: [stringArg(callSql(name, args), args, 0, ctx.ansiEnabled)], dataType: DataTypes.IntegerType };
    },
    compile([a], [t]): Evaluator {
      if (isBinary(t)) return strict1(a, (b: Uint8Array) => b.length * factor);
      return strict1(a, (s: string) => utf8Bytes(s).length * factor);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// format_string / printf

function illegalFormat(message: string): SparkException {
  return new SparkException(message, { errorClass: undefined });
}

function formatValue(v: unknown, t: DataType): unknown {
  if (v === null) return null;
  if (t instanceof DecimalType) return typeof v === 'string' ? v : v instanceof Decimal ? v.toString() : v;
  return v;
}

const FORMAT_SPEC = /%(\d+\$)?([-#+ 0,(<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])/g;

function javaFormat(fmt: string, values: unknown[], types: DataType[]): string {
  let next = 0;
  return fmt.replace(FORMAT_SPEC, (whole, pos: string | undefined, flags = '', width: string | undefined, prec: string | undefined, _t, conv: string) => {
    if (conv === '%') return pad('%', flags, width);
    if (conv === 'n') return '\n';
    const index = pos ? parseInt(pos, 10) - 1 : next++;
    if (index >= values.length) throw illegalFormat(`Format specifier '${whole}'`);
    const v = values[index];
    const t = types[index];
    const upper = conv !== conv.toLowerCase();
    let body: string;
    const p = prec ? parseInt(prec.slice(1), 10) : undefined;
    switch (conv.toLowerCase()) {
      case 'b':
        body = v === null ? 'false' : typeof v === 'boolean' ? String(v) : 'true';
        break;
      case 's':
        body = v === null ? 'null' : stringOf(v, t);
        if (p !== undefined) body = body.slice(0, p);
        break;
      case 'd': {
        if (v === null) {
          body = 'null';
          break;
        }
        const n = typeof v === 'bigint' ? v : BigInt(String(v));
        body = n < 0n ? `-${group((-n).toString(), flags)}` : group(n.toString(), flags);
        if (n >= 0n && flags.includes('+')) body = `+${body}`;
        else if (n >= 0n && flags.includes(' ')) body = ` ${body}`;
        else if (n < 0n && flags.includes('(')) body = `(${body.slice(1)})`;
        if (flags.includes('0') && width) body = zeroPad(body, parseInt(width, 10));
        break;
      }
      case 'x':
      case 'o': {
        if (v === null) {
          body = 'null';
          break;
        }
        const radix = conv.toLowerCase() === 'x' ? 16 : 8;
        const n = BigInt(String(v));
        const bits = typeof v === 'bigint' ? 64 : 32;
        body = (n < 0n ? BigInt.asUintN(bits, n) : n).toString(radix);
        if (flags.includes('#')) body = (radix === 16 ? '0x' : '0') + body;
        if (flags.includes('0') && width) body = zeroPad(body, parseInt(width, 10));
        break;
      }
      case 'f':
      case 'e': {
        if (v === null) {
          body = 'null';
          break;
        }
        const num = Number(v);
        const digits = p ?? 6;
        if (!Number.isFinite(num)) body = Number.isNaN(num) ? 'NaN' : num > 0 ? 'Infinity' : '-Infinity';
        else if (conv.toLowerCase() === 'f') body = group(Math.abs(num).toFixed(digits), flags);
        else body = Math.abs(num).toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2');
        if (Number.isFinite(num)) {
          const neg = num < 0 || Object.is(num, -0);
          if (neg) body = flags.includes('(') ? `(${body})` : `-${body}`;
          else if (flags.includes('+')) body = `+${body}`;
          else if (flags.includes(' ')) body = ` ${body}`;
        }
        if (flags.includes('0') && width) body = zeroPad(body, parseInt(width, 10));
        break;
      }
      case 'c':
        body = v === null ? 'null' : typeof v === 'string' ? v : String.fromCodePoint(Number(v));
        break;
      case 'h':
        body = v === null ? 'null' : stringOf(v, t);
        break;
      default:
        throw illegalFormat(`Conversion = '${conv}'`);
    }
    if (upper) body = body.toUpperCase();
    return pad(body, flags, width);
  });
}

function stringOf(v: unknown, t: DataType): string {
  if (typeof v === 'number' && !Number.isInteger(v)) return javaDoubleToString(v);
  if (typeof v === 'number' && (typeSql(t) === 'FLOAT' || typeSql(t) === 'DOUBLE')) return typeSql(t) === 'FLOAT' ? javaFloatToString(v) : javaDoubleToString(v);
  if (v instanceof Uint8Array) return `[B@${(v.length * 2654435761 >>> 0).toString(16)}`;
  return String(v);
}

function group(digits: string, flags: string): string {
  if (!flags.includes(',')) return digits;
  const [int, frac] = digits.split('.');
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? g : `${g}.${frac}`;
}

function zeroPad(body: string, width: number): string {
  if (body.length >= width) return body;
  const sign = /^[-+ (]/.test(body) ? body[0] : '';
  return sign + '0'.repeat(width - body.length) + body.slice(sign.length);
}

function pad(body: string, flags: string, width: string | undefined): string {
  if (!width) return body;
  const w = parseInt(width, 10);
  return flags.includes('-') ? body.padEnd(w) : body.padStart(w);
}

function formatStringFunction(name: 'format_string' | 'printf'): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1, Infinity);
      const sqlExpr = callSql(name, args);
      return { args: [stringArg(sqlExpr, args, 0, ctx.ansiEnabled), ...args.slice(1)], dataType: DataTypes.StringType, nullable: true };
    },
    compile([fmt, ...rest], [, ...types]): Evaluator {
      return (row) => {
        const f = fmt(row);
        if (f === null) return null;
        const values = rest.map((r, i) => formatValue(r(row), types[i]));
        return javaFormat(f as string, values, types);
      };
    },
  };
}

/** reverse(str | array): code points of a string, or elements of an array, in reverse order. */
const reverse: ScalarFunction = {
  kind: 'scalar',
  name: 'reverse',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    if (args[0].dataType instanceof ArrayType) return { args, dataType: args[0].dataType };
    return { args: [castArg(callSql('reverse', args), args, 0, DataTypes.StringType, ctx.ansiEnabled, '("STRING" or "ARRAY")')], dataType: DataTypes.StringType };
  },
  compile([a], [t]): Evaluator {
    if (t instanceof ArrayType) return strict1(a, (xs: unknown[]) => xs.slice().reverse());
    return strict1(a, (s: string) => Array.from(s).reverse().join(''));
  },
};

export const STRING_TEXT_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  unary('initcap', DataTypes.StringType, initcap),
  unary('quote', DataTypes.StringType, quote),
  unary('soundex', DataTypes.StringType, soundex),
  unary('ascii', DataTypes.IntegerType, (s) => (s.length === 0 ? 0 : s.codePointAt(0)!)),
  { fn: levenshteinFn, aliases: [] },
  { fn: reverse, aliases: [] },
  { fn: repeat, aliases: [] },
  { fn: space, aliases: [] },
  { fn: chr, aliases: ['char'] },
  { fn: byteLength('octet_length', 1), aliases: [] },
  { fn: byteLength('bit_length', 8), aliases: [] },
  { fn: formatStringFunction('format_string'), aliases: [] },
  { fn: formatStringFunction('printf'), aliases: [] },
];

