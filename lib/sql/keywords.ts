// Keyword sets the expression parser consults. Spark's default keyword mode makes every keyword
// usable as an identifier, so these are context checks on Word tokens (upper-cased), not a
// reserved-word list.

/** Units of `INTERVAL 1 DAY 2 HOURS` (unitInMultiUnits), mapped to stringToInterval's singular. */
export const INTERVAL_UNITS = new Map<string, string>([
  ['YEAR', 'year'], ['YEARS', 'year'],
  ['MONTH', 'month'], ['MONTHS', 'month'],
  ['WEEK', 'week'], ['WEEKS', 'week'],
  ['DAY', 'day'], ['DAYS', 'day'],
  ['HOUR', 'hour'], ['HOURS', 'hour'],
  ['MINUTE', 'minute'], ['MINUTES', 'minute'],
  ['SECOND', 'second'], ['SECONDS', 'second'],
  ['MILLISECOND', 'millisecond'], ['MILLISECONDS', 'millisecond'],
  ['MICROSECOND', 'microsecond'], ['MICROSECONDS', 'microsecond'],
]);

/** Units allowed in `INTERVAL '1-2' YEAR TO MONTH` (unitInUnitToUnit). */
export const UNIT_TO_UNIT_FIELDS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND']);

/** First argument of TIMESTAMPADD / TIMESTAMPDIFF (datetimeUnit). */
export const DATETIME_UNITS = new Set([
  'YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'DAYOFYEAR', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND',
]);

export const TIMESTAMPADD_NAMES = new Set(['TIMESTAMPADD', 'DATEADD', 'DATE_ADD']);
export const TIMESTAMPDIFF_NAMES = new Set(['TIMESTAMPDIFF', 'DATEDIFF', 'DATE_DIFF', 'TIMEDIFF']);

/** Words that open a query inside parentheses: `(SELECT ...)`, `IN (VALUES ...)`. */
export const QUERY_STARTS = new Set(['SELECT', 'WITH', 'VALUES', 'FROM', 'TABLE']);

/** Spark's supported typed-literal names, in the order its UNSUPPORTED_TYPED_LITERAL message lists them. */
export const TYPED_LITERAL_NAMES = ['DATE', 'TIMESTAMP_NTZ', 'TIMESTAMP_LTZ', 'TIMESTAMP', 'INTERVAL', 'X'];

/** Predicate words that may follow NOT (or `!`) after a value: `a NOT IN (...)`. */
export const NEGATABLE_PREDICATES = new Set(['BETWEEN', 'IN', 'RLIKE', 'REGEXP', 'LIKE', 'ILIKE']);
