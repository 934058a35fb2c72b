// String and regexp functions through SQL and the PySpark-style DSL: values, Spark's column names
// and Spark's error classes, under ANSI and legacy mode; Java regex semantics where JS differs.
import { SparkException, type StreamSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

function one(spark: StreamSession, sql: string): unknown[] {
  return (spark.sql(sql).collectInternalRows() as unknown[][])[0];
}

const hex = (b: unknown) => Buffer.from(b as Uint8Array).toString('hex').toUpperCase();

describe.each([
  ['ANSI', 'true'],
  ['legacy', 'false'],
])('string functions (%s mode)', (_mode, ansi) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.ansi.enabled': ansi });
  });
  afterEach(() => spark.stop());

  test('concat_ws, replace, format_string and arity errors', () => {
    expect(one(spark, "select concat_ws(',', 'a', null, array('b', null, 'c')), concat_ws(null, 'a'), replace('abc', 'b', '123'), replace('abc', 'b')")).toEqual(['a,b,c', null, 'a123c', 'ac']);
    expect(spark.sql("select replace('abc', 'b')").columns).toEqual(['replace(abc, b, )']);
    expect(errorOf(() => spark.sql('select concat_ws()')).errorClass).toBe('WRONG_NUM_ARGS.WITHOUT_SUGGESTION');
    expect(errorOf(() => spark.sql('select format_string()')).errorClass).toBe('WRONG_NUM_ARGS.WITHOUT_SUGGESTION');
    expect(one(spark, "select format_string('%s-%05d-%.2f-%x-%%', 'a', 42, 3.14159d, 255), printf('%2$s %1$s', 'a', 'b')")).toEqual(['a-00042-3.14-ff-%', 'b a']);
  });

  test('locate/position, instr with start and occurrence', () => {
    const df = spark.sql("select locate('bar', 'foobarbar'), position('bar', 'foobarbar', 5), locate('x', 'abc', 0), position(null, 'a')");
    expect(df.columns).toEqual(['locate(bar, foobarbar, 1)', 'position(bar, foobarbar, 5)', 'locate(x, abc, 0)', 'position(NULL, a, 1)']);
    expect(df.collectInternalRows()[0]).toEqual([4, 7, 0, null]);
    expect(one(spark, "select instr('abcabc', 'b'), instr('abcabc', 'b', -1, 2), instr('aaaa', 'aa', 1, 3), instr('你好世界你好', '你好', -1), instr('abc', 'b', 0)")).toEqual([2, 2, 3, 5, 0]);
    expect(spark.sql("select instr('abc', 'b', 1)").columns).toEqual(['instr(abc, b, 1, 1)']);
  });

  test('left/right, split_part, substring_index, find_in_set, translate, overlay, elt', () => {
    expect(one(spark, "select left('abcd', 2), right('abcd', 2), left('abcd', -1), right(null, 2)")).toEqual(['ab', 'cd', '', null]);
    expect(one(spark, "select split_part('11.12.13', '.', -1), split_part('11.12.13', '.', 5), split_part('a', '', 1)")).toEqual(['13', '', 'a']);
    expect(errorOf(() => spark.sql("select split_part('a.b', '.', 0)").collect()).errorClass).toBe('INVALID_INDEX_OF_ZERO');
    expect(one(spark, "select substring_index('www.apache.org', '.', 2), substring_index('www.apache.org', '.', -2), find_in_set('ab', 'abc,b,ab,c')")).toEqual(['www.apache', 'apache.org', 3]);
    expect(one(spark, "select translate('AaBbCc', 'abc', '12'), overlay('Spark SQL' placing '_' from 6), overlay('Spark SQL', 'ANSI ', 7, 0), elt(2, 'a', 'b')")).toEqual(['A1B2C', 'Spark_SQL', 'Spark ANSI SQL', 'b']);
    if (ansi === 'true') {
      expect(errorOf(() => spark.sql("select left('abcd', 'a')").collect()).errorClass).toBe('CAST_INVALID_INPUT');
      expect(errorOf(() => spark.sql("select elt(3, 'a', 'b')").collect()).errorClass).toBe('INVALID_ARRAY_INDEX');
    } else {
      expect(one(spark, "select elt(3, 'a', 'b')")).toEqual([null]);
    }
  });

  test('trim family with trim characters, lpad/rpad on strings and bytes', () => {
    const df = spark.sql("select trim(BOTH 'xyz' FROM 'yxTomxx'), trim(LEADING 'xy' FROM 'xyxXxy'), trim(TRAILING 'xy' FROM 'TURNERyxXxy'), btrim('xyxtrimyyx', 'xy'), trim('  a  ')");
    expect(df.columns).toEqual(['TRIM(BOTH xyz FROM yxTomxx)', 'TRIM(LEADING xy FROM xyxXxy)', 'TRIM(TRAILING xy FROM TURNERyxXxy)', 'btrim(xyxtrimyyx, xy)', 'trim(  a  )']);
    expect(df.collectInternalRows()[0]).toEqual(['Tom', 'Xxy', 'TURNERyxX', 'trim', 'a']);
    expect(one(spark, "select lpad('hi', 5, '??'), rpad('hi', 5, 'ab'), lpad('hello', 2), rpad('hi', -1), lpad('hi', 5, '')")).toEqual(['???hi', 'hiaba', 'he', '', 'hi']);
    const bytes = one(spark, "select lpad(unhex('aabb'), 5), rpad(unhex('aa'), 4, unhex('1f2e'))");
    expect(bytes.map(hex)).toEqual(['000000AABB', 'AA1F2E1F']);
  });

  test('encode/decode charsets, decode CASE form, errors', () => {
    expect(hex(one(spark, "select encode('ab', 'UTF-16')")[0])).toBe('FEFF00610062');
    expect(one(spark, "select decode(encode('大千世界', 'utf-32'), 'utf-32'), decode(2, 1, 'a', 2, 'b', 'z'), decode(null, 1, 'a', null, 'n')")).toEqual(['大千世界', 'b', 'n']);
    expect(errorOf(() => spark.sql("select encode('a', 'WINDOWS-1252')").collect()).errorClass).toBe('INVALID_PARAMETER_VALUE.CHARSET');
    expect(errorOf(() => spark.sql("select encode('渭城', 'US-ASCII')").collect()).errorClass).toBe('MALFORMED_CHARACTER_CODING');
    expect(errorOf(() => spark.sql('select decode()')).errorClass).toBe('WRONG_NUM_ARGS.WITHOUT_SUGGESTION');
  });

  test('to_binary, base64, digests, luhn_check, utf-8 validation, quote', () => {
    expect(one(spark, "select to_binary('737472696E67'), to_binary('abc', 'utf-8'), to_binary(' ab c=', 'base64'), to_binary('abc', null)").map((b) => (b === null ? null : hex(b)))).toEqual(['737472696E67', '616263', '69B7', null]);
    expect(errorOf(() => spark.sql("select to_binary('GG')").collect()).errorClass).toBe('CONVERSION_INVALID_INPUT');
    expect(errorOf(() => spark.sql("select to_binary('abc', 'invalidFormat')")).errorClass).toBe('DATATYPE_MISMATCH.INVALID_ARG_VALUE');
    expect(one(spark, "select try_to_binary('GG'), base64(encode('Spark SQL', 'utf-8')), decode(unbase64('U3BhcmsgU1FM'), 'utf-8')")).toEqual([null, 'U3BhcmsgU1FM', 'Spark SQL']);
    expect(one(spark, "select md5('Spark'), sha2('Spark', 256), sha2('Spark', 1), crc32('Spark')")).toEqual([
      '8cde774d6f7333752ed72cacddb05126',
      '529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b',
      null,
      1557323817n,
    ]);
    expect(one(spark, "select luhn_check('4111111111111111'), luhn_check('4111111 111111111'), luhn_check('')")).toEqual([true, false, false]);
    expect(one(spark, "select is_valid_utf8(x'80'), make_valid_utf8(x'80'), try_validate_utf8(x'80'), quote('Don''t')")).toEqual([false, '\uFFFD', null, "'Don\\'t'"]);
    expect(errorOf(() => spark.sql("select validate_utf8(x'80')").collect()).errorClass).toBe('INVALID_UTF8_STRING');
  });

  test('concat of binary and arrays, reverse', () => {
    expect(hex(one(spark, "select concat(x'01', x'02')")[0])).toBe('0102');
    expect(one(spark, "select concat(array(1), array(2, 3)), concat(array('a'), null), reverse('abc'), reverse(array(1, 2))")).toEqual([[1, 2, 3], null, 'cba', [2, 1]]);
  });

  test('to_number / try_to_number', () => {
    const df = spark.sql("select to_number('12,454.8-', '00,000.9MI'), to_number('<00,454.8>', '00,000.9PR'), to_number('$78.12', '$00.00'), try_to_number('abc', '000')");
    expect(df.columns).toEqual(['to_number(12,454.8-, 00,000.9MI)', 'to_number(<00,454.8>, 00,000.9PR)', 'to_number($78.12, $00.00)', 'try_to_number(abc, 000)']);
    expect(df.collectInternalRows()[0].map((v) => (v === null ? null : String(v)))).toEqual(['-12454.8', '-454.8', '78.12', null]);
    expect(errorOf(() => spark.sql("select to_number('abc', '000')").collect()).errorClass).toBe('INVALID_FORMAT.MISMATCH_INPUT');
  });

  test('legacy charset configs', () => {
    spark.conf.set('spark.sql.legacy.javaCharsets', 'true');
    expect(one(spark, "select decode(encode('hello', 'WINDOWS-1252'), 'WINDOWS-1252')")).toEqual(['hello']);
    spark.conf.set('spark.sql.legacy.javaCharsets', 'false');
    spark.conf.set('spark.sql.legacy.codingErrorAction', 'true');
    expect(hex(one(spark, "select encode('a渭', 'US-ASCII')")[0])).toBe('613F');
    expect(one(spark, "select decode(x'61e5', 'US-ASCII')")).toEqual(['a\uFFFD']);
  });

  test('character functions', () => {
    expect(one(spark, "select initcap('sPark sql'), repeat('ab', 2), space(2), ascii('A'), chr(321), char(65), octet_length('é'), bit_length('a')")).toEqual(['Spark Sql', 'abab', '  ', 65, 'A', 'A', 2, 8]);
    expect(one(spark, "select levenshtein('kitten', 'sitting'), levenshtein('kitten', 'sitting', 2), soundex('Miller'), soundex('1x')")).toEqual([3, -1, 'M460', '1x']);
  });
});

