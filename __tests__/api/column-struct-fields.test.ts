// Column.withField / dropFields (Spark's UpdateFields), bitwiseAND/OR/XOR, isNaN, Column.transform
// and make_dt_interval / make_ym_interval: rows, column names and errors recorded from PySpark 4.2.0.
import { AnalysisException, PySparkTypeError, SparkException } from 'rivulet';
import type { DataFrame, StreamSession } from 'rivulet';
import { col, lit, make_dt_interval, make_ym_interval, struct } from 'rivulet/functions';
import { newSession } from '../support/session';

let spark: StreamSession;
let s: DataFrame;
beforeEach(() => {
  spark = newSession();
  s = spark.createDataFrame([[1, 2]], ['a', 'b']).select(struct('a', 'b').alias('s'));
});
afterEach(() => spark.stop());

const json = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x)));

test('withField adds or replaces a field; dropFields removes fields, missing ones ignored', () => {
  expect(json(s.select(col('s').withField('c', lit(3)).alias('s')).collect())).toEqual([{ s: { a: 1, b: 2, c: 3 } }]);
  expect(s.select(col('s').withField('a', lit('x')).alias('s')).schema.simpleString()).toBe('struct<s:struct<a:string,b:bigint>>');
  expect(json(s.select(col('s').dropFields('a').alias('s')).collect())).toEqual([{ s: { b: 2 } }]);
  expect(json(s.select(col('s').dropFields('z').alias('s')).collect())).toEqual([{ s: { a: 1, b: 2 } }]);
});

test("column names are Spark's update_fields text; chained calls merge into one", () => {
  expect(s.select(col('s').withField('c', lit(3))).columns).toEqual(['update_fields(s, WithField(3))']);
  expect(s.select(col('s').dropFields('a')).columns).toEqual(['update_fields(s, dropfield())']);
  expect(s.select(col('s').withField('c', lit(3)).dropFields('a')).columns).toEqual(['update_fields(s, WithField(3), dropfield())']);
});

test('dotted names update nested structs', () => {
  const n = spark.createDataFrame([[1, 2, 1]], ['a', 'b', 'x']).select(struct('a', 'b', struct('x').alias('n')).alias('s'));
  expect(json(n.select(col('s').withField('n.y', lit(2)).alias('r')).collect())).toEqual([{ r: { a: 1, b: 2, n: { x: 1, y: 2 } } }]);
  expect(() => n.select(col('s').dropFields('n.x', 'a'))).toThrow(
    '[DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS] Cannot resolve "update_fields(s.n, dropfield())" due to data type mismatch: Cannot drop all fields in struct. SQLSTATE: 42K09',
  );
  expect(() => n.select(col('s').withField('a.y', lit(2)))).toThrow(
    '[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "update_fields(s.a, WithField(2))" due to data type mismatch: The first parameter requires the "STRUCT" type, however "s.a" has the type "BIGINT". SQLSTATE: 42K09',
  );
  // A NULL struct stays NULL.
  expect(spark.sql('select cast(null as struct<a:int>) s').select(col('s').withField('b', lit(1)).alias('r')).collect()[0].r).toBeNull();
});

