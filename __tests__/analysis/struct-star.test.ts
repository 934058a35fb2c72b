// Struct star expansion (Spark's UnresolvedStar.expand): `data.*` expands a struct column into its
// fields when `data` names no table, in the DataFrame API, selectExpr and SQL, batch and streaming.
import { AnalysisException, type StreamSession } from 'rivulet';
import { col, from_json, struct } from 'rivulet/functions';
import { IntegerType, LongType, StringType, StructField, StructType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

describe('struct star expansion', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession();
  });

  afterEach(() => spark.stop());

  function nested() {
    return spark.sql("SELECT 7 AS x, named_struct('a', 1, 'b', 'one', 'inner', named_struct('c', 2L)) AS data");
  }

  const rowsOf = (df: { collect(): { asDict(recursive?: boolean): Record<string, unknown> }[] }) => df.collect().map((r) => r.asDict(true));

  test('select("data.*") and col("data.*") expand the struct into its fields', () => {
    const df = nested();
    for (const expanded of [df.select('data.*'), df.select(col('data.*')), df.selectExpr('data.*')]) {
      expect(expanded.columns).toEqual(['a', 'b', 'inner']);
      expect(rowsOf(expanded)).toEqual([{ a: 1, b: 'one', inner: { c: 2 } }]);
    }
  });

  test("col('data.*') prints as PySpark prints it", () => {
    expect(String(col('data.*'))).toBe("Column<'data.*'>");
    expect(String(col('*'))).toBe("Column<'*'>");
  });

  test('the expanded fields keep their types and mix with other columns', () => {
    const df = nested().select('x', 'data.*', 'data.inner.*');
    expect(df.columns).toEqual(['x', 'a', 'b', 'inner', 'c']);
    expect(df.schema.fields.map((f) => f.dataType.simpleString())).toEqual(['int', 'int', 'string', 'struct<c:bigint>', 'bigint']);
    expect(rowsOf(df)).toEqual([{ x: 7, a: 1, b: 'one', inner: { c: 2 }, c: 2 }]);
  });

  test('SQL: data.*, t.data.* and a table star side by side', () => {
    nested().createOrReplaceTempView('t');
    expect(rowsOf(spark.sql('SELECT data.*, x FROM t'))).toEqual([{ a: 1, b: 'one', inner: { c: 2 }, x: 7 }]);
    expect(spark.sql('SELECT t.data.* FROM t').columns).toEqual(['a', 'b', 'inner']);
    // A table qualifier wins over a struct of the same name, as in Spark.
    expect(spark.sql('SELECT t.* FROM t').columns).toEqual(['x', 'data']);
    expect(rowsOf(spark.sql('SELECT struct(data.*) AS s FROM t'))).toEqual([{ s: { a: 1, b: 'one', inner: { c: 2 } } }]);
  });

  test('a null struct expands to null fields', () => {
    const df = spark.sql("SELECT CAST(NULL AS STRUCT<a: INT, b: STRING>) AS data UNION ALL SELECT named_struct('a', 5, 'b', 'z')");
    expect(rowsOf(df.select('data.*'))).toEqual([
      { a: null, b: null },
      { a: 5, b: 'z' },
    ]);
  });

  test('from_json(...).alias("data") then select("data.*") over a batch DataFrame', () => {
    const schema = StructType([StructField('id', LongType()), StructField('user', StringType())]);
    const df = spark.createDataFrame([['{"id": 1, "user": "u1"}'], ['{"id": 2}']], 'json string');
    const parsed = df.select(from_json(col('json'), schema).alias('data')).select('data.*');
    expect(parsed.columns).toEqual(['id', 'user']);
    expect(rowsOf(parsed)).toEqual([
      { id: 1, user: 'u1' },
      { id: 2, user: null },
    ]);
  });

  test('works on a streaming DataFrame', async () => {
    const input = new MemoryStream(StringType(), spark);
    const schema = StructType([StructField('n', IntegerType()), StructField('s', StringType())]);
    const q = input
      .toDF()
      .select(from_json(col('value'), schema).alias('data'))
      .select('data.*')
      .writeStream.format('memory')
      .queryName('expanded')
      .start();
    try {
      input.addData('{"n": 3, "s": "x"}', '{"n": 4}');
      await q.processAllAvailable();
      const out = spark.table('expanded');
      expect(out.columns).toEqual(['n', 's']);
      expect(rowsOf(out)).toEqual([
        { n: 3, s: 'x' },
        { n: 4, s: null },
      ]);
    } finally {
      await q.stop();
    }
  });

  test('a target that is not a struct is refused with Spark\'s legacy message', () => {
    const df = nested();
    for (const [target, attributes] of [
      ['x', 'List(x)'],
      ['data.a', 'List(data, a)'],
    ]) {
      const e = errorOf(() => df.select(`${target}.*`));
      expect(e).toBeInstanceOf(AnalysisException);
      expect(e.getErrorClass()).toBe('_LEGACY_ERROR_TEMP_1050');
      expect(e.message).toBe(`Can only star expand struct data types. Attribute: \`${attributes}\`.`);
    }
    const m = errorOf(() => spark.sql("SELECT m.* FROM (SELECT map('k', 1) AS m)"));
    expect(m.message).toBe('Can only star expand struct data types. Attribute: `List(m)`.');
  });

  test('a target that resolves to nothing is CANNOT_RESOLVE_STAR_EXPAND', () => {
    const e = errorOf(() => nested().select('nope.*'));
    expect(e.getErrorClass()).toBe('CANNOT_RESOLVE_STAR_EXPAND');
    expect(e.message).toBe('[CANNOT_RESOLVE_STAR_EXPAND] Cannot resolve `nope`.* given input columns `x`, `data`. SQLSTATE: 42704');
    const multi = errorOf(() => nested().select('a.b.*'));
    expect(multi.message).toBe('[CANNOT_RESOLVE_STAR_EXPAND] Cannot resolve `a`.`b`.* given input columns `x`, `data`. SQLSTATE: 42704');
  });

  test('a missing field of a struct target is FIELD_NOT_FOUND, an ambiguous target AMBIGUOUS_REFERENCE', () => {
    expect(errorOf(() => nested().select('data.zz.*')).getErrorClass()).toBe('FIELD_NOT_FOUND');
    const e = errorOf(() => spark.sql("SELECT s.* FROM (SELECT named_struct('x', 1) AS s, 2 AS s)"));
    expect(e.getErrorClass()).toBe('AMBIGUOUS_REFERENCE');
  });

  test('struct() of an expanded struct rebuilds it', () => {
    const df = nested().select(struct(col('data.*')).alias('copy'));
    expect(rowsOf(df)).toEqual([{ copy: { a: 1, b: 'one', inner: { c: 2 } } }]);
  });
});
