// JSON functions (from_json, to_json, schema_of_json, get_json_object, json_tuple,
// json_array_length, json_object_keys) through SQL and the PySpark-style DSL: values, Spark's
// column names and Spark's error classes, under ANSI and legacy mode.
import { SparkException, type StreamSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { ArrayType, IntegerType, StringType, StructField, StructType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

function rows(spark: StreamSession, sql: string): unknown[][] {
  return spark.sql(sql).collectInternalRows() as unknown[][];
}

function one(spark: StreamSession, sql: string): unknown[] {
  return rows(spark, sql)[0];
}

describe.each([
  ['ANSI', 'true'],
  ['legacy', 'false'],
])('JSON functions (%s mode)', (_mode, ansi) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.ansi.enabled': ansi, 'spark.sql.session.timeZone': 'America/Los_Angeles' });
  });
  afterEach(() => spark.stop());

  test('to_json: structs, arrays, maps; nulls; names', () => {
    const df = spark.sql("select to_json(named_struct('a', 1, 'b', cast(null as int), 'c', array(1, null))), to_json(map('k', named_struct('x', 'y'))), to_json(array(map('a', 1)))");
    expect(df.columns).toEqual(["to_json(named_struct(a, 1, b, CAST(NULL AS INT), c, array(1, NULL)))", 'to_json(map(k, named_struct(x, y)))', 'to_json(array(map(a, 1)))']);
    expect(df.collectInternalRows()[0]).toEqual(['{"a":1,"c":[1,null]}', '{"k":{"x":"y"}}', '[{"a":1}]']);
    expect(one(spark, "select to_json(map(named_struct('a', 1, 'b', 2), 1)), to_json(named_struct('s', 'q\"\\n'))")).toEqual(['{"[1,2]":1}', '{"s":"q\\"\\n"}']);
  });

  test('to_json: datetime formats, options and pretty printing', () => {
    expect(one(spark, "select to_json(named_struct('t', timestamp'2015-08-26 01:02:03.5', 'd', date'2020-01-02'))")).toEqual(['{"t":"2015-08-26T01:02:03.500-07:00","d":"2020-01-02"}']);
    expect(one(spark, "select to_json(named_struct('t', to_timestamp('2015-08-26', 'yyyy-MM-dd')), map('timestampFormat', 'dd/MM/yyyy'))")).toEqual(['{"t":"26/08/2015"}']);
    expect(one(spark, "select to_json(named_struct('a', cast(null as int)), map('ignoreNullFields', 'false'))")).toEqual(['{"a":null}']);
    expect(one(spark, "select to_json(named_struct('a', 1, 'b', array(1, 2)), map('pretty', 'true'))")).toEqual(['{\n  "a" : 1,\n  "b" : [ 1, 2 ]\n}']);
  });

  test('to_json: errors', () => {
    expect(errorOf(() => spark.sql('select to_json(1)')).errorClass).toBe('DATATYPE_MISMATCH.INVALID_JSON_SCHEMA');
    expect(errorOf(() => spark.sql("select to_json(named_struct('a', 1), named_struct('mode', 'PERMISSIVE'))")).errorClass).toBe('INVALID_OPTIONS.NON_MAP_FUNCTION');
    const e = errorOf(() => spark.sql("select to_json(named_struct('a', 1), map('mode', 1))"));
    expect(e.errorClass).toBe('INVALID_OPTIONS.NON_STRING_TYPE');
    expect(e.messageParameters).toEqual({ mapType: '"MAP<STRING, INT>"' });
    expect(errorOf(() => spark.sql('select to_json()')).errorClass).toBe('WRONG_NUM_ARGS.WITHOUT_SUGGESTION');
  });

  test('from_json: struct, array and map schemas', () => {
    const df = spark.sql(`select from_json('{"a":1, "b":"x"}', 'a INT, b STRING'), from_json('[1, 2, null]', 'array<int>'), from_json('{"a":1}', 'map<string, int>')`);
    expect(df.columns).toEqual(['from_json({"a":1, "b":"x"})', 'from_json([1, 2, null])', 'entries']);
    expect(df.schema.simpleString()).toBe('struct<from_json({"a":1, "b":"x"}):struct<a:int,b:string>,from_json([1, 2, null]):array<int>,entries:map<string,int>>');
    expect(df.collectInternalRows()[0]).toEqual([[1, 'x'], [1, 2, null], new Map([['a', 1]])]);
    expect(spark.sql(`select from_json('{"a": "xy"}', 'a CHAR(5)')`).schema.simpleString()).toBe('struct<from_json({"a": "xy"}):struct<a:string>>');
    expect(one(spark, `select from_json('{"a": 1}', 'array<struct<a:int>>'), from_json('[1, "2"]', 'array<int>'), from_json('', 'a INT'), from_json(null, 'a INT')`)).toEqual([[[1]], null, null, null]);
  });

  test('from_json: malformed records, corrupt-record column and FAILFAST', () => {
    expect(one(spark, `select from_json('{"a":"x"}', 'a INT'), from_json('{"a":1', 'a INT'), from_json('{"a":"x"}', 'a INT, _corrupt_record STRING')`)).toEqual([[null], [null], [null, '{"a":"x"}']]);
    // A JSON null at the root is a malformed record: a struct of nulls, or NULL for arrays and maps.
    expect(one(spark, `select from_json('null', 'a INT'), from_json('null', 'array<int>'), from_json('  ', 'a INT')`)).toEqual([[null], null, null]);
    expect(one(spark, `select from_json("{'a':1}", 'a INT'), from_json("{'a':1}", 'a INT', map('allowSingleQuotes', 'false'))`)).toEqual([[1], [null]]);
    const e = errorOf(() => spark.sql(`select from_json('{"a":"x"}', 'a INT', map('mode', 'FAILFAST'))`).collect());
    expect(e.errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
    expect(e.messageParameters.badRecord).toBe('{"a":"x"}');
    expect(errorOf(() => spark.sql(`select from_json('{"a":1}', 'a INT', map('mode', 'DROPMALFORMED'))`).collect()).errorClass).toBe('PARSE_MODE_UNSUPPORTED');
  });

  test('from_json: datetime options', () => {
    expect(one(spark, `select from_json('{"d": "12/15 2012", "t": "12/15 2012 15:15:15"}', 'd date, t timestamp', map('dateFormat', 'MM/dd yyyy', 'timestampFormat', 'MM/dd yyyy HH:mm:ss'))`)).toEqual([
      [15689, 1355613315000000n],
    ]);
    expect(errorOf(() => spark.sql(`select from_json('{"d":"26/October/2015"}', 'd Date', map('dateFormat', 'dd/MMMMM/yyyy'))`).collect()).errorClass).toBe(
      'INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION',
    );
  });

  test('from_json: schema errors', () => {
    expect(errorOf(() => spark.sql(`select from_json('{"a":1}', 1)`)).errorClass).toBe('INVALID_SCHEMA.NON_STRING_LITERAL');
    expect(errorOf(() => spark.sql(`select from_json('{"a":1}', 'a InvalidType')`)).errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(errorOf(() => spark.sql(`select from_json('{"a":1}', 'a INT', named_struct('mode', 'PERMISSIVE'))`)).errorClass).toBe('INVALID_OPTIONS.NON_MAP_FUNCTION');
    expect(errorOf(() => spark.sql('select from_json()')).messageParameters.expectedNum).toBe('[2, 3]');
  });

  test('schema_of_json, also as a from_json schema', () => {
    const df = spark.sql(`select schema_of_json('{"c1":0, "c2":[1]}'), schema_of_json('{"c1":01, "c2":0.1}', map('allowNumericLeadingZeros', 'true', 'prefersDecimal', 'true'))`);
    expect(df.columns).toEqual(['schema_of_json({"c1":0, "c2":[1]})', 'schema_of_json({"c1":01, "c2":0.1})']);
    expect(df.collectInternalRows()[0]).toEqual(['STRUCT<c1: BIGINT, c2: ARRAY<BIGINT>>', 'STRUCT<c1: BIGINT, c2: DECIMAL(1,1)>']);
    expect(one(spark, `select from_json('{"c1":[1, 2, 3]}', schema_of_json('{"c1":[0]}'))`)).toEqual([[[1n, 2n, 3n]]]);
    expect(errorOf(() => spark.sql('select schema_of_json(null)')).errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_NULL');
    expect(errorOf(() => spark.sql('select schema_of_json(42)')).errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    spark.sql(`CREATE TEMPORARY VIEW jt(j) AS SELECT * FROM VALUES ('{"a": 1}')`);
    expect(errorOf(() => spark.sql('select schema_of_json(j) from jt')).errorClass).toBe('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT');
  });

  test('get_json_object: paths', () => {
    const json = `'{"a":{"b":[1,{"c":"x"}]},"d":[{"e":1},{"e":2}],"f":["s"],"g":1.50}'`;
    expect(one(spark, `select get_json_object(${json}, '$.a.b[1].c'), get_json_object(${json}, '$.a.b'), get_json_object(${json}, '$.d[*].e'), get_json_object(${json}, '$.f[*]'), get_json_object(${json}, "$['g']"), get_json_object(${json}, '$.zz'), get_json_object(${json}, 'a'), get_json_object('{bad', '$')`)).toEqual(['x', '[1,{"c":"x"}]', '[1,2]', '"s"', '1.5', null, null, null]);
    expect(one(spark, `select get_json_object('{"a":null}', '$.a'), get_json_object('[null, 1]', '$[0]'), get_json_object('[null, 1]', '$[*]'), get_json_object('"s"', '$')`)).toEqual([null, 'null', '[null,1]', 's']);
    expect(errorOf(() => spark.sql("select get_json_object(1, '$')")).errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
  });

  test('json_tuple: a generator of c0, c1...', () => {
    const df = spark.sql(`SELECT json_tuple('{"a" : 1, "b" : {"x": "y"}, "c": null}', CAST(NULL AS STRING), 'b', 'a', 'c', 'a')`);
    expect(df.columns).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(df.collectInternalRows()).toEqual([[null, '{"x":"y"}', '1', null, '1']]);
    expect(rows(spark, "SELECT json_tuple('not json', 'a')")).toEqual([[null]]);
    expect(errorOf(() => spark.sql(`select json_tuple('{"a": 1}', 1)`)).errorClass).toBe('DATATYPE_MISMATCH.NON_STRING_TYPE');
    expect(errorOf(() => spark.sql(`select json_tuple('{"a": 1}')`)).messageParameters.expectedNum).toBe('> 1');
  });

  test('json_array_length and json_object_keys', () => {
    expect(one(spark, `select json_array_length('[1,2,[3,4],{"a":1}]'), json_array_length('[]'), json_array_length('{"a":1}'), json_array_length('[1,2'), json_array_length(''), json_array_length(null)`)).toEqual([4, 0, null, null, null, null]);
    expect(one(spark, `select json_object_keys('{"k1": [1, {"x": 5}], "k2": {"y": 1}}'), json_object_keys('{}'), json_object_keys('[1]'), json_object_keys('{"a" 1}')`)).toEqual([['k1', 'k2'], [], null, null]);
    expect(errorOf(() => spark.sql('select json_array_length(2)')).errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(errorOf(() => spark.sql('select json_object_keys(200)')).errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
  });

  test('PySpark wrappers', () => {
    const df = spark.sql(`SELECT '{"a": 1, "b": [1, 2]}' AS value`);
    const schema = new StructType([new StructField('a', IntegerType(), true), new StructField('b', new ArrayType(IntegerType(), true), true)]);
    const parsed = df.select(F.from_json('value', schema).alias('s'), F.from_json(F.col('value'), 'a STRING'), F.from_json('value', F.schema_of_json('{"a": 0}')));
    expect(df.select(F.from_json('value', schema.json())).collectInternalRows()).toEqual([[[1, [1, 2]]]]);
    expect(parsed.columns).toEqual(['s', 'from_json(value)', 'from_json(value)']);
    expect(parsed.collectInternalRows()).toEqual([[[1, [1, 2]], ['1'], [1n]]]);
    const out = df.select(F.to_json(F.from_json('value', schema), { pretty: false }), F.get_json_object('value', '$.b[0]'), F.json_array_length(F.get_json_object('value', '$.b')), F.json_object_keys('value'));
    expect(out.collectInternalRows()).toEqual([['{"a":1,"b":[1,2]}', '1', 2, ['a', 'b']]]);
    expect(df.select(F.json_tuple('value', 'a', 'b')).collectInternalRows()).toEqual([['1', '[1,2]']]);
    expect(errorOf(() => F.json_tuple('value')).errorClass).toBe('CANNOT_BE_EMPTY');
    expect(df.select(F.schema_of_json('[1]')).collectInternalRows()).toEqual([['ARRAY<BIGINT>']]);
    expect(df.select(F.from_json('value', new ArrayType(StringType(), true))).collectInternalRows()).toEqual([[null]]);
  });
});

describe('JSON functions in a streaming query', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
  });
  afterEach(() => spark.stop());

  test('from_json parses each micro-batch; malformed lines become nulls', async () => {
    const input = new MemoryStream(StringType(), spark);
    const parsed = input
      .toDF()
      .select(F.from_json('value', 'id INT, tags ARRAY<STRING>').alias('r'))
      .select(F.col('r.id'), F.to_json(F.col('r')).alias('json'));
    const q = parsed.writeStream.format('memory').queryName('json_stream').outputMode('append').start();
    input.addData('{"id": 1, "tags": ["a"]}', 'not json');
    await q.processAllAvailable();
    input.addData('{"id": 2}');
    await q.processAllAvailable();
    await q.stop();
    expect(spark.sql('select * from json_stream').collectInternalRows()).toEqual([
      [1, '{"id":1,"tags":["a"]}'],
      [null, '{}'],
      [2, '{"id":2}'],
    ]);
  });
});
