// Strings <-> bytes (hex/unhex are math functions): encode/decode (charsets), to_binary, base64/unbase64, digests
// (md5, sha1, sha2, crc32), UTF-8 validation, and decode's CASE form decode(expr, search, result...).
import { createHash } from 'node:crypto';
import { DataTypes, type DataType } from '../../types/data-types';
import { AnalysisException } from '../../errors/analysis-exception';
import { SparkException } from '../../errors/spark-exception';
import { quoteIdentifier, wrongNumArgsError } from '../../errors/query-compilation-errors';
import type { CompileContext, ScalarFunction, Evaluator } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { implicitCast, isBinary, isNull, isString, typeSql, valuesEqual } from '../type-utils';
import { findCommonType } from '../type-coercion';
import { checkArity } from './check-args';
import { bytesToHex, hexToBytes } from '../../util/hex';
import { callSql, castArg, evalConstant, isFoldable, strict1, strict2, stringArg, utf8Bytes } from './string-args';


// ---------------------------------------------------------------------------------------------
// Charsets (Spark 4 without spark.sql.legacy.javaCharsets)

const CHARSETS = ['iso-8859-1', 'us-ascii', 'utf-16', 'utf-16be', 'utf-16le', 'utf-32', 'utf-8'];

function invalidCharset(fn: string, charset: string): SparkException {
  const params = { functionName: quoteIdentifier(fn), parameter: '`charset`', charset, charsets: CHARSETS.join(', ') };
  return new SparkException(`The value of parameter(s) \`charset\` in ${params.functionName} is invalid: expects one of the ${params.charsets}, but got ${charset}.`, {
    errorClass: 'INVALID_PARAMETER_VALUE.CHARSET',
    sqlState: '22023',
    messageParameters: params,
  });
}

function malformed(fn: string, charset: string): SparkException {
  const params = { function: quoteIdentifier(fn), charset };
  return new SparkException(`Invalid value found when performing ${params.function} with ${charset}.`, {
    errorClass: 'MALFORMED_CHARACTER_CODING',
    sqlState: '22000',
    messageParameters: params,
  });
}

/** Extra charsets accepted with spark.sql.legacy.javaCharsets (decodable by TextDecoder). */
const LEGACY_CHARSETS: Record<string, string> = { 'windows-1252': 'windows-1252', cp1252: 'windows-1252', latin1: 'iso-8859-1', 'iso8859_1': 'iso-8859-1', utf8: 'utf-8', ascii: 'us-ascii' };

function checkCharset(fn: string, charset: string, legacyJava: boolean): string {
  const c = charset.toLowerCase();
  if (CHARSETS.includes(c)) return c;
  if (legacyJava && LEGACY_CHARSETS[c] !== undefined) return LEGACY_CHARSETS[c];
  throw invalidCharset(fn, charset);
}

/** windows-1252 bytes 0x80-0x9F, as code units (undefined bytes map to themselves). */
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function encodeString(s: string, charset: string, original: string, replace: boolean): Uint8Array {
  switch (charset) {
    case 'utf-8':
      return utf8Bytes(s);
    case 'us-ascii':
    case 'iso-8859-1':
    case 'windows-1252': {
      const max = charset === 'us-ascii' ? 0x7f : 0xff;
      const chars = Array.from(s);
      const out = new Uint8Array(chars.length);
      chars.forEach((ch, i) => {
        let c = ch.codePointAt(0)!;
        if (charset === 'windows-1252' && c > 0x7f) {
          const k = CP1252_HIGH.indexOf(ch);
          c = k >= 0 ? 0x80 + k : c >= 0xa0 && c <= 0xff ? c : 0x100;
        }
        if (c > max) {
          if (!replace) throw malformed('encode', original);
          c = 0x3f;
        }
        out[i] = c;
      });
      return out;
    }
    case 'utf-16':
    case 'utf-16be':
    case 'utf-16le': {
      const bom = charset === 'utf-16' ? 2 : 0;
      const le = charset === 'utf-16le';
      const out = new Uint8Array(bom + s.length * 2);
      if (bom) {
        out[0] = 0xfe;
        out[1] = 0xff;
      }
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        out[bom + 2 * i + (le ? 1 : 0)] = c >> 8;
        out[bom + 2 * i + (le ? 0 : 1)] = c & 0xff;
      }
      return out;
    }
    default: {
      const cps = Array.from(s, (c) => c.codePointAt(0)!);
      const out = new Uint8Array(cps.length * 4);
      cps.forEach((cp, i) => {
        out[4 * i] = cp >>> 24;
        out[4 * i + 1] = (cp >> 16) & 0xff;
        out[4 * i + 2] = (cp >> 8) & 0xff;
        out[4 * i + 3] = cp & 0xff;
      });
      return out;
    }
  }
}

