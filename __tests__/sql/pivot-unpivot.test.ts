// SQL's PIVOT and UNPIVOT clauses. Expected schemas, rows and errors are what PySpark 4.2.0 gave
// for the same queries (run side by side; oracle scenario sql/pivot-unpivot-clauses).
import { newSession } from '../support/session';

const setup = () => {
  const spark = newSession();
  spark.sql(
    "CREATE TEMPORARY VIEW courses AS SELECT * FROM VALUES ('dotNET', 2012, 10000), ('Java', 2012, 20000), ('dotNET', 2012, 5000), ('dotNET', 2013, 48000), ('Java', 2013, 30000) AS courses(course, year, earnings)",
  );
  spark.sql("CREATE TEMPORARY VIEW sales AS SELECT * FROM VALUES (1, 10, 20, 30, 'a'), (2, null, 25, null, 'b'), (3, null, null, null, 'c') AS sales(id, q1, q2, q3, tag)");
  return spark;
};
const rowsOf = (spark: ReturnType<typeof setup>, sql: string) =>
  spark
    .sql(sql)
    .collectInternalRows()
    .map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)))
    .sort();
const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();

describe('PIVOT', () => {
  test('the columns the clause does not read group the rows; one column per value', () => {
    const spark = setup();
    const sql = "SELECT * FROM (SELECT year, course, earnings FROM courses) PIVOT (sum(earnings) FOR course IN ('dotNET', 'Java'))";
    expect(spark.sql(sql).schema.simpleString()).toBe('struct<year:int,dotNET:bigint,Java:bigint>');
    expect(rowsOf(spark, sql)).toEqual(sorted([[2012, 15000, 20000], [2013, 48000, 30000]]));
    // Without other columns: one row.
    expect(rowsOf(spark, "SELECT * FROM (SELECT course, earnings FROM courses) PIVOT (sum(earnings) FOR course IN ('dotNET', 'Java'))")).toEqual(sorted([[63000, 50000]]));
  });

  test('several aggregates: value_aggregate names, by alias or by the aggregate text', () => {
    const spark = setup();
    expect(spark.sql("SELECT * FROM courses PIVOT (sum(earnings) AS s, avg(earnings) AS a FOR course IN ('dotNET', 'Java'))").schema.simpleString()).toBe(
      'struct<year:int,dotNET_s:bigint,dotNET_a:double,Java_s:bigint,Java_a:double>',
    );
    const sql = "SELECT * FROM courses PIVOT (sum(earnings), avg(earnings) FOR course IN ('dotNET' AS d, 'Java' j))";
    expect(spark.sql(sql).schema.simpleString()).toBe('struct<year:int,d_sum(earnings):bigint,d_avg(earnings):double,j_sum(earnings):bigint,j_avg(earnings):double>');
    expect(rowsOf(spark, sql)).toEqual(sorted([[2012, 15000, 7500, 20000, 20000], [2013, 48000, 48000, 30000, 30000]]));
  });

  test('values are cast to the pivot column type; a missing pair is NULL, for count too', () => {
    const spark = setup();
    expect(rowsOf(spark, "SELECT * FROM courses PIVOT (sum(earnings) FOR year IN ('2012', 2013 + 1))")).toEqual(sorted([['dotNET', 15000, null], ['Java', 20000, null]]));
    expect(spark.sql("SELECT * FROM courses PIVOT (sum(earnings) FOR year IN ('2012', 2013 + 1))").columns).toEqual(['course', '2012', '2014']);
    expect(rowsOf(spark, 'SELECT * FROM courses PIVOT (count(*) FOR year IN (2012, 2014))')).toEqual(
      sorted([
        ['dotNET', 5000, 1, null],
        ['Java', 20000, 1, null],
        ['dotNET', 10000, 1, null],
        ['dotNET', 48000, null, null],
        ['Java', 30000, null, null],
      ]),
    );
    expect(spark.sql("SELECT * FROM courses PIVOT (sum(earnings) FOR course IN (NULL, 'Java'))").columns).toEqual(['year', 'null', 'Java']);
  });

  test('several pivot columns compare as a struct; an unnamed struct value is named by its text', () => {
    const spark = setup();
    const sql = "SELECT * FROM courses PIVOT (sum(earnings) FOR (course, year) IN (('dotNET', 2012) AS d12, ('Java', 2013)))";
    expect(spark.sql(sql).schema.simpleString()).toBe('struct<d12:bigint,{Java, 2013}:bigint>');
    expect(rowsOf(spark, sql)).toEqual(sorted([[15000, 30000]]));
  });

  test('after a join, with an alias, then WHERE and ORDER BY; pivot of a pivot', () => {
    const spark = setup();
    spark.sql('CREATE TEMPORARY VIEW years AS SELECT * FROM VALUES (2012, 1), (2013, 2) AS years(y, s)');
    expect(spark.sql('SELECT * FROM courses c JOIN years ON c.year = years.y PIVOT (sum(earnings) FOR s IN (1, 2))').columns).toEqual(['course', 'year', 'y', '1', '2']);
    expect(spark.sql("SELECT p.* FROM courses PIVOT (sum(earnings) FOR course IN ('dotNET', 'Java')) AS p WHERE p.year = 2012").collectInternalRows()).toEqual([[2012, 15000n, 20000n]]);
    expect(spark.sql('SELECT * FROM courses PIVOT (sum(earnings) FOR year IN (2012, 2013)) ORDER BY course').collectInternalRows()).toEqual([
      ['Java', 20000n, 30000n],
      ['dotNET', 15000n, 48000n],
    ]);
    expect(spark.sql("SELECT * FROM courses PIVOT (sum(earnings) FOR course IN ('dotNET')) PIVOT (sum(dotNET) FOR year IN (2012))").collectInternalRows()).toEqual([[15000n]]);
  });

  test.each([
    ['SELECT * FROM courses PIVOT (sum(earnings) FOR course IN (course))', 'NON_LITERAL_PIVOT_VALUES', 'Literal expressions required for pivot values, found "course".'],
    [
      'SELECT * FROM courses PIVOT (sum(earnings) FOR year IN (array(1)))',
      'PIVOT_VALUE_DATA_TYPE_MISMATCH',
      "Invalid pivot value 'array(1)': value data type array<int> does not match pivot column data type int.",
    ],
    [
      "SELECT * FROM courses PIVOT (sum(earnings) FOR (course, year) IN ('dotNET', 'Java'))",
      'PIVOT_VALUE_DATA_TYPE_MISMATCH',
      "Invalid pivot value 'dotNET': value data type string does not match pivot column data type struct<course:string,year:int>.",
    ],
    [
      "SELECT * FROM (SELECT course, earnings FROM courses) PIVOT (earnings + 1 FOR course IN ('dotNET'))",
      '_LEGACY_ERROR_TEMP_1006',
      "Aggregate expression required for pivot, but '__auto_generated_subquery_name.earnings' did not appear in any aggregate function.",
    ],
    [
      "SELECT * FROM courses AS CS PIVOT (sum(year) + earnings FOR course IN ('dotNET'))",
      '_LEGACY_ERROR_TEMP_1006',
      "Aggregate expression required for pivot, but 'CS.earnings' did not appear in any aggregate function.",
    ],
  ])('%s is refused', (sql, errorClass, message) => {
    const spark = setup();
    expect(() => spark.sql(sql)).toThrow(expect.objectContaining({ errorClass, rawMessage: message }));
  });
});

