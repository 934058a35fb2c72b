// Predicates (comparisons, IN, BETWEEN, LIKE family, IS [NOT] UNKNOWN), conditionals (coalesce,
// nvl, nvl2, nullif, if, CASE) and collection access ([], element_at, size, struct fields):
// values, Spark's auto-generated names, and Spark's errors, under ANSI and legacy mode.
import { AnalysisException, SparkException, type StreamSession } from 'rivulet';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

/** Evaluates SQL expressions over one row (a = 1, b = NULL, s = 'Spark SQL'): names and values. */
function evalSql(spark: StreamSession, ...exprs: string[]): { names: string[]; values: unknown[] } {
  const df = spark.createDataFrame([[1, null, 'Spark SQL']], 'a INT, b INT, s STRING').selectExpr(...exprs);
  const row = df.collect()[0];
  return { names: df.columns, values: [...row] };
}

describe.each([
  ['ANSI', 'true'],
  ['legacy', 'false'],
])('predicates (%s mode)', (_mode, ansi) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.ansi.enabled': ansi });
  });
  afterEach(() => spark.stop());

  test('IN follows SQL null semantics and is named (x IN (...))', () => {
    const r = evalSql(spark, '1 IN (1, 2)', '1 IN (2, null)', 'b IN (1, 2)', '3 IN (1, 2)', 'a NOT IN (2, 3)', 'a IN (1L, 2)');
    expect(r.names).toEqual(['(1 IN (1, 2))', '(1 IN (2, NULL))', '(b IN (1, 2))', '(3 IN (1, 2))', '(NOT (a IN (2, 3)))', '(a IN (1, 2))']);
    expect(r.values).toEqual([true, null, null, false, true, true]);
  });

  test('IN without a common type fails with DATA_DIFF_TYPES', () => {
    const e = errorOf(() => evalSql(spark, "1 IN (1, true)"));
    expect(e).toBeInstanceOf(AnalysisException);
    expect(e.getErrorClass()).toBe('DATATYPE_MISMATCH.DATA_DIFF_TYPES');
    expect(e.message).toBe(
      '[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve "(1 IN (1, true))" due to data type mismatch: Input to `in` should all be the same type, but it\'s ["INT", "INT", "BOOLEAN"]. SQLSTATE: 42K09',
    );
  });

  test('BETWEEN is named between(x, lo, hi) and uses three-valued AND', () => {
    const r = evalSql(spark, 'a BETWEEN 0 AND 2', 'a NOT BETWEEN 0 AND 2', 'b BETWEEN 0 AND 2', 'a BETWEEN 2 AND b', 'between(a, 1, 1)');
    expect(r.names).toEqual(['between(a, 0, 2)', '(NOT between(a, 0, 2))', 'between(b, 0, 2)', 'between(a, 2, b)', 'between(a, 1, 1)']);
    expect(r.values).toEqual([true, false, null, false, true]);
  });

  test('comparisons, <=>, equal_null and IS [NOT] UNKNOWN', () => {
    const r = evalSql(spark, 'a = 1', 'a != 1', 'a <> 2', 'b = 1', 'b <=> NULL', 'a <=> b', 'equal_null(b, NULL)', '(b > 0) IS UNKNOWN', '(a > 0) IS NOT UNKNOWN', 'a < 2.5D');
    expect(r.names).toEqual([
      '(a = 1)',
      '(NOT (a = 1))',
      '(NOT (a = 2))',
      '(b = 1)',
      '(b <=> NULL)',
      '(a <=> b)',
      'equal_null(b, NULL)',
      '((b > 0) IS UNKNOWN)',
      '((a > 0) IS NOT UNKNOWN)',
      '(a < 2.5)',
    ]);
    expect(r.values).toEqual([true, false, true, null, true, false, true, true, true, true]);
    const e = errorOf(() => evalSql(spark, 'a IS UNKNOWN'));
    expect(e.message).toBe(
      '[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "(a IS UNKNOWN)" due to data type mismatch: The first parameter requires the "BOOLEAN" type, however "a" has the type "INT". SQLSTATE: 42K09',
    );
  });

  test('AND / OR / NOT type errors', () => {
    expect(errorOf(() => evalSql(spark, 'true AND 1')).message).toBe(
      '[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve "(true AND 1)" due to data type mismatch: the left and right operands of the binary operator have incompatible types ("BOOLEAN" and "INT"). SQLSTATE: 42K09',
    );
    expect(errorOf(() => evalSql(spark, '1 OR 2')).message).toBe(
      '[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE] Cannot resolve "(1 OR 2)" due to data type mismatch: the binary operator requires the input type "BOOLEAN", not "INT". SQLSTATE: 42K09',
    );
    expect(errorOf(() => evalSql(spark, 'NOT a')).getErrorClass()).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(evalSql(spark, 'NULL AND false', 'NULL OR true', 'NOT NULL').values).toEqual([false, true, null]);
  });

  test('LIKE, ILIKE with escapes; RLIKE / REGEXP / REGEXP_LIKE find a Java regex', () => {
    const r = evalSql(
      spark,
      "s LIKE 'Spark%'",
      "s LIKE '_park SQ_'",
      "s NOT LIKE '%QL'",
      "s ILIKE 'spark%'",
      "'50%' LIKE '50!%' ESCAPE '!'",
      "'a_c' LIKE 'a\\\\_c'",
      "'abc' LIKE 'a\\\\_c'",
      "like(s, '%SQL')",
      "s RLIKE 'k\\\\s'",
      "s REGEXP '^S'",
      "regexp(s, 'x')",
      "regexp_like(s, 'Q.$')",
      "rlike(s, 'park')",
      "b LIKE 'x'",
      "'a\\nb' LIKE 'a_b'",
    );
    expect(r.names).toEqual([
      's LIKE Spark%',
      's LIKE _park SQ_',
      '(NOT s LIKE %QL)',
      'ilike(s, spark%)',
      "50% LIKE 50!% ESCAPE '!'",
      'a_c LIKE a\\_c',
      'abc LIKE a\\_c',
      's LIKE %SQL',
      'RLIKE(s, k\\s)',
      'RLIKE(s, ^S)',
      'REGEXP(s, x)',
      'REGEXP_LIKE(s, Q.$)',
      'RLIKE(s, park)',
      'b LIKE x',
      'a\nb LIKE a_b',
    ]);
    expect(r.values).toEqual([true, true, false, true, true, true, false, true, true, true, false, true, true, null, true]);
  });

  test('bad LIKE patterns and regexes fail with Spark\'s errors', () => {
    const middle = errorOf(() => evalSql(spark, "s LIKE 'a!b' ESCAPE '!'"));
    expect(middle.getErrorClass()).toBe('INVALID_FORMAT.ESC_IN_THE_MIDDLE');
    expect(middle.message).toBe("[INVALID_FORMAT.ESC_IN_THE_MIDDLE] The format is invalid: 'a!b'. The escape character is not allowed to precede 'b'. SQLSTATE: 42601");
    const end = errorOf(() => evalSql(spark, "s LIKE 'ab\\\\'"));
    expect(end.message).toBe("[INVALID_FORMAT.ESC_AT_THE_END] The format is invalid: 'ab\\\\'. The escape character is not allowed to end with. SQLSTATE: 42601");
    const esc = errorOf(() => evalSql(spark, "like(s, 'a', 'xy')"));
    expect(esc.message).toBe('[INVALID_ESCAPE_CHAR] `EscapeChar` should be a string literal of length one, but got "xy". SQLSTATE: 42604');
    const regex = errorOf(() => evalSql(spark, "s RLIKE '(?l)'"));
    expect(regex.getErrorClass()).toBe('INVALID_PARAMETER_VALUE.PATTERN');
    expect(regex.message).toBe("[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter(s) `regexp` in `rlike` is invalid: '(?l)'. SQLSTATE: 22023");
    expect(errorOf(() => evalSql(spark, 'like(s)')).getErrorClass()).toBe('WRONG_NUM_ARGS.WITHOUT_SUGGESTION');
  });

  test('contains / startswith / endswith on strings, binary and cast values', () => {
    const r = evalSql(
      spark,
      "contains(s, 'SQL')",
      "startswith(s, 'Spa')",
      "endswith(s, 'Spa')",
      "contains(12, '1')",
      "contains(true, 'ru')",
      "endswith(b, 'x')",
    );
    expect(r.names).toEqual([
      'contains(s, SQL)',
      'startswith(s, Spa)',
      'endswith(s, Spa)',
      'contains(12, 1)',
      'contains(true, ru)',
      'endswith(b, x)',
    ]);
    expect(r.values).toEqual([true, true, false, true, true, null]);
    // Two BINARY arguments compare bytes; a BINARY next to a string is read as a string.
    const bytes = evalSql(spark, "contains(x'537061726b', x'6172')", "startswith(x'537061726b', x'')", "endswith(x'537061726b', x'53')", "contains(x'12', 12)");
    expect(bytes.values).toEqual([true, true, false, false]);
  });

  test('substring / substr: 1-based, 0 as 1, negative from the end, clipped', () => {
    const r = evalSql(
      spark,
      'substring(s, 5)',
      'substr(s, -3)',
      'substr(s, 5, 1)',
      "substring(s FROM 5 FOR 1)",
      'substring(s, 0, 2)',
      'substring(s, -20, 3)',
      'substring(s, 100)',
      "substring('a😀b', 2, 1)",
      'substring(b, 1)',
      'substring(12345, 2, 2)',
    );
    expect(r.names).toEqual([
      'substring(s, 5, 2147483647)',
      'substr(s, -3, 2147483647)',
      'substr(s, 5, 1)',
      'substring(s, 5, 1)',
      'substring(s, 0, 2)',
      'substring(s, -20, 3)',
      'substring(s, 100, 2147483647)',
      'substring(a😀b, 2, 1)',
      'substring(b, 1, 2147483647)',
      'substring(12345, 2, 2)',
    ]);
    expect(r.values).toEqual(['k SQL', 'SQL', 'k', 'k', 'Sp', '', '', '😀', null, '23']);
    expect(errorOf(() => evalSql(spark, 'substring(s, true)')).message).toBe(
      '[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "substring(s, true, 2147483647)" due to data type mismatch: The second parameter requires the "INT" type, however "true" has the type "BOOLEAN". SQLSTATE: 42K09',
    );
  });
});

