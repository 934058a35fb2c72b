// A cast's nullability is Spark's Cast.nullable: forceNullable for CAST, the up-cast rule for
// TRY_CAST. Each expectation is what PySpark 4.2.0 printed for the same query (ANSI on and off).
import { newSession } from '../support/session';

const nullability = (sql: string) => Object.fromEntries(newSession().sql(sql).schema.fields.map((f) => [f.name, f.nullable]));

test.each(['true', 'false'])('CAST nullability with spark.sql.ansi.enabled=%s', (ansi) => {
  const spark = newSession();
  spark.conf.set('spark.sql.ansi.enabled', ansi);
  const sql =
    "SELECT CAST('1' AS INT) AS s2i, CAST(2.5 AS DOUBLE) AS d2d, CAST(1 AS STRING) AS i2s, CAST(1 AS LONG) AS i2l, CAST(2.5 AS INT) AS d2i, CAST(1L AS INT) AS l2i, CAST('2024-01-01' AS DATE) AS s2date, CAST(DATE'2024-01-01' AS TIMESTAMP) AS d2ts, CAST(1.5D AS DECIMAL(3,1)) AS dbl2dec, CAST(1 AS DECIMAL(5,0)) AS i2dec, CAST(NULL AS INT) AS n";
  expect(Object.fromEntries(spark.sql(sql).schema.fields.map((f) => [f.name, f.nullable]))).toEqual({
    s2i: true,
    d2d: false,
    i2s: false,
    i2l: false,
    d2i: true,
    l2i: false,
    s2date: true,
    d2ts: false,
    dbl2dec: true,
    i2dec: true,
    n: true,
  });
});

test('TRY_CAST is nullable unless the cast is an up-cast of a non-null value', () => {
  expect(
    nullability(
      "SELECT TRY_CAST(1 AS LONG) a, TRY_CAST(1L AS INT) b, TRY_CAST(2.5 AS DOUBLE) c, TRY_CAST(2.5 AS INT) d, TRY_CAST(1 AS STRING) e, TRY_CAST('x' AS BINARY) f, TRY_CAST(1 AS DECIMAL(12,2)) g, TRY_CAST(CAST(1.5 AS DECIMAL(2,1)) AS DECIMAL(5,2)) h, TRY_CAST(DATE'2024-01-01' AS TIMESTAMP) i, TRY_CAST(1.5D AS FLOAT) j, TRY_CAST(array(1) AS array<long>) k, TRY_CAST(TIMESTAMP'2024-01-01 00:00:00' AS LONG) l, TRY_CAST(1 AS DECIMAL(5,0)) m",
    ),
  ).toEqual({ a: false, b: true, c: true, d: true, e: false, f: false, g: false, h: false, i: false, j: true, k: false, l: false, m: true });
});
