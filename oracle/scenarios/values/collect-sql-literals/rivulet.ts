import { SparkSession } from 'rivulet';
import { record_rows } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('sql-literals').getOrCreate();
  await record_rows(spark.sql(`SELECT 127Y AS tiny, 32767S AS small, 2147483647 AS i, 9007199254740991L AS l,
        CAST(1.25 AS FLOAT) AS f, 1e300 AS d, -0.0D AS negzero, 123456789012345678.123456789BD AS dec,
        CAST(0 AS DECIMAL(38, 0)) AS dec_zero, DATE'0001-01-01' AS first_day, DATE'9999-12-31' AS last_day,
        TIMESTAMP'1970-01-01 00:00:00.000001' AS just_after, TIMESTAMP'1969-12-31 23:59:59.999999' AS just_before,
        TIMESTAMP_NTZ'2024-02-29 12:34:56.789' AS ntz, X'CAFE' AS bin, 'line\\nbreak' AS s, true AS t,
        INTERVAL '1 02:03:04.000005' DAY TO SECOND AS dt`));
  await record_rows(spark.sql(`SELECT array(map('a', named_struct('d', DATE'2024-01-02', 'ts', TIMESTAMP'2024-01-02 03:04:05.6'))) AS deep,
        map(1, array(1.5BD, NULL)) AS dec_map, array(CAST(NULL AS STRING), '') AS strs,
        named_struct('a', named_struct('b', named_struct('c', 1L))) AS chain`));
}
