// DataFrame.to(schema), as Spark's Dataset.to (Project.matchSchema). Expectations are PySpark
// 4.2.0's for the same calls (oracle scenario functions/dataframe-to-schema).
import { ArrayType, ByteType, DateType, DoubleType, IntegerType, LongType, MapType, StringType, StructField, StructType } from '../../lib/types';
import { newSession } from '../support/session';

const setup = () => {
  const spark = newSession();
  const df = spark.createDataFrame([['a', 1, [2, 'x'], [1, 2], { k: 1 }]], 'i STRING, j INT, s STRUCT<a: INT, b: STRING>, arr ARRAY<INT>, m MAP<STRING, INT>');
  return { spark, df };
};

describe('DataFrame.to', () => {
  test('reorders by name, casts, drops the rest and fills a missing nullable column with NULL', () => {
    const { df } = setup();
    const out = df.to(StructType([StructField('j', StringType()), StructField('i', StringType()), StructField('z', IntegerType())]));
    expect(out.schema.simpleString()).toBe('struct<j:string,i:string,z:int>');
    expect(out.collectInternalRows()).toEqual([['1', 'a', null]]);
  });

  test('reconciles inside structs, arrays and maps', () => {
    const { df } = setup();
    const out = df.to(
      StructType([
        StructField('s', StructType([StructField('b', StringType()), StructField('a', LongType())])),
        StructField('arr', ArrayType(LongType())),
        StructField('m', MapType(StringType(), DoubleType())),
      ]),
    );
    expect(out.schema.simpleString()).toBe('struct<s:struct<b:string,a:bigint>,arr:array<bigint>,m:map<string,double>>');
    expect(out.collect()[0].asDict(true)).toEqual({ s: { b: 'x', a: 2 }, arr: [1, 2], m: new Map([['k', 1]]) });
  });

  test('names match case-insensitively and take the schema spelling', () => {
    const { df } = setup();
    expect(df.to(StructType([StructField('J', IntegerType())])).columns).toEqual(['J']);
  });

  test.each([
    ['a missing non-nullable column', StructType([StructField('z', IntegerType(), false)]), 'UNRESOLVED_COLUMN.WITH_SUGGESTION', 'A column, variable, or function parameter with name `z` cannot be resolved. Did you mean one of the following? [`i`, `j`, `s`, `m`, `arr`].'],
    ['a nullable column made non-nullable', StructType([StructField('j', IntegerType(), false)]), 'NULLABLE_COLUMN_OR_FIELD', "Column or field `j` is nullable while it's required to be non-nullable."],
    ['string to int', StructType([StructField('i', IntegerType())]), 'INVALID_COLUMN_OR_FIELD_DATA_TYPE', 'Column or field `i` is of type "STRING" while it\'s required to be "INT".'],
    ['int to date', StructType([StructField('j', DateType())]), 'INVALID_COLUMN_OR_FIELD_DATA_TYPE', 'Column or field `j` is of type "INT" while it\'s required to be "DATE".'],
    [
      'a missing struct field',
      StructType([StructField('s', StructType([StructField('c', IntegerType(), false)]))]),
      'UNRESOLVED_FIELD.WITH_SUGGESTION',
      'A field with name `c` cannot be resolved with the struct-type column `s`. Did you mean one of the following? [`a`, `b`].',
    ],
    [
      'an array of nullable elements made non-nullable',
      StructType([StructField('arr', ArrayType(IntegerType(), false))]),
      'NOT_NULL_CONSTRAINT_VIOLATION.ARRAY_ELEMENT',
      'Assigning a NULL is not allowed here. The array `arr` is defined to contain only elements that are NOT NULL.',
    ],
  ])('%s is refused', (_what, schema, errorClass, message) => {
    const { df } = setup();
    expect(() => df.to(schema)).toThrow(expect.objectContaining({ errorClass, rawMessage: message }));
  });

  test('two columns matching one name are ambiguous; an overflowing cast fails when run (ANSI)', () => {
    const { spark } = setup();
    expect(() => spark.sql('SELECT 1 AS a, 2 AS A').to(StructType([StructField('a', IntegerType())]))).toThrow(
      expect.objectContaining({ errorClass: 'AMBIGUOUS_COLUMN_OR_FIELD', rawMessage: 'Column or field `a` is ambiguous and has 2 matches.' }),
    );
    const narrowed = spark.createDataFrame([[1000]], 'j INT').to(StructType([StructField('j', ByteType())]));
    expect(() => narrowed.collect()).toThrow(expect.objectContaining({ errorClass: 'CAST_OVERFLOW' }));
  });

  test('the schema must be a StructType', () => {
    const { df } = setup();
    expect(() => df.to('j INT' as unknown as StructType)).toThrow(expect.objectContaining({ errorClass: 'NOT_EXPECTED_TYPE' }));
  });
});
