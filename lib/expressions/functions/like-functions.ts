// LIKE / ILIKE (SQL patterns with `%`, `_` and an escape character, default `\`) and
// RLIKE / REGEXP / REGEXP_LIKE (Java regular expressions, matching anywhere in the string).
import { DataTypes } from '../../types/data-types';
import { AnalysisException } from '../../errors/analysis-exception';
import { SparkException } from '../../errors/spark-exception';
import { quoteIdentifier, unexpectedInputTypeError, wrongNumArgsError } from '../../errors/query-compilation-errors';
import type { ScalarFunction, Evaluator } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { castArgumentTo } from '../type-coercion';
import { isString, typeSql } from '../type-utils';
import { checkArity } from './check-args';
import { compileJavaRegex } from './java-regex';

/** Spark's `toSQLValue` for a string: single-quoted, quotes and backslashes escaped. */
function sqlString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function invalidFormat(pattern: string, subClass: 'ESC_IN_THE_MIDDLE' | 'ESC_AT_THE_END', char?: string): AnalysisException {
  const format = sqlString(pattern);
  if (subClass === 'ESC_AT_THE_END') {
    return new AnalysisException(`The format is invalid: ${format}. The escape character is not allowed to end with.`, {
      errorClass: 'INVALID_FORMAT.ESC_AT_THE_END',
      sqlState: '42601',
      messageParameters: { format },
    });
  }
  const c = sqlString(char!);
  return new AnalysisException(`The format is invalid: ${format}. The escape character is not allowed to precede ${c}.`, {
    errorClass: 'INVALID_FORMAT.ESC_IN_THE_MIDDLE',
    sqlState: '42601',
    messageParameters: { format, char: c },
  });
}

const REGEX_SPECIAL = /[\\^$.|?*+()[\]{}]/g;

/** Spark's `StringUtils.escapeLikeRegex`, producing a JS regex source matched whole, dot-all. */
export function likePatternToRegex(pattern: string, escape: string): string {
  let out = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === escape) {
      if (i + 1 >= chars.length) throw invalidFormat(pattern, 'ESC_AT_THE_END');
      const next = chars[++i];
      if (next !== '_' && next !== '%' && next !== escape) throw invalidFormat(pattern, 'ESC_IN_THE_MIDDLE', next);
      out += next.replace(REGEX_SPECIAL, '\\$&');
    } else if (c === '_') {
      out += '.';
    } else if (c === '%') {
      out += '.*';
    } else {
      out += c.replace(REGEX_SPECIAL, '\\$&');
    }
  }
  return out;
}

/** A matcher for one LIKE pattern; plain prefix/suffix/infix patterns skip the regex engine. */
export function likeMatcher(pattern: string, escape: string): (s: string) => boolean {
  const source = likePatternToRegex(pattern, escape);
  if (!pattern.includes(escape) && !pattern.includes('_')) {
    const parts = pattern.split('%');
    if (parts.length === 1) return (s) => s === pattern;
    if (parts.length === 2 && parts[1] === '') return (s) => s.startsWith(parts[0]);
    if (parts.length === 2 && parts[0] === '') return (s) => s.endsWith(parts[1]);
    if (parts.length === 3 && parts[0] === '' && parts[2] === '') return (s) => s.includes(parts[1]);
  }
  const regex = new RegExp(`^(?:${source})$`, 'su');
  return (s) => regex.test(s);
}

/** Arguments of LIKE-family functions are strings; other atomic values are cast implicitly. */
function stringArgument(sqlExpr: string, args: Expression[], index: number, ansi: boolean): Expression {
  const cast = castArgumentTo(args[index], DataTypes.StringType, ansi);
  if (cast === undefined) throw unexpectedInputTypeError(sqlExpr, index, '"STRING"', prettySql(args[index]), typeSql(args[index].dataType));
  return cast;
}

function invalidEscapeChar(e: Expression): AnalysisException {
  const sqlExpr = `"${prettySql(e)}"`;
  return new AnalysisException(`\`EscapeChar\` should be a string literal of length one, but got ${sqlExpr}.`, {
    errorClass: 'INVALID_ESCAPE_CHAR',
    sqlState: '42604',
    messageParameters: { sqlExpr },
  });
}

