// Spark's "pretty SQL" of an expression: the auto-generated column name of an unaliased select
// item (`count(1)`, `(a + 1)`, `split(value,  , -1)`) and the text quoted in error messages.
import type { Expression } from './expression';
import type { DataType } from '../types/data-types';
import { Decimal } from '../types/decimal';
import { bytesToHex } from '../util/hex';
import { dayTimeIntervalString, javaDoubleToString, javaFloatToString, toPrettyString, yearMonthIntervalString } from '../types/pretty-value';
import { DayTimeIntervalType, YearMonthIntervalType } from '../types/interval-types';
import { TimestampNanosType } from '../types/timestamp-nanos-types';

export function prettySql(e: Expression): string {
  switch (e.kind) {
    case 'attribute':
      return e.name;
    case 'literal':
      return e.sql ?? prettyLiteral(e.value, e.dataType);
    case 'alias':
      return e.name;
    case 'cast':
      return e.implicit ? prettySql(e.child) : `${e.tryCast ? 'TRY_CAST' : 'CAST'}(${prettySql(e.child)} AS ${e.dataType.toDDL()})`;
    case 'caseWhen': {
      const parts = e.branches.map((b) => ` WHEN ${prettySql(b.condition)} THEN ${prettySql(b.value)}`).join('');
      const elsePart = e.elseValue ? ` ELSE ${prettySql(e.elseValue)}` : '';
      return `CASE${parts}${elsePart} END`;
    }
    case 'scalarCall': {
      const args = (e.displayArgs ?? e.args).map(prettySql);
      return e.fn.sql ? e.fn.sql(args) : `${e.fn.name}(${args.join(', ')})`;
    }
    case 'aggregateCall': {
      const args = e.args.map(prettySql);
      const body = e.fn.sql ? e.fn.sql(args, e.distinct) : `${e.fn.name}(${e.distinct ? 'DISTINCT ' : ''}${args.join(', ')})`;
      return e.filter ? `${body} FILTER (WHERE ${prettySql(e.filter)})` : body;
    }
    case 'generatorCall':
      return `${e.fn.name}(${e.args.map(prettySql).join(', ')})`;
    case 'lambdaVariable':
      // Spark names lambda parameters anonymously in column names.
      return 'namedlambdavariable()';
    case 'lambdaFunction':
      return `lambdafunction(${[e.body, ...e.params].map(prettySql).join(', ')})`;
  }
}

/**
 * Spark's usePrettyExpression: strings raw, numbers as Java's toString (`2.0`, `1.0E10`,
 * BigDecimal's `1.230E-26`), NULL; other literals as their SQL (`DATE '2024-01-01'`, `X'0A'`).
 */
function prettyLiteral(value: unknown, dataType: DataType): string {
  if (value === null || value === undefined) return 'NULL';
  const t = dataType.typeName();
  if (value instanceof Decimal) return value.toJavaString();
  // ANSI interval literals print as their SQL (`INTERVAL '1' YEAR`).
  if (dataType instanceof YearMonthIntervalType) return yearMonthIntervalString(Number(value), dataType.startField, dataType.endField);
  if (dataType instanceof DayTimeIntervalType) return dayTimeIntervalString(value as bigint, dataType.startField, dataType.endField);
  if (dataType instanceof TimestampNanosType) return `${dataType.ntz ? 'TIMESTAMP_NTZ' : 'TIMESTAMP_LTZ'} '${toPrettyString(value, dataType, 'UTC')}'`;
  if (typeof value === 'bigint') return t === 'timestamp' || t === 'timestamp_ntz' ? `${t === 'timestamp' ? 'TIMESTAMP' : 'TIMESTAMP_NTZ'} '${toPrettyString(value, dataType, 'UTC')}'` : `${value}`;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (t === 'double') return javaDoubleToString(value);
    if (t === 'float') return javaFloatToString(value);
    if (t === 'date') return `DATE '${toPrettyString(value, dataType, 'UTC')}'`;
    return String(value);
  }
  if (value instanceof Uint8Array) return `X'${bytesToHex(value)}'`;
  return toPrettyString(value, dataType, 'UTC');
}
