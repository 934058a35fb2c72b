// The Column DSL (pyspark.sql.Column) and the pyspark.sql.functions that build predicates,
// conditionals and collection access: Spark's column names, values and errors.
import { IllegalArgumentException, PySparkTypeError, SparkException, type StreamSession } from 'rivulet';
import {
  cardinality,
  coalesce,
  col,
  contains,
  element_at,
  endswith,
  equal_null,
  expr,
  ifnull,
  ilike,
  isnotnull,
  isnull,
  like,
  lit,
  nullif,
  nvl,
  nvl2,
  regexp,
  regexp_like,
  rlike,
  size,
  startswith,
  substr,
  substring,
  try_element_at,
  when,
} from 'rivulet/functions';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

describe('Column', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
  });
  afterEach(() => spark.stop());

  const people = () =>
    spark.createDataFrame(
      [
        ['Alice', 2, null],
        ['Bob', 5, 'b'],
        [null, null, 'x'],
      ],
      'name STRING, age INT, tag STRING',
    );

  test('operators and comparisons keep Spark\'s names', () => {
    const df = people().select(
      col('age').plus(1),
      col('age').minus(1),
      col('age').multiply(2),
      col('age').divide(2),
      col('age').mod(2),
      col('age').negate(),
      col('age').eq(2),
      col('age').equalTo(2),
      col('age').notEqual(2),
      col('age').gt(2),
      col('age').geq(2),
      col('age').lt(2),
      col('age').leq(2),
      col('age').eqNullSafe(null),
      col('age').gt(1).and(col('age').lt(3)),
      col('age').gt(1).or(lit(false)),
      col('age').gt(1).not(),
      col('tag').isNull(),
      col('tag').isNotNull(),
    );
    expect(df.columns).toEqual([
      '(age + 1)',
      '(age - 1)',
      '(age * 2)',
      '(age / 2)',
      '(age % 2)',
      '(- age)',
      '(age = 2)',
      '(age = 2)',
      '(NOT (age = 2))',
      '(age > 2)',
      '(age >= 2)',
      '(age < 2)',
      '(age <= 2)',
      '(age <=> NULL)',
      '((age > 1) AND (age < 3))',
      '((age > 1) OR false)',
      '(NOT (age > 1))',
      '(tag IS NULL)',
      '(tag IS NOT NULL)',
    ]);
    expect([...df.collect()[0]]).toEqual([3, 1, 4, 1, 0, -2, true, true, false, false, true, false, true, false, true, true, false, true, false]);
    expect([...df.collect()[2]].slice(13, 17)).toEqual([true, null, null, null]);
  });

  test('between, isin, like / ilike / rlike, contains / startswith / endswith', () => {
    const df = people().select(
      col('age').between(1, 3),
      col('age').isin(2, 3),
      col('age').isin([5]),
      col('name').like('A%'),
      col('name').ilike('b%'),
      col('name').rlike('^[AB]'),
      col('name').contains('li'),
      col('name').startswith('Bo'),
      col('name').endswith('ce'),
    );
    expect(df.columns).toEqual([
      '((age >= 1) AND (age <= 3))',
      '(age IN (2, 3))',
      '(age IN (5))',
      'name LIKE A%',
      'ilike(name, b%)',
      'RLIKE(name, ^[AB])',
      'contains(name, li)',
      'startswith(name, Bo)',
      'endswith(name, ce)',
    ]);
    expect(df.collect().map((r) => [...r])).toEqual([
      [true, true, false, true, false, true, true, false, true],
      [false, false, true, false, true, true, false, true, false],
      [null, null, null, null, null, null, null, null, null],
    ]);
  });

  test('substr, getItem, getField, cast, alias', () => {
    const df = spark
      .createDataFrame([['Spark SQL', [1, 2], new Map([['k', 'v']]), [7, 'x']]], 's STRING, arr ARRAY<INT>, m MAP<STRING, STRING>, st STRUCT<n: INT, t: STRING>')
      .select(
        col('s').substr(1, 5),
        col('s').substr(lit(-3), lit(2)),
        col('arr').getItem(1),
        col('m').getItem('k'),
        col('m').getField('k'),
        col('st').getField('t'),
        col('st').getItem('n'),
        col('st.n'),
        col('arr').getItem(0).cast('string'),
        col('s').alias('renamed'),
        col('s').name('again'),
      );
    expect(df.columns).toEqual(['substring(s, 1, 5)', 'substring(s, -3, 2)', 'arr[1]', 'm[k]', 'm[k]', 'st.t', 'st.n', 'n', 'CAST(arr[0] AS STRING)', 'renamed', 'again']);
    expect([...df.collect()[0]]).toEqual(['Spark', 'SQ', 2, 'v', 'v', 'x', 7, 7, '1', 'Spark SQL', 'Spark SQL']);
  });

  test('when / otherwise chains are CASE WHEN', () => {
    const df = people().select(
      when(col('age').lt(3), 'young').when(col('age').lt(10), 'older').otherwise('unknown'),
      when(col('age').gt(3), 1),
      when(col('age').gt(3), col('age')).otherwise(0.5).alias('n'),
    );
    expect(df.columns).toEqual(['CASE WHEN (age < 3) THEN young WHEN (age < 10) THEN older ELSE unknown END', 'CASE WHEN (age > 3) THEN 1 END', 'n']);
    expect(df.dtypes[2]).toEqual(['n', 'double']);
    expect(df.collect().map((r) => [...r])).toEqual([
      ['young', null, 0.5],
      ['older', 1, 5],
      ['unknown', null, 0.5],
    ]);
  });

  test('when / otherwise misuse raises Spark\'s errors', () => {
    const e1 = errorOf(() => col('age').when(col('age').gt(1), 1));
    expect(e1).toBeInstanceOf(IllegalArgumentException);
    expect(e1.message).toBe('when() can only be applied on a Column previously generated by when() function');
    expect(() => col('age').otherwise(1)).toThrow('otherwise() can only be applied on a Column previously generated by when()');
    const done = when(col('age').gt(1), 1).otherwise(2);
    expect(() => done.otherwise(3)).toThrow('otherwise() can only be applied once on a Column previously generated by when()');
    expect(() => done.when(col('age').gt(2), 3)).toThrow('when() cannot be applied once otherwise() is applied');
    const e2 = errorOf(() => when('age > 1' as unknown as ReturnType<typeof col>, 1));
    expect(e2).toBeInstanceOf(PySparkTypeError);
    expect(e2.message).toBe('[NOT_EXPECTED_TYPE] Argument `condition` should be Column, got str.');
  });

  test('substr and cast argument errors', () => {
    const e = errorOf(() => col('name').substr(1, lit(2)));
    expect(e).toBeInstanceOf(PySparkTypeError);
    expect(e.message).toBe('[NOT_SAME_TYPE] Argument `startPos` and `length` should be the same type, got int and Column.');
    expect(() => col('name').substr(1.5, 2.5)).toThrow('[NOT_EXPECTED_TYPE] Argument `startPos` should be Column or int, got float.');
    expect(() => col('name').cast(1 as unknown as string)).toThrow('[NOT_EXPECTED_TYPE] Argument `dataType` should be DataType or str, got int.');
  });

  test('asc / desc and their nulls variants order rows', () => {
    const ages = (c: ReturnType<typeof col>) => people().orderBy(c).collect().map((r) => r.age);
    expect(ages(col('age').asc())).toEqual([null, 2, 5]);
    expect(ages(col('age').asc_nulls_last())).toEqual([2, 5, null]);
    expect(ages(col('age').desc())).toEqual([5, 2, null]);
    expect(ages(col('age').desc_nulls_first())).toEqual([null, 5, 2]);
  });

  test('toString renders the expression', () => {
    expect(String(col('age').plus(1))).toBe("Column<'(age + 1)'>");
    expect(String(col('age').isin(1, 2))).toBe("Column<'(age IN (1, 2))'>");
    expect(String(when(col('age').gt(1), 'x').otherwise('y'))).toBe("Column<'CASE WHEN (age > 1) THEN x ELSE y END'>");
  });
});