/** The escape character of `like(str, pattern[, escape])`: a one-character string literal. */
function escapeOf(args: Expression[]): string {
  if (args.length < 3) return '\\';
  const e = args[2];
  if (e.kind === 'literal' && isString(e.dataType) && typeof e.value === 'string' && [...e.value].length === 1) return e.value;
  throw invalidEscapeChar(e);
}

function likeFunction(name: 'like' | 'ilike'): ScalarFunction {
  const lower = name === 'ilike';
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      if (args.length < 2 || args.length > 3) throw wrongNumArgsError(ctx.name, '[2, 3]', args.length);
      const escape = escapeOf(args);
      const sqlExpr = likeSql(name, args.map(prettySql), escape);
      const str = stringArgument(sqlExpr, args, 0, ctx.ansiEnabled);
      const pattern = stringArgument(sqlExpr, args, 1, ctx.ansiEnabled);
      const escapeArg: Expression = { kind: 'literal', value: escape, dataType: DataTypes.StringType };
      return { args: [str, pattern, escapeArg], dataType: DataTypes.BooleanType, nullable: true };
    },
    compile([str, pattern, escapeEval]): Evaluator {
      const escape = escapeEval([]) as string;
      let cachedPattern: unknown;
      let matcher: (s: string) => boolean = () => false;
      return (row) => {
        const s = str(row);
        if (s === null) return null;
        const p = pattern(row);
        if (p === null) return null;
        if (p !== cachedPattern) {
          matcher = likeMatcher(lower ? (p as string).toLowerCase() : (p as string), escape);
          cachedPattern = p;
        }
        return matcher(lower ? (s as string).toLowerCase() : (s as string));
      };
    },
    sql: (args) => likeSql(name, args, args[2] ?? '\\'),
  };
}

/** Spark names `a LIKE b` (ESCAPE 'c' when not `\`) and `ilike(a, b)`. */
function likeSql(name: 'like' | 'ilike', args: string[], escape: string): string {
  if (name === 'ilike') return `ilike(${args[0]}, ${args[1]})`;
  return `${args[0]} LIKE ${args[1]}${escape === '\\' ? '' : ` ESCAPE ${sqlString(escape)}`}`;
}

function invalidPattern(functionName: string, pattern: string): SparkException {
  const params = { parameter: '`regexp`', functionName: quoteIdentifier(functionName), value: sqlString(pattern) };
  return new SparkException(`The value of parameter(s) ${params.parameter} in ${params.functionName} is invalid: ${params.value}.`, {
    errorClass: 'INVALID_PARAMETER_VALUE.PATTERN',
    sqlState: '22023',
    messageParameters: params,
  });
}

/** A Java regex as a JS RegExp, with Spark's INVALID_PARAMETER_VALUE.PATTERN naming `functionName`. */
export function compileRegexFor(functionName: string, pattern: string, flags = ''): RegExp {
  try {
    return compileJavaRegex(pattern, flags);
  } catch (e) {
    if (e instanceof SparkException && e.errorClass === 'INVALID_PARAMETER_VALUE.PATTERN') throw invalidPattern(functionName, pattern);
    throw e;
  }
}

/** RLIKE and its aliases; `sqlName` is how Spark prints it: `RLIKE(a, b)`, `REGEXP_LIKE(a, b)`. */
function rlikeFunction(name: string): ScalarFunction {
  const upper = name.toUpperCase();
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      const sqlExpr = `${upper}(${args.map(prettySql).join(', ')})`;
      return { args: [stringArgument(sqlExpr, args, 0, ctx.ansiEnabled), stringArgument(sqlExpr, args, 1, ctx.ansiEnabled)], dataType: DataTypes.BooleanType, nullable: true };
    },
    compile([str, pattern]): Evaluator {
      let cachedPattern: unknown;
      let regex: RegExp | undefined;
      return (row) => {
        const s = str(row);
        if (s === null) return null;
        const p = pattern(row);
        if (p === null) return null;
        if (p !== cachedPattern) {
          regex = compileRegexFor(name, p as string);
          cachedPattern = p;
        }
        return regex!.test(s as string);
      };
    },
    sql: (args) => `${upper}(${args[0]}, ${args[1]})`,
  };
}

export const LIKE_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: likeFunction('like'), aliases: [] },
  { fn: likeFunction('ilike'), aliases: [] },
  { fn: rlikeFunction('rlike'), aliases: [] },
  { fn: rlikeFunction('regexp'), aliases: [] },
  { fn: rlikeFunction('regexp_like'), aliases: [] },
];
