// String functions. Regex arguments follow Java's syntax; plain literal patterns take a fast path.
import { ArrayType, DataTypes } from '../../types/data-types';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { ScalarFunction, Evaluator } from '../function-definition';
import type { Expression } from '../expression';
import { literal } from '../literal';
import { prettySql } from '../expression-sql';
import { implicitCast, isBinary, typeSql } from '../type-utils';
import { castArgumentTo, dataDiffTypesError, findCommonType } from '../type-coercion';
import { checkArity } from './check-args';
import { compileJavaRegex } from './java-regex';
import { STRING_SEARCH_FUNCTIONS } from './string-search-functions';
import { STRING_PAD_TRIM_FUNCTIONS } from './string-pad-trim-functions';
import { STRING_BINARY_FUNCTIONS } from './string-binary-functions';
import { STRING_TEXT_FUNCTIONS } from './string-text-functions';
import { STRING_NUMBER_FORMAT_FUNCTIONS } from './string-number-format-functions';

/** Strings pass; other atomic values (numbers, booleans, dates, binary) are cast to string as in Spark. */
function requireString(fnSql: string, args: Expression[], index: number): Expression {
  const a = args[index];
  const cast = castArgumentTo(a, DataTypes.StringType, true);
  if (cast === undefined) throw unexpectedInputTypeError(fnSql, index, '"STRING"', prettySql(a), typeSql(a.dataType));
  return cast;
}

const REGEX_META = /[\\^$.|?*+()[\]{}]/;

export const split: ScalarFunction = {
  kind: 'scalar',
  name: 'split',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2, 3);
    const full = args.length === 2 ? [...args, literal(-1, DataTypes.IntegerType)] : args;
    const sqlExpr = `split(${full.map(prettySql).join(', ')})`;
    return {
      args: [requireString(sqlExpr, full, 0), requireString(sqlExpr, full, 1), implicitCast(full[2], DataTypes.IntegerType)],
      dataType: ArrayType(DataTypes.StringType, false),
    };
  },
  compile([str, pattern, limit]) {
    let cachedPattern: unknown;
    let splitter: (s: string, limit: number) => string[] = () => [];
    const splitterFor = (p: string): ((s: string, limit: number) => string[]) => {
      if (!REGEX_META.test(p) && p.length > 0) {
        return (s, lim) => (lim > 0 ? splitWithLimit(s.split(p), lim, p) : s.split(p));
      }
      const regex = compileJavaRegex(p, 'g');
      return (s, lim) => javaSplit(s, regex, lim);
    };
    return (row) => {
      const s = str(row);
      if (s === null) return null;
      const p = pattern(row);
      if (p === null) return null;
      const lim = limit(row);
      if (lim === null) return null;
      if (p !== cachedPattern) {
        cachedPattern = p;
        splitter = splitterFor(p as string);
      }
      return splitter(s as string, lim as number);
    };
  },
};

function splitWithLimit(parts: string[], limit: number, separator: string): string[] {
  if (parts.length <= limit) return parts;
  return [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(separator)];
}

/** Java's String.split(regex, limit) with limit <= 0 keeping trailing empty strings (Spark's rule). */
function javaSplit(s: string, regex: RegExp, limit: number): string[] {
  if (s.length === 0) return [''];
  const out: string[] = [];
  let last = 0;
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = regex.exec(s)) !== null) {
    if (limit > 0 && out.length === limit - 1) break;
    if (m[0].length === 0) {
      // Zero-width matches never produce a leading empty string (Java 8+) nor loop forever.
      if (m.index >= s.length) break;
      if (m.index === 0) {
        regex.lastIndex++;
        continue;
      }
      out.push(s.slice(last, m.index));
      last = m.index;
      regex.lastIndex++;
      continue;
    }
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

function unaryString(name: string, op: (s: string) => unknown, resultType = DataTypes.StringType): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      return { args: [requireString(`${name}(${prettySql(args[0])})`, args, 0)], dataType: resultType };
    },
    compile([c]): Evaluator {
      return (row) => {
        const v = c(row);
        return v === null ? null : op(v as string);
      };
    },
  };
}

/** Spark counts characters as Unicode code points, not UTF-16 units. */
function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

export const concat: ScalarFunction = {
  kind: 'scalar',
  name: 'concat',
  resolve(args, ctx) {
    // All-binary arguments concatenate as bytes (Spark's Concat on BINARY).
    if (args.length > 0 && args.every((a) => isBinary(a.dataType))) return { args, dataType: DataTypes.BinaryType };
    // Arrays concatenate element-wise after widening to a common array type.
    if (args.some((a) => a.dataType instanceof ArrayType)) {
      const common = findCommonType(args.map((a) => a.dataType), ctx.ansiEnabled);
      const sqlExpr = `concat(${args.map(prettySql).join(', ')})`;
      if (!(common instanceof ArrayType)) throw dataDiffTypesError(sqlExpr, 'concat', `[${args.map((a) => `"${typeSql(a.dataType)}"`).join(', ')}]`);
      return { args: args.map((a) => implicitCast(a, common)), dataType: common };
    }
    const sqlExpr = `concat(${args.map(prettySql).join(', ')})`;
    return { args: args.map((_, i) => requireString(sqlExpr, args, i)), dataType: DataTypes.StringType };
  },
  compile(args, _types, resultType) {
    if (resultType instanceof ArrayType) {
      return (row) => {
        const out: unknown[] = [];
        for (const a of args) {
          const v = a(row);
          if (v === null) return null;
          for (const e of v as unknown[]) out.push(e);
        }
        return out;
      };
    }
    if (isBinary(resultType)) {
      return (row) => {
        const parts: Uint8Array[] = [];
        let n = 0;
        for (const a of args) {
          const v = a(row);
          if (v === null) return null;
          parts.push(v as Uint8Array);
          n += (v as Uint8Array).length;
        }
        const out = new Uint8Array(n);
        let at = 0;
        for (const p of parts) {
          out.set(p, at);
          at += p.length;
        }
        return out;
      };
    }
    return (row) => {
      let out = '';
      for (const a of args) {
        const v = a(row);
        if (v === null) return null;
        out += v as string;
      }
      return out;
    };
  },
};

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Spark's `substringSQL(pos, len)` range over `n` characters: 1-based `pos`, 0 means 1, negative
 * counts from the end; the range is clipped to the string. Returns [start, end) or undefined (empty).
 */
