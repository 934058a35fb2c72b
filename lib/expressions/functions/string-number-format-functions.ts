// to_number / try_to_number: parse a string with a number format ('0'/'9' digits, ','/'G'
// grouping, '.'/'D' decimal point, '$', 'S'/'MI' signs, 'PR' angle brackets) into a DECIMAL whose
// precision and scale come from the format, as Spark's ToNumberParser.
import { DataTypes, DecimalType } from '../../types/data-types';
import { Decimal } from '../../types/decimal';
import { AnalysisException } from '../../errors/analysis-exception';
import { SparkException } from '../../errors/spark-exception';
import type { Evaluator, ScalarFunction } from '../function-definition';
import { literal } from '../literal';
import { prettySql } from '../expression-sql';
import { isNull } from '../type-utils';
import { checkArity } from './check-args';
import { callSql, evalConstant, isFoldable, strict1, stringArg } from './string-args';

interface NumberFormat {
  text: string;
  intDigits: number;
  fracDigits: number;
  hasPoint: boolean;
  dollar: 'start' | 'none';
  sign: 'S-start' | 'S-end' | 'MI' | 'PR' | 'none';
}

function invalidFormat(format: string, subClass: string, message: string): AnalysisException {
  return new AnalysisException(`The format is invalid: '${format}'. ${message}`, {
    errorClass: `INVALID_FORMAT.${subClass}`,
    sqlState: '42601',
    messageParameters: { format: `'${format}'` },
  });
}

function parseFormat(text: string): NumberFormat {
  let f = text.toUpperCase();
  const out: NumberFormat = { text, intDigits: 0, fracDigits: 0, hasPoint: false, dollar: 'none', sign: 'none' };
  if (f.endsWith('PR')) {
    out.sign = 'PR';
    f = f.slice(0, -2);
  } else if (f.endsWith('MI')) {
    out.sign = 'MI';
    f = f.slice(0, -2);
  } else if (f.endsWith('S')) {
    out.sign = 'S-end';
    f = f.slice(0, -1);
  }
  if (f.startsWith('S')) {
    if (out.sign !== 'none') throw invalidFormat(text, 'CUR_REF_OR_SIGN_DUPLICATE', 'Format may contain at most one sign.');
    out.sign = 'S-start';
    f = f.slice(1);
  }
  if (f.startsWith('$')) {
    out.dollar = 'start';
    f = f.slice(1);
  }
  for (const c of f) {
    if (c === '0' || c === '9') {
      if (out.hasPoint) out.fracDigits++;
      else out.intDigits++;
    } else if (c === '.' || c === 'D') {
      if (out.hasPoint) throw invalidFormat(text, 'CONT_THOUSANDS_SEPS', 'Format may contain at most one decimal point.');
      out.hasPoint = true;
    } else if (c === ',' || c === 'G') {
      if (out.hasPoint) throw invalidFormat(text, 'THOUSANDS_SEPS_MUST_BEFORE_DEC', 'Thousands separators (, or G) may not appear after the decimal point in the number format.');
    } else {
      throw invalidFormat(text, 'UNEXPECTED_TOKEN', `Found the unexpected \`${c}\` in the format string; the structure of the valid format is [MI|S] [$] [0|9|G|,]* [.|D] [0|9]* [$] [PR|MI|S].`);
    }
  }
  if (out.intDigits + out.fracDigits === 0) throw invalidFormat(text, 'WRONG_NUM_DIGIT', 'The format string requires at least one number digit.');
  return out;
}

function mismatch(input: string, format: string): SparkException {
  return new SparkException(`The input ${input} does not match the format ${format}.`, {
    errorClass: 'INVALID_FORMAT.MISMATCH_INPUT',
    sqlState: '42601',
    messageParameters: { inputType: '"STRING"', input, format },
  });
}

function parseNumber(s: string, f: NumberFormat): Decimal | null {
  let t = s;
  let negative = false;
  if (f.sign === 'PR') {
    if (t.startsWith('<') && t.endsWith('>')) {
      negative = true;
      t = t.slice(1, -1);
    }
  } else if (f.sign === 'MI' || f.sign === 'S-end') {
    const last = t[t.length - 1];
    if (last === '-' || (f.sign === 'S-end' && last === '+')) {
      negative = last === '-';
      t = t.slice(0, -1);
    }
  } else if (f.sign === 'S-start') {
    if (t[0] === '-' || t[0] === '+') {
      negative = t[0] === '-';
      t = t.slice(1);
    }
  }
  if (f.dollar === 'start') {
    if (t[0] !== '$') return null;
    t = t.slice(1);
  }
  const m = /^([0-9,]*)(?:\.([0-9]*))?$/.exec(t);
  if (!m || (f.hasPoint === false && m[2] !== undefined)) return null;
  const intPart = m[1].replace(/,/g, '');
  const frac = m[2] ?? '';
  if (intPart.length === 0 && frac.length === 0) return null;
  if (intPart.length > f.intDigits || frac.length > f.fracDigits) return null;
  const unscaled = BigInt((intPart || '0') + frac.padEnd(f.fracDigits, '0'));
  return Decimal.of(negative ? -unscaled : unscaled, f.fracDigits);
}

function toNumberFunction(name: 'to_number' | 'try_to_number'): ScalarFunction {
  const tolerant = name === 'try_to_number';
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      const sqlExpr = callSql(name, args);
      const str = stringArg(sqlExpr, args, 0, ctx.ansiEnabled);
      const fmt = args[1];
      if (!isFoldable(fmt)) {
        const params = { sqlExpr: `"${sqlExpr}"`, inputName: '`format`', inputType: '"STRING"', inputExpr: `"${prettySql(fmt)}"` };
        throw new AnalysisException(
          `Cannot resolve ${params.sqlExpr} due to data type mismatch: the input ${params.inputName} should be a foldable ${params.inputType} expression; however, got ${params.inputExpr}.`,
          { errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', sqlState: '42K09', messageParameters: params },
        );
      }
      const value = isNull(fmt.dataType) ? null : evalConstant(stringArg(sqlExpr, args, 1, ctx.ansiEnabled));
      if (value === null) return { args: [str, literal(null, DataTypes.StringType)], dataType: DecimalType(10, 0), nullable: true };
      const f = parseFormat(value as string);
      return { args: [str, literal(value, DataTypes.StringType)], dataType: DecimalType(Math.max(1, f.intDigits + f.fracDigits), f.fracDigits), nullable: true };
    },
    compile([str, fmtEval]): Evaluator {
      const text = fmtEval([]) as string | null;
      if (text === null) return () => null;
      const f = parseFormat(text);
      return strict1(str, (s: string) => {
        const d = parseNumber(s, f);
        if (d === null && !tolerant) throw mismatch(s, text);
        return d;
      });
    },
  };
}

export const STRING_NUMBER_FORMAT_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: toNumberFunction('to_number'), aliases: [] },
  { fn: toNumberFunction('try_to_number'), aliases: [] },
];
