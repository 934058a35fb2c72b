// Searching and slicing strings: locate/position, instr, left/right, split_part, substring_index,
// find_in_set, replace, translate, overlay, elt. Positions are 1-based and count code points.
import { ArrayType, DataTypes } from '../../types/data-types';
import { SparkException, ArrayIndexOutOfBoundsException } from '../../errors/spark-exception';
import type { ScalarFunction, Evaluator } from '../function-definition';
import { literal } from '../literal';
import { isBinary, isString, typeSql } from '../type-utils';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import { prettySql } from '../expression-sql';
import { checkArity } from './check-args';
import { substringRange } from './string-functions';
import { callSql, hasSurrogates, intArg, strict2, strict3, strict4, stringArg } from './string-args';

/** Index of a UTF-16 offset in code points. */
function cpIndex(s: string, utf16Index: number): number {
  if (!hasSurrogates(s)) return utf16Index;
  let n = 0;
  for (let i = 0; i < utf16Index; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff)) n++;
  }
  return n;
}

/** UTF-16 offset of the code point at `cp`. */
function utf16Offset(s: string, cp: number): number {
  if (!hasSurrogates(s)) return cp;
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return i;
}

function cpLength(s: string): number {
  return hasSurrogates(s) ? Array.from(s).length : s.length;
}

/** Spark's StringLocate: 0 when `start` is null or < 1; null when either string is null. */
function locateFunction(name: 'locate' | 'position'): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2, 3);
      const full = args.length === 2 ? [...args, literal(1, DataTypes.IntegerType)] : args;
      const sqlExpr = callSql(name, full);
      return {
        args: [stringArg(sqlExpr, full, 0, ctx.ansiEnabled), stringArg(sqlExpr, full, 1, ctx.ansiEnabled), intArg(sqlExpr, full, 2, ctx.ansiEnabled)],
        dataType: DataTypes.IntegerType,
      };
    },
    compile([sub, str, start]): Evaluator {
      return (row) => {
        const p = start(row);
        if (p === null) return 0;
        const s = str(row);
        if (s === null) return null;
        const u = sub(row);
        if (u === null) return null;
        if ((p as number) < 1) return 0;
        // UTF8String.indexOf finds an empty string at 0 whatever the start.
        if ((u as string).length === 0) return 1;
        const text = s as string;
        const i = text.indexOf(u as string, utf16Offset(text, (p as number) - 1));
        return i < 0 ? 0 : cpIndex(text, i) + 1;
      };
    },
  };
}

/** instr(str, substr[, start[, occurrence]]): negative start searches backwards from the end. */
const instr: ScalarFunction = {
  kind: 'scalar',
  name: 'instr',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2, 4);
    const full = args.length === 2 ? args : args.length === 3 ? [...args, literal(1, DataTypes.IntegerType)] : args;
    const sqlExpr = callSql('instr', full);
    const out = [stringArg(sqlExpr, full, 0, ctx.ansiEnabled), stringArg(sqlExpr, full, 1, ctx.ansiEnabled)];
    if (full.length === 4) out.push(intArg(sqlExpr, full, 2, ctx.ansiEnabled), intArg(sqlExpr, full, 3, ctx.ansiEnabled));
    return { args: out, dataType: DataTypes.IntegerType };
  },
  compile(args): Evaluator {
    if (args.length === 2) return strict2(args[0], args[1], (s: string, sub: string) => cpIndex(s, s.indexOf(sub)) + 1);
    return strict4(args[0], args[1], args[2], args[3], (s: string, sub: string, start: number, occurrence: number) => {
      if (occurrence < 1) {
        throw new SparkException(`The value of parameter(s) \`occurrence\` in \`instr\` is invalid: Expects a positive value, but got ${occurrence}.`, {
          errorClass: 'INVALID_PARAMETER_VALUE.POSITIVE',
          sqlState: '22023',
          messageParameters: { parameter: '`occurrence`', functionName: '`instr`', value: String(occurrence) },
        });
      }
      if (start === 0) return 0;
      if (sub.length === 0) return 1;
      const n = cpLength(s);
      if (start > 0) {
        let from = utf16Offset(s, start - 1);
        if (start > n) return 0;
        for (let k = 0; ; k++) {
          const i = s.indexOf(sub, from);
          if (i < 0) return 0;
          if (k === occurrence - 1) return cpIndex(s, i) + 1;
          from = i + 1;
        }
      }
      if (-start > n) return 0;
      let from = utf16Offset(s, n + start);
      for (let k = 0; ; k++) {
        if (from < 0) return 0;
        const i = s.lastIndexOf(sub, from);
        if (i < 0) return 0;
        if (k === occurrence - 1) return cpIndex(s, i) + 1;
        from = i - 1;
      }
    });
  },
};

