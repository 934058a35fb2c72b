// Spark's DDL type strings: `parseDataType("array<int>")`, `parseTableSchema("a INT, b STRING")`.
// A small recursive-descent parser over its own character scanner, so the types layer needs
// nothing from lib/sql (the SQL parser calls `parseDataTypeAt` here for CAST and `::`).
// Like Spark (ANTLR parses first, the AST builder checks second), a syntax error anywhere wins
// over a semantic one such as an unknown type name: semantic errors wait until the text parsed.
import { MAX_NANOS_PRECISION, MIN_NANOS_PRECISION, TimestampNanosType } from './timestamp-nanos-types';
import { ParseException } from '../errors/parse-exception';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  CalendarIntervalType,
  DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  TimestampNTZType,
  TimestampType,
  setDataTypeDdlReader,
} from './data-types';
import { DayTimeIntervalType, YearMonthIntervalType, intervalFieldIndex } from './interval-types';
import { StructField, StructType } from './struct-type';

/** Spark's `DecimalType.MAX_PRECISION`. */
export const MAX_DECIMAL_PRECISION = 38;

/** Parses one data type: `int`, `decimal(10, 2)`, `array<struct<a: int>>`. */
export function parseDataType(text: string): DataType {
  const p = new DdlParser(text, 0);
  const dataType = p.dataType();
  p.expectEnd();
  return dataType;
}

/** Parses a table schema, Spark's `colTypeList`: `a INT NOT NULL COMMENT 'x', b ARRAY<STRING>`. */
export function parseTableSchema(text: string): StructType {
  const p = new DdlParser(text, 0);
  const fields = [p.colType()];
  while (p.matchPunct(',')) fields.push(p.colType());
  p.expectEnd();
  return new StructType(fields);
}

/**
 * Spark's `DataType.fromDDL`: a data type, else a table schema; when both fail the data-type
 * error is the one reported (as Spark does for `from_json` schemas).
 */
export function parseDataTypeOrSchema(text: string): DataType {
  try {
    return parseDataType(text);
  } catch (e) {
    try {
      return parseTableSchema(text);
    } catch {
      throw e;
    }
  }
}

export interface DataTypeAtResult {
  dataType: DataType;
  /** Offset just past the type's last character. */
  end: number;
  /** A semantic error (unknown type...) the caller reports once its own syntax is known good. */
  error?: ParseException;
}

/**
 * Parses one data type starting at `offset` of a larger SQL text and says where it ended.
 * Syntax errors throw (positions refer to `text`); semantic ones come back in `error`.
 */
export function parseDataTypeAt(text: string, offset: number): DataTypeAtResult {
  const p = new DdlParser(text, offset);
  const dataType = p.dataType();
  return { dataType, end: p.lastEnd, error: p.deferred };
}

// ---------------------------------------------------------------------------------------------
// Scanner

enum Kind {
  EOF,
  Word,
  Quoted,
  String,
  Int,
  Punct,
}

interface DdlToken {
  kind: Kind;
  text: string;
  /** Word: upper-cased text. Quoted/String: unescaped value. */
  value: string;
  start: number;
  end: number;
}

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}

class Scanner {
  private pos: number;
  constructor(private readonly text: string, offset: number) {
    this.pos = offset;
  }

  next(): DdlToken {
    const text = this.text;
    const n = text.length;
    let i = this.skipTrivia(this.pos);
    if (i >= n) {
      this.pos = n;
      return { kind: Kind.EOF, text: '', value: '', start: n, end: n };
    }
    const start = i;
    const c = text.charCodeAt(i);
    let kind: Kind;
    let value: string;
    if ((c === 114 || c === 82) && (text.charCodeAt(i + 1) === 39 || text.charCodeAt(i + 1) === 34)) {
      // r'raw string'
      const close = text.indexOf(text[i + 1], i + 2);
      if (close < 0) throw unclosedLiteral(text, i);
      i = close + 1;
      kind = Kind.String;
      value = text.slice(start + 2, close);
    } else if (isIdentChar(c)) {
      let allDigits = true;
      while (i < n && isIdentChar(text.charCodeAt(i))) {
        if (!isDigit(text.charCodeAt(i))) allDigits = false;
        i++;
      }
      kind = allDigits ? Kind.Int : Kind.Word;
      value = text.slice(start, i).toUpperCase();
    } else if (c === 96) {
      i = scanQuoted(text, i);
      kind = Kind.Quoted;
      const body = text.slice(start + 1, i - 1);
      value = body.includes('``') ? body.split('``').join('`') : body;
    } else if (c === 39 || c === 34) {
      i = scanQuoted(text, i);
      kind = Kind.String;
      value = unescapeSqlString(text.slice(start, i));
    } else {
      i++;
      kind = Kind.Punct;
      value = text[start];
    }
    this.pos = i;
    return { kind, text: text.slice(start, i), value, start, end: i };
  }