describe('UNPIVOT', () => {
  test('EXCLUDE NULLS by default; the columns not unpivoted are kept first', () => {
    const spark = setup();
    const sql = 'SELECT * FROM sales UNPIVOT (val FOR quarter IN (q1, q2, q3))';
    expect(spark.sql(sql).schema.simpleString()).toBe('struct<id:int,tag:string,quarter:string,val:int>');
    expect(spark.sql(sql).collectInternalRows()).toEqual([
      [1, 'a', 'q1', 10],
      [1, 'a', 'q2', 20],
      [1, 'a', 'q3', 30],
      [2, 'b', 'q2', 25],
    ]);
    expect(spark.sql('SELECT * FROM sales UNPIVOT INCLUDE NULLS (val FOR quarter IN (q1, q2, q3))').count()).toBe(9);
  });

  test('aliases name the rows; qualified columns; an alias for the result', () => {
    const spark = setup();
    expect(spark.sql('SELECT quarter, val FROM sales UNPIVOT EXCLUDE NULLS (val FOR quarter IN (q1 AS Q1, sales.q2 second, q3))').collectInternalRows()).toEqual([
      ['Q1', 10],
      ['second', 20],
      ['q3', 30],
      ['second', 25],
    ]);
    expect(spark.sql('SELECT u.id, u.val FROM sales UNPIVOT (val FOR quarter IN (q1, q2)) AS u').collectInternalRows()).toEqual([
      [1, 10],
      [1, 20],
      [2, 25],
    ]);
  });

  test('several value columns: sets named by alias or their columns joined with _', () => {
    const spark = setup();
    const sql = 'SELECT * FROM sales UNPIVOT ((v1, v2) FOR qs IN ((q1, q2) AS first, (q3, id)))';
    expect(spark.sql(sql).schema.simpleString()).toBe('struct<tag:string,qs:string,v1:int,v2:int>');
    expect(spark.sql(sql).collectInternalRows()).toEqual([
      ['a', 'first', 10, 20],
      ['a', 'q3_id', 30, 1],
      ['b', 'first', null, 25],
      ['b', 'q3_id', null, 2],
      ['c', 'q3_id', null, 3],
    ]);
    expect(spark.sql('SELECT qs FROM sales UNPIVOT INCLUDE NULLS ((v1, v2) FOR qs IN ((q1, q2), (q3, id)))').collectInternalRows()[0]).toEqual(['q1_q2']);
  });

  test('values widen to their common type; unpivot then pivot round-trips', () => {
    const spark = setup();
    expect(spark.sql('SELECT * FROM (SELECT 1 AS a, CAST(2.5 AS DOUBLE) AS b, 3L AS c) UNPIVOT (v FOR n IN (a, b, c))').collectInternalRows()).toEqual([
      ['a', 1],
      ['b', 2.5],
      ['c', 3],
    ]);
    expect(spark.sql("SELECT * FROM sales UNPIVOT (val FOR quarter IN (q1, q2)) PIVOT (sum(val) FOR quarter IN ('q1', 'q2'))").collectInternalRows()).toEqual([
      [1, 30, 'a', 10n, 20n],
      [2, null, 'b', null, 25n],
    ]);
  });

  test('a name column named like a kept column gives two columns of that name', () => {
    const spark = setup();
    expect(spark.sql('SELECT * FROM sales UNPIVOT (val FOR id IN (q1, q2))').columns).toEqual(['id', 'q3', 'tag', 'id', 'val']);
  });

  test.each([
    ['SELECT * FROM sales UNPIVOT (val FOR quarter IN (q1, tag))', 'UNPIVOT_VALUE_DATA_TYPE_MISMATCH', 'Unpivot value columns must share a least common type, some types do not: ["INT" (`q1`), "STRING" (`tag`)].'],
    ['SELECT * FROM sales UNPIVOT ((v1, v2) FOR qs IN ((q1, q2), (q3)))', 'UNPIVOT_VALUE_SIZE_MISMATCH', 'All unpivot value columns must have the same size as there are value column names (`v1`, `v2`).'],
    ['SELECT * FROM sales UNPIVOT (id FOR quarter IN (q1, q2))', 'AMBIGUOUS_REFERENCE', undefined],
  ])('%s is refused', (sql, errorClass, message) => {
    const spark = setup();
    expect(() => spark.sql(sql)).toThrow(expect.objectContaining(message === undefined ? { errorClass } : { errorClass, rawMessage: message }));
  });
});
