// GroupedData.pivot (issue 13). Expected tables and texts come from PySpark 4.2.0 runs of the same calls.
import { type DataFrame, type StreamSession } from 'rivulet';
import { avg, first, sum } from 'rivulet/functions';
import { MemoryStream } from 'rivulet/testing';
import { IntegerType } from 'rivulet/types';
import { newSession } from '../support/session';

describe('pivot', () => {
  let spark: StreamSession;
  let df: DataFrame;

  beforeEach(() => {
    spark = newSession();
    df = spark.createDataFrame(
      [[2012, 'dotNET', 10000], [2012, 'Java', 20000], [2012, 'dotNET', 5000], [2013, 'dotNET', 48000], [2013, 'Java', 30000], [2014, null, 1]],
      'year int, course string, earnings long',
    );
  });
  afterEach(() => spark.stop());

  const table = (d: DataFrame) => d.showString().trimEnd();

  test('without values: the sorted distinct values, NULL first and named null', () => {
    expect(table(df.groupBy('year').pivot('course').sum('earnings').orderBy('year'))).toBe(
      ['+----+----+-----+------+', '|year|null| Java|dotNET|', '+----+----+-----+------+', '|2012|NULL|20000| 15000|', '|2013|NULL|30000| 48000|', '|2014|   1| NULL|  NULL|', '+----+----+-----+------+'].join('\n'),
    );
  });

  test('with values: only those, in the given order; an absent value gives NULL', () => {
    expect(table(df.groupBy('year').pivot('course', ['Java', 'dotNET', 'X']).sum('earnings').orderBy('year'))).toBe(
      ['+----+-----+------+----+', '|year| Java|dotNET|   X|', '+----+-----+------+----+', '|2012|20000| 15000|NULL|', '|2013|30000| 48000|NULL|', '|2014| NULL|  NULL|NULL|', '+----+-----+------+----+'].join('\n'),
    );
  });

  test('count gives NULL (not 0) for a missing pair; types are the aggregate types', () => {
    const counted = df.groupBy('year').pivot('course').count().orderBy('year');
    expect(counted.schema.treeString()).toBe('root\n |-- year: integer (nullable = true)\n |-- null: long (nullable = true)\n |-- Java: long (nullable = true)\n |-- dotNET: long (nullable = true)\n');
    expect(counted.collect().map((r) => r.asDict())).toEqual([
      { year: 2012, null: null, Java: 1, dotNET: 2 },
      { year: 2013, null: null, Java: 1, dotNET: 1 },
      { year: 2014, null: 1, Java: null, dotNET: null },
    ]);
    expect(df.groupBy('year').pivot('course').avg('earnings').dtypes).toEqual([['year', 'int'], ['null', 'double'], ['Java', 'double'], ['dotNET', 'double']]);
  });

  test('several aggregates name columns value_aggregate; one aliased aggregate is named by the value only', () => {
    const two = df.groupBy('year').pivot('course', ['Java', 'dotNET']).agg(sum('earnings'), avg('earnings').alias('a')).orderBy('year');
    expect(two.columns).toEqual(['year', 'Java_sum(earnings)', 'Java_a', 'dotNET_sum(earnings)', 'dotNET_a']);
    expect(two.collect().map((r) => r.asDict())[0]).toEqual({ year: 2012, 'Java_sum(earnings)': 20000, Java_a: 20000, 'dotNET_sum(earnings)': 15000, dotNET_a: 7500 });
    expect(df.groupBy('year').pivot('course', ['Java']).agg(sum('earnings').alias('s')).columns).toEqual(['year', 'Java']);
  });

  test('no grouping columns, numeric pivot columns, string values cast to the column type, dict and first', () => {
    expect(df.groupBy().pivot('course').sum('earnings').collect().map((r) => r.asDict())).toEqual([{ null: 1, Java: 50000, dotNET: 63000 }]);
    expect(df.groupBy('course').pivot('year').sum('earnings').orderBy('course').columns).toEqual(['course', '2012', '2013', '2014']);
    expect(df.groupBy('course').pivot('year', ['2012', '2013']).sum('earnings').orderBy('course').collect().map((r) => r.asDict())).toEqual([
      { course: null, 2012: null, 2013: null },
      { course: 'Java', 2012: 20000, 2013: 30000 },
      { course: 'dotNET', 2012: 15000, 2013: 48000 },
    ]);
    expect(df.groupBy('year').pivot('course').agg({ earnings: 'max' }).orderBy('year').collect().map((r) => r.asDict())[0]).toEqual({ year: 2012, null: null, Java: 20000, dotNET: 10000 });
    expect(df.groupBy('year').pivot('course').agg(first('earnings')).orderBy('year').collect().map((r) => r.asDict())[0]).toEqual({ year: 2012, null: null, Java: 20000, dotNET: 10000 });
    expect(df.groupBy('year').pivot('course').max().columns).toEqual(['year', 'null_max(year)', 'null_max(earnings)', 'Java_max(year)', 'Java_max(earnings)', 'dotNET_max(year)', 'dotNET_max(earnings)']);
  });

  test("Spark's errors: unknown column, second pivot, non-aggregate, wrong argument types, a stream", () => {
    expect(() => df.groupBy('year').pivot('nope')).toThrow('[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `nope` cannot be resolved. Did you mean one of the following? [`year`, `course`, `earnings`]. SQLSTATE: 42703');
    expect(() => df.groupBy('year').pivot('course').pivot('course')).toThrow('[REPEATED_CLAUSE] The PIVOT clause may be used at most once per SUBQUERY operation. SQLSTATE: 42614');
    expect(() => df.groupBy('year').pivot('course').agg(df.col('earnings'))).toThrow("Aggregate expression required for pivot, but 'earnings' did not appear in any aggregate function.");
    expect(() => df.groupBy('year').pivot(1 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `pivot_col` should be str, got int.');
    expect(() => df.groupBy('year').pivot('course', 'Java' as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `values` should be list, got str.');
    const stream = new MemoryStream(IntegerType(), spark);
    expect(() => stream.toDF().groupBy('value').pivot('value')).toThrow('pivot is not supported on a streaming DataFrames/Datasets');
  });

  test('spark.sql.pivotMaxValues bounds the computed values', () => {
    spark.conf.set('spark.sql.pivotMaxValues', '2');
    expect(() => df.groupBy('year').pivot('course')).toThrow('The pivot column course has more than 2 distinct values, this could indicate an error. If this was intended, set spark.sql.pivotMaxValues to at least the number of distinct values of the pivot column.');
  });
});