test.each<[string, (s: DataFrame) => unknown, Function, string]>([
  ['withField on a missing level', (d) => d.select(col('s').withField('d.e', lit(3))).collect(), AnalysisException, '[FIELD_NOT_FOUND] No such struct field `d` in `a`, `b`. SQLSTATE: 42704'],
  [
    'withField on a BIGINT',
    () => spark.range(1).select(col('id').withField('a', lit(1))),
    AnalysisException,
    '[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "update_fields(id, WithField(1))" due to data type mismatch: The first parameter requires the "STRUCT" type, however "id" has the type "BIGINT". SQLSTATE: 42K09',
  ],
  [
    'dropFields of every field',
    (d) => d.select(col('s').dropFields('a', 'b')),
    AnalysisException,
    '[DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS] Cannot resolve "update_fields(s, dropfield(), dropfield())" due to data type mismatch: Cannot drop all fields in struct. SQLSTATE: 42K09',
  ],
  ['withField(5, lit)', () => col('s').withField(5 as unknown as string, lit(1)), PySparkTypeError, '[NOT_EXPECTED_TYPE] Argument `fieldName` should be str, got int.'],
  ['withField("a", 5)', () => col('s').withField('a', 5 as unknown as ReturnType<typeof lit>), PySparkTypeError, '[NOT_EXPECTED_TYPE] Argument `col` should be Column, got int.'],
])('%s fails as in PySpark', (_what, call, errorClass, message) => {
  let error: unknown;
  try {
    call(s);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(errorClass);
  expect((error as Error).message).toBe(message);
});

test('bitwiseAND / bitwiseOR / bitwiseXOR / isNaN: values and names', () => {
  const df = spark.range(1).select(lit(12).bitwiseAND(10), lit(12).bitwiseOR(10), lit(12).bitwiseXOR(10));
  expect(df.columns).toEqual(['(12 & 10)', '(12 | 10)', '(12 ^ 10)']);
  expect(json(df.collectInternalRows())).toEqual([[8, 14, 6]]);
  expect(spark.range(1).select(lit(NaN).isNaN().alias('n')).collect()[0].n).toBe(true);
  expect(col('a').transform((c) => c.plus(1)).toString()).toBe(col('a').plus(1).toString());
});

test('make_dt_interval / make_ym_interval: types, names, values, show', () => {
  const r = spark.range(1);
  expect(r.select(make_dt_interval(lit(1), lit(2), lit(3), lit(4.5))).columns).toEqual(['make_dt_interval(1, 2, 3, 4.5)']);
  expect(r.select(make_dt_interval()).columns).toEqual(['make_dt_interval(0, 0, 0, 0)']);
  expect(r.select(make_dt_interval(lit(1))).schema.simpleString()).toBe('struct<make_dt_interval(1, 0, 0, 0):interval day to second>');
  expect(r.select(make_ym_interval(lit(1), lit(14))).columns).toEqual(['make_ym_interval(1, 14)']);
  expect(r.select(make_ym_interval()).schema.simpleString()).toBe('struct<make_ym_interval(0, 0):interval year to month>');
  // PySpark's timedelta(days=1, seconds=7384, microseconds=500000) = 93784500000 microseconds.
  expect(r.select(make_dt_interval(lit(1), lit(2), lit(3), lit(4.5)).alias('i')).collect()[0].i).toBe(93784500000n);
  expect(r.select(make_ym_interval(lit(-1), lit(2)).alias('i')).showString()).toBe('+--------------------+\n|                   i|\n+--------------------+\n|INTERVAL \'-0-10\' ...|\n+--------------------+\n');
  expect(r.select(make_dt_interval(lit(1), lit(2), lit(3), lit(4.5)).alias('i')).showString()).toBe('+--------------------+\n|                   i|\n+--------------------+\n|INTERVAL \'1 02:03...|\n+--------------------+\n');
  expect(spark.sql('select make_dt_interval(null, 2) i').collect()[0].i).toBeNull();
  // secs is DECIMAL(18,6): 4.1234567 rounds half up to 4.123457.
  expect(spark.sql('select make_dt_interval(1, 2, 3, 4.1234567) i').collect()[0].i).toBe(93784123457n);
  expect(spark.sql("select make_dt_interval('1') i").collect()[0].i).toBe(86400000000n);
});

test.each([
  ['select make_dt_interval(106751992) i', SparkException, '[INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION] Integer overflow while operating with intervals. Try devising appropriate values for the interval parameters. SQLSTATE: 22015'],
  ['select make_ym_interval(178956971) i', SparkException, '[INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION] Integer overflow while operating with intervals. Try devising appropriate values for the interval parameters. SQLSTATE: 22015'],
  ["select make_ym_interval('a') i", SparkException, '[CAST_INVALID_INPUT] The value \'a\' of the type "STRING" cannot be cast to "INT" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead. SQLSTATE: 22018'],
])('%s fails as in Spark', (sql, errorClass, message) => {
  let error: unknown;
  try {
    spark.sql(sql).collect();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(errorClass);
  expect((error as Error).message).toBe(message);
});