function decodeBytes(b: Uint8Array, charset: string, original: string, replace: boolean): string {
  switch (charset) {
    case 'utf-8':
      try {
        return new TextDecoder('utf-8', { fatal: !replace }).decode(b);
      } catch {
        throw malformed('decode', original);
      }
    case 'windows-1252':
      return new TextDecoder('windows-1252').decode(b);
    case 'us-ascii':
    case 'iso-8859-1': {
      let out = '';
      for (let i = 0; i < b.length; i++) {
        if (charset === 'us-ascii' && b[i] > 0x7f) {
          if (!replace) throw malformed('decode', original);
          out += '\uFFFD';
          continue;
        }
        out += String.fromCharCode(b[i]);
      }
      return out;
    }
    case 'utf-16':
    case 'utf-16be':
    case 'utf-16le': {
      let le = charset === 'utf-16le';
      let i = 0;
      if (charset === 'utf-16' && b.length >= 2) {
        if (b[0] === 0xfe && b[1] === 0xff) i = 2;
        else if (b[0] === 0xff && b[1] === 0xfe) {
          i = 2;
          le = true;
        }
      }
      if ((b.length - i) % 2 !== 0) throw malformed('decode', original);
      let out = '';
      for (; i < b.length; i += 2) out += String.fromCharCode(le ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
      return out;
    }
    default: {
      if (b.length % 4 !== 0) throw malformed('decode', original);
      let out = '';
      for (let i = 0; i < b.length; i += 4) out += String.fromCodePoint(((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0);
      return out;
    }
  }
}

function charsetCodec<T>(
  fn: string,
  a: Evaluator,
  cs: Evaluator,
  ctx: CompileContext,
  op: (v: T, charset: string, original: string, replace: boolean) => unknown,
): Evaluator {
  const legacyJava = (ctx.conf?.('spark.sql.legacy.javaCharsets') ?? 'false').toLowerCase() === 'true';
  const replace = (ctx.conf?.('spark.sql.legacy.codingErrorAction') ?? 'false').toLowerCase() === 'true';
  let cached: string | undefined;
  let normalized = '';
  return strict2(a, cs, (v: T, c: string) => {
    if (c !== cached) {
      normalized = checkCharset(fn, c, legacyJava);
      cached = c;
    }
    return op(v, normalized, c, replace);
  });
}

const encode: ScalarFunction = {
  kind: 'scalar',
  name: 'encode',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    const sqlExpr = callSql('encode', args);
    return { args: [stringArg(sqlExpr, args, 0, ctx.ansiEnabled), stringArg(sqlExpr, args, 1, ctx.ansiEnabled)], dataType: DataTypes.BinaryType };
  },
  compile([s, cs], _types, _result, ctx): Evaluator {
    return charsetCodec<string>('encode', s, cs, ctx, encodeString);
  },
};

/** decode(bin, charset), or the CASE form decode(expr, search1, result1, ..., [default]). */
const decode: ScalarFunction = {
  kind: 'scalar',
  name: 'decode',
  resolve(args, ctx) {
    if (args.length < 2) throw wrongNumArgsError(ctx.name, '2', args.length);
    const sqlExpr = callSql('decode', args);
    if (args.length === 2) {
      return {
        args: [castArg(sqlExpr, args, 0, DataTypes.BinaryType, ctx.ansiEnabled), stringArg(sqlExpr, args, 1, ctx.ansiEnabled)],
        dataType: DataTypes.StringType,
      };
    }
    const searches: Expression[] = [args[0]];
    const results: Expression[] = [];
    for (let i = 1; i + 1 < args.length; i += 2) {
      searches.push(args[i]);
      results.push(args[i + 1]);
    }
    if (args.length % 2 === 0) results.push(args[args.length - 1]);
    const keyType = commonType(searches.map((e) => e.dataType), ctx.ansiEnabled, sqlExpr);
    const resultType = commonType(results.map((e) => e.dataType), ctx.ansiEnabled, sqlExpr);
    const out = args.map((a, i) => (i === 0 || (i % 2 === 1 && i + 1 < args.length) ? implicitCast(a, keyType) : implicitCast(a, resultType)));
    return { args: out, dataType: isNull(resultType) ? DataTypes.StringType : resultType, nullable: true };
  },
  compile(args, [t], _result, ctx): Evaluator {
    if (args.length === 2) return charsetCodec<Uint8Array>('decode', args[0], args[1], ctx, decodeBytes);
    const [key, ...rest] = args;
    const hasDefault = rest.length % 2 === 1;
    void t;
    return (row) => {
      const k = key(row);
      for (let i = 0; i + 1 < rest.length; i += 2) {
        const s = rest[i](row);
        if (k === null ? s === null : s !== null && valuesEqual(k, s)) return rest[i + 1](row);
      }
      return hasDefault ? rest[rest.length - 1](row) : null;
    };
  },
};

function commonType(types: DataType[], ansi: boolean, sqlExpr: string): DataType {
  const t = findCommonType(types, ansi);
  if (t === undefined) {
    throw new AnalysisException(`Cannot resolve ${sqlExpr} due to data type mismatch: Input to \`decode\` should all be the same type, but it's ${types.map((x) => `"${typeSql(x)}"`).join(', ')}.`, {
      errorClass: 'DATATYPE_MISMATCH.DATA_DIFF_TYPES',
      sqlState: '42K09',
      messageParameters: { sqlExpr: `"${sqlExpr}"`, functionName: '`decode`', dataType: `[${types.map((x) => `"${typeSql(x)}"`).join(', ')}]` },
    });
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Base64

const BASE64_VALID = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}|[A-Za-z0-9+/]{3})?$/;

/** Spark's UnBase64.isValidBase64: spaces ignored, padding only at the end, no stray characters. */
function isValidBase64(s: string): boolean {
  // Padding must end the input: nothing, not even a space, may follow the first '='.
  const eq = s.indexOf('=');
  if (eq >= 0 && !/^=*$/.test(s.slice(eq))) return false;
  const t = s.replace(/ /g, '');
  if (!BASE64_VALID.test(t)) return false;
  // A dangling single character or incomplete quad without padding is rejected by Java's decoder.
  return t.length % 4 !== 1;
}

function base64Decode(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s.replace(/[^A-Za-z0-9+/]/g, ''), 'base64'));
}

