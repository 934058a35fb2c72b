// The text format (Spark's TextFileFormat): one row per line in a single string column `value`,
// or one row per file with `wholetext`. Options: `wholetext` (false), `lineSep` (\n, \r\n or \r).
import { AnalysisException } from '../../errors/analysis-exception';
import { quoteIdentifier } from '../../errors/query-compilation-errors';
import { DataTypes } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import type { FileFormat, FileFormatOptions, InputFile } from './file-format';
import { boolOption, decodeUtf8, lineSepOption, splitLines } from './record-parsing';

export interface TextOptions {
  wholeText: boolean;
  lineSep: string | undefined;
}

export function textOptions(options: FileFormatOptions): TextOptions {
  return { wholeText: boolOption(options.options, 'wholetext', false), lineSep: lineSepOption(options.options) };
}

/** UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE, shared by the formats' schema checks. */
export function unsupportedDataTypeError(format: string, column: string, typeDdl: string): AnalysisException {
  const params = { columnName: quoteIdentifier(column), columnType: `"${typeDdl}"`, format };
  return new AnalysisException(`The ${format} datasource doesn't support the column ${params.columnName} of the type ${params.columnType}.`, {
    errorClass: 'UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE',
    sqlState: '0A000',
    messageParameters: params,
  });
}

export const textFormat: FileFormat = {
  shortName: 'text',
  displayName: 'Text',

  verifySchema(schema: StructType): void {
    if (schema.fields.length !== 1) {
      throw new AnalysisException(`Text data source supports only a single column, and you have ${schema.fields.length} columns.`, {
        messageParameters: { schemaSize: String(schema.fields.length) },
      });
    }
    const f = schema.fields[0];
    if (f.dataType.typeName() !== 'string') throw unsupportedDataTypeError('Text', f.name, f.dataType.toDDL());
  },

  inferSchema(_files: readonly InputFile[]): StructType {
    return new StructType([new StructField('value', DataTypes.StringType, true)]);
  },

  readFile(_path: string, content: Uint8Array, _schema: StructType, options: FileFormatOptions): unknown[][] {
    const opts = textOptions(options);
    const text = decodeUtf8(content);
    if (opts.wholeText) return [[text]];
    return splitLines(text, opts.lineSep).map((line) => [line]);
  },
};