describe.each([
  ['ANSI', 'true'],
  ['legacy', 'false'],
])('conditionals (%s mode)', (_mode, ansi) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.ansi.enabled': ansi });
  });
  afterEach(() => spark.stop());

  test('coalesce, nvl, ifnull, nvl2, nullif, if: names, types and values', () => {
    const df = spark
      .createDataFrame([[1, null, 'Spark SQL']], 'a INT, b INT, s STRING')
      .selectExpr('coalesce(NULL, 1)', 'coalesce(b, a, 7)', 'nvl(b, 5)', 'ifnull(b, 2L)', "nvl2(b, 'x', 'y')", 'nullif(a, 1)', 'nullif(a, 2)', 'if(a > 0, 1, 2.5D)', 'if(NULL, 1, 2)');
    expect(df.columns).toEqual(['coalesce(NULL, 1)', 'coalesce(b, a, 7)', 'nvl(b, 5)', 'ifnull(b, 2)', 'nvl2(b, x, y)', 'nullif(a, 1)', 'nullif(a, 2)', '(IF((a > 0), 1, 2.5))', '(IF(NULL, 1, 2))']);
    expect(df.dtypes.map((d) => d[1])).toEqual(['int', 'int', 'int', 'bigint', 'string', 'int', 'int', 'double', 'int']);
    expect(df.collect()[0].asDict()).toEqual({
      'coalesce(NULL, 1)': 1,
      'coalesce(b, a, 7)': 1,
      'nvl(b, 5)': 5,
      'ifnull(b, 2)': 2,
      'nvl2(b, x, y)': 'y',
      'nullif(a, 1)': null,
      'nullif(a, 2)': 1,
      '(IF((a > 0), 1, 2.5))': 1,
      '(IF(NULL, 1, 2))': 2,
    });
  });

  test('coalesce / nvl / if without a common type: DATA_DIFF_TYPES', () => {
    expect(errorOf(() => evalSql(spark, 'coalesce(a, true)')).message).toBe(
      '[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve "coalesce(a, true)" due to data type mismatch: Input to `coalesce` should all be the same type, but it\'s ("INT" or "BOOLEAN"). SQLSTATE: 42K09',
    );
    expect(errorOf(() => evalSql(spark, 'nvl(a, true)')).getMessageParameters()).toEqual({
      sqlExpr: '"coalesce(a, true)"',
      functionName: '`coalesce`',
      dataType: '("INT" or "BOOLEAN")',
    });
    expect(errorOf(() => evalSql(spark, 'if(a > 0, a, true)')).message).toBe(
      '[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve "(IF((a > 0), a, true))" due to data type mismatch: Input to `if` should all be the same type, but it\'s ["INT", "BOOLEAN"]. SQLSTATE: 42K09',
    );
    expect(errorOf(() => evalSql(spark, 'if(a, 1, 2)')).message).toBe(
      '[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "(IF(a, 1, 2))" due to data type mismatch: The 1 parameter requires the "BOOLEAN" type, however "a" has the type "INT". SQLSTATE: 42K09',
    );
    expect(errorOf(() => evalSql(spark, 'coalesce()')).message).toBe(
      "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `coalesce` requires > 0 parameters but the actual number is 0. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix. SQLSTATE: 42605",
    );
  });

  test('CASE WHEN takes the wider type of its branches', () => {
    const df = spark
      .createDataFrame([[1, null, 'x']], 'a INT, b INT, s STRING')
      .selectExpr('CASE WHEN a > 0 THEN 1 ELSE 2L END', 'CASE WHEN b > 0 THEN 1 WHEN a = 1 THEN 2.5D END', 'CASE a WHEN 1 THEN NULL ELSE 3 END', 'CASE WHEN NULL THEN 1 END');
    expect(df.columns).toEqual(['CASE WHEN (a > 0) THEN 1 ELSE 2 END', 'CASE WHEN (b > 0) THEN 1 WHEN (a = 1) THEN 2.5 END', 'CASE WHEN (a = 1) THEN NULL ELSE 3 END', 'CASE WHEN NULL THEN 1 END']);
    expect(df.dtypes.map((d) => d[1])).toEqual(['bigint', 'double', 'int', 'int']);
    expect(df.collect()[0].asDict()).toEqual({
      'CASE WHEN (a > 0) THEN 1 ELSE 2 END': 1,
      'CASE WHEN (b > 0) THEN 1 WHEN (a = 1) THEN 2.5 END': 2.5,
      'CASE WHEN (a = 1) THEN NULL ELSE 3 END': null,
      'CASE WHEN NULL THEN 1 END': null,
    });
  });

  test('CASE WHEN errors: DATA_DIFF_TYPES on casewhen, non-boolean conditions', () => {
    expect(errorOf(() => evalSql(spark, 'CASE WHEN a > 0 THEN a ELSE true END')).message).toBe(
      '[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve "CASE WHEN (a > 0) THEN a ELSE true END" due to data type mismatch: Input to `casewhen` should all be the same type, but it\'s ["INT", "BOOLEAN"]. SQLSTATE: 42K09',
    );
    expect(errorOf(() => evalSql(spark, 'CASE WHEN a > 0 THEN 1 WHEN a THEN 2 END')).message).toBe(
      '[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "CASE WHEN (a > 0) THEN 1 WHEN a THEN 2 END" due to data type mismatch: The 2 parameter requires the "BOOLEAN" type, however "a" has the type "INT". SQLSTATE: 42K09',
    );
  });
});