/** left/right: Spark rewrites them to substring, returning '' for a non-positive length. */
function sideFunction(name: 'left' | 'right'): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      const sqlExpr = callSql(name, args);
      const binary = isBinary(args[0].dataType);
      const str = binary ? args[0] : stringArg(sqlExpr, args, 0, ctx.ansiEnabled);
      return { args: [str, intArg(sqlExpr, args, 1, ctx.ansiEnabled)], dataType: binary ? DataTypes.BinaryType : DataTypes.StringType };
    },
    compile([str, len], [strType]): Evaluator {
      const binary = isBinary(strType);
      return (row) => {
        const s = str(row);
        if (s === null) return null;
        const l = len(row);
        if (l === null) return null;
        const n = l as number;
        if (binary) {
          const b = s as Uint8Array;
          if (n <= 0) return new Uint8Array(0);
          const r = substringRange(b.length, name === 'left' ? 1 : -n, n);
          return r ? b.slice(r[0], r[1]) : new Uint8Array(0);
        }
        if (n <= 0) return '';
        const text = s as string;
        if (!hasSurrogates(text)) {
          const r = substringRange(text.length, name === 'left' ? 1 : -n, n);
          return r ? text.slice(r[0], r[1]) : '';
        }
        const chars = Array.from(text);
        const r = substringRange(chars.length, name === 'left' ? 1 : -n, n);
        return r ? chars.slice(r[0], r[1]).join('') : '';
      };
    },
  };
}

function invalidIndexOfZero(): SparkException {
  return new ArrayIndexOutOfBoundsException('The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).', {
    errorClass: 'INVALID_INDEX_OF_ZERO',
    sqlState: '22003',
  });
}

const splitPart: ScalarFunction = {
  kind: 'scalar',
  name: 'split_part',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 3);
    const sqlExpr = callSql('split_part', args);
    return {
      args: [stringArg(sqlExpr, args, 0, ctx.ansiEnabled), stringArg(sqlExpr, args, 1, ctx.ansiEnabled), intArg(sqlExpr, args, 2, ctx.ansiEnabled)],
      dataType: DataTypes.StringType,
    };
  },
  compile([str, delim, part]): Evaluator {
    return strict3(str, delim, part, (s: string, d: string, p: number) => {
      if (p === 0) throw invalidIndexOfZero();
      const parts = d.length === 0 ? [s] : s.split(d);
      const i = p > 0 ? p - 1 : parts.length + p;
      return i >= 0 && i < parts.length ? parts[i] : '';
    });
  },
};

/** substring_index(str, delim, count): before the count-th delimiter (from the right if negative). */
const substringIndex: ScalarFunction = {
  kind: 'scalar',
  name: 'substring_index',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 3);
    const sqlExpr = callSql('substring_index', args);
    return {
      args: [stringArg(sqlExpr, args, 0, ctx.ansiEnabled), stringArg(sqlExpr, args, 1, ctx.ansiEnabled), intArg(sqlExpr, args, 2, ctx.ansiEnabled)],
      dataType: DataTypes.StringType,
    };
  },
  compile([str, delim, count]): Evaluator {
    return strict3(str, delim, count, (s: string, d: string, c: number) => {
      if (d.length === 0 || c === 0) return '';
      if (c > 0) {
        let i = -1;
        for (let k = 0; k < c; k++) {
          i = s.indexOf(d, i + 1);
          if (i < 0) return s;
        }
        return s.slice(0, i);
      }
      let i = s.length;
      for (let k = 0; k < -c; k++) {
        i = i - 1 < 0 ? -1 : s.lastIndexOf(d, i - 1);
        if (i < 0) return s;
      }
      return s.slice(i + d.length);
    });
  },
};