export function substringRange(n: number, pos: number, len: number): [number, number] | undefined {
  let start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : 0;
  const end = Math.min(start + len, n);
  start = Math.max(start, 0);
  return start >= end ? undefined : [start, end];
}

function substringFunction(name: 'substring' | 'substr'): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2, 3);
      const full = args.length === 2 ? [...args, literal(2147483647, DataTypes.IntegerType)] : args;
      const sqlExpr = `${name}(${full.map(prettySql).join(', ')})`;
      const binary = isBinary(full[0].dataType);
      const str = binary ? full[0] : castArgumentTo(full[0], DataTypes.StringType, ctx.ansiEnabled);
      if (str === undefined) throw unexpectedInputTypeError(sqlExpr, 0, '("STRING" or "BINARY")', prettySql(full[0]), typeSql(full[0].dataType));
      const ints = [1, 2].map((i) => {
        const cast = castArgumentTo(full[i], DataTypes.IntegerType, ctx.ansiEnabled);
        if (cast === undefined) throw unexpectedInputTypeError(sqlExpr, i, '"INT"', prettySql(full[i]), typeSql(full[i].dataType));
        return cast;
      });
      return { args: [str, ...ints], dataType: binary ? DataTypes.BinaryType : DataTypes.StringType };
    },
    compile([str, pos, len], [strType]): Evaluator {
      const binary = isBinary(strType);
      return (row) => {
        const s = str(row);
        if (s === null) return null;
        const p = pos(row);
        if (p === null) return null;
        const l = len(row);
        if (l === null) return null;
        if (binary) {
          const bytes = s as Uint8Array;
          const r = substringRange(bytes.length, p as number, l as number);
          return r ? bytes.slice(r[0], r[1]) : new Uint8Array(0);
        }
        const text = s as string;
        if (!SURROGATE.test(text)) {
          const r = substringRange(text.length, p as number, l as number);
          return r ? text.slice(r[0], r[1]) : '';
        }
        const chars = Array.from(text);
        const r = substringRange(chars.length, p as number, l as number);
        return r ? chars.slice(r[0], r[1]).join('') : '';
      };
    },
  };
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** contains / startswith / endswith: on strings, or on bytes when both sides are BINARY. */
function stringPredicate(
  name: 'contains' | 'startswith' | 'endswith',
  onString: (s: string, p: string) => boolean,
  onBytes: (s: Uint8Array, p: Uint8Array) => boolean,
): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      if (args.every((a) => isBinary(a.dataType))) return { args, dataType: DataTypes.BooleanType };
      const sqlExpr = `${name}(${args.map(prettySql).join(', ')})`;
      return { args: [requireString(sqlExpr, args, 0), requireString(sqlExpr, args, 1)], dataType: DataTypes.BooleanType };
    },
    compile([l, r], [lt]): Evaluator {
      const test = (isBinary(lt) ? onBytes : onString) as (a: unknown, b: unknown) => boolean;
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        if (b === null) return null;
        return test(a, b);
      };
    },
  };
}

export const STRING_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: substringFunction('substring'), aliases: [] },
  { fn: substringFunction('substr'), aliases: [] },
  { fn: stringPredicate('contains', (s, p) => s.includes(p), (s, p) => indexOfBytes(s, p, 0) >= 0), aliases: [] },
  {
    fn: stringPredicate('startswith', (s, p) => s.startsWith(p), (s, p) => p.length <= s.length && indexOfBytes(s.subarray(0, p.length), p, 0) === 0),
    aliases: [],
  },
  {
    fn: stringPredicate('endswith', (s, p) => s.endsWith(p), (s, p) => p.length <= s.length && indexOfBytes(s.subarray(s.length - p.length), p, 0) === 0),
    aliases: [],
  },
  { fn: split, aliases: [] },
  { fn: unaryString('lower', (s) => s.toLowerCase()), aliases: ['lcase'] },
  { fn: unaryString('upper', (s) => s.toUpperCase()), aliases: ['ucase'] },
  // Spark registers these aliases with setAlias, so each keeps its own name in column names.
  { fn: unaryString('length', codePointLength, DataTypes.IntegerType), aliases: [] },
  { fn: unaryString('char_length', codePointLength, DataTypes.IntegerType), aliases: [] },
  { fn: unaryString('character_length', codePointLength, DataTypes.IntegerType), aliases: [] },
  { fn: unaryString('len', codePointLength, DataTypes.IntegerType), aliases: [] },
  { fn: concat, aliases: [] },
  ...STRING_SEARCH_FUNCTIONS,
  ...STRING_PAD_TRIM_FUNCTIONS,
  ...STRING_BINARY_FUNCTIONS,
  ...STRING_TEXT_FUNCTIONS,
  ...STRING_NUMBER_FORMAT_FUNCTIONS,
];
