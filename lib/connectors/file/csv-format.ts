// The CSV format (Spark's CSVFileFormat with CSVOptions, CSVInferSchema and UnivocityParser):
// option parsing with Spark's names and defaults, header handling, schema inference and the
// conversion of tokens to typed values, with the parse modes of FailureSafeParser.
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { DataType, DataTypes, DecimalType } from '../../types/data-types';
import { Decimal } from '../../types/decimal';
import { StructField, StructType } from '../../types/struct-type';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { Logger } from '../../util/logger';
import { corruptColumnOf, qualifiedPath, zoneOf, type FileFormat, type FileFormatOptions, type InputFile } from './file-format';
import { isSkippedLine, tokenizeLine, tokenizeText, type CsvTokenizerSettings } from './csv-tokenizer';
import {
  lenientDateParser,
  lenientTimestampNTZParser,
  lenientTimestampParser,
  patternDateParser,
  patternTimestampNTZParser,
  patternTimestampParser,
  type DateParser,
  type TimestampParser,
} from '../../types/datetime-parsing';
import {
  BadRecordError,
  FailureSafeParser,
  boolOption,
  charOption,
  checkUtf8Encoding,
  decodeUtf8,
  lineSepOption,
  parseModeOption,
  splitLines,
  verifyCorruptRecordColumn,
  type ParseMode,
} from './record-parsing';
import { decimalForIntegral, findTightestCommonType, isDecimal, widerDecimal } from './type-widening';
import { unsupportedDataTypeError } from './text-format';

const headerLog = new Logger('CSVHeaderChecker');

export interface CsvOptions {
  tokenizer: CsvTokenizerSettings;
  header: boolean;
  inferSchema: boolean;
  mode: ParseMode;
  columnNameOfCorruptRecord: string;
  nullValue: string;
  nanValue: string;
  positiveInf: string;
  negativeInf: string;
  preferDate: boolean;
  /** `dateFormat` as given. */
  dateFormat: string | undefined;
  /** The date pattern inference uses: `dateFormat`, else yyyy-MM-dd when preferDate. */
  dateFormatInRead: string | undefined;
  timestampFormat: string | undefined;
  timestampNTZFormat: string | undefined;
  enableDateTimeParsingFallback: boolean | undefined;
  multiLine: boolean;
  enforceSchema: boolean;
  lineSep: string | undefined;
  zone: string;
  caseSensitive: boolean;
}

// ---------------------------------------------------------------------------------------------
// Options

function invalidDelimiter(sub: string, message: string, params: Record<string, string> = {}): IllegalArgumentException {
  return new IllegalArgumentException(`Invalid value for delimiter. ${message}`, {
    errorClass: `INVALID_DELIMITER_VALUE.${sub}`,
    sqlState: '42602',
    messageParameters: params,
  });
}

/** CSVExprUtils.toChar: one character or one of the backslash escapes Spark knows. */
function delimiterChar(str: string): string {
  if (str === '') throw invalidDelimiter('EMPTY_STRING', 'Delimiter cannot be empty string.');
  if (str === '\\') {
    throw invalidDelimiter(
      'SINGLE_BACKSLASH',
      'Single backslash is prohibited. It has special meaning as beginning of an escape sequence. To get the backslash character, pass a string with two backslashes as the delimiter.',
    );
  }
  if (str.length === 1) return str;
  const escapes: Record<string, string> = { '\\t': '\t', '\\r': '\r', '\\b': '\b', '\\f': '\f', '\\"': '"', "\\'": "'", '\\\\': '\\' };
  if (str in escapes) return escapes[str];
  if (str === '\\u0000') return '\u0000';
  if (str.startsWith('\\')) throw invalidDelimiter('UNSUPPORTED_SPECIAL_CHARACTER', `Unsupported special character for delimiter: ${str}.`, { str });
  throw invalidDelimiter('INVALID_CHAR_LENGTH', `Delimiter can only be one character: ${str}.`, { str });
}