describe.each([
  ['ANSI', 'true'],
  ['legacy', 'false'],
])('regexp functions (%s mode)', (_mode, ansi) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.ansi.enabled': ansi });
  });
  afterEach(() => spark.stop());

  test('regexp_extract and regexp_extract_all with group indexes', () => {
    const df = spark.sql("select regexp_extract('1a 2b 14m', '(\\\\d+)([a-z]+)'), regexp_extract('a b', '(\\\\d+)?', 1), regexp_extract('x', 'y', 0)");
    expect(df.columns).toEqual(['regexp_extract(1a 2b 14m, (\\d+)([a-z]+), 1)', 'regexp_extract(a b, (\\d+)?, 1)', 'regexp_extract(x, y, 0)']);
    expect(df.collectInternalRows()[0]).toEqual(['1', '', '']);
    expect(one(spark, "select regexp_extract_all('1a 2b 14m', '(\\\\d+)?', 1), regexp_extract_all('1a 2b 14m', '(\\\\d+)([a-z]+)', 2)")).toEqual([
      ['1', '', '', '2', '', '', '14', '', ''],
      ['a', 'b', 'm'],
    ]);
    const e = errorOf(() => spark.sql("select regexp_extract('1a', '\\\\d+', 1)").collect());
    expect(e.errorClass).toBe('INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX');
    expect(e.messageParameters).toMatchObject({ groupCount: '0', groupIndex: '1', functionName: '`regexp_extract`' });
    expect(errorOf(() => spark.sql("select regexp_extract('a', '(?l)')").collect()).errorClass).toBe('INVALID_PARAMETER_VALUE.PATTERN');
  });

  test('regexp_replace: position, Java group references, invalid position', () => {
    expect(spark.sql("select regexp_replace('healthy, wealthy', '\\\\w+thy', 'x')").columns).toEqual(['regexp_replace(healthy, wealthy, \\w+thy, x, 1)']);
    expect(one(spark, "select regexp_replace('healthy, wealthy, and wise', '\\\\w+thy', 'something', 2), regexp_replace('abc', '\\\\w', 'x', 27)")).toEqual(['hsomething, something, and wise', 'abc']);
    expect(one(spark, "select regexp_replace('2024-01-02', '(\\\\d+)-(\\\\d+)-(\\\\d+)', '$3/$2/$1 \\\\$'), regexp_replace('a.b', '\\\\Q.\\\\E', '!')")).toEqual(['02/01/2024 $', 'a!b']);
    expect(errorOf(() => spark.sql("select regexp_replace('a', 'a', 'b', 0)")).errorClass).toBe('DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE');
  });

  test('regexp_count, regexp_substr, regexp_instr, Java classes and anchors', () => {
    expect(one(spark, "select regexp_count('1a 2b 14m', '\\\\d+'), regexp_count('the fox', '(?i)FOX'), regexp_substr('1a 2b 14m', '\\\\d{2}(a|b|m)'), regexp_substr('abc', '')")).toEqual([3, 1, '14m', null]);
    expect(one(spark, "select regexp_instr('1a 2b 14m', '\\\\d{2}(a|b|m)'), regexp_instr('ABC', '(?-i)b'), regexp_instr('abc', 'b', 0)")).toEqual([7, 0, 2]);
    expect(one(spark, "select regexp_count('ab1 C', '\\\\p{Alpha}'), regexp_count('a1_', '[\\\\p{Digit}_]'), 'abc\\n' rlike 'c$', 'ab' rlike '\\\\Aab\\\\z'")).toEqual([3, 2, true, true]);
    expect(errorOf(() => spark.sql("select regexp_instr('abc', col0, 1) from values(') ?') as t(col0)").collect()).errorClass).toBe('INVALID_PARAMETER_VALUE.PATTERN');
    expect(one(spark, "select 'ab' rlike '^(?i)A', regexp_replace('a\\nb', '(?s)a.b', 'x'), regexp_count('aaa', 'a*+'), format_string('%s', 2.0f)")).toEqual([true, 'x', 2, '2.0']);
  });
});

describe('PySpark wrappers', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
  });
  afterEach(() => spark.stop());

  test('string and regexp functions on a DataFrame', () => {
    const df = spark.sql("select 'Spark SQL' as s, '1a 2b 14m' as r");
    const out = df
      .select(
        F.concat_ws('-', 's', 'r'),
        F.lpad('s', 11, '*'),
        F.instr('s', 'SQL'),
        F.locate('a', 's'),
        F.substring_index('s', ' ', 1),
        F.translate('s', 'S', 's'),
        F.regexp_extract('r', '(\\d+)([a-z]+)', 2),
        F.regexp_replace('r', '\\d', '#'),
        F.regexp_extract_all('r', F.lit('\\d+'), 0),
        F.regexp_count('r', F.lit('\\d+')),
        F.initcap(F.lit('ab cd')),
      )
      .collectInternalRows()[0];
    expect(out).toEqual(['Spark SQL-1a 2b 14m', '**Spark SQL', 7, 3, 'Spark', 'spark sQL', 'a', '#a #b ##m', ['1', '2', '14'], 3, 'Ab Cd']);
  });
});
