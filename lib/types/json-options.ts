// The options Spark's JSONOptions reads, shared by the JSON file format and the JSON functions
// (from_json, schema_of_json): the parser's leniency switches, inference switches, the parse
// mode and datetime patterns.
import type { CaseInsensitiveMap } from '../util/case-insensitive-map';
import type { JsonParseOptions } from './json-parser';
import { boolOption, parseModeOption, type ParseMode } from './parse-options';

export interface JsonOptions {
  parse: JsonParseOptions;
  primitivesAsString: boolean;
  prefersDecimal: boolean;
  dropFieldIfAllNull: boolean;
  inferTimestamp: boolean;
  multiLine: boolean;
  mode: ParseMode;
  columnNameOfCorruptRecord: string;
  lineSep: string | undefined;
  zone: string;
  timestampFormat: string | undefined;
  timestampNTZFormat: string | undefined;
  dateFormat: string | undefined;
  enableDateTimeParsingFallback: boolean | undefined;
}

/** JSONOptions from an options map; `zone` and `columnNameOfCorruptRecord` are the defaults to use. */
export function jsonOptionsFromMap(o: CaseInsensitiveMap, zone: string, columnNameOfCorruptRecord: string): JsonOptions {
  const fallback = o.get('enableDateTimeParsingFallback');
  return {
    parse: {
      allowComments: boolOption(o, 'allowComments', false),
      allowUnquotedFieldNames: boolOption(o, 'allowUnquotedFieldNames', false),
      allowSingleQuotes: boolOption(o, 'allowSingleQuotes', true),
      allowNumericLeadingZeros: boolOption(o, 'allowNumericLeadingZeros', false),
      allowNonNumericNumbers: boolOption(o, 'allowNonNumericNumbers', true),
      allowBackslashEscapingAnyCharacter: boolOption(o, 'allowBackslashEscapingAnyCharacter', false),
      allowUnquotedControlChars: boolOption(o, 'allowUnquotedControlChars', false),
    },
    primitivesAsString: boolOption(o, 'primitivesAsString', false),
    prefersDecimal: boolOption(o, 'prefersDecimal', false),
    dropFieldIfAllNull: boolOption(o, 'dropFieldIfAllNull', false),
    inferTimestamp: boolOption(o, 'inferTimestamp', false),
    multiLine: boolOption(o, 'multiLine', false),
    mode: parseModeOption(o),
    columnNameOfCorruptRecord: o.get('columnNameOfCorruptRecord') ?? columnNameOfCorruptRecord,
    lineSep: o.get('lineSep'),
    zone: o.get('timeZone') ?? zone,
    timestampFormat: o.get('timestampFormat'),
    timestampNTZFormat: o.get('timestampNTZFormat'),
    dateFormat: o.get('dateFormat'),
    enableDateTimeParsingFallback: fallback === undefined ? undefined : fallback.toLowerCase() === 'true',
  };
}