/** Spark chunks base64 output into 76-character lines (spark.sql.chunkBase64String.enabled). */
function base64Encode(b: Uint8Array): string {
  const s = Buffer.from(b.buffer, b.byteOffset, b.length).toString('base64');
  if (s.length <= 76) return s;
  const lines: string[] = [];
  for (let i = 0; i < s.length; i += 76) lines.push(s.slice(i, i + 76));
  return lines.join('\r\n');
}

const base64: ScalarFunction = {
  kind: 'scalar',
  name: 'base64',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    return { args: [castArg(callSql('base64', args), args, 0, DataTypes.BinaryType, ctx.ansiEnabled)], dataType: DataTypes.StringType };
  },
  compile([a]): Evaluator {
    return strict1(a, base64Encode);
  },
};

const unbase64: ScalarFunction = {
  kind: 'scalar',
  name: 'unbase64',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    return { args: [stringArg(callSql('unbase64', args), args, 0, ctx.ansiEnabled)], dataType: DataTypes.BinaryType };
  },
  compile([a]): Evaluator {
    return strict1(a, base64Decode);
  },
};

// ---------------------------------------------------------------------------------------------
// to_binary / try_to_binary

function conversionInvalid(str: string, fmt: string): SparkException {
  const params = { str: `'${str}'`, fmt: `'${fmt.toUpperCase()}'`, targetType: '"BINARY"', suggestion: '`try_to_binary`' };
  return new SparkException(
    `The value ${params.str} does not represent a correct value for the type ${params.targetType} for the format ${params.fmt}. Use ${params.suggestion} to tolerate malformed input and return NULL instead.`,
    { errorClass: 'CONVERSION_INVALID_INPUT', sqlState: '22018', messageParameters: params },
  );
}

