import { ParseException } from '../../lib/errors/parse-exception';
import { AnalysisException } from '../../lib/errors/analysis-exception';
import { UnresolvedExpression } from '../../lib/expressions/unresolved';
import { DataType, DecimalType } from '../../lib/types/data-types';
import { Decimal } from '../../lib/types/decimal';
import { ExpressionParser } from '../../lib/sql/expression-parser';
import { tokenize } from '../../lib/sql/lexer';
import { TokenKind } from '../../lib/sql/token';
import {
  parseDataTypeString,
  parseExpression,
  parseMultipartIdentifier,
  parseNamedExpression,
  parseTableSchema,
} from '../../lib/sql/parse';

/** Compact, fully parenthesised rendering of a tree: operators and calls as name(args). */
function show(e: UnresolvedExpression): string {
  switch (e.kind) {
    case 'literal':
      return `${showValue(e.value)}:${e.dataType.simpleString()}`;
    case 'column':
      return e.nameParts.map((p) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? p : `\`${p}\``)).join('.');
    case 'star':
      return e.target ? `${e.target.join('.')}.*` : '*';
    case 'function': {
      let s = `${e.name}(${e.distinct ? 'DISTINCT ' : ''}${e.args.map(show).join(', ')})`;
      if (e.filter) s += ` FILTER ${show(e.filter)}`;
      if (e.ignoreNulls !== undefined) s += e.ignoreNulls ? ' IGNORE NULLS' : ' RESPECT NULLS';
      return s;
    }
    case 'alias':
      return `${show(e.child)} AS ${e.names.length === 1 ? e.names[0] : `(${e.names.join(', ')})`}`;
    case 'cast':
      return `${e.tryCast ? 'try_cast' : 'cast'}(${show(e.child)} AS ${e.dataType.simpleString()})`;
    case 'caseWhen':
      return `CASE ${e.branches.map((b) => `WHEN ${show(b.condition)} THEN ${show(b.value)}`).join(' ')}${
        e.elseValue ? ` ELSE ${show(e.elseValue)}` : ''
      } END`;
    case 'lambda':
      return `(${e.params.join(', ')}) -> ${show(e.body)}`;
    case 'extract':
      return e.isField ? `${show(e.child)}.${String((e.key as { value: unknown }).value)}` : `${show(e.child)}[${show(e.key)}]`;
    case 'sortOrder':
      return `${show(e.child)} ${e.ascending ? 'ASC' : 'DESC'} NULLS ${e.nullsFirst ? 'FIRST' : 'LAST'}`;
    default:
      return e.kind; // subquery nodes: covered by statement-parser.test.ts
  }
}

function showValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array) return `X'${Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('')}'`;
  if (typeof v === 'object') return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
  return String(v);
}

const expr = (sql: string) => show(parseExpression(sql));
const named = (sql: string) => show(parseNamedExpression(sql));

function parseError(fn: () => unknown): ParseException {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseException) return e;
    throw e;
  }
  throw new Error('expected a ParseException');
}

function literalOf(sql: string): { value: unknown; dataType: DataType } {
  const e = parseExpression(sql);
  if (e.kind !== 'literal') throw new Error(`not a literal: ${show(e)}`);
  return e;
}

describe('lexer', () => {
  test('kinds of numbers, words and operators', () => {
    const kinds = tokenize("1 1L 1S 1Y 1.5 .5 1E3 1D 1F 1BD 1abc x <=> <> != >>> :: -> => || 'a' `b`").map((t) => TokenKind[t.kind]);
    expect(kinds).toEqual([
      'Integer', 'BigIntLiteral', 'SmallIntLiteral', 'TinyIntLiteral', 'Decimal', 'Decimal', 'Exponent',
      'DoubleLiteral', 'FloatLiteral', 'BigDecimalLiteral', 'Word', 'Word', 'NullSafeEq', 'Neq', 'NeqJ',
      'ShiftRightUnsigned', 'DoubleColon', 'Arrow', 'FatArrow', 'ConcatPipe', 'String', 'QuotedIdentifier', 'EOF',
    ]);
  });

  test('comments are skipped, nested bracketed comments included', () => {
    expect(tokenize('a -- note\n + /* x /* y */ z */ b').map((t) => t.text)).toEqual(['a', '+', 'b', '']);
  });

  test('an unclosed bracketed comment is its own error', () => {
    const e = parseError(() => parseExpression('a /* b'));
    expect(e.errorClass).toBe('UNCLOSED_BRACKETED_COMMENT');
  });

  test('a decimal point followed by letters is not a decimal (Spark isValidDecimal)', () => {
    expect(tokenize('1.5x').map((t) => t.text)).toEqual(['1', '.', '5x', '']);
  });
});