const findInSet: ScalarFunction = {
  kind: 'scalar',
  name: 'find_in_set',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    const sqlExpr = callSql('find_in_set', args);
    return { args: [stringArg(sqlExpr, args, 0, ctx.ansiEnabled), stringArg(sqlExpr, args, 1, ctx.ansiEnabled)], dataType: DataTypes.IntegerType };
  },
  compile([str, set]): Evaluator {
    return strict2(str, set, (s: string, list: string) => (s.includes(',') ? 0 : list.split(',').indexOf(s) + 1));
  },
};

const replace: ScalarFunction = {
  kind: 'scalar',
  name: 'replace',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2, 3);
    const full = args.length === 2 ? [...args, literal('', DataTypes.StringType)] : args;
    const sqlExpr = callSql('replace', full);
    return { args: full.map((_, i) => stringArg(sqlExpr, full, i, ctx.ansiEnabled)), dataType: DataTypes.StringType };
  },
  compile([str, search, rep]): Evaluator {
    return strict3(str, search, rep, (s: string, f: string, r: string) => (f.length === 0 ? s : s.split(f).join(r)));
  },
};

/** translate(str, from, to): characters of `from` map to `to` by position; extra ones are removed. */
const translate: ScalarFunction = {
  kind: 'scalar',
  name: 'translate',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 3);
    const sqlExpr = callSql('translate', args);
    return { args: args.map((_, i) => stringArg(sqlExpr, args, i, ctx.ansiEnabled)), dataType: DataTypes.StringType };
  },
  compile([str, from, to]): Evaluator {
    let cacheKey: string | undefined;
    let dict = new Map<string, string>();
    return strict3(str, from, to, (s: string, f: string, t: string) => {
      const key = `${f}\u0000${t}`;
      if (key !== cacheKey) {
        dict = new Map();
        const fc = Array.from(f);
        const tc = Array.from(t);
        fc.forEach((c, i) => {
          if (!dict.has(c)) dict.set(c, i < tc.length ? tc[i] : '');
        });
        cacheKey = key;
      }
      let out = '';
      for (const c of s) {
        const m = dict.get(c);
        out += m === undefined ? c : m;
      }
      return out;
    });
  },
};

/** overlay(input, replace, pos[, len]); len defaults to the replacement's length. */
const overlay: ScalarFunction = {
  kind: 'scalar',
  name: 'overlay',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 3, 4);
    const full = args.length === 3 ? [...args, literal(-1, DataTypes.IntegerType)] : args;
    const sqlExpr = callSql('overlay', full);
    const binary = isBinary(full[0].dataType) && isBinary(full[1].dataType);
    const a = binary ? full[0] : stringArg(sqlExpr, full, 0, ctx.ansiEnabled);
    const b = binary ? full[1] : stringArg(sqlExpr, full, 1, ctx.ansiEnabled);
    return { args: [a, b, intArg(sqlExpr, full, 2, ctx.ansiEnabled), intArg(sqlExpr, full, 3, ctx.ansiEnabled)], dataType: binary ? DataTypes.BinaryType : DataTypes.StringType };
  },
  compile([input, rep, pos, len], [t]): Evaluator {
    const binary = isBinary(t);
    return strict4(input, rep, pos, len, (s: any, r: any, p: number, l: number) => {
      const src: any[] | Uint8Array = binary ? s : Array.from(s as string);
      const repl: any[] | Uint8Array = binary ? r : Array.from(r as string);
      const length = l >= 0 ? l : repl.length;
      const head = src.slice(0, Math.max(0, Math.min(p - 1, src.length)));
      const tail = src.slice(Math.max(0, Math.min(p - 1 + length, src.length)));
      if (binary) {
        const out = new Uint8Array(head.length + repl.length + tail.length);
        out.set(head as Uint8Array, 0);
        out.set(repl as Uint8Array, head.length);
        out.set(tail as Uint8Array, head.length + repl.length);
        return out;
      }
      return (head as string[]).join('') + (repl as string[]).join('') + (tail as string[]).join('');
    });
  },
};

