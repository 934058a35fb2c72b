// Built-in regexp functions (registered in builtin-functions.ts): regexp_extract(_all),
// regexp_replace, regexp_count, regexp_substr, regexp_instr. Patterns follow Java's syntax
// (java-regex.ts); rlike/regexp/regexp_like live in like-functions.ts.
import { ArrayType, DataTypes } from '../../types/data-types';
import { AnalysisException } from '../../errors/analysis-exception';
import { SparkException } from '../../errors/spark-exception';
import type { Evaluator, FunctionDefinition, ScalarFunction } from '../function-definition';
import type { Expression } from '../expression';
import { literal } from '../literal';
import { checkArity } from './check-args';
import { callSql, evalConstant, intArg, isFoldable, stringArg } from './string-args';
import { applyReplacement, compileJavaRegex, groupCount, parseJavaReplacement } from './java-regex';

/** A per-expression cache of the last compiled pattern (patterns are usually literals). */
function patternCache(functionName: string, flags = 'g'): (p: string) => { regex: RegExp; groups: number } {
  let last: string | undefined;
  let value: { regex: RegExp; groups: number } | undefined;
  return (p) => {
    if (p !== last || value === undefined) {
      const regex = compileJavaRegex(p, flags, functionName);
      value = { regex, groups: groupCount(regex) };
      last = p;
    }
    value.regex.lastIndex = 0;
    return value;
  };
}

function groupIndexError(functionName: string, groupCount: number, groupIndex: number): SparkException {
  const params = { parameter: '`idx`', functionName: `\`${functionName}\``, groupCount: String(groupCount), groupIndex: String(groupIndex) };
  return new SparkException(
    `The value of parameter(s) \`idx\` in \`${functionName}\` is invalid: Expects group index between 0 and ${groupCount}, but got ${groupIndex}.`,
    { errorClass: 'INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX', sqlState: '22023', messageParameters: params },
  );
}

function checkGroup(functionName: string, groups: number, idx: number): void {
  if (idx < 0 || idx > groups) throw groupIndexError(functionName, groups, idx);
}

/** The next match from `regex.lastIndex`, stepping past empty matches as Java's Matcher.find. */
function nextMatch(regex: RegExp, s: string): RegExpExecArray | null {
  const m = regex.exec(s);
  if (m !== null && m[0].length === 0) {
    const cp = s.codePointAt(regex.lastIndex);
    regex.lastIndex += regex.unicode && cp !== undefined && cp > 0xffff ? 2 : 1;
  }
  return m;
}

/** Resolves (str, regexp[, idx]) with `idx` defaulting to `defaultIdx`. */
function resolveWithIndex(name: string, args: Expression[], ctx: { ansiEnabled: boolean; name: string }, defaultIdx: number) {
  checkArity(ctx.name, args, 2, 3);
  const full = args.length === 2 ? [...args, literal(defaultIdx, DataTypes.IntegerType)] : args;
  const sqlExpr = callSql(name, full);
  return [stringArg(sqlExpr, full, 0, ctx.ansiEnabled), stringArg(sqlExpr, full, 1, ctx.ansiEnabled), intArg(sqlExpr, full, 2, ctx.ansiEnabled)];
}

const regexpExtract: ScalarFunction = {
  kind: 'scalar',
  name: 'regexp_extract',
  resolve(args, ctx) {
    return { args: resolveWithIndex('regexp_extract', args, ctx, 1), dataType: DataTypes.StringType };
  },
  compile([str, pattern, index]): Evaluator {
    const compiled = patternCache('regexp_extract');
    return (row) => {
      const s = str(row);
      if (s === null) return null;
      const p = pattern(row);
      if (p === null) return null;
      const idx = index(row);
      if (idx === null) return null;
      const { regex, groups } = compiled(p as string);
      const m = regex.exec(s as string);
      if (m === null) return '';
      checkGroup('regexp_extract', groups, idx as number);
      return m[idx as number] ?? '';
    };
  },
};

const regexpExtractAll: ScalarFunction = {
  kind: 'scalar',
  name: 'regexp_extract_all',
  resolve(args, ctx) {
    return { args: resolveWithIndex('regexp_extract_all', args, ctx, 1), dataType: ArrayType(DataTypes.StringType, false) };
  },
  compile([str, pattern, index]): Evaluator {
    const compiled = patternCache('regexp_extract_all');
    return (row) => {
      const s = str(row);
      if (s === null) return null;
      const p = pattern(row);
      if (p === null) return null;
      const idx = index(row);
      if (idx === null) return null;
      const { regex, groups } = compiled(p as string);
      const out: string[] = [];
      let m: RegExpExecArray | null;
      while ((m = nextMatch(regex, s as string)) !== null) {
        checkGroup('regexp_extract_all', groups, idx as number);
        out.push(m[idx as number] ?? '');
      }
      return out;
    };
  },
};

function valueOutOfRange(sqlExpr: string, value: number): AnalysisException {
  const params = { exprName: 'position', valueRange: '(0, 2147483647]', currentValue: String(value), sqlExpr: `"${sqlExpr}"` };
  return new AnalysisException(
    `Cannot resolve ${params.sqlExpr} due to data type mismatch: The ${params.exprName} must be between ${params.valueRange} (current value = ${params.currentValue}).`,
    { errorClass: 'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE', sqlState: '42K09', messageParameters: params },
  );
}

function illegalReplacement(message: string): SparkException {
  return new SparkException(message, { errorClass: undefined });
}