function invalidFmt(sqlExpr: string, value: string): AnalysisException {
  const params = { sqlExpr: `"${sqlExpr}"`, inputName: 'fmt', requireType: 'case-insensitive "STRING"', validValues: "'hex', 'utf-8', 'utf8', or 'base64'", inputValue: `'${value}'` };
  return new AnalysisException(
    `Cannot resolve ${params.sqlExpr} due to data type mismatch: The ${params.inputName} value must to be a ${params.requireType} literal of ${params.validValues}, but got ${params.inputValue}.`,
    { errorClass: 'DATATYPE_MISMATCH.INVALID_ARG_VALUE', sqlState: '42K09', messageParameters: params },
  );
}

const FORMATS = ['hex', 'utf-8', 'utf8', 'base64'];

function toBinaryFunction(name: 'to_binary' | 'try_to_binary'): ScalarFunction {
  const tolerant = name === 'try_to_binary';
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1, 2);
      const sqlExpr = callSql(name, args);
      const str = stringArg(sqlExpr, args, 0, ctx.ansiEnabled);
      if (args.length === 1) return { args: [str], dataType: DataTypes.BinaryType, nullable: true };
      const fmt = args[1];
      if (!isFoldable(fmt)) {
        const params = { sqlExpr: `"${sqlExpr}"`, inputName: '`fmt`', inputType: '"STRING"', inputExpr: `"${prettySql(fmt)}"` };
        throw new AnalysisException(
          `Cannot resolve ${params.sqlExpr} due to data type mismatch: the input ${params.inputName} should be a foldable ${params.inputType} expression; however, got ${params.inputExpr}.`,
          { errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', sqlState: '42K09', messageParameters: params },
        );
      }
      if (isNull(fmt.dataType)) return { args: [str, fmt], dataType: DataTypes.BinaryType, nullable: true };
      const value = evalConstant(fmt);
      if (!isString(fmt.dataType)) throw invalidFmt(sqlExpr, String(value));
      if (value !== null && !FORMATS.includes((value as string).toLowerCase())) throw invalidFmt(sqlExpr, (value as string).toLowerCase());
      return { args: [str, fmt], dataType: DataTypes.BinaryType, nullable: true };
    },
    compile([str, fmtEval]): Evaluator {
      // The format is foldable (checked in resolve): evaluate it once.
      const value = fmtEval ? (fmtEval([]) as string | null) : 'hex';
      const fmt = value === null ? null : value.toLowerCase();
      if (fmt === null) return () => null;
      const convert = (s: string): Uint8Array | null => {
        if (fmt === 'hex') {
          const b = hexToBytes(s);
          if (b === null && !tolerant) throw conversionInvalid(s, fmt);
          return b;
        }
        if (fmt === 'base64') {
          if (!isValidBase64(s)) {
            if (tolerant) return null;
            throw conversionInvalid(s, fmt);
          }
          return base64Decode(s);
        }
        return utf8Bytes(s);
      };
      return strict1(str, convert);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Digests

function digestFunction(name: string, algorithm: string): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      return { args: [castArg(callSql(name, args), args, 0, DataTypes.BinaryType, ctx.ansiEnabled)], dataType: DataTypes.StringType };
    },
    compile([a]): Evaluator {
      return strict1(a, (b: Uint8Array) => createHash(algorithm).update(b).digest('hex'));
    },
  };
}

const sha2: ScalarFunction = {
  kind: 'scalar',
  name: 'sha2',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    const sqlExpr = callSql('sha2', args);
    return { args: [castArg(sqlExpr, args, 0, DataTypes.BinaryType, ctx.ansiEnabled), castArg(sqlExpr, args, 1, DataTypes.IntegerType, ctx.ansiEnabled)], dataType: DataTypes.StringType, nullable: true };
  },
  compile([a, bits]): Evaluator {
    return strict2(a, bits, (b: Uint8Array, n: number) => {
      const alg = n === 0 || n === 256 ? 'sha256' : n === 224 ? 'sha224' : n === 384 ? 'sha384' : n === 512 ? 'sha512' : undefined;
      return alg ? createHash(alg).update(b).digest('hex') : null;
    });
  },
};

