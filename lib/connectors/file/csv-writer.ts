// The CSV writer (Spark's UnivocityGenerator with CSVOptions' write defaults). Options: `sep`
// (`delimiter`, ","), `quote` ("), `escape` (\), `escapeQuotes` (true), `quoteAll` (false),
// `header` (false), `nullValue` (""), `emptyValue` ("" written as two quotes), `dateFormat`,
// `timestampFormat` (yyyy-MM-dd'T'HH:mm:ss.SSSXXX), `timestampNTZFormat`, `lineSep` (\n),
// `ignoreLeadingWhiteSpace` / `ignoreTrailingWhiteSpace` (true on write: values are trimmed),
// `compression`. Arrays, maps and structs are refused, as in Spark.
import { compileFormatter } from '../../expressions/functions/datetime-pattern';
import {
  DEFAULT_DATE_FORMAT,
  DEFAULT_TIMESTAMP_NTZ_WRITE_FORMAT,
  DEFAULT_TIMESTAMP_WRITE_FORMAT,
} from '../../expressions/functions/json-writer';
import { AtomicType, DataType, DecimalType } from '../../types/data-types';
import { toDecimal } from '../../types/decimal';
import { boolOption } from '../../types/parse-options';
import { castStringFormatter, javaDoubleToString, javaFloatToString } from '../../types/pretty-value';
import type { StructType } from '../../types/struct-type';
import { delimiterString } from './csv-format';
import { charOption, lineSepOption } from './record-parsing';
import { unsupportedDataTypeError } from './text-format';
import { compressText, textCodecExtension, textCodecOption, zoneOfOutput, type OutputContext, type OutputFormat } from './output-format';

type Format = (v: unknown) => string;

function csvSupports(type: DataType): boolean {
  return type instanceof AtomicType || type.typeName() === 'void';
}

function valueFormatter(type: DataType, o: OutputContext): Format {
  const options = o.options;
  switch (type.typeName()) {
    case 'string':
      return (v) => v as string;
    case 'float':
      return (v) => javaFloatToString(v as number);
    case 'double':
      return (v) => javaDoubleToString(v as number);
    case 'date': {
      const f = compileFormatter(options.get('dateFormat') ?? DEFAULT_DATE_FORMAT, 'UTC');
      return (v) => f(BigInt(v as number) * 86_400_000_000n);
    }
    case 'timestamp': {
      const f = compileFormatter(options.get('timestampFormat') ?? DEFAULT_TIMESTAMP_WRITE_FORMAT, zoneOfOutput(o));
      return (v) => f(v as bigint);
    }
    case 'timestamp_ntz': {
      const f = compileFormatter(options.get('timestampNTZFormat') ?? DEFAULT_TIMESTAMP_NTZ_WRITE_FORMAT, 'UTC');
      return (v) => f(v as bigint);
    }
  }
  if (type instanceof DecimalType) return (v) => toDecimal(v).toJavaString();
  const text = castStringFormatter(type, zoneOfOutput(o), false);
  return (v) => text(v);
}

export const csvOutputFormat: OutputFormat = {
  shortName: 'csv',
  displayName: 'CSV',
  prepare(dataSchema: StructType, ctx: OutputContext) {
    for (const f of dataSchema.fields) if (!csvSupports(f.dataType)) throw unsupportedDataTypeError('CSV', f.name, f.dataType.toDDL());
    const codec = textCodecOption(ctx.options);
    const { line, headerLine } = compileCsvLineWriter(dataSchema, ctx);
    return {
      extension: '.csv' + textCodecExtension(codec),
      encode(rows) {
        const parts = new Array<string>(rows.length + 1);
        parts[0] = headerLine;
        for (let i = 0; i < rows.length; i++) parts[i + 1] = line(rows[i]);
        return compressText(Buffer.from(parts.join(''), 'utf8'), codec);
      },
    };
  },
};

/** One row -> one CSV line (with the line separator), as UnivocityGenerator writes it; shared with to_csv. */
export function compileCsvLineWriter(dataSchema: StructType, ctx: OutputContext): { line: (row: readonly unknown[]) => string; headerLine: string; lineSep: string } {
  const o = ctx.options;
  const sep = delimiterString(o.get('sep') ?? o.get('delimiter') ?? ',');
  const quote = charOption(o, 'quote', '"');
  const escape = charOption(o, 'escape', '\\');
  const escapeQuotes = boolOption(o, 'escapeQuotes', true);
  const quoteAll = boolOption(o, 'quoteAll', false);
  const header = boolOption(o, 'header', false);
  const nullValue = o.get('nullValue') ?? '';
  const emptyValue = o.get('emptyValue') ?? quote + quote;
  const trimLeading = boolOption(o, 'ignoreLeadingWhiteSpace', true);
  const trimTrailing = boolOption(o, 'ignoreTrailingWhiteSpace', true);
  const lineSep = lineSepOption(o, 2) ?? '\n';
  const formats = dataSchema.fields.map((f) => valueFormatter(f.dataType, ctx));
  const needsQuotes = (s: string): boolean =>
    s.includes(sep) || s.includes('\n') || s.includes('\r') || (escapeQuotes && quote !== '\u0000' && s.includes(quote));

  // Univocity's field rendering: trimmed, quoted when needed (or always), quotes escaped.
  const field = (s: string): string => {
    if (trimLeading) s = s.replace(/^\s+/, '');
    if (trimTrailing) s = s.replace(/\s+$/, '');
    if (!quoteAll && !needsQuotes(s)) return s;
    return quote + (quote === '\u0000' ? s : s.split(quote).join(escape + quote)) + quote;
  };
  const line = (row: readonly unknown[]): string => {
    let out = '';
    for (let i = 0; i < formats.length; i++) {
      if (i > 0) out += sep;
      const v = row[i];
      if (v === null || v === undefined) out += quoteAll && nullValue !== '' ? quote + nullValue + quote : nullValue;
      else {
        const s = formats[i](v);
        out += s === '' ? emptyValue : field(s);
      }
    }
    return out + lineSep;
  };
  const headerLine = header ? dataSchema.fields.map((f) => field(f.name)).join(sep) + lineSep : '';
  return { line, headerLine, lineSep };
}