/** elt(n, a, b, ...): the n-th argument; out of range is null, or an error under ANSI. */
const elt: ScalarFunction = {
  kind: 'scalar',
  name: 'elt',
  resolve(args, ctx) {
    if (args.length < 2) checkArity(ctx.name, args, 2, Infinity);
    const sqlExpr = callSql('elt', args);
    const rest = args.slice(1);
    const allBinary = rest.every((a) => isBinary(a.dataType));
    return {
      args: [intArg(sqlExpr, args, 0, ctx.ansiEnabled), ...rest.map((_, i) => (allBinary ? rest[i] : stringArg(sqlExpr, args, i + 1, ctx.ansiEnabled)))],
      dataType: allBinary ? DataTypes.BinaryType : DataTypes.StringType,
    };
  },
  compile([index, ...values], _t, _r, ctx): Evaluator {
    return (row) => {
      const i = index(row);
      if (i === null) return null;
      const n = i as number;
      if (n < 1 || n > values.length) {
        if (!ctx.ansiEnabled) return null;
        throw new ArrayIndexOutOfBoundsException(`The index ${n} is out of bounds. The array has ${values.length} elements. Use \`try_element_at\` to tolerate accessing element at invalid index and return NULL instead.`, {
          errorClass: 'INVALID_ARRAY_INDEX',
          sqlState: '22003',
          messageParameters: { indexValue: String(n), arraySize: String(values.length), ansiConfig: '"spark.sql.ansi.enabled"' },
        });
      }
      return values[n - 1](row);
    };
  },
};

/** concat_ws(sep, s1 | array1, ...): null inputs and null array elements are skipped. */
const concatWs: ScalarFunction = {
  kind: 'scalar',
  name: 'concat_ws',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1, Infinity);
    const sqlExpr = callSql('concat_ws', args);
    const out = args.map((a, i) => {
      if (i > 0 && a.dataType instanceof ArrayType && isString(a.dataType.elementType)) return a;
      if (i > 0 && a.dataType instanceof ArrayType) throw unexpectedInputTypeError(sqlExpr, i, '("ARRAY<STRING>" or "STRING")', prettySql(a), typeSql(a.dataType));
      return stringArg(sqlExpr, args, i, ctx.ansiEnabled);
    });
    return { args: out, dataType: DataTypes.StringType };
  },
  compile([sep, ...parts]): Evaluator {
    return (row) => {
      const s = sep(row);
      if (s === null) return null;
      let out = '';
      let first = true;
      for (const p of parts) {
        const v = p(row);
        if (v === null) continue;
        if (Array.isArray(v)) {
          for (const e of v) {
            if (e === null) continue;
            out += first ? e : (s as string) + e;
            first = false;
          }
        } else {
          out += first ? v : (s as string) + v;
          first = false;
        }
      }
      return out;
    };
  },
};

export const STRING_SEARCH_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: locateFunction('locate'), aliases: [] },
  { fn: locateFunction('position'), aliases: [] },
  { fn: instr, aliases: [] },
  { fn: sideFunction('left'), aliases: [] },
  { fn: sideFunction('right'), aliases: [] },
  { fn: splitPart, aliases: [] },
  { fn: substringIndex, aliases: [] },
  { fn: findInSet, aliases: [] },
  { fn: replace, aliases: [] },
  { fn: translate, aliases: [] },
  { fn: overlay, aliases: [] },
  { fn: elt, aliases: [] },
  { fn: concatWs, aliases: [] },
];

export { cpIndex, utf16Offset, cpLength };