describe('functions', () => {
  test('null handling and conditionals', () => {
    const spark = newSession();
    const df = spark
      .createDataFrame([[null, 2, 'x']], 'a INT, b INT, s STRING')
      .select(coalesce('a', 'b'), coalesce(col('a'), lit(0)), isnull('a'), isnotnull(col('b')), nvl('a', 'b'), ifnull('a', 'b'), nvl2('a', 'b', lit(9)), nullif('b', lit(2)), equal_null('a', lit(null)));
    expect(df.columns).toEqual(['coalesce(a, b)', 'coalesce(a, 0)', '(a IS NULL)', '(b IS NOT NULL)', 'nvl(a, b)', 'ifnull(a, b)', 'nvl2(a, b, 9)', 'nullif(b, 2)', 'equal_null(a, NULL)']);
    expect([...df.collect()[0]]).toEqual([2, 0, true, true, 2, 2, 9, null, true]);
    spark.stop();
  });

  test('strings and patterns (patterns are columns or names, as in PySpark)', () => {
    const spark = newSession();
    const df = spark
      .createDataFrame([['Spark SQL', 'Spark%', '^S']], 's STRING, p STRING, r STRING')
      .select(
        substring('s', 1, 5),
        substr(col('s'), -3),
        substr('s', lit(1), lit(2)),
        contains('s', lit('SQL')),
        startswith(col('s'), lit('Sp')),
        endswith('s', 'p'),
        like('s', 'p'),
        like(col('s'), lit('Spark!%'), lit('!')),
        ilike('s', lit('spark%')),
        rlike('s', 'r'),
        regexp('s', lit('Q')),
        regexp_like('s', lit('x')),
      );
    expect(df.columns).toEqual([
      'substring(s, 1, 5)',
      'substr(s, -3, 2147483647)',
      'substr(s, 1, 2)',
      'contains(s, SQL)',
      'startswith(s, Sp)',
      'endswith(s, p)',
      's LIKE p',
      "s LIKE Spark!% ESCAPE '!'",
      'ilike(s, spark%)',
      'RLIKE(s, r)',
      'REGEXP(s, Q)',
      'REGEXP_LIKE(s, x)',
    ]);
    expect([...df.collect()[0]]).toEqual(['Spark', 'SQL', 'Sp', true, true, false, true, false, true, true, true, false]);
    spark.stop();
  });

  test('element_at, try_element_at, size, cardinality', () => {
    const spark = newSession();
    const df = spark
      .createDataFrame([[[1, 2, 3], new Map([['a', 1]])]], 'arr ARRAY<INT>, m MAP<STRING, INT>')
      .select(element_at('arr', 1), element_at(col('arr'), -1), element_at('m', 'a'), try_element_at('arr', lit(9)), size('arr'), cardinality(col('m')));
    expect(df.columns).toEqual(['element_at(arr, 1)', 'element_at(arr, -1)', 'element_at(m, a)', 'try_element_at(arr, 9)', 'size(arr)', 'cardinality(m)']);
    expect([...df.collect()[0]]).toEqual([1, 3, 1, null, 3, 1]);
    expect(errorOf(() => spark.createDataFrame([[[1]]], 'arr ARRAY<INT>').select(element_at('arr', 2)).collect()).getErrorClass()).toBe('INVALID_ARRAY_INDEX_IN_ELEMENT_AT');
    spark.stop();
  });

  test('expr() and the DSL build the same names', () => {
    const spark = newSession();
    const df = spark.createDataFrame([[1]], 'a INT');
    expect(df.select(expr('a IN (1, 2)'), col('a').isin(1, 2)).columns).toEqual(['(a IN (1, 2))', '(a IN (1, 2))']);
    expect(df.select(expr('coalesce(a, 0)'), coalesce(col('a'), lit(0))).columns).toEqual(['coalesce(a, 0)', 'coalesce(a, 0)']);
    spark.stop();
  });
});