describe('precedence and associativity', () => {
  test.each([
    ['1 + 2 * 3', '+(1:int, *(2:int, 3:int))'],
    ['(1 + 2) * 3', '*(+(1:int, 2:int), 3:int)'],
    ['a - b - c', '-(-(a, b), c)'],
    ['a * b / c % d', '%(/(*(a, b), c), d)'],
    ['a div b * c', '*(div(a, b), c)'],
    ['a || b + c', '+(concat(a, b), c)'],
    ['a + b || c', 'concat(+(a, b), c)'],
    ['a & b | c ^ d', '|(&(a, b), ^(c, d))'],
    ['a | b ^ c & d', '|(a, ^(b, &(c, d)))'],
    ['a << 1 + 2', '<<(a, +(1:int, 2:int))'],
    ['a >> b & c', '&(>>(a, b), c)'],
    ['a | b = c', '=(|(a, b), c)'],
    ['a = b = c', '=(=(a, b), c)'],
    ['a = b AND c = d OR e', 'or(and(=(a, b), =(c, d)), e)'],
    ['a OR b AND c', 'or(a, and(b, c))'],
    ['NOT a = b', 'not(=(a, b))'],
    ['NOT a AND b', 'and(not(a), b)'],
    ['NOT NOT a', 'not(not(a))'],
    ['!a', 'not(a)'],
    ['-a * b', '*(negative(a), b)'],
    ['+a', 'positive(a)'],
    ['~a & b', '&(~(a), b)'],
    ['- -1', 'negative(-1:int)'],
    ['-x::int', 'negative(cast(x AS int))'],
    ['-a.b', 'negative(a.b)'],
    ['a + b IS NULL', 'isnull(+(a, b))'],
    ['a = b IS NOT NULL', 'isnotnull(=(a, b))'],
    ['a == b', '=(a, b)'],
    ['a <> b', '!=(a, b)'],
    ['a != b', '!=(a, b)'],
    ['a <=> b', '<=>(a, b)'],
    ['a < b', '<(a, b)'],
    ['a <= b', '<=(a, b)'],
    ['a > b', '>(a, b)'],
    ['a >= b', '>=(a, b)'],
    ['a !< b', '>=(a, b)'],
    ['a >>> 2', '>>>(a, 2:int)'],
  ])('%s', (sql, expected) => {
    expect(expr(sql)).toBe(expected);
  });

  test('operators are marked isOperator, calls are not', () => {
    const e = parseExpression('f(a) + 1');
    expect(e.kind === 'function' && e.isOperator).toBe(true);
    expect(e.kind === 'function' && e.args[0].kind === 'function' && e.args[0].isOperator).toBeFalsy();
  });
});

