// CAST between the types the engine supports so far. ANSI mode raises Spark's CAST_INVALID_INPUT
// on bad strings; legacy mode returns null. The full cast matrix is the SQL-language issue's job.
import { DataType } from '../types/data-types';
import { SparkException } from '../errors/spark-exception';
import { toPrettyString } from '../types/pretty-value';
import { typeSql } from './type-utils';

type Converter = (v: unknown) => unknown;

function invalidInput(value: string, from: DataType, to: DataType): SparkException {
  const params = { expression: `'${value}'`, sourceType: `"${typeSql(from)}"`, targetType: `"${typeSql(to)}"`, ansiConfig: '"spark.sql.ansi.enabled"' };
  return new SparkException(
    `The value ${params.expression} of the type ${params.sourceType} cannot be cast to ${params.targetType} because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead.`,
    { errorClass: 'CAST_INVALID_INPUT', sqlState: '22018', messageParameters: params },
  );
}

function castOverflow(value: string, from: DataType, to: DataType): SparkException {
  const params = { value, sourceType: `"${typeSql(from)}"`, targetType: `"${typeSql(to)}"`, ansiConfig: '"spark.sql.ansi.enabled"' };
  return new SparkException(
    `The value ${value} of the type ${params.sourceType} cannot be cast to ${params.targetType} due to an overflow. Use \`try_cast\` to tolerate overflow and return NULL instead.`,
    { errorClass: 'CAST_OVERFLOW', sqlState: '22003', messageParameters: params },
  );
}

const INTEGRAL_RANGES: Record<string, [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
};

export function canCast(from: DataType, to: DataType): boolean {
  const f = from.typeName();
  const t = to.typeName();
  if (from.equals(to) || f === 'void') return true;
  if (t === 'string') return true;
  const numeric = ['byte', 'short', 'integer', 'long', 'float', 'double', 'boolean'];
  if (numeric.includes(t)) return numeric.includes(f) || f === 'string' || f.startsWith('decimal') || f === 'timestamp';
  if (t === 'timestamp') return f === 'long' || f === 'string' || f === 'date' || f === 'timestamp_ntz';
  if (t === 'binary') return f === 'string';
  return false;
}

/** Returns a converter for non-null values; `nullOnError` gives try_cast / legacy behaviour. */
export function compileCast(from: DataType, to: DataType, nullOnError: boolean, timeZone: string): Converter {
  const f = from.typeName();
  const t = to.typeName();
  if (from.equals(to) || f === 'void') return (v) => v;
  const fail = (e: SparkException): null => {
    if (nullOnError) return null;
    throw e;
  };
  if (t === 'string') {
    if (f === 'binary') return (v) => new TextDecoder().decode(v as Uint8Array);
    return (v) => toPrettyString(v, from, timeZone).replace(/^NULL$/, 'null');
  }
  if (t === 'boolean') {
    if (f === 'string') {
      return (v) => {
        const s = (v as string).trim().toLowerCase();
        if (['t', 'true', 'y', 'yes', '1'].includes(s)) return true;
        if (['f', 'false', 'n', 'no', '0'].includes(s)) return false;
        return fail(invalidInput(v as string, from, to));
      };
    }
    return (v) => (typeof v === 'bigint' ? v !== 0n : (v as number) !== 0);
  }
  if (t === 'long') {
    if (f === 'string') {
      return (v) => {
        const s = (v as string).trim();
        if (!/^[+-]?\d+$/.test(s)) return fail(invalidInput(v as string, from, to));
        const b = BigInt(s);
        if (b < -(2n ** 63n) || b > 2n ** 63n - 1n) return fail(invalidInput(v as string, from, to));
        return b;
      };
    }
    if (f === 'boolean') return (v) => (v ? 1n : 0n);
    if (f === 'float' || f === 'double') {
      return (v) => {
        const n = v as number;
        if (!Number.isFinite(n) || n >= 9223372036854775808 || n < -9223372036854775808) return fail(castOverflow(toPrettyString(n, from, timeZone), from, to));
        return BigInt(Math.trunc(n));
      };
    }
    if (f === 'timestamp') return (v) => (v as bigint) / 1_000_000n - ((v as bigint) % 1_000_000n < 0n ? 1n : 0n);
    return (v) => BigInt(v as number);
  }
  if (t in INTEGRAL_RANGES) {
    const [min, max] = INTEGRAL_RANGES[t];
    const inRange = (n: number, text: string) => (n < min || n > max ? fail(castOverflow(text, from, to)) : n);
    if (f === 'string') {
      return (v) => {
        const s = (v as string).trim();
        if (!/^[+-]?\d+$/.test(s)) return fail(invalidInput(v as string, from, to));
        const n = Number(s);
        return n < min || n > max ? fail(invalidInput(v as string, from, to)) : n;
      };
    }
    if (f === 'boolean') return (v) => (v ? 1 : 0);
    if (f === 'long') return (v) => inRange(Number(v as bigint), `${v}L`);
    if (f === 'float' || f === 'double') {
      return (v) => {
        const n = v as number;
        if (!Number.isFinite(n)) return fail(castOverflow(toPrettyString(n, from, timeZone), from, to));
        return inRange(Math.trunc(n), toPrettyString(n, from, timeZone));
      };
    }
    return (v) => inRange(v as number, String(v));
  }
  if (t === 'double' || t === 'float') {
    const round = t === 'float' ? Math.fround : (x: number) => x;
    if (f === 'string') {
      return (v) => {
        const s = (v as string).trim();
        const special: Record<string, number> = { nan: NaN, infinity: Infinity, '+infinity': Infinity, '-infinity': -Infinity, inf: Infinity, '+inf': Infinity, '-inf': -Infinity };
        const lower = s.toLowerCase();
        if (lower in special) return special[lower];
        if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(s)) return fail(invalidInput(v as string, from, to));
        return round(Number(s.replace(/[dDfF]$/, '')));
      };
    }
    if (f === 'boolean') return (v) => (v ? 1 : 0);
    if (f === 'long') return (v) => round(Number(v as bigint));
    if (f === 'timestamp') return (v) => Number(v as bigint) / 1e6;
    return (v) => round(Number(v));
  }
  if (t === 'binary' && f === 'string') return (v) => new TextEncoder().encode(v as string);
  if (t === 'timestamp' && f === 'long') return (v) => (v as bigint) * 1_000_000n;
  return () => {
    throw new SparkException(`Cannot cast ${typeSql(from)} to ${typeSql(to)}.`, { errorClass: 'CANNOT_CAST_DATATYPE', sqlState: '42846' });
  };
}
