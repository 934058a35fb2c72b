// Runs golden-file queries through a session and renders the results the way Spark's
// SQLQueryTestSuite writes them, so they compare with `.sql.out` files block by block.
import { SparkException } from '../../errors/spark-exception';
import { ParseException } from '../../errors/parse-exception';
import { AnalysisException } from '../../errors/analysis-exception';
import { hiveResultLines } from '../../execution/hive-result-string';
import type { LogicalPlan } from '../../plans/logical-plan';
import type { StreamSession } from '../../session/stream-session';
import type { GoldenBlock } from './golden-file';

/** Spark sorts result lines unless the plan's top (through projections and filters) is a sort. */
export function isSemanticallySorted(plan: LogicalPlan): boolean {
  switch (plan.kind) {
    case 'sort':
      return true;
    case 'project':
    case 'filter':
    case 'subqueryAlias':
    case 'limit':
    case 'offset':
      return isSemanticallySorted(plan.child);
    default:
      return false;
  }
}

/** The Java exception class Spark would report, for the first line of an error block. */
export function javaExceptionClass(e: unknown): string {
  if (e instanceof ParseException) return 'org.apache.spark.sql.catalyst.parser.ParseException';
  if (e instanceof AnalysisException) return 'org.apache.spark.sql.catalyst.ExtendedAnalysisException';
  if (e instanceof SparkException) {
    const c = e.errorClass ?? '';
    // Date and timestamp failures are SparkDateTimeException, including bad casts to them.
    const target = e.messageParameters.targetType ?? '';
    if (/^(DATETIME_|CANNOT_PARSE_TIMESTAMP|INVALID_DATETIME|ILLEGAL_DAY_OF_WEEK|INVALID_FRACTION_OF_SECOND)/.test(c)) return 'org.apache.spark.SparkDateTimeException';
    if (c.startsWith('CAST_INVALID_INPUT') && /"(DATE|TIMESTAMP|TIMESTAMP_NTZ)"/.test(target)) return 'org.apache.spark.SparkDateTimeException';
    if (c.startsWith('CAST_INVALID_INPUT')) return 'org.apache.spark.SparkNumberFormatException';
    if (/^(ARITHMETIC_OVERFLOW|DIVIDE_BY_ZERO|NUMERIC_VALUE_OUT_OF_RANGE|CAST_OVERFLOW)/.test(c)) return 'org.apache.spark.SparkArithmeticException';
    if (/^(INVALID_ARRAY_INDEX|INVALID_INDEX_OF_ZERO)/.test(c)) return 'org.apache.spark.SparkArrayIndexOutOfBoundsException';
    if (c.startsWith('INTERNAL_ERROR')) return 'org.apache.spark.SparkException';
    return 'org.apache.spark.SparkRuntimeException';
  }
  return 'java.lang.RuntimeException';
}

/** The MINIMAL-format JSON of an error with a condition (parameters sorted by name). */
export function errorJson(e: SparkException): string {
  const params = Object.keys(e.messageParameters)
    .sort()
    .map((k) => `    ${JSON.stringify(k)} : ${JSON.stringify(e.messageParameters[k])}`);
  const lines = ['{', `  "errorClass" : ${JSON.stringify(e.errorClass)},`];
  if (e.sqlState) lines.push(`  "sqlState" : ${JSON.stringify(e.sqlState)},`);
  lines.push(params.length > 0 ? `  "messageParameters" : {\n${params.join(',\n')}\n  }` : '  "messageParameters" : { }');
  lines.push('}');
  return lines.join('\n');
}

export function runGoldenQuery(session: StreamSession, sql: string): GoldenBlock {
  try {
    const df = session.sql(sql);
    const schema = df.schema;
    if (df.isCommand) return { sql, schema: 'struct<>', output: df.collectInternalRows().map((r) => r.join('\t')).join('\n') };
    const lines = hiveResultLines(df.collectInternalRows(), schema, session.conf.get('spark.sql.session.timeZone'));
    if (!isSemanticallySorted(df.plan)) lines.sort();
    return { sql, schema: schema.simpleString(), output: lines.join('\n').replace(/\s+$/, '') };
  } catch (e) {
    if (e instanceof SparkException && e.errorClass) return { sql, schema: 'struct<>', output: `${javaExceptionClass(e)}\n${errorJson(e)}` };
    const message = e instanceof Error ? e.message : String(e);
    return { sql, schema: 'struct<>', output: `${javaExceptionClass(e)}\n${message}` };
  }
}
