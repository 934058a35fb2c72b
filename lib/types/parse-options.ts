// Option rules the text parsers share (files and the from_json/from_csv functions): Spark's
// getBool, ParseMode.fromString and the FAILFAST error.
import { SparkException } from '../errors/spark-exception';
import type { CaseInsensitiveMap } from '../util/case-insensitive-map';
import { Logger } from '../util/logger';

const log = new Logger('ParseMode');

/** Spark's getBool: "true"/"false" in any case, else an error naming the option. */
export function boolOption(options: CaseInsensitiveMap, name: string, defaultValue: boolean): boolean {
  const v = options.get(name);
  if (v === undefined) return defaultValue;
  const lower = v.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new SparkException(`${name} flag can be true or false.`, { messageParameters: { paramName: name } });
}

export type ParseMode = 'PERMISSIVE' | 'DROPMALFORMED' | 'FAILFAST';

/** Spark's ParseMode.fromString: case-insensitive; an unknown mode warns and is PERMISSIVE. */
export function parseModeOption(options: CaseInsensitiveMap): ParseMode {
  const v = options.get('mode');
  if (v === undefined) return 'PERMISSIVE';
  const upper = v.toUpperCase();
  if (upper === 'PERMISSIVE' || upper === 'DROPMALFORMED' || upper === 'FAILFAST') return upper;
  log.warn(`${v} is not a valid parse mode. Using PERMISSIVE.`);
  return 'PERMISSIVE';
}

/** `[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION]`: FAILFAST met a malformed record. */
export function malformedRecordError(record: string, cause?: unknown): SparkException {
  return new SparkException(
    `Malformed records are detected in record parsing: ${record}.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. `,
    {
      errorClass: 'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
      sqlState: '22023',
      messageParameters: { badRecord: record, failFastMode: 'FAILFAST' },
      cause,
    },
  );
}