describe('collection access', () => {
  const schema = 'st STRUCT<x: INT, y: STRING>, arr ARRAY<INT>, m MAP<STRING, INT>, people ARRAY<STRUCT<name: STRING>>';
  const data = () => [
    [[1, 'a'], [10, 20, 30], new Map([['k', 1]]), [['ann'], null, ['bob']]],
    [null, null, null, null],
  ];

  test.each([
    ['ANSI', 'true'],
    ['legacy', 'false'],
  ])('fields, [] on arrays and maps, element_at, size (%s)', (_mode, ansi) => {
    const spark = newSession({ 'spark.sql.ansi.enabled': ansi });
    const df = spark
      .createDataFrame(data(), schema)
      .selectExpr('st.x', 'st.Y', "st['x']", 'arr[0]', 'arr[1] + 1', "m['k']", "m['z']", 'm.k', 'people.name', 'element_at(arr, -1)', "element_at(m, 'k')", 'size(arr)', 'cardinality(m)', 'st.x + 1');
    expect(df.columns).toEqual(['x', 'Y', 'st.x', 'arr[0]', '(arr[1] + 1)', 'm[k]', 'm[z]', 'k', 'name', 'element_at(arr, -1)', 'element_at(m, k)', 'size(arr)', 'cardinality(m)', '(st.x + 1)']);
    const [first, second] = df.collect().map((r) => [...r]);
    expect(first).toEqual([1, 'a', 1, 10, 21, 1, null, 1, ['ann', null, 'bob'], 30, 1, 3, 1, 2]);
    const sizeOfNull = ansi === 'true' ? null : -1;
    expect(second).toEqual([null, null, null, null, null, null, null, null, null, null, null, sizeOfNull, sizeOfNull, null]);
    spark.stop();
  });

  test('out-of-range indexes: ANSI errors, legacy NULL; index 0 always fails', () => {
    const ansi = newSession();
    const df = ansi.createDataFrame(data(), schema);
    const bad = errorOf(() => df.selectExpr('arr[3]').collect());
    expect(bad.getErrorClass()).toBe('INVALID_ARRAY_INDEX');
    expect(bad.message).toBe(
      '[INVALID_ARRAY_INDEX] The index 3 is out of bounds. The array has 3 elements. Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead. SQLSTATE: 22003',
    );
    expect(errorOf(() => df.selectExpr('arr[-1]').collect()).getMessageParameters()).toEqual({ indexValue: '-1', arraySize: '3' });
    const at = errorOf(() => df.selectExpr('element_at(arr, -5)').collect());
    expect(at.message).toBe(
      '[INVALID_ARRAY_INDEX_IN_ELEMENT_AT] The index -5 is out of bounds. The array has 3 elements. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead. SQLSTATE: 22003',
    );
    expect(df.selectExpr('try_element_at(arr, 5)').collect()[0][0]).toBeNull();
    const zero = errorOf(() => df.selectExpr('element_at(arr, 0)').collect());
    expect(zero.message).toBe('[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1). SQLSTATE: 22003');
    ansi.stop();

    const legacy = newSession({ 'spark.sql.ansi.enabled': 'false' });
    const ldf = legacy.createDataFrame(data(), schema).selectExpr('arr[3]', 'arr[-1]', 'element_at(arr, 5)', 'element_at(arr, -4)');
    const row = ldf.collect()[0];
    expect([...row]).toEqual([null, null, null, null]);
    expect(errorOf(() => legacy.createDataFrame(data(), schema).selectExpr('element_at(arr, 0)').collect()).getErrorClass()).toBe('INVALID_INDEX_OF_ZERO');
    legacy.stop();
  });

  test('extraction errors', () => {
    const spark = newSession();
    const df = spark.createDataFrame(data(), schema);
    expect(errorOf(() => df.selectExpr('st.z')).message).toBe('[FIELD_NOT_FOUND] No such struct field `z` in `x`, `y`. SQLSTATE: 42704');
    expect(errorOf(() => df.selectExpr('arr[0].x')).message).toBe(
      '[INVALID_EXTRACT_BASE_FIELD_TYPE] Can\'t extract a value from "arr[0]". Need a complex type [STRUCT, ARRAY, MAP] but got "INT". SQLSTATE: 42000',
    );
    expect(errorOf(() => df.selectExpr('st[1]')).message).toBe('[INVALID_EXTRACT_FIELD_TYPE] Field name should be a non-null string literal, but it\'s "1". SQLSTATE: 42000');
    expect(errorOf(() => df.selectExpr("arr['1']")).message).toBe(
      '[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "arr[1]" due to data type mismatch: The second parameter requires the "INTEGRAL" type, however "1" has the type "STRING". SQLSTATE: 42K09',
    );
    expect(errorOf(() => df.selectExpr('element_at(st, 1)')).message).toBe(
      '[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "element_at(st, 1)" due to data type mismatch: The first parameter requires the ("ARRAY" or "MAP") type, however "st" has the type "STRUCT<x: INT, y: STRING>". SQLSTATE: 42K09',
    );
    expect(errorOf(() => df.selectExpr('size(st)')).getErrorClass()).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    spark.stop();
  });
});