/** regexp_replace(str, regexp, rep[, position]): Java's replaceAll from 1-based `position`. */
const regexpReplace: ScalarFunction = {
  kind: 'scalar',
  name: 'regexp_replace',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 3, 4);
    const full = args.length === 3 ? [...args, literal(1, DataTypes.IntegerType)] : args;
    const sqlExpr = callSql('regexp_replace', full);
    const pos = full[3];
    if (isFoldable(pos)) {
      const v = evalConstant(pos);
      if (typeof v === 'number' && v <= 0) throw valueOutOfRange(sqlExpr, v);
    }
    return {
      args: [stringArg(sqlExpr, full, 0, ctx.ansiEnabled), stringArg(sqlExpr, full, 1, ctx.ansiEnabled), stringArg(sqlExpr, full, 2, ctx.ansiEnabled), intArg(sqlExpr, full, 3, ctx.ansiEnabled)],
      dataType: DataTypes.StringType,
    };
  },
  compile([str, pattern, replacement, position]): Evaluator {
    const compiled = patternCache('regexp_replace');
    let lastRep: string | undefined;
    let lastRegex: RegExp | undefined;
    let parts: (string | number)[] = [];
    return (row) => {
      const s = str(row);
      if (s === null) return null;
      const p = pattern(row);
      if (p === null) return null;
      const r = replacement(row);
      if (r === null) return null;
      const pos = position(row);
      if (pos === null) return null;
      const { regex, groups } = compiled(p as string);
      if (r !== lastRep || regex !== lastRegex) {
        try {
          parts = parseJavaReplacement(r as string, groups, namedGroups(p as string));
        } catch (e) {
          throw illegalReplacement((e as Error).message);
        }
        lastRep = r as string;
        lastRegex = regex;
      }
      const text = s as string;
      const start = (pos as number) - 1;
      if (start >= text.length) return text;
      const source = start > 0 ? text.slice(start) : text;
      let out = '';
      let last = 0;
      let m: RegExpExecArray | null;
      while ((m = nextMatch(regex, source)) !== null) {
        out += source.slice(last, m.index) + applyReplacement(parts, m);
        last = m.index + m[0].length;
      }
      return (start > 0 ? text.slice(0, start) : '') + out + source.slice(last);
    };
  },
};

function namedGroups(pattern: string): string[] {
  const names: string[] = [];
  const re = /\(\?<([A-Za-z][A-Za-z0-9]*)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(pattern)) !== null) names.push(m[1]);
  return names;
}

const regexpCount: ScalarFunction = {
  kind: 'scalar',
  name: 'regexp_count',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    const sqlExpr = callSql('regexp_count', args);
    return { args: [stringArg(sqlExpr, args, 0, ctx.ansiEnabled), stringArg(sqlExpr, args, 1, ctx.ansiEnabled)], dataType: DataTypes.IntegerType };
  },
  compile([str, pattern]): Evaluator {
    const compiled = patternCache('regexp_count');
    return (row) => {
      const s = str(row);
      if (s === null) return null;
      const p = pattern(row);
      if (p === null) return null;
      const { regex } = compiled(p as string);
      let n = 0;
      while (nextMatch(regex, s as string) !== null) n++;
      return n;
    };
  },
};

/** regexp_substr: the first match, or null when there is none or it is empty. */
const regexpSubstr: ScalarFunction = {
  kind: 'scalar',
  name: 'regexp_substr',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    const sqlExpr = callSql('regexp_substr', args);
    return { args: [stringArg(sqlExpr, args, 0, ctx.ansiEnabled), stringArg(sqlExpr, args, 1, ctx.ansiEnabled)], dataType: DataTypes.StringType, nullable: true };
  },
  compile([str, pattern]): Evaluator {
    const compiled = patternCache('regexp_substr');
    return (row) => {
      const s = str(row);
      if (s === null) return null;
      const p = pattern(row);
      if (p === null) return null;
      const m = compiled(p as string).regex.exec(s as string);
      return m === null || m[0].length === 0 ? null : m[0];
    };
  },
};

/** regexp_instr(str, regexp[, idx]): 1-based start of the first match (of group idx), else 0. */
const regexpInstr: ScalarFunction = {
  kind: 'scalar',
  name: 'regexp_instr',
  resolve(args, ctx) {
    return { args: resolveWithIndex('regexp_instr', args, ctx, 0), dataType: DataTypes.IntegerType };
  },
  compile([str, pattern, index]): Evaluator {
    // `d` gives match indices, so a group's start is exact.
    const compiled = patternCache('regexp_instr', 'gd');
    return (row) => {
      const s = str(row);
      if (s === null) return null;
      const p = pattern(row);
      if (p === null) return null;
      const idx = index(row);
      if (idx === null) return null;
      const { regex, groups } = compiled(p as string);
      const m = regex.exec(s as string);
      if (m === null) return 0;
      checkGroup('regexp_instr', groups, idx as number);
      if (idx === 0) return m.index + 1;
      const span = m.indices?.[idx as number];
      return span === undefined ? 0 : span[0] + 1;
    };
  },
};

export const REGEXP_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [
  { fn: regexpExtract, aliases: [] },
  { fn: regexpExtractAll, aliases: [] },
  { fn: regexpReplace, aliases: [] },
  { fn: regexpCount, aliases: [] },
  { fn: regexpSubstr, aliases: [] },
  { fn: regexpInstr, aliases: [] },
];
