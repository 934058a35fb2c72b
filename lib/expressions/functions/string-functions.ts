// String functions. Regex arguments follow Java's syntax; plain literal patterns take a fast path.
import { ArrayType, DataTypes } from '../../types/data-types';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { ScalarFunction, Evaluator } from '../function-definition';
import type { Expression } from '../expression';
import { literal } from '../literal';
import { prettySql } from '../expression-sql';
import { implicitCast, isNull, isNumeric, isString, typeSql } from '../type-utils';
import { checkArity } from './check-args';
import { compileJavaRegex } from './java-regex';

/** Strings pass; numbers, booleans and dates are implicitly cast to string as in Spark. */
function requireString(fnSql: string, args: Expression[], index: number): Expression {
  const a = args[index];
  const t = a.dataType;
  if (isString(t) || isNull(t)) return implicitCast(a, DataTypes.StringType);
  if (isNumeric(t) || t.typeName() === 'boolean' || t.typeName() === 'date' || t.typeName() === 'timestamp') return implicitCast(a, DataTypes.StringType);
  throw unexpectedInputTypeError(fnSql, index, '"STRING"', prettySql(a), typeSql(t));
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
  resolve(args) {
    const sqlExpr = `concat(${args.map(prettySql).join(', ')})`;
    return { args: args.map((_, i) => requireString(sqlExpr, args, i)), dataType: DataTypes.StringType };
  },
  compile(args) {
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

export const STRING_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: split, aliases: [] },
  { fn: unaryString('lower', (s) => s.toLowerCase()), aliases: ['lcase'] },
  { fn: unaryString('upper', (s) => s.toUpperCase()), aliases: ['ucase'] },
  { fn: unaryString('trim', (s) => s.replace(/^ +| +$/g, '')), aliases: [] },
  { fn: unaryString('ltrim', (s) => s.replace(/^ +/, '')), aliases: [] },
  { fn: unaryString('rtrim', (s) => s.replace(/ +$/, '')), aliases: [] },
  { fn: unaryString('length', codePointLength, DataTypes.IntegerType), aliases: ['char_length', 'character_length', 'len'] },
  { fn: concat, aliases: [] },
];