  private skipTrivia(i: number): number {
    const text = this.text;
    const n = text.length;
    for (;;) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (text.startsWith('--', i)) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (text.startsWith('/*', i)) {
        i = skipBracketedComment(text, i);
      } else {
        return i;
      }
    }
  }
}

/**
 * Offset just past the string or backquoted identifier that opens at `start` (quote char at
 * `start`). Backslash escapes and a doubled quote stay inside; unescaping is separate.
 */
export function scanQuoted(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  const backslashEscapes = quote !== 96;
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92 && backslashEscapes) {
      i += 2;
    } else if (c === quote) {
      if (text.charCodeAt(i + 1) === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  throw unclosedLiteral(text, start);
}

/** Offset just past a (possibly nested) `/* ... *\/` comment opening at `start`. */
export function skipBracketedComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  const n = text.length;
  while (i < n) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  throw new ParseException(
    'Found an unclosed bracketed comment. Please, append */ at the end of the comment.',
    text,
    start,
    { errorClass: 'UNCLOSED_BRACKETED_COMMENT', sqlState: '42601', messageParameters: {} },
  );
}

function unclosedLiteral(text: string, start: number): ParseException {
  return syntaxError(text, start, `'${text[start]}'`, '');
}

/**
 * Spark's `unescapeSQLString`: the value of a quoted SQL string literal (quotes included in
 * `literal`). Lives here rather than in lib/sql because types sits below sql and DDL comments
 * need it too.
 */
export function unescapeSqlString(literal: string): string {
  const first = literal.charCodeAt(0);
  if (first === 114 || first === 82) return literal.slice(2, -1); // r'raw'
  const quote = literal[0];
  const body = literal.slice(1, -1);
  const doubled = quote + quote;
  if (body.indexOf('\\') < 0) return body.indexOf(doubled) < 0 ? body : body.split(doubled).join(quote);
  let out = '';
  const n = body.length;
  let i = 0;
  while (i < n) {
    const ch = body[i];
    if (ch === quote && body[i + 1] === quote) {
      out += quote;
      i += 2;
    } else if (ch !== '\\' || i + 1 === n) {
      out += ch;
      i++;
    } else {
      const e = body[i + 1];
      if (e === 'u' && i + 6 <= n && isHex(body, i + 2, 4)) {
        out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
        i += 6;
      } else if (e === 'U' && i + 10 <= n && isHex(body, i + 2, 8)) {
        out += String.fromCodePoint(parseInt(body.slice(i + 2, i + 10), 16));
        i += 10;
      } else if (i + 4 <= n && isOctalEscape(body, i + 1)) {
        out += String.fromCharCode(parseInt(body.slice(i + 1, i + 4), 8));
        i += 4;
      } else {
        out += escapedChar(e);
        i += 2;
      }
    }
  }
  return out;
}

function escapedChar(c: string): string {
  switch (c) {
    case '0': return '\u0000';
    case 'b': return '\b';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'Z': return '\u001A';
    // As MySQL does: LIKE wildcards keep their backslash.
    case '%': return '\\%';
    case '_': return '\\_';
    default: return c;
  }
}

