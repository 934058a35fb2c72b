// DataFrame.colRegex, as Spark's Dataset.colRegex (PySpark 4.2.0's output for the same calls:
// oracle scenario functions/col-regex).
import { SparkSession } from '../../lib';

const setup = () => {
  const spark = SparkSession.builder.appName('col-regex').getOrCreate();
  spark.conf.set('spark.sql.caseSensitive', 'false');
  return { spark, df: spark.createDataFrame([['a', 1, 2.5, 'x']], ['Col1', 'Col2', 'value', 'col3']) };
};

test('a backquoted regex selects the columns whose whole name matches, case-insensitively', () => {
  const { df } = setup();
  expect(df.select(df.colRegex('`col.*`')).columns).toEqual(['Col1', 'Col2', 'col3']);
  expect(df.select(df.colRegex('`(Col1)?.+1`')).columns).toEqual(['Col1']);
  expect(df.select(df.colRegex('`Col[12]`'), 'value').columns).toEqual(['Col1', 'Col2', 'value']);
  expect(df.select(df.colRegex('`nomatch.*`')).columns).toEqual([]);
});

test('a table prefix, an unquoted name, and case-sensitive analysis', () => {
  const { spark, df } = setup();
  const a = df.alias('a');
  expect(a.select(a.colRegex('a.`v.*`')).columns).toEqual(['value']);
  expect(df.select(df.colRegex('value')).columns).toEqual(['value']);
  spark.conf.set('spark.sql.caseSensitive', 'true');
  expect(df.select(df.colRegex('`col.*`')).columns).toEqual(['col3']);
  spark.conf.set('spark.sql.caseSensitive', 'false');
  expect(() => df.colRegex(1 as unknown as string)).toThrow(expect.objectContaining({ errorClass: 'NOT_EXPECTED_TYPE' }));
});
