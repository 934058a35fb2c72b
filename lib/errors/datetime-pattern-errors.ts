// Errors of Spark's datetime patterns, and the rule behind one, shared by the SQL functions
// (lib/expressions) and the file formats' date and timestamp parsers (lib/types).
import { SparkException } from './spark-exception';

/** INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION: a pattern Spark 3+ refuses that Spark 2 read. */
export function patternRecognitionError(pattern: string): SparkException {
  const params = { config: '"spark.sql.legacy.timeParserPolicy"', docroot: 'https://spark.apache.org/docs/latest', pattern: `'${pattern}'` };
  return new SparkException(
    `You may get a different result due to the upgrading to Spark >= 3.0: Fail to recognize ${params.pattern} pattern in the DateTimeFormatter. 1) You can set ${params.config} to "LEGACY" to restore the behavior before Spark 3.0. 2) You can form a valid datetime pattern with the guide from '${params.docroot}/sql-ref-datetime-pattern.html'.`,
    { errorClass: 'INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION', sqlState: '42K0B', messageParameters: params },
  );
}

/** Narrow text (five letters of G, M, L or E), which Spark 3+ refuses for parsing and Spark 2 read as full text. */
export function isNarrowTextField(letter: string, count: number): boolean {
  return count === 5 && (letter === 'G' || letter === 'M' || letter === 'L' || letter === 'E');
}