function isHex(s: string, start: number, length: number): boolean {
  for (let i = start; i < start + length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

function isOctalEscape(s: string, start: number): boolean {
  const a = s.charCodeAt(start);
  const b = s.charCodeAt(start + 1);
  const c = s.charCodeAt(start + 2);
  return (a === 48 || a === 49) && b >= 48 && b <= 55 && c >= 48 && c <= 55;
}

/** PARSE_SYNTAX_ERROR as Spark words it; `display` is `'tok'` or `end of input`. */
export function syntaxError(sqlText: string, offset: number, display: string, hint: string): ParseException {
  return new ParseException(`Syntax error at or near ${display}${hint}.`, sqlText, offset, {
    errorClass: 'PARSE_SYNTAX_ERROR',
    sqlState: '42601',
    messageParameters: { error: display, hint },
  });
}

/** Spark's `toSQLType` for a type name that is not a DataType: upper-cased, double-quoted. */
function quotedTypeName(name: string): string {
  return `"${name.toUpperCase()}"`;
}

// ---------------------------------------------------------------------------------------------
// Parser

class DdlParser {
  private readonly scanner: Scanner;
  private readonly buffer: DdlToken[] = [];
  /** End offset of the last consumed token. */
  lastEnd: number;
  /** First semantic error; reported only when the syntax is good. */
  deferred: ParseException | undefined;

  constructor(private readonly text: string, offset: number) {
    this.scanner = new Scanner(text, offset);
    this.lastEnd = offset;
  }

  private peek(k = 0): DdlToken {
    while (this.buffer.length <= k) {
      const last = this.buffer[this.buffer.length - 1];
      this.buffer.push(last?.kind === Kind.EOF ? last : this.scanner.next());
    }
    return this.buffer[k];
  }

  private advance(): DdlToken {
    const t = this.peek();
    this.buffer.shift();
    this.lastEnd = t.end;
    return t;
  }

  private isWord(t: DdlToken, word: string): boolean {
    return t.kind === Kind.Word && t.value === word;
  }

  matchPunct(ch: string): boolean {
    const t = this.peek();
    if (t.kind === Kind.Punct && t.value === ch) {
      this.advance();
      return true;
    }
    return false;
  }

  private matchWord(word: string): boolean {
    if (this.isWord(this.peek(), word)) {
      this.advance();
      return true;
    }
    return false;
  }

  private expectPunct(ch: string): void {
    if (!this.matchPunct(ch)) this.fail((t) => t.kind === Kind.Punct && t.value === ch);
  }

  private expectWord(word: string): void {
    if (!this.matchWord(word)) this.fail((t) => this.isWord(t, word));
  }

  /**
   * Throws a syntax error at the current token. When the token after it is the one expected,
   * ANTLR would delete the current one and says so: `: extra input 'x'`.
   */
  private fail(expected?: (t: DdlToken) => boolean): never {
    const t = this.peek();
    const display = t.kind === Kind.EOF ? 'end of input' : `'${t.text}'`;
    const hint = t.kind !== Kind.EOF && expected && expected(this.peek(1)) ? `: extra input ${display}` : '';
    throw syntaxError(this.text, t.start, display, hint);
  }

  private defer(error: ParseException): void {
    this.deferred ??= error;
  }

  expectEnd(): void {
    if (this.peek().kind !== Kind.EOF) this.fail((t) => t.kind === Kind.EOF);
    if (this.deferred) throw this.deferred;
  }

  private identifier(): string {
    const t = this.peek();
    if (t.kind === Kind.Word) return this.advance().text;
    if (t.kind === Kind.Quoted) return this.advance().value;
    return this.fail();
  }

  private intValue(): number {
    const t = this.peek();
    if (t.kind !== Kind.Int) this.fail();
    return Number(this.advance().text);
  }

  dataType(): DataType {
    const t = this.peek();
    if (t.kind !== Kind.Word && t.kind !== Kind.Quoted) this.fail();
    const next = this.peek(1);
    const opensAngle = next.kind === Kind.Punct && next.value === '<';
    if (t.kind === Kind.Word && opensAngle) {
      if (t.value === 'ARRAY') {
        this.advance();
        this.advance();
        const element = this.dataType();
        this.expectPunct('>');
        return new ArrayType(element, true);
      }
      if (t.value === 'MAP') {
        this.advance();
        this.advance();
        const key = this.dataType();
        this.expectPunct(',');
        const value = this.dataType();
        this.expectPunct('>');
        return new MapType(key, value, true);
      }
      if (t.value === 'STRUCT') {
        this.advance();
        this.advance();
        const fields: StructField[] = [];
        if (!this.matchPunct('>')) {
          fields.push(this.complexColType());
          while (this.matchPunct(',')) fields.push(this.complexColType());
          this.expectPunct('>');
        }
        return new StructType(fields);
      }
    }
    if (t.kind === Kind.Word && t.value === 'INTERVAL' && next.kind === Kind.Word && INTERVAL_FIELDS.has(next.value)) {
      return this.ansiIntervalType();
    }
    return this.primitiveType();
  }

  /** `INTERVAL YEAR TO MONTH`, `INTERVAL DAY TO SECOND`, `INTERVAL HOUR`...: ANSI intervals. */
  private ansiIntervalType(): DataType {
    const start = this.advance().start;
    const from = this.advance().value;
    let to = from;
    if (this.matchWord('TO')) {
      const t = this.peek();
      if (t.kind !== Kind.Word || !INTERVAL_FIELDS.has(t.value)) this.fail();
      to = this.advance().value;
    }
    const s = intervalFieldIndex(from);
    const e = intervalFieldIndex(to);
    if (s && e && s.yearMonth === e.yearMonth && s.index < e.index) {
      return s.yearMonth ? new YearMonthIntervalType(s.index, e.index) : new DayTimeIntervalType(s.index, e.index);
    }
    if (s && from === to) {
      return s.yearMonth ? new YearMonthIntervalType(s.index, s.index) : new DayTimeIntervalType(s.index, s.index);
    }
    // `INTERVAL MONTH TO YEAR`, `INTERVAL YEAR TO DAY`...: Spark's invalid interval form.
    const name = `INTERVAL ${from} TO ${to}`;
    this.defer(unsupportedDataType(this.text, start, name));
    return new CalendarIntervalType();
  }

  private primitiveType(): DataType {
    const t = this.advance();
    const params: number[] = [];
    if (this.matchPunct('(')) {
      params.push(this.intValue());
      while (this.matchPunct(',')) params.push(this.intValue());
      this.expectPunct(')');
    }
    const name = t.kind === Kind.Word ? t.value : t.text.toUpperCase();
    const simple = t.kind === Kind.Word && params.length === 0 ? SIMPLE_TYPES.get(name) : undefined;
    if (simple) return simple();
    if (t.kind === Kind.Word) {
      switch (name) {
        case 'DECIMAL':
        case 'DEC':
        case 'NUMERIC':
          if (params.length <= 2) return this.decimalType(t.start, params[0] ?? 10, params[1] ?? 0);
          break;
        case 'CHAR':
        case 'CHARACTER':
        case 'VARCHAR':
          // Spark keeps CHAR/VARCHAR only for table metadata; values and schemas use STRING.
          if (params.length === 1) return new StringType();
          if (params.length === 0) {
            this.defer(
              new ParseException(
                `DataType ${quotedTypeName(name)} requires a length parameter, for example ${quotedTypeName(name)}(10). Please specify the length.`,
                this.text,
                t.start,
                { errorClass: 'DATATYPE_MISSING_SIZE', sqlState: '42K01', messageParameters: { type: quotedTypeName(name) } },
              ),
            );
            return new StringType();
          }
          break;
        case 'TIMESTAMP_NTZ':
        case 'TIMESTAMP_LTZ':
          // TIMESTAMP_NTZ(p) / TIMESTAMP_LTZ(p): 6 is the microsecond type, 7..9 nanoseconds.
          if (params.length === 1 && params[0] === 6) return name === 'TIMESTAMP_NTZ' ? new TimestampNTZType() : new TimestampType();
          if (params.length === 1 && params[0] >= MIN_NANOS_PRECISION && params[0] <= MAX_NANOS_PRECISION) {
            return new TimestampNanosType(params[0], name === 'TIMESTAMP_NTZ');
          }
          break;
        case 'ARRAY':
        case 'MAP':
        case 'STRUCT':
          if (params.length === 0) {
            this.defer(incompleteType(this.text, t.start, name));
            return new NullType();
          }
          break;
      }
    }
    const shown = params.length ? `${name}(${params.join(',')})` : name;
    this.defer(unsupportedDataType(this.text, t.start, shown));
    return new NullType();
  }

  private decimalType(offset: number, precision: number, scale: number): DataType {
    if (precision > MAX_DECIMAL_PRECISION) {
      this.defer(
        new ParseException(`Decimal precision ${precision} exceeds max precision ${MAX_DECIMAL_PRECISION}.`, this.text, offset, {
          errorClass: 'DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION',
          sqlState: '22003',
          messageParameters: { precision: String(precision), maxPrecision: String(MAX_DECIMAL_PRECISION) },
        }),
      );
    } else if (scale > precision) {
      this.defer(new ParseException(`Decimal scale (${scale}) cannot be greater than precision (${precision}).`, this.text, offset));
    }
    return new DecimalType(precision, scale);
  }

  /** Field of a STRUCT<...>: `name[:] type [NOT NULL] [COMMENT 'text']`. */
  private complexColType(): StructField {
    const name = this.identifier();
    this.matchPunct(':');
    return this.fieldRest(name);
  }

  /** Column of a table schema: `name type [NOT NULL] [COMMENT 'text']` (no colon). */
  colType(): StructField {
    return this.fieldRest(this.identifier());
  }

  private fieldRest(name: string): StructField {
    const dataType = this.dataType();
    let nullable = true;
    if (this.matchWord('NOT')) {
      this.expectWord('NULL');
      nullable = false;
    }
    const metadata: Record<string, unknown> = {};
    if (this.matchWord('COMMENT')) {
      const t = this.peek();
      if (t.kind !== Kind.String) this.fail();
      metadata.comment = this.advance().value;
    }
    return new StructField(name, dataType, nullable, metadata);
  }
}

const INTERVAL_FIELDS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND']);

setDataTypeDdlReader(parseDataTypeOrSchema);

const SIMPLE_TYPES = new Map<string, () => DataType>([
  ['BOOLEAN', () => new BooleanType()],
  ['TINYINT', () => new ByteType()],
  ['BYTE', () => new ByteType()],
  ['SMALLINT', () => new ShortType()],
  ['SHORT', () => new ShortType()],
  ['INT', () => new IntegerType()],
  ['INTEGER', () => new IntegerType()],
  ['BIGINT', () => new LongType()],
  ['LONG', () => new LongType()],
  ['FLOAT', () => new FloatType()],
  ['REAL', () => new FloatType()],
  ['DOUBLE', () => new DoubleType()],
  ['DATE', () => new DateType()],
  // TODO: spark.sql.timestampType=TIMESTAMP_NTZ makes plain TIMESTAMP mean TIMESTAMP_NTZ.
  ['TIMESTAMP', () => new TimestampType()],
  ['TIMESTAMP_LTZ', () => new TimestampType()],
  ['TIMESTAMP_NTZ', () => new TimestampNTZType()],
  ['STRING', () => new StringType()],
  ['BINARY', () => new BinaryType()],
  ['VOID', () => new NullType()],
  ['INTERVAL', () => new CalendarIntervalType()],
]);

function unsupportedDataType(text: string, offset: number, typeName: string): ParseException {
  const quoted = quotedTypeName(typeName);
  return new ParseException(`Unsupported data type ${quoted}.`, text, offset, {
    errorClass: 'UNSUPPORTED_DATATYPE',
    sqlState: '0A000',
    messageParameters: { typeName: quoted },
  });
}

const INCOMPLETE_HINTS: Record<string, string> = {
  ARRAY: 'You must provide an element type. For example: "ARRAY<elementType>".',
  MAP: 'You must provide a key type and a value type. For example: "MAP<TIMESTAMP, INT>".',
  STRUCT: 'You must provide at least one field type. For example: "STRUCT<name STRING, phone DECIMAL(10, 2)>".',
};

function incompleteType(text: string, offset: number, name: string): ParseException {
  return new ParseException(
    `Incomplete complex type: The definition of "${name}" type is incomplete. ${INCOMPLETE_HINTS[name]}`,
    text,
    offset,
    { errorClass: `INCOMPLETE_TYPE_DEFINITION.${name}`, sqlState: '42K01', messageParameters: {} },
  );
}
