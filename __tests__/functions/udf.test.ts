// udf(f, returnType) and spark.udf.register: JavaScript functions in the DataFrame API and in SQL.
import { SparkException, type StreamSession } from 'rivulet';
import { col, udf } from 'rivulet/functions';
import { LongType } from 'rivulet/types';
import { newSession } from '../support/session';

describe('user-defined functions', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
  });
  afterEach(() => spark.stop());

  const df = () => spark.createDataFrame([[1, 'a'], [2, null]], 'n int, s string');

  test('udf with a declared return type; null arguments arrive as null', () => {
    const plusOne = udf((x: number) => x + 1, 'int');
    const shout = udf(function shout(s: string | null) { return s === null ? 'none' : s.toUpperCase(); });
    const out = df().select(plusOne('n'), shout(col('s')));
    expect(out.columns).toEqual(['<lambda>(n)', 'shout(s)']);
    expect(out.dtypes).toEqual([['<lambda>(n)', 'int'], ['shout(s)', 'string']]);
    expect(out.collectInternalRows()).toEqual([[2, 'A'], [3, 'none']]);
    expect(plusOne.returnType.simpleString()).toBe('int');
  });

  test('a LONG result accepts numbers; the alias names the column', () => {
    const square = udf((x: number) => x * x, LongType());
    expect(df().select(square('n').alias('sq')).collectInternalRows()).toEqual([[1n], [4n]]);
  });

  test('spark.udf.register makes it callable from SQL', () => {
    spark.udf.register('plus_ten', (x: number) => x + 10, 'int');
    df().createOrReplaceTempView('t');
    expect(spark.sql('select plus_ten(n) as p from t').collectInternalRows()).toEqual([[11], [12]]);
    expect(df().selectExpr('plus_ten(n)').columns).toEqual(['plus_ten(n)']);
  });

  test('a throwing function fails with FAILED_EXECUTE_UDF', () => {
    const boom = udf(function boom() { throw new Error('bad'); }, 'int');
    expect(() => df().select(boom('n')).collect()).toThrow(SparkException);
    expect(() => df().select(boom('n')).collect()).toThrow('[FAILED_EXECUTE_UDF] User defined function (boom: (int) => int) failed due to: bad. SQLSTATE: 39000');
  });

  test('argument checks', () => {
    expect(() => udf(1 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `f` should be function, got int.');
  });
});