/** CSVExprUtils.toDelimiterStr: multi-character delimiters, each backslash pair decoded. */
export function delimiterString(str: string): string {
  if (str === '') return delimiterChar(str);
  let out = '';
  let i = 0;
  while (i < str.length) {
    const chunk = str.slice(i, i + (str[i] === '\\' ? 2 : 1));
    out += delimiterChar(chunk);
    i += chunk.length;
  }
  return out;
}

export function csvOptions(fileOptions: FileFormatOptions): CsvOptions {
  const o: CaseInsensitiveMap = fileOptions.options;
  checkUtf8Encoding(o, 'CSV');
  const delimiter = delimiterString(o.get('sep') ?? o.get('delimiter') ?? ',');
  const quote = charOption(o, 'quote', '"');
  const escape = charOption(o, 'escape', '\\');
  const ctqe = o.get('charToEscapeQuoteEscaping');
  if (ctqe !== undefined && ctqe.length > 1) throw new IllegalArgumentException('charToEscapeQuoteEscaping cannot be more than one character.');
  const commentOption = o.get('comment');
  const nullValue = o.get('nullValue') ?? '';
  const preferDate = boolOption(o, 'preferDate', true);
  const dateFormat = o.get('dateFormat');
  const fallback = o.get('enableDateTimeParsingFallback');
  const multiLine = boolOption(o, 'multiLine', false);
  const lineSep = lineSepOption(o, 2);
  return {
    tokenizer: {
      delimiter,
      quote,
      escape,
      charToEscapeQuoteEscaping: ctqe !== undefined && ctqe !== '' ? ctqe : escape !== quote ? escape : '\u0000',
      comment: commentOption !== undefined && commentOption.length === 1 ? commentOption : undefined,
      ignoreLeadingWhiteSpace: boolOption(o, 'ignoreLeadingWhiteSpace', false),
      ignoreTrailingWhiteSpace: boolOption(o, 'ignoreTrailingWhiteSpace', false),
      nullValue,
      emptyValue: o.get('emptyValue') ?? '',
      lineSep,
    },
    header: boolOption(o, 'header', false),
    inferSchema: boolOption(o, 'inferSchema', false),
    mode: parseModeOption(o),
    columnNameOfCorruptRecord: corruptColumnOf(fileOptions),
    nullValue,
    nanValue: o.get('nanValue') ?? 'NaN',
    positiveInf: o.get('positiveInf') ?? 'Inf',
    negativeInf: o.get('negativeInf') ?? '-Inf',
    preferDate,
    dateFormat,
    dateFormatInRead: preferDate ? dateFormat ?? 'yyyy-MM-dd' : dateFormat,
    timestampFormat: o.get('timestampFormat'),
    timestampNTZFormat: o.get('timestampNTZFormat'),
    enableDateTimeParsingFallback: fallback === undefined ? undefined : fallback.toLowerCase() === 'true',
    multiLine,
    enforceSchema: boolOption(o, 'enforceSchema', true),
    lineSep,
    zone: zoneOf(fileOptions),
    caseSensitive: fileOptions.caseSensitive,
  };
}

// ---------------------------------------------------------------------------------------------
// Java's number parsing, as Spark's converters call it

const INT_RE = /^[+-]?\d+$/;
const JAVA_DOUBLE_RE = /^[\u0000-\u0020]*[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)[\u0000-\u0020]*$/;

