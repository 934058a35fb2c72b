// What the text-based formats share: option getters with Spark's parsing rules, the parse modes
// and Spark's FailureSafeParser (what a malformed record becomes), UTF-8 decoding and Hadoop's
// line splitting.
import { SparkException } from '../../errors/spark-exception';
import { AnalysisException } from '../../errors/analysis-exception';
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { quoteIdentifier } from '../../errors/query-compilation-errors';
import type { StructType } from '../../types/struct-type';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { boolOption, malformedRecordError, parseModeOption, type ParseMode } from '../../types/parse-options';

export { boolOption, malformedRecordError, parseModeOption, type ParseMode };

// ---------------------------------------------------------------------------------------------
// Options

/** Spark's getChar: one character; "" means none (U+0000). */
export function charOption(options: CaseInsensitiveMap, name: string, defaultValue: string): string {
  const v = options.get(name);
  if (v === undefined) return defaultValue;
  if (v === '') return '\u0000';
  if (v.length === 1) return v;
  throw new SparkException(`${name} cannot be more than one character.`, { messageParameters: { paramName: name } });
}

/** `lineSep`: non-empty (Spark's `require`s). */
export function lineSepOption(options: CaseInsensitiveMap, maxLength = Infinity): string | undefined {
  const sep = options.get('lineSep');
  if (sep === undefined) return undefined;
  if (sep === '') throw new IllegalArgumentException("requirement failed: 'lineSep' cannot be an empty string.");
  if (sep.length > maxLength) throw new IllegalArgumentException("requirement failed: 'lineSep' can contain only 1 character.");
  return sep;
}

/** Rivulet decodes UTF-8 only; any other `encoding`/`charset` is refused up front. */
export function checkUtf8Encoding(options: CaseInsensitiveMap, format: string): void {
  const enc = options.get('encoding') ?? options.get('charset');
  if (enc === undefined) return;
  const norm = enc.toLowerCase().replace(/[-_]/g, '');
  if (norm === 'utf8') return;
  throw new SparkException(
    `The ${format} reader of Rivulet reads UTF-8 only; encoding '${enc}' is not supported. Convert the files to UTF-8 or remove the 'encoding' option.`,
  );
}

/** UTF-8 text of a file, without the byte-order mark Hadoop's line reader skips. */
export function decodeUtf8(content: Uint8Array): string {
  const text = Buffer.isBuffer(content) ? content.toString('utf8') : new TextDecoder('utf-8').decode(content);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Hadoop's LineRecordReader: lines end at \n, \r\n or \r (or at `lineSep` when given); a final
 * terminator does not start an empty last line.
 */
export function splitLines(text: string, lineSep?: string): string[] {
  if (text.length === 0) return [];
  const lines = lineSep === undefined ? text.split(/\r\n|\r|\n/) : text.split(lineSep);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Parse modes and malformed records

/**
 * A record that failed to parse: `partial` holds the rows (in the parser's own column order)
 * that could be salvaged, `record` the raw text for the corrupt-record column.
 */
export class BadRecordError extends Error {
  constructor(
    readonly record: string,
    readonly partial: readonly (readonly unknown[])[],
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'BadRecordError';
  }
}

/** INVALID_CORRUPT_RECORD_TYPE: the corrupt-record column must be a nullable string. */
export function verifyCorruptRecordColumn(schema: StructType, columnName: string): void {
  const field = schema.fields.find((f) => f.name === columnName);
  if (!field) return;
  if (field.dataType.typeName() !== 'string' || !field.nullable) {
    const actualType = `"${field.dataType.toDDL()}${field.nullable ? '' : ' NOT NULL'}"`;
    throw new AnalysisException(`The column ${quoteIdentifier(columnName)} for corrupt records must have the nullable STRING type, but got ${actualType}.`, {
      errorClass: 'INVALID_CORRUPT_RECORD_TYPE',
      sqlState: '42804',
      messageParameters: { columnName: quoteIdentifier(columnName), actualType },
    });
  }
}

/**
 * Spark's FailureSafeParser. The format parses against `actualSchema` (the schema without the
 * corrupt-record column); rows are spread into the full schema here, and a bad record becomes
 * its partial rows (PERMISSIVE, with the raw record in the corrupt column), nothing
 * (DROPMALFORMED) or an error (FAILFAST).
 */
export class FailureSafeParser {
  private readonly corruptIndex: number;
  /** Position in the full schema of each actual-schema column. */
  private readonly positions: number[];
  private readonly width: number;

  constructor(
    readonly mode: ParseMode,
    schema: StructType,
    columnNameOfCorruptRecord: string,
  ) {
    this.width = schema.fields.length;
    this.corruptIndex = schema.fields.findIndex((f) => f.name === columnNameOfCorruptRecord);
    this.positions = [];
    schema.fields.forEach((_, i) => {
      if (i !== this.corruptIndex) this.positions.push(i);
    });
  }

  /** Adds the rows of one record to `out`. */
  parse(parseRecord: () => readonly (readonly unknown[])[], out: unknown[][]): void {
    let rows: readonly (readonly unknown[])[];
    try {
      rows = parseRecord();
    } catch (e) {
      if (!(e instanceof BadRecordError)) throw e;
      switch (this.mode) {
        case 'PERMISSIVE':
          if (e.partial.length === 0) out.push(this.toResultRow(null, e.record));
          else for (const r of e.partial) out.push(this.toResultRow(r, e.record));
          return;
        case 'DROPMALFORMED':
          return;
        case 'FAILFAST':
          throw malformedRecordError(e.record, e);
      }
    }
    for (const r of rows) out.push(this.corruptIndex < 0 ? (r as unknown[]) : this.toResultRow(r, null));
  }

  private toResultRow(row: readonly unknown[] | null, badRecord: string | null): unknown[] {
    const out = new Array<unknown>(this.width).fill(null);
    if (row) for (let i = 0; i < this.positions.length; i++) out[this.positions[i]] = row[i] ?? null;
    if (this.corruptIndex >= 0) out[this.corruptIndex] = badRecord;
    return out;
  }
}
