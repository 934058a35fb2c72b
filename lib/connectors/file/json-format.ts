// The JSON format (Spark's JsonFileFormat): JSON Lines by default (one value per line), or one
// value per file with `multiLine`. A root array of objects yields one row per element. The
// parser, schema inference and value conversion live in lib/types (shared with from_json).
import { ArrayType, DataType, MapType } from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import { corruptColumnOf, zoneOf, type FileFormat, type FileFormatOptions, type InputFile } from './file-format';
import { JsonSyntaxError, parseFirstJsonValue, type JsonValue } from '../../types/json-parser';
import { jsonOptionsFromMap, type JsonOptions } from '../../types/json-options';
import { JsonSchemaInferrer } from '../../types/json-schema-inference';
import { ConversionError, JsonRowConverter, PartialValueError } from '../../types/json-value-converter';
import { BadRecordError, FailureSafeParser, checkUtf8Encoding, decodeUtf8, lineSepOption, splitLines, verifyCorruptRecordColumn } from './record-parsing';
import { unsupportedDataTypeError } from './text-format';

export type { JsonOptions };

export function jsonOptions(fileOptions: FileFormatOptions): JsonOptions {
  const o = fileOptions.options;
  checkUtf8Encoding(o, 'JSON');
  return { ...jsonOptionsFromMap(o, zoneOf(fileOptions), corruptColumnOf(fileOptions)), lineSep: lineSepOption(o) };
}

/** The records of a file: its lines, or the whole text with `multiLine`. */
function records(content: Uint8Array, o: JsonOptions): string[] {
  const text = decodeUtf8(content);
  return o.multiLine ? [text] : splitLines(text, o.lineSep);
}

function inferJsonSchema(files: readonly InputFile[], o: JsonOptions): StructType {
  const inferrer = new JsonSchemaInferrer(o);
  for (const file of files) for (const record of records(file.content, o)) inferrer.addRecord(record);
  return inferrer.result();
}

function readJson(_path: string, content: Uint8Array, schema: StructType, options: FileFormatOptions): unknown[][] {
  const o = jsonOptions(options);
  const actual = new StructType(schema.fields.filter((f) => f.name !== o.columnNameOfCorruptRecord));
  const convertObject = new JsonRowConverter(o).objectConverter(actual);
  const parser = new FailureSafeParser(o.mode, schema, o.columnNameOfCorruptRecord);

  const parseRecord = (record: string): unknown[][] => {
    let v: JsonValue | null;
    try {
      v = parseFirstJsonValue(record, o.parse);
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new BadRecordError(record, [], e.message);
      throw e;
    }
    if (v === null) return [];
    const objects = v.t === 'obj' ? [v] : v.t === 'arr' ? v.items : [v];
    const rows: unknown[][] = [];
    let partial: PartialValueError | undefined;
    for (const item of objects) {
      // Each root object (or element of a root array) is one row; anything else is malformed.
      if (item.t !== 'obj') throw new BadRecordError(record, [], `Cannot parse a ${item.t} as a row.`);
      try {
        rows.push(convertObject(item, record));
      } catch (e) {
        if (e instanceof ConversionError) throw new BadRecordError(record, [], e.message);
        if (!(e instanceof PartialValueError)) throw e;
        partial ??= e;
        rows.push(e.value as unknown[]);
      }
    }
    if (partial) throw new BadRecordError(record, rows, partial.reason);
    return rows;
  };

  const out: unknown[][] = [];
  for (const record of records(content, o)) parser.parse(() => parseRecord(record), out);
  return out;
}

function isSupportedJsonType(t: DataType): boolean {
  if (t instanceof StructType) return t.fields.every((f) => isSupportedJsonType(f.dataType));
  if (t instanceof ArrayType) return isSupportedJsonType(t.elementType);
  if (t instanceof MapType) return isSupportedJsonType(t.keyType) && isSupportedJsonType(t.valueType);
  return t.typeName() !== 'interval' && !t.typeName().startsWith('interval ');
}

export const jsonFormat: FileFormat = {
  shortName: 'json',
  displayName: 'JSON',

  verifySchema(schema: StructType, options: FileFormatOptions): void {
    for (const f of schema.fields) if (!isSupportedJsonType(f.dataType)) throw unsupportedDataTypeError('JSON', f.name, f.dataType.toDDL());
    verifyCorruptRecordColumn(schema, corruptColumnOf(options));
  },

  inferSchema(files: readonly InputFile[], options: FileFormatOptions): StructType | undefined {
    if (files.length === 0) return undefined;
    return inferJsonSchema(files, jsonOptions(options));
  },

  readFile: readJson,
};