function parseJavaInt(s: string, min: number, max: number): number | undefined {
  if (!INT_RE.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

function parseJavaLong(s: string): bigint | undefined {
  if (!INT_RE.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n <= 2n ** 63n - 1n ? n : undefined;
}

/** Java's Double.parseDouble (surrounding whitespace, NaN, Infinity, a d/f suffix). */
export function parseJavaDouble(s: string): number | undefined {
  if (!JAVA_DOUBLE_RE.test(s)) return undefined;
  return Number(s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[fFdD]$/, ''));
}

function parseScalaBoolean(s: string): boolean | undefined {
  const lower = s.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** `new BigDecimal(text)`'s precision and (possibly negative) scale, or undefined. */
function javaDecimalShape(s: string): { precision: number; scale: number } | undefined {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
  const digits = (m[1] + (m[2] ?? '')).replace(/^0+(?=\d)/, '');
  const scale = (m[2] ?? '').length - (m[3] === undefined ? 0 : Number(m[3]));
  return { precision: digits.length, scale };
}

// ---------------------------------------------------------------------------------------------
// Schema inference (CSVInferSchema)

class CsvTypeInference {
  private readonly date: DateParser | undefined;
  private readonly ntz: TimestampParser;
  private readonly ts: TimestampParser;

  constructor(private readonly o: CsvOptions) {
    this.date = o.dateFormatInRead !== undefined ? patternDateParser(o.dateFormatInRead) : lenientDateParser();
    this.ntz = o.timestampNTZFormat !== undefined ? patternTimestampNTZParser(o.timestampNTZFormat) : lenientTimestampNTZParser();
    this.ts = o.timestampFormat !== undefined ? patternTimestampParser(o.timestampFormat, o.zone) : lenientTimestampParser(o.zone);
  }

  inferField(typeSoFar: DataType, field: string): DataType {
    if (field === '' || field === this.o.nullValue) return typeSoFar;
    let t: DataType;
    const name = typeSoFar.typeName();
    if (name === 'void' || name === 'integer') t = this.tryInteger(field);
    else if (name === 'long') t = this.tryLong(field);
    else if (isDecimal(typeSoFar)) t = this.tryDecimal(field);
    else if (name === 'double') t = this.tryDouble(field);
    else if (name === 'date') t = this.tryDate(field);
    else if (name === 'timestamp_ntz') t = this.tryNTZ(field);
    else if (name === 'timestamp') t = this.tryTimestamp(field);
    else if (name === 'boolean') t = this.tryBoolean(field);
    else t = DataTypes.StringType;
    return compatibleCsvType(typeSoFar, t) ?? DataTypes.StringType;
  }

  private tryInteger(f: string): DataType {
    return parseJavaInt(f, -2147483648, 2147483647) !== undefined ? DataTypes.IntegerType : this.tryLong(f);
  }

  private tryLong(f: string): DataType {
    return parseJavaLong(f) !== undefined ? DataTypes.LongType : this.tryDecimal(f);
  }

  private tryDecimal(f: string): DataType {
    // Only integral values (scale <= 0) become decimals; a negative scale or more than 38
    // digits cannot be a DecimalType, which falls through to double.
    const shape = javaDecimalShape(f);
    if (shape && shape.scale === 0 && shape.precision <= 38) return new DecimalType(shape.precision, 0);
    return this.tryDouble(f);
  }

  private tryDouble(f: string): DataType {
    if (parseJavaDouble(f) !== undefined || f === this.o.nanValue || f === this.o.negativeInf || f === this.o.positiveInf) return DataTypes.DoubleType;
    return this.o.preferDate ? this.tryDate(f) : this.tryNTZ(f);
  }

  private tryDate(f: string): DataType {
    return this.date && this.date(f) !== undefined ? DataTypes.DateType : this.tryNTZ(f);
  }

  private tryNTZ(f: string): DataType {
    // A value without a zone is the session's default timestamp type (TIMESTAMP_LTZ).
    return this.ntz(f) !== undefined ? DataTypes.TimestampType : this.tryTimestamp(f);
  }

  private tryTimestamp(f: string): DataType {
    return this.ts(f) !== undefined ? DataTypes.TimestampType : this.tryBoolean(f);
  }

  private tryBoolean(f: string): DataType {
    return parseScalaBoolean(f) !== undefined ? DataTypes.BooleanType : DataTypes.StringType;
  }
}

/** CSVInferSchema.compatibleType: tightest common type, then the CSV-specific promotions. */
function compatibleCsvType(t1: DataType, t2: DataType): DataType | undefined {
  const n1 = t1.typeName();
  const n2 = t2.typeName();
  const dateVsTimestamp = (a: string, b: string) => a === 'date' && (b === 'timestamp' || b === 'timestamp_ntz');
  if (dateVsTimestamp(n1, n2) || dateVsTimestamp(n2, n1)) return DataTypes.StringType;
  const tight = findTightestCommonType(t1, t2);
  if (tight) return tight;
  if (n1 === 'string' || n2 === 'string') return DataTypes.StringType;
  const i1 = decimalForIntegral(t1);
  const i2 = decimalForIntegral(t2);
  if (i1 && isDecimal(t2)) return compatibleCsvType(i1, t2);
  if (isDecimal(t1) && i2) return compatibleCsvType(t1, i2);
  if ((n1 === 'double' && isDecimal(t2)) || (isDecimal(t1) && n2 === 'double')) return DataTypes.DoubleType;
  if (isDecimal(t1) && isDecimal(t2)) return widerDecimal(t1, t2);
  return undefined;
}

/** CSVUtils.makeSafeHeader: `_c<i>` for missing names, the index appended to duplicates. */
function makeSafeHeader(row: readonly string[], o: CsvOptions): string[] {
  if (!o.header) return row.map((_, i) => `_c${i}`);
  const norm = (n: string) => (o.caseSensitive ? n : n.toLowerCase());
  const names = row.filter((v) => v !== undefined).map(norm);
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) duplicates.add(n);
    seen.add(n);
  }
  return row.map((v, i) => {
    if (v === undefined || v === '' || v === o.nullValue) return `_c${i}`;
    return duplicates.has(norm(v)) ? `${v}${i}` : v;
  });
}

function inferCsvSchema(files: readonly InputFile[], o: CsvOptions): StructType {
  let first: string[] | undefined;
  let rows: string[][] = [];
  if (o.multiLine) {
    for (const file of files) {
      const records = tokenizeText(decodeUtf8(file.content), o.tokenizer);
      if (records.length === 0) continue;
      if (!first) first = records[0].tokens;
      if (o.inferSchema) rows.push(...(o.header ? records.slice(1) : records).map((r) => r.tokens));
    }
  } else {
    let firstLine: string | undefined;
    const lines: string[] = [];
    for (const file of files) {
      for (const line of splitLines(decodeUtf8(file.content), o.lineSep)) {
        if (isSkippedLine(line, o.tokenizer)) continue;
        if (firstLine === undefined) firstLine = line;
        if (!o.inferSchema) break;
        lines.push(line);
      }
      if (firstLine !== undefined && !o.inferSchema) break;
    }
    if (firstLine !== undefined) {
      first = tokenizeLine(firstLine, o.tokenizer);
      // Spark drops every line equal to the header, in all files.
      rows = (o.header ? lines.filter((l) => l !== firstLine) : lines).map((l) => tokenizeLine(l, o.tokenizer));
    }
  }
  if (!first) return new StructType([]);
  const header = makeSafeHeader(first, o);
  if (!o.inferSchema) return new StructType(header.map((n) => new StructField(n, DataTypes.StringType, true)));
  const inference = new CsvTypeInference(o);
  const types: DataType[] = header.map(() => DataTypes.NullType);
  for (const tokens of rows) {
    const n = Math.min(types.length, tokens.length);
    for (let i = 0; i < n; i++) types[i] = inference.inferField(types[i], tokens[i]);
  }
  return new StructType(header.map((n, i) => new StructField(n, types[i].typeName() === 'void' ? DataTypes.StringType : types[i], true)));
}

// ---------------------------------------------------------------------------------------------
// Reading (UnivocityParser)

class ConversionError extends Error {}

type Converter = (datum: string) => unknown;

function makeConverter(name: string, dataType: DataType, nullable: boolean, o: CsvOptions): Converter {
  const convert = nonNullConverter(dataType, o);
  return (datum) => {
    if (datum === o.nullValue) {
      if (!nullable) throw new ConversionError(`null value found but field ${name} is not nullable.`);
      return null;
    }
    const v = convert(datum);
    if (v === undefined) throw new ConversionError(`Cannot parse '${datum}' as ${dataType.simpleString()}.`);
    return v;
  };
}

/** Converters return undefined for text that does not parse (a malformed field). */
function nonNullConverter(dataType: DataType, o: CsvOptions): (s: string) => unknown {
  const t = dataType.typeName();
  switch (t) {
    case 'byte':
      return (s) => parseJavaInt(s, -128, 127);
    case 'short':
      return (s) => parseJavaInt(s, -32768, 32767);
    case 'integer':
      return (s) => parseJavaInt(s, -2147483648, 2147483647);
    case 'long':
      return parseJavaLong;
    case 'float':
    case 'double': {
      const round = t === 'float' ? Math.fround : (x: number) => x;
      return (s) => {
        if (s === o.nanValue) return NaN;
        if (s === o.negativeInf) return -Infinity;
        if (s === o.positiveInf) return Infinity;
        const v = parseJavaDouble(s);
        return v === undefined ? undefined : round(v);
      };
    }
    case 'boolean':
      return parseScalaBoolean;
    case 'date': {
      const lenient = lenientDateParser();
      if (o.dateFormatInRead === undefined) return lenient;
      const strict = patternDateParser(o.dateFormatInRead);
      const fallback = o.enableDateTimeParsingFallback ?? o.dateFormat === undefined;
      return (s) => strict(s) ?? (fallback ? lenient(s) : undefined);
    }
    case 'timestamp': {
      const lenient = lenientTimestampParser(o.zone);
      if (o.timestampFormat === undefined) return lenient;
      const strict = patternTimestampParser(o.timestampFormat, o.zone);
      return o.enableDateTimeParsingFallback ? (s) => strict(s) ?? lenient(s) : strict;
    }
    case 'timestamp_ntz':
      return o.timestampNTZFormat !== undefined ? patternTimestampNTZParser(o.timestampNTZFormat) : lenientTimestampNTZParser();
    default:
      if (dataType instanceof DecimalType) {
        const { precision, scale } = dataType;
        return (s) => Decimal.parse(s.replace(/,/g, ''))?.toPrecision(precision, scale) ?? undefined;
      }
      // string, char(n), varchar(n)
      return (s) => s;
  }
}

function isSupportedCsvType(t: DataType): boolean {
  const n = t.typeName();
  return (
    ['string', 'byte', 'short', 'integer', 'long', 'float', 'double', 'boolean', 'date', 'timestamp', 'timestamp_ntz'].includes(n) ||
    t instanceof DecimalType ||
    /^(var)?char\(/.test(n)
  );
}

/** CSVHeaderChecker: with enforceSchema=false the header must name the schema's columns. */
function checkHeader(columnNames: readonly string[], schema: StructType, o: CsvOptions, path: string): void {
  const fieldNames = schema.fieldNames();
  const source = `CSV file: ${qualifiedPath(path)}`;
  let message: string | undefined;
  if (columnNames.length === fieldNames.length) {
    for (let i = 0; i < columnNames.length && message === undefined; i++) {
      const inSchema = o.caseSensitive ? fieldNames[i] : fieldNames[i].toLowerCase();
      const inHeader = o.caseSensitive ? columnNames[i] : columnNames[i].toLowerCase();
      if (inSchema !== inHeader) {
        message = `CSV header does not conform to the schema.\n Header: ${columnNames.join(', ')}\n Schema: ${fieldNames.join(', ')}\nExpected: ${fieldNames[i]} but found: ${columnNames[i]}\n${source}`;
      }
    }
  } else {
    message = `Number of column in CSV header is not equal to number of fields in the schema:\n Header length: ${columnNames.length}, schema size: ${fieldNames.length}\n${source}`;
  }
  if (message === undefined) return;
  if (o.enforceSchema) headerLog.warn(message);
  else throw new IllegalArgumentException(message);
}

/**
 * One record's tokens -> rows (one row, or a BadRecordError carrying the convertible part), as
 * UnivocityParser converts them; shared by the file reader and from_csv.
 */
export function compileCsvTokenConverter(schema: StructType, o: CsvOptions): { actual: StructType; convertTokens: (tokens: readonly string[], raw: string) => unknown[][] } {
  const actual = new StructType(schema.fields.filter((f) => f.name !== o.columnNameOfCorruptRecord));
  const converters = actual.fields.map((f) => makeConverter(f.name, f.dataType, f.nullable, o));
  const n = converters.length;
  const convertTokens = (tokens: readonly string[], raw: string): unknown[][] => {
    if (tokens.length !== n) {
      // Too few or too many tokens: malformed, but the tokens there still convert (missing
      // ones as nulls) for the partial row.
      const checked = tokens.length < n ? [...tokens, ...new Array<string>(n - tokens.length).fill(o.nullValue)] : tokens.slice(0, n);
      let partial: unknown[][] = [];
      try {
        partial = convertTokens(checked, raw);
      } catch (e) {
        if (e instanceof BadRecordError) partial = e.partial as unknown[][];
        else throw e;
      }
      throw new BadRecordError(raw, partial, 'Malformed CSV record');
    }
    // Spark's UnivocityParser.convert: a field that does not convert becomes null and the
    // record is bad, but the other fields still convert (PERMISSIVE keeps them).
    const row = new Array<unknown>(n);
    let failure: ConversionError | undefined;
    for (let i = 0; i < n; i++) {
      try {
        row[i] = converters[i](tokens[i]);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        row[i] = null;
        failure ??= e;
      }
    }
    if (failure) throw new BadRecordError(raw, [row], failure.message);
    return [row];
  };
  return { actual, convertTokens };
}

/** The type CSV inference gives one field, from what the earlier records gave (NullType first). */
export function inferCsvField(o: CsvOptions): (typeSoFar: DataType, field: string) => DataType {
  const inference = new CsvTypeInference(o);
  return (t, f) => inference.inferField(t, f);
}

function readCsv(path: string, content: Uint8Array, schema: StructType, options: FileFormatOptions): unknown[][] {
  const o = csvOptions(options);
  const { actual, convertTokens } = compileCsvTokenConverter(schema, o);
  const parser = new FailureSafeParser(o.mode, schema, o.columnNameOfCorruptRecord);

  const out: unknown[][] = [];
  const emptySchema = schema.fields.length === 0 && o.mode === 'PERMISSIVE' && !o.multiLine;
  const text = decodeUtf8(content);
  let first = o.header;
  const handle = (tokens: () => string[], raw: string): void => {
    if (first) {
      first = false;
      checkHeader(tokens(), actual, o, path);
      return;
    }
    if (emptySchema) {
      out.push([]);
      return;
    }
    parser.parse(() => convertTokens(tokens(), raw), out);
  };
  if (o.multiLine) {
    for (const r of tokenizeText(text, o.tokenizer)) handle(() => r.tokens, r.raw);
  } else {
    for (const line of splitLines(text, o.lineSep)) {
      if (isSkippedLine(line, o.tokenizer)) continue;
      handle(() => tokenizeLine(line, o.tokenizer), line);
    }
  }
  return out;
}

export const csvFormat: FileFormat = {
  shortName: 'csv',
  displayName: 'CSV',

  verifySchema(schema: StructType, options: FileFormatOptions): void {
    for (const f of schema.fields) if (!isSupportedCsvType(f.dataType)) throw unsupportedDataTypeError('CSV', f.name, f.dataType.toDDL());
    verifyCorruptRecordColumn(schema, corruptColumnOf(options));
  },

  inferSchema(files: readonly InputFile[], options: FileFormatOptions): StructType | undefined {
    if (files.length === 0) return undefined;
    return inferCsvSchema(files, csvOptions(options));
  },

  readFile: readCsv,
};