let crcTable: Uint32Array | undefined;
function crc32Of(b: Uint8Array): bigint {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < b.length; i++) crc = crcTable[(crc ^ b[i]) & 0xff] ^ (crc >>> 8);
  return BigInt((crc ^ 0xffffffff) >>> 0);
}

const crc32: ScalarFunction = {
  kind: 'scalar',
  name: 'crc32',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    return { args: [castArg(callSql('crc32', args), args, 0, DataTypes.BinaryType, ctx.ansiEnabled)], dataType: DataTypes.LongType };
  },
  compile([a]): Evaluator {
    return strict1(a, crc32Of);
  },
};

// ---------------------------------------------------------------------------------------------
// UTF-8 validation: binary arguments are checked byte by byte; JS strings are always valid.

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

function validUtf8(b: Uint8Array): boolean {
  try {
    fatalUtf8.decode(b);
    return true;
  } catch {
    return false;
  }
}

function invalidUtf8(b: Uint8Array): SparkException {
  const str = Array.from(b, (x) => (x < 0x80 ? String.fromCharCode(x) : `\\x${x.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return new SparkException(`Invalid UTF8 byte sequence found in string: ${str}.`, { errorClass: 'INVALID_UTF8_STRING', sqlState: '22029', messageParameters: { str } });
}

function utf8Function(name: string, dataType: DataType, onBytes: (b: Uint8Array) => unknown, onString: (s: string) => unknown): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      if (isBinary(args[0].dataType)) return { args, dataType, nullable: true };
      return { args: [stringArg(callSql(name, args), args, 0, ctx.ansiEnabled)], dataType, nullable: true };
    },
    compile([a], [t]): Evaluator {
      return strict1(a, isBinary(t) ? onBytes : onString);
    },
  };
}

const luhnCheck: ScalarFunction = {
  kind: 'scalar',
  name: 'luhn_check',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    return { args: [stringArg(callSql('luhn_check', args), args, 0, ctx.ansiEnabled)], dataType: DataTypes.BooleanType };
  },
  compile([a]): Evaluator {
    return strict1(a, (s: string) => {
      if (!/^[0-9]+$/.test(s)) return false;
      let sum = 0;
      for (let i = s.length - 1, k = 0; i >= 0; i--, k++) {
        let d = s.charCodeAt(i) - 48;
        if (k % 2 === 1) {
          d *= 2;
          if (d > 9) d -= 9;
        }
        sum += d;
      }
      return sum % 10 === 0;
    });
  },
};

export const STRING_BINARY_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: encode, aliases: [] },
  { fn: decode, aliases: [] },
  { fn: base64, aliases: [] },
  { fn: unbase64, aliases: [] },
  { fn: toBinaryFunction('to_binary'), aliases: [] },
  { fn: toBinaryFunction('try_to_binary'), aliases: [] },
  { fn: digestFunction('md5', 'md5'), aliases: [] },
  { fn: digestFunction('sha1', 'sha1'), aliases: ['sha'] },
  { fn: sha2, aliases: [] },
  { fn: crc32, aliases: [] },
  { fn: luhnCheck, aliases: [] },
  { fn: utf8Function('is_valid_utf8', DataTypes.BooleanType, validUtf8, () => true), aliases: [] },
  { fn: utf8Function('make_valid_utf8', DataTypes.StringType, (b) => lenientUtf8.decode(b), (s) => s), aliases: [] },
  {
    fn: utf8Function('validate_utf8', DataTypes.StringType, (b) => {
      if (!validUtf8(b)) throw invalidUtf8(b);
      return fatalUtf8.decode(b);
    }, (s) => s),
    aliases: [],
  },
  { fn: utf8Function('try_validate_utf8', DataTypes.StringType, (b) => (validUtf8(b) ? fatalUtf8.decode(b) : null), (s) => s), aliases: [] },
];
