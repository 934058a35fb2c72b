// DataFrame transformations on streaming and batch frames, schema printing and column naming.
import { ParseException, AnalysisException, type StreamSession } from 'rivulet';
import { avg, col, count, expr, lit, max, min, sum, split, explode } from 'rivulet/functions';
import { IntegerType, StringType, StructType, StructField, LongType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { captureStdout } from '../support/capture-stdout';
import { newSession } from '../support/session';

describe('DataFrame', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '5' });
  });

  afterEach(() => spark.stop());

  const people = () =>
    spark.createDataFrame(
      [
        { name: 'ann', age: 31, city: 'paris' },
        { name: 'bob', age: 17, city: 'oslo' },
        { name: 'cid', age: 45, city: 'paris' },
      ],
      StructType([StructField('name', StringType()), StructField('age', IntegerType()), StructField('city', StringType())]),
    );

  test('schema, columns, dtypes, printSchema in Spark\'s format', () => {
    const df = people();
    expect(df.columns).toEqual(['name', 'age', 'city']);
    expect(df.dtypes).toEqual([['name', 'string'], ['age', 'int'], ['city', 'string']]);
    const out = captureStdout();
    df.withColumn('n', lit(1n)).printSchema();
    out.restore();
    expect(out.text()).toBe('root\n |-- name: string (nullable = true)\n |-- age: integer (nullable = true)\n |-- city: string (nullable = true)\n |-- n: long (nullable = false)\n\n');
  });

  test('select with names, Columns and expressions; auto-generated names follow Spark', () => {
    const df = people().select('name', col('age').plus(1), expr('age * 2 AS double_age'), split(col('name'), 'n'));
    expect(df.columns).toEqual(['name', '(age + 1)', 'double_age', 'split(name, n, -1)']);
    expect(df.collect().map((r) => r.asDict())).toEqual([
      { name: 'ann', '(age + 1)': 32, double_age: 62, 'split(name, n, -1)': ['a', '', ''] },
      { name: 'bob', '(age + 1)': 18, double_age: 34, 'split(name, n, -1)': ['bob'] },
      { name: 'cid', '(age + 1)': 46, double_age: 90, 'split(name, n, -1)': ['cid'] },
    ]);
  });

  test('selectExpr, where/filter with strings and Columns', () => {
    const df = people().selectExpr('upper(name) AS who', 'age').where('age > 18').filter(col('who').notEqual('CID'));
    expect(df.collect().map((r) => [r.who, r.age])).toEqual([['ANN', 31]]);
  });

  test('withColumn replaces or appends; withColumnRenamed; drop', () => {
    const df = people().withColumn('age', col('age').minus(1)).withColumn('adult', col('age').geq(18)).withColumnRenamed('city', 'town').drop('name');
    expect(df.columns).toEqual(['age', 'town', 'adult']);
    expect(df.first()!.asDict()).toEqual({ age: 30, town: 'paris', adult: true });
    expect(people().withColumnRenamed('nope', 'x').columns).toEqual(['name', 'age', 'city']);
  });

  test('groupBy().count() and agg() with count/sum/min/max/avg', () => {
    const df = people().groupBy('city').agg(count('*'), sum('age'), min('age'), max('age'), avg('age'));
    expect(df.columns).toEqual(['city', 'count(1)', 'sum(age)', 'min(age)', 'max(age)', 'avg(age)']);
    const rows = df.collect().map((r) => r.asDict());
    expect(rows).toContainEqual({ city: 'paris', 'count(1)': 2, 'sum(age)': 76, 'min(age)': 31, 'max(age)': 45, 'avg(age)': 38 });
    expect(rows).toContainEqual({ city: 'oslo', 'count(1)': 1, 'sum(age)': 17, 'min(age)': 17, 'max(age)': 17, 'avg(age)': 17 });
    expect(people().groupBy('city').count().schema.fields[1].dataType).toEqual(LongType());
    expect(people().groupBy().count().collect()[0].count).toBe(3);
  });

  test('show() prints Spark\'s table', () => {
    const out = captureStdout();
    people().show(2);
    out.restore();
    expect(out.text()).toBe('+----+---+-----+\n|name|age| city|\n+----+---+-----+\n| ann| 31|paris|\n| bob| 17| oslo|\n+----+---+-----+\nonly showing top 2 rows\n');
  });

  test('streaming frames: isStreaming, the same transformations, explode(split(..))', () => {
    const input = new MemoryStream(StringType(), spark);
    const words = input.toDF().select(explode(split(col('value'), ' ')).alias('word'));
    expect(words.isStreaming).toBe(true);
    expect(people().isStreaming).toBe(false);
    expect(words.schema.simpleString()).toBe('struct<word:string>');
    expect(input.toDF().select(explode(split('value', ' '))).columns).toEqual(['col']);
  });

  test('bad expressions get Spark\'s parse and analysis errors', () => {
    const df = people();
    expect(() => df.selectExpr('age +')).toThrow(ParseException);
    expect(() => df.selectExpr('age +')).toThrow("[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601");
    expect(() => df.select('agee')).toThrow(AnalysisException);
    expect(() => df.select('agee')).toThrow(
      '[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `agee` cannot be resolved. Did you mean one of the following? [`age`, `name`, `city`]. SQLSTATE: 42703',
    );
    expect(() => df.selectExpr('nosuchfn(age)')).toThrow('[UNRESOLVED_ROUTINE] Cannot resolve routine `nosuchfn` on search path');
    expect(() => df.select(explode(col('age')))).toThrow('[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "explode(age)" due to data type mismatch: The first parameter requires the ("ARRAY" or "MAP") type, however "age" has the type "INT". SQLSTATE: 42K09');
    expect(() => df.groupBy('city').agg(col('age'))).toThrow('[MISSING_AGGREGATION]');
  });
});
