// from_csv, to_csv, schema_of_csv (issue 13). Expected values and texts come from PySpark 4.2.0
// runs of the same calls.
import { type DataFrame, type StreamSession } from 'rivulet';
import { from_csv, lit, schema_of_csv, struct, to_csv, col } from 'rivulet/functions';
import { StructType, StructField, IntegerType } from 'rivulet/types';
import { newSession } from '../support/session';

describe('CSV functions', () => {
  let spark: StreamSession;
  let df: DataFrame;

  beforeEach(() => {
    spark = newSession();
    df = spark.createDataFrame([['1,abc,2.5'], ['x,,'], [null], ['3'], ['4,"q,w",1e3,extra']], 'value string');
  });
  afterEach(() => spark.stop());

  const rows = (d: DataFrame) => d.collect().map((r) => r.asDict(true));
  const single = (d: DataFrame) => Object.values(d.collect()[0].asDict())[0];

  test('from_csv parses each line into a struct; malformed lines give nulls (PERMISSIVE)', () => {
    const parsed = df.select(from_csv('value', 'a INT, b STRING, c DOUBLE').alias('r'));
    expect(parsed.showString(20, false).trimEnd()).toBe(
      ['+------------------+', '|r                 |', '+------------------+', '|{1, abc, 2.5}     |', '|{NULL, NULL, NULL}|', '|NULL              |', '|{3, NULL, NULL}   |', '|{4, q,w, 1000.0}  |', '+------------------+'].join('\n'),
    );
    expect(df.select(from_csv('value', 'a INT, b STRING, c DOUBLE')).columns).toEqual(['from_csv(value)']);
    expect(df.select(from_csv('value', 'a INT, b STRING, c DOUBLE')).schema.treeString()).toBe(
      'root\n |-- from_csv(value): struct (nullable = true)\n |    |-- a: integer (nullable = true)\n |    |-- b: string (nullable = true)\n |    |-- c: double (nullable = true)\n',
    );
  });

  test('from_csv options, the corrupt-record column, schema_of_csv as schema, and SQL', () => {
    expect(rows(spark.createDataFrame([['1;2024-01-02']], 'value string').select(from_csv('value', 'a INT, d STRING', { sep: ';' }).alias('r')))).toEqual([{ r: { a: 1, d: '2024-01-02' } }]);
    const corrupt = df.select(from_csv('value', 'a INT, b STRING, _corrupt_record STRING').alias('r'));
    expect(rows(corrupt).map((r) => r.r)).toEqual([
      { a: 1, b: 'abc', _corrupt_record: '1,abc,2.5' },
      { a: null, b: null, _corrupt_record: 'x,,' },
      null,
      { a: 3, b: null, _corrupt_record: '3' },
      { a: 4, b: 'q,w', _corrupt_record: '4,"q,w",1e3,extra' },
    ]);
    expect(rows(df.limit(1).select(from_csv('value', schema_of_csv('1,abc,2.5')).alias('r')))).toEqual([{ r: { _c0: 1, _c1: 'abc', _c2: 2.5 } }]);
    expect(rows(spark.sql("select from_csv('1, 0.8', 'a INT, b DOUBLE') r"))).toEqual([{ r: { a: 1, b: 0.8 } }]);
    // header does not apply to a single record.
    expect(rows(df.limit(1).select(from_csv('value', 'a INT', { header: 'true' }).alias('r')))).toEqual([{ r: { a: 1 } }]);
  });

  test("from_csv's errors are Spark's", () => {
    expect(() => df.select(from_csv('value', 'a INT', { mode: 'FAILFAST' })).collect()).toThrow(
      "[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing: [1].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.  SQLSTATE: 22023",
    );
    expect(() => df.select(from_csv('value', 'a INT, b STRING, c DOUBLE', { mode: 'FAILFAST' })).collect()).toThrow('Malformed records are detected in record parsing: [null,null,null].');
    expect(() => df.select(from_csv('value', 'a INT', { mode: 'DROPMALFORMED' })).collect()).toThrow('[PARSE_MODE_UNSUPPORTED] The function `from_csv` doesn\'t support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST. SQLSTATE: 42601');
    expect(() => df.select(from_csv('value', 'array<int>'))).toThrow('[INVALID_SCHEMA.NON_STRUCT_TYPE] The input schema "array<int>" is not a valid schema string. The input expression should be evaluated to struct type, but got "ARRAY<INT>". SQLSTATE: 42K07');
    expect(() => spark.range(1).select(from_csv('id', 'a INT'))).toThrow('[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "from_csv(id)" due to data type mismatch: The first parameter requires the "STRING" type, however "id" has the type "BIGINT". SQLSTATE: 42K09');
    expect(() => from_csv('value', StructType([StructField('a', IntegerType())]) as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `schema` should be Column or str, got StructType.');
  });

  test('to_csv writes one line as the CSV writer does', () => {
    const d = spark.createDataFrame([[1, 'a,b', null, 2.5, true]], 'a int, b string, c string, d double, e boolean');
    expect(rows(d.select(to_csv(struct('a', 'b', 'c', 'd', 'e')).alias('s')))).toEqual([{ s: '1,"a,b",,2.5,true' }]);
    const two = spark.createDataFrame([[1, 'x']], 'a int, b string');
    expect(two.select(to_csv(struct('a', 'b'))).columns).toEqual(['to_csv(struct(a, b))']);
    expect(rows(two.select(to_csv(struct('a', 'b'), { sep: '|' }).alias('s')))).toEqual([{ s: '1|x' }]);
    expect(rows(spark.sql("select to_csv(named_struct('t', timestamp'2024-01-02 03:04:05.123', 'd', date'2024-01-02', 'q', 'he said \"hi\"', 'e', '')) s"))).toEqual([
      { s: '2024-01-02T03:04:05.123Z,2024-01-02,"he said \\"hi\\"",""' },
    ]);
    expect(rows(spark.sql('select to_csv(cast(null as struct<a:int>)) s'))).toEqual([{ s: null }]);
    expect(() => spark.sql('select to_csv(1)')).toThrow('[DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE] Cannot resolve "to_csv(1)" due to data type mismatch: The input of `to_csv` can\'t be "INT" type data. SQLSTATE: 42K09');
  });

  test('schema_of_csv infers as the CSV reader does; its input must be a constant', () => {
    const one = spark.range(1);
    expect(single(one.select(schema_of_csv('1,abc,2.5,true,2024-01-02,2024-01-02 01:02:03,')))).toBe('STRUCT<_c0: INT, _c1: STRING, _c2: DOUBLE, _c3: BOOLEAN, _c4: DATE, _c5: TIMESTAMP, _c6: STRING>');
    expect(one.select(schema_of_csv('1,abc')).columns).toEqual(['schema_of_csv(1,abc)']);
    expect(single(one.select(schema_of_csv('1|abc', { sep: '|' })))).toBe('STRUCT<_c0: INT, _c1: STRING>');
    expect(single(one.select(schema_of_csv(lit('1,2'))))).toBe('STRUCT<_c0: INT, _c1: INT>');
    expect(single(one.select(schema_of_csv('12345678901,123456789012345678901234')))).toBe('STRUCT<_c0: BIGINT, _c1: DECIMAL(24,0)>');
    expect(() => spark.createDataFrame([['1']], 'v string').select(schema_of_csv(col('v')))).toThrow(
      '[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve "schema_of_csv(v)" due to data type mismatch: the input `csv` should be a foldable "STRING" expression; however, got "v". SQLSTATE: 42K09',
    );
  });

  test('a five-letter text pattern (narrow form) is refused as Spark 3+ refuses it, in from_csv and from_json (PySpark 4.2.0, checked)', () => {
    const errorClass = (sql: string) => {
      try {
        spark.sql(sql).collect();
      } catch (e) {
        return (e as { errorClass?: string }).errorClass;
      }
      return 'no error';
    };
    const recognition = 'INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION';
    expect(errorClass("select from_csv('26/October/2015', 'd Date', map('dateFormat', 'dd/MMMMM/yyyy'))")).toBe(recognition);
    expect(errorClass("select from_csv('26/October/2015', 't Timestamp', map('timestampFormat', 'dd/MMMMM/yyyy'))")).toBe(recognition);
    expect(errorClass(`select from_json('{"d":"26/Oct/2015"}', 'd Date', map('dateFormat', 'dd/LLLLL/yyyy'))`)).toBe(recognition);
    // Four letters are the full text form.
    const full = spark.sql("select from_csv('26/October/2015', 'd Date', map('dateFormat', 'dd/MMMM/yyyy')) AS r");
    expect(full.selectExpr('CAST(r.d AS STRING) AS d').collect()[0].d).toBe('2015-10-26');
  });
});