describe('literals', () => {
  test.each([
    ['1', 1, 'int'],
    ['-1', -1, 'int'],
    ['2147483647', 2147483647, 'int'],
    ['-2147483648', -2147483648, 'int'],
    ['2147483648', 2147483648n, 'bigint'],
    ['-9223372036854775808', -9223372036854775808n, 'bigint'],
    ['9223372036854775808', '9223372036854775808', 'decimal(19,0)'],
    ['1L', 1n, 'bigint'],
    ['-9223372036854775808L', -9223372036854775808n, 'bigint'],
    ['1S', 1, 'smallint'],
    ['-32768S', -32768, 'smallint'],
    ['127Y', 127, 'tinyint'],
    ['-128y', -128, 'tinyint'],
    ['1.5', '1.5', 'decimal(2,1)'],
    ['.5', '0.5', 'decimal(1,1)'],
    ['0.3', '0.3', 'decimal(1,1)'],
    ['-0.18', '-0.18', 'decimal(2,2)'],
    ['0.10', '0.10', 'decimal(2,2)'],
    ['-0.0', '0.0', 'decimal(1,1)'],
    ['123.08BD', '123.08', 'decimal(5,2)'],
    ['123.0E-28BD', '0.00000000000000000000000001230', 'decimal(29,29)'],
    ['90912830918230182310293801923652346786BD', '90912830918230182310293801923652346786', 'decimal(38,0)'],
    ['1E10', 1e10, 'double'],
    ['1.5e-3', 0.0015, 'double'],
    ['9.e+1', 90, 'double'],
    ['.1e5', 10000, 'double'],
    ['1D', 1, 'double'],
    ['1.2D', 1.2, 'double'],
    ['1F', 1, 'float'],
    ['.10f', Math.fround(0.1), 'float'],
    ["'hello'", 'hello', 'string'],
    ['"hello"', 'hello', 'string'],
    ["'a' 'b' \"c\"", 'abc', 'string'],
    ["'S''par''k'", "S'par'k", 'string'],
    ['"S""par""k"', 'S"par"k', 'string'],
    ["'\\n\\t\\'\\\\'", "\n\t'\\", 'string'],
    ["'\\u0057\\u006F'", 'Wo', 'string'],
    ["'\\110\\145'", 'He', 'string'],
    ["'\\q'", 'q', 'string'],
    ["'no-pattern\\%'", 'no-pattern\\%', 'string'],
    ["r'\\n\\d'", '\\n\\d', 'string'],
    ['R"raw"', 'raw', 'string'],
    ['true', true, 'boolean'],
    ['FALSE', false, 'boolean'],
    ['null', null, 'void'],
    ["DATE '2024-01-01'", 19723, 'date'],
    ["date '1970-01-01'", 0, 'date'],
    ["DATE '1969-12-31'", -1, 'date'],
    ["DATE '2016-2-9'", 16840, 'date'],
    ["DATE '2024'", 19723, 'date'],
    ["TIMESTAMP '2024-01-01 10:00:00'", 1704103200000000n, 'timestamp'],
    ["TIMESTAMP '1970-01-01T00:00:01.5'", 1500000n, 'timestamp'],
    ["TIMESTAMP '1970-01-01 00:00:00.123456789'", 123456n, 'timestamp'],
    ["TIMESTAMP '1970-01-01 01:00:00+01:00'", 0n, 'timestamp'],
    ["TIMESTAMP '1970-01-01 00:00:00 UTC'", 0n, 'timestamp'],
    ["TIMESTAMP '2024-07-01 12:00:00 America/Los_Angeles'", 1719860400000000n, 'timestamp'],
    ["TIMESTAMP_LTZ '1970-01-01'", 0n, 'timestamp'],
    ["TIMESTAMP_NTZ '2024-01-01 10:00:00'", 1704103200000000n, 'timestamp_ntz'],
    ["X'0A0B'", new Uint8Array([10, 11]), 'binary'],
    ["x'1'", new Uint8Array([1]), 'binary'],
  ])('%s', (sql, value, typeName) => {
    const lit = literalOf(sql);
    expect(lit.dataType.simpleString()).toBe(typeName);
    // Decimal literals are Decimal values; compare their plain text.
    expect(lit.value instanceof Decimal ? lit.value.toString() : lit.value).toEqual(value);
  });

  // Spark 4's typed-literal form: the units named in the string pick the ANSI type (PySpark 4.2.0, checked).
  test.each([
    ["INTERVAL '1 day'", 86_400_000_000n, 'interval day'],
    ["interval '1 day 2 hours'", 93_600_000_000n, 'interval day to hour'],
    ["INTERVAL '1.5 seconds'", 1_500_000n, 'interval second'],
    ["interval '2 weeks'", 14n * 86_400_000_000n, 'interval day'],
    ["interval '10 milliseconds'", 10_000n, 'interval second'],
    ["interval '3 days 100 microseconds'", 259_200_000_100n, 'interval day to second'],
    ["interval '1 year 2 months'", 14, 'interval year to month'],
  ])('%s (typed literal)', (sql, value, typeName) => {
    const lit = literalOf(sql);
    expect(lit.dataType.simpleString()).toBe(typeName);
    expect(lit.value).toEqual(value);
  });

  // Spark 4 (spark.sql.legacy.interval.enabled=false): unit-qualified forms are ANSI intervals.
  test.each([
    ["INTERVAL '1' DAY", 86400000000n, 'interval day'],
    ['INTERVAL 1 DAY 2 HOURS', 93600000000n, 'interval day to hour'],
    ['INTERVAL -3 MINUTES', -180000000n, 'interval minute'],
    ["INTERVAL '1-2' YEAR TO MONTH", 14, 'interval year to month'],
    ["INTERVAL '1 10:20:30.5' DAY TO SECOND", 123630500000n, 'interval day to second'],
  ])('%s (ANSI interval)', (sql, value, typeName) => {
    const lit = literalOf(sql);
    expect(lit.dataType.simpleString()).toBe(typeName);
    expect(lit.value).toEqual(value);
  });

  test('decimal literal types carry precision and scale', () => {
    const dt = literalOf('3.14').dataType as DecimalType;
    expect([dt.precision, dt.scale]).toEqual([3, 2]);
  });

  test.each([
    ['128Y', 'INVALID_NUMERIC_LITERAL_RANGE', { rawStrippedQualifier: '128', typeName: 'tinyint', minValue: '-128', maxValue: '127' }],
    ['32768S', 'INVALID_NUMERIC_LITERAL_RANGE', { rawStrippedQualifier: '32768', typeName: 'smallint', minValue: '-32768', maxValue: '32767' }],
    ['9223372036854775808L', 'INVALID_NUMERIC_LITERAL_RANGE', { rawStrippedQualifier: '9223372036854775808', typeName: 'bigint', minValue: '-9223372036854775808', maxValue: '9223372036854775807' }],
    ['-3.4028235E39f', 'INVALID_NUMERIC_LITERAL_RANGE', { rawStrippedQualifier: '-3.4028235E39', typeName: 'float', minValue: '-3.4028234663852886E+38', maxValue: '3.4028234663852886E+38' }],
    ['1E309', 'INVALID_NUMERIC_LITERAL_RANGE', { rawStrippedQualifier: '1E309', typeName: 'double', minValue: '-1.7976931348623157E+308', maxValue: '1.7976931348623157E+308' }],
    ['1234567890123456789012345678901234567890.0', 'DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION', { precision: '41', maxPrecision: '38' }],
    ['1.20E-38BD', 'DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION', { precision: '40', maxPrecision: '38' }],
    ["date 'mar 11 2016'", 'INVALID_TYPED_LITERAL', { value: "'mar 11 2016'", valueType: '"DATE"' }],
    ["timestamp '2016-33-11 20:54:00.000'", 'INVALID_TYPED_LITERAL', { value: "'2016-33-11 20:54:00.000'", valueType: '"TIMESTAMP"' }],
    ["TIMESTAMP_NTZ '2016-01-01 00:00:00Z'", 'INVALID_TYPED_LITERAL', { value: "'2016-01-01 00:00:00Z'", valueType: '"TIMESTAMP_NTZ"' }],
    ["X'XuZ'", 'INVALID_TYPED_LITERAL', { value: "'XuZ'", valueType: '"X"' }],
    ["INTERVAL '1 fortnight'", 'INVALID_TYPED_LITERAL', { value: "'1 fortnight'", valueType: '"INTERVAL"' }],
  ])('%s fails with %s', (sql, errorClass, params) => {
    const e = parseError(() => parseExpression(sql));
    expect(e.errorClass).toBe(errorClass);
    expect(e.messageParameters).toEqual(params);
    expect(e.startPosition).toBe(0);
  });

  test('unsupported typed literal', () => {
    const e = parseError(() => parseExpression("GEO '(10,-6)'"));
    expect(e.errorClass).toBe('UNSUPPORTED_TYPED_LITERAL');
    expect(e.sqlState).toBe('0A000');
    expect(e.messageParameters.unsupportedType).toBe('"GEO"');
    expect(e.rawMessage).toBe(
      'Literals of the type "GEO" are not supported. Supported types are "DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X".',
    );
  });

  test('numeric range message text', () => {
    expect(parseError(() => parseExpression('128Y')).rawMessage).toBe(
      'Numeric literal 128 is outside the valid range for tinyint with minimum value of -128 and maximum value of 127. Please adjust the value accordingly.',
    );
  });

  test('a syntax error later in the text wins over a bad literal earlier', () => {
    const e = parseError(() => parseExpression('128Y +'));
    expect(e.errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(e.messageParameters.error).toBe('end of input');
  });
});

describe('identifiers and keywords as names', () => {
  test.each([
    ['a', 'a'],
    ['a.b.c', 'a.b.c'],
    ['`a.b`.c', '`a.b`.c'],
    ['`we``ird`', '`we`ird`'],
    ['`Mixed Case`', '`Mixed Case`'],
    ['count', 'count'],
    ['date', 'date'],
    ['timestamp', 'timestamp'],
    ['value', 'value'],
    ['year', 'year'],
    ['interval', 'interval'],
    ['interval - 1', '-(interval, 1:int)'],
    ['date + 1', '+(date, 1:int)'],
    ['current_date', 'current_date'],
    ['t.*', 't.*'],
    ['a.b.*', 'a.b.*'],
    ['*', '*'],
    ['_x1', '_x1'],
    ['1abc', '`1abc`'],
  ])('%s', (sql, expected) => {
    expect(expr(sql)).toBe(expected);
  });

  test('names keep their case; function names are lower-cased unless quoted', () => {
    expect(expr('MyCol + COUNT(x) + `MyUdf`(y) + Db.Fn(z)')).toBe('+(+(+(MyCol, count(x)), MyUdf(y)), db.fn(z))');
  });

  test('field access and subscripts', () => {
    expect(expr('f(x).b')).toBe('f(x).b');
    expect(expr('a[0].c')).toBe('a[0:int].c');
    expect(expr("m['k'][1 + 1]")).toBe("m['k':string][+(1:int, 1:int)]");
    expect(expr('(a).b')).toBe('a.b');
  });

  test('parseMultipartIdentifier splits like col("a.b")', () => {
    expect(parseMultipartIdentifier('a.b.c')).toEqual(['a', 'b', 'c']);
    expect(parseMultipartIdentifier('`a.b`.c')).toEqual(['a.b', 'c']);
    expect(parseMultipartIdentifier('`a``b`')).toEqual(['a`b']);
    expect(parseMultipartIdentifier('my col')).toEqual(['my col']);
    expect(parseMultipartIdentifier('')).toEqual(['']);
    for (const bad of ['a..b', 'a.', '`a', '`a`b', 'a`b`']) {
      expect(() => parseMultipartIdentifier(bad)).toThrow(AnalysisException);
    }
  });
});

describe('functions, aliases, lambdas', () => {
  test('the seed tutorial string', () => {
    const e = parseNamedExpression("explode(split(value, ' ')) as word");
    expect(e).toMatchObject({
      kind: 'alias',
      names: ['word'],
      child: {
        kind: 'function',
        name: 'explode',
        args: [{ kind: 'function', name: 'split', args: [{ kind: 'column', nameParts: ['value'] }, { kind: 'literal', value: ' ' }] }],
      },
    });
  });

  test.each([
    ['a AS b', 'a AS b'],
    ['a b', 'a AS b'],
    ['a + 1 `my col`', '+(a, 1:int) AS my col'],
    ['explode(m) AS (k, v)', 'explode(m) AS (k, v)'],
    ['explode(m) (k, v)', 'explode(m) AS (k, v)'],
    ['count(*)', 'count(*)'],
    ['count(DISTINCT a, b)', 'count(DISTINCT a, b)'],
    ['count(ALL a)', 'count(a)'],
    ['sum(x) FILTER (WHERE x > 0)', 'sum(x) FILTER >(x, 0:int)'],
    ['first(x) IGNORE NULLS', 'first(x) IGNORE NULLS'],
    ['first(x IGNORE NULLS)', 'first(x) IGNORE NULLS'],
    ['last(x) RESPECT NULLS', 'last(x) RESPECT NULLS'],
    ['now()', 'now()'],
    ['transform(arr, x -> x + 1)', 'transform(arr, (x) -> +(x, 1:int))'],
    ['aggregate(a, 0, (acc, x) -> acc + x)', 'aggregate(a, 0:int, (acc, x) -> +(acc, x))'],
    ['filter(a, x -> x.y > 0 AND x.z)', 'filter(a, (x) -> and(>(x.y, 0:int), x.z))'],
    ['struct(a AS x, b)', 'struct(a AS x, b)'],
    ['(a, b + 1 AS c)', 'struct(a, +(b, 1:int) AS c)'],
    ["trim(BOTH 'x' FROM y)", "trim('x':string, y)"],
    ['trim(LEADING FROM y)', 'ltrim(y)'],
    ["trim(TRAILING 'x' FROM y)", "rtrim('x':string, y)"],
    ['trim(y)', 'trim(y)'],
    ['substring(a FROM 2 FOR 3)', 'substring(a, 2:int, 3:int)'],
    ['substr(a, 2)', 'substr(a, 2:int)'],
    ["position('a' IN b)", "locate('a':string, b)"],
    ['extract(YEAR FROM d)', "extract('YEAR':string, d)"],
    ['overlay(a PLACING b FROM 2 FOR 1)', 'overlay(a, b, 2:int, 1:int)'],
    ['timestampadd(DAY, 1, ts)', "__timestampadd('DAY':string, 1:int, ts)"],
    ['datediff(HOUR, a, b)', "__timestampdiff('HOUR':string, a, b)"],
    ['date_add(d, 1)', 'date_add(d, 1:int)'],
    ['not(a)', 'not(a)'],
  ])('%s', (sql, expected) => {
    expect(named(sql)).toBe(expected);
  });
});

describe('CASE, CAST and predicates', () => {
  test.each([
    ["CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END", "CASE WHEN >(a, 1:int) THEN 'x':string WHEN >(a, 0:int) THEN 'y':string ELSE 'z':string END"],
    ["CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' END", "CASE WHEN =(x, 1:int) THEN 'a':string WHEN =(x, 2:int) THEN 'b':string END"],
    ['CASE (x) WHEN 1 THEN 2 END', 'CASE WHEN =(x, 1:int) THEN 2:int END'],
    ['CAST(a AS INT)', 'cast(a AS int)'],
    ['cast(a as decimal(10, 2))', 'cast(a AS decimal(10,2))'],
    ['TRY_CAST(a AS bigint)', 'try_cast(a AS bigint)'],
    ['a::string', 'cast(a AS string)'],
    ['a::array<array<int>>', 'cast(a AS array<array<int>>)'],
    ['a::array<int>>1', '>(cast(a AS array<int>), 1:int)'],
    ["'1'::int + 1", '+(cast(\'1\':string AS int), 1:int)'],
    ['cast(a AS struct<x: int, y: map<string, int>>)', 'cast(a AS struct<x:int,y:map<string,int>>)'],
    ['x BETWEEN 1 AND 2', 'between(x, 1:int, 2:int)'],
    ['x NOT BETWEEN 1 AND 2 AND y', 'and(not(between(x, 1:int, 2:int)), y)'],
    ['x IN (1, 2, 3)', 'in(x, 1:int, 2:int, 3:int)'],
    ['x NOT IN (1)', 'not(in(x, 1:int))'],
    ["a LIKE 'x%'", "like(a, 'x%':string)"],
    ["a LIKE 'x!%' ESCAPE '!'", "like(a, 'x!%':string, '!':string)"],
    ["a NOT LIKE 'x'", "not(like(a, 'x':string))"],
    ["a ILIKE 'x'", "ilike(a, 'x':string)"],
    ["a RLIKE '^x'", "rlike(a, '^x':string)"],
    ["a REGEXP '^x'", "rlike(a, '^x':string)"],
    ["a NOT RLIKE '^x'", "not(rlike(a, '^x':string))"],
    ['a IS NULL', 'isnull(a)'],
    ['a IS NOT NULL', 'isnotnull(a)'],
    ['a IS TRUE', '<=>(a, true:boolean)'],
    ['a IS NOT FALSE', 'not(<=>(a, false:boolean))'],
    ['a IS UNKNOWN', 'isunknown(a)'],
    ['a IS NOT UNKNOWN', 'isnotunknown(a)'],
    ['a IS DISTINCT FROM b', 'not(<=>(a, b))'],
    ['a IS NOT DISTINCT FROM b', '<=>(a, b)'],
  ])('%s', (sql, expected) => {
    expect(expr(sql)).toBe(expected);
  });

  test('unknown type in a cast', () => {
    const e = parseError(() => parseExpression("'2147483648' :: BINT"));
    expect(e.errorClass).toBe('UNSUPPORTED_DATATYPE');
    expect(e.messageParameters).toEqual({ typeName: '"BINT"' });
    expect(e.startPosition).toBe(16);
    expect(parseError(() => parseExpression("'1' :: SELECT")).messageParameters).toEqual({ typeName: '"SELECT"' });
  });

  test('an escape string must be one character', () => {
    const e = parseError(() => parseExpression("a LIKE 'x' ESCAPE 'ab'"));
    expect(e.errorClass).toBe('INVALID_ESC');
  });
});

describe('syntax errors', () => {
  test.each([
    ['a +', 'end of input', '', 3],
    ['a + )', "')'", '', 4],
    ['f(a', 'end of input', '', 3],
    ['a IS 1', "'1'", '', 5],
    ['FALSE IS NOT NULL :: string', "'::'", '', 18],
    ['.e3', "'.'", '', 0],
    ['a b', "'b'", ": extra input 'b'", 2],
    ['a b c', "'b'", '', 2],
    ['f(a b)', "'b'", ": extra input 'b'", 4],
    ['cast(a as int', 'end of input', '', 13],
    ['a # b', "'#'", '', 2],
    ["'abc", "'''", '', 0],
  ])('parseExpression(%p) fails at %s', (sql, error, hint, position) => {
    const e = parseError(() => parseExpression(sql));
    expect(e.errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(e.sqlState).toBe('42601');
    expect(e.messageParameters).toEqual({ error, hint });
    expect(e.rawMessage).toBe(`Syntax error at or near ${error}${hint}.`);
    expect(e.startPosition).toBe(position);
  });

  test('parseNamedExpression("a b c") fails at c with extra input', () => {
    const e = parseError(() => parseNamedExpression('a b c'));
    expect(e.rawMessage).toBe("Syntax error at or near 'c': extra input 'c'.");
    expect(e.startPosition).toBe(4);
    expect(e.message).toBe(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near 'c': extra input 'c'. SQLSTATE: 42601 (line 1, pos 4)\n\n== SQL ==\na b c\n----^^^",
    );
  });

  test('end of input message and position', () => {
    const e = parseError(() => parseExpression('a +'));
    expect(e.rawMessage).toBe('Syntax error at or near end of input.');
    expect(e.startPosition).toBe(3);
  });

  test('positions on later lines', () => {
    const e = parseError(() => parseExpression('a +\n  * b'));
    expect([e.line, e.startPosition]).toEqual([2, 4]);
  });

  test('empty input', () => {
    expect(parseError(() => parseExpression('  ')).errorClass).toBe('PARSE_EMPTY_STATEMENT');
  });

  test('not yet supported forms say so', () => {
    for (const sql of ['sum(x) OVER w', 'f(a => 1)', '?']) {
      expect(parseError(() => parseExpression(sql)).errorClass).toBe('UNSUPPORTED_FEATURE');
    }
  });

  test('subqueries parse as in a statement (expr() takes them, as Spark does)', () => {
    expect(['x IN (SELECT 1)', 'EXISTS (SELECT 1)', '(SELECT 1)'].map((sql) => parseExpression(sql).kind)).toEqual(['inSubquery', 'exists', 'scalarSubquery']);
  });
});

describe('origins', () => {
  test('every node records its text range', () => {
    const sql = 'f(a, 1) + b.c';
    const e = parseExpression(sql);
    const ranges: string[] = [];
    const visit = (n: UnresolvedExpression) => {
      expect(n.origin).toBeDefined();
      ranges.push(sql.slice(n.origin!.start, n.origin!.stop + 1));
      if (n.kind === 'function') n.args.forEach(visit);
    };
    visit(e);
    expect(ranges).toEqual(['f(a, 1) + b.c', 'f(a, 1)', 'a', '1', 'b.c']);
  });

  test('alias origin covers the alias', () => {
    const e = parseNamedExpression('a + 1 AS x');
    expect([e.origin?.start, e.origin?.stop]).toEqual([0, 9]);
  });
});

describe('ExpressionParser as a building block', () => {
  test('parseExpression works at any position; helpers expose the cursor', () => {
    const p = new ExpressionParser('a + 1, b DESC NULLS FIRST, c');
    expect(show(p.parseExpression())).toBe('+(a, 1:int)');
    p.expect(TokenKind.Comma);
    expect(show(p.parseSortItem())).toBe('b DESC NULLS FIRST');
    expect(p.matchKeyword('FROM')).toBe(false);
    p.expect(TokenKind.Comma);
    expect(p.parseMultipartIdentifier()).toEqual(['c']);
    p.expectEnd();
  });

  test('parseDataType resumes the token stream after the type', () => {
    const p = new ExpressionParser('map<string, array<int>>) rest');
    expect(p.parseDataType().simpleString()).toBe('map<string,array<int>>');
    p.expect(TokenKind.RightParen);
    expect(p.parseIdentifier()).toBe('rest');
  });
});

describe('parse.ts type entry points', () => {
  test('parseDataTypeString and parseTableSchema delegate to the DDL parser', () => {
    expect(parseDataTypeString('array<int>').simpleString()).toBe('array<int>');
    expect(parseTableSchema('a INT, b STRING').simpleString()).toBe('struct<a:int,b:string>');
  });
});
