import { ParseException } from '../../lib/errors/parse-exception';
import {
  ArrayType,
  CalendarIntervalType,
  DecimalType,
  IntegerType,
  MapType,
  StringType,
} from '../../lib/types/data-types';
import { parseDataType, parseDataTypeOrSchema, parseTableSchema, unescapeSqlString } from '../../lib/types/ddl';
import { StructField, StructType } from '../../lib/types/struct-type';

function parseError(fn: () => unknown): ParseException {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseException) return e;
    throw e;
  }
  throw new Error('expected a ParseException');
}

describe('parseDataType', () => {
  test.each([
    ['int', 'int'],
    ['INTEGER', 'int'],
    ['bigint', 'bigint'],
    ['long', 'bigint'],
    ['string', 'string'],
    ['varchar(10)', 'string'],
    ['char(3)', 'string'],
    ['character(3)', 'string'],
    ['double', 'double'],
    ['float', 'float'],
    ['real', 'float'],
    ['boolean', 'boolean'],
    ['tinyint', 'tinyint'],
    ['byte', 'tinyint'],
    ['smallint', 'smallint'],
    ['short', 'smallint'],
    ['decimal', 'decimal(10,0)'],
    ['dec(5)', 'decimal(5,0)'],
    ['numeric(10, 2)', 'decimal(10,2)'],
    ['DECIMAL(38,38)', 'decimal(38,38)'],
    ['date', 'date'],
    ['timestamp', 'timestamp'],
    ['timestamp_ltz', 'timestamp'],
    ['timestamp_ntz', 'timestamp_ntz'],
    ['binary', 'binary'],
    ['void', 'void'],
    ['interval', 'interval'],
    ['array<int>', 'array<int>'],
    ['ARRAY<ARRAY<STRING>>', 'array<array<string>>'],
    ['map<string, int>', 'map<string,int>'],
    ['map<string,array<map<int,int>>>', 'map<string,array<map<int,int>>>'],
    ['struct<a: int, b string>', 'struct<a:int,b:string>'],
    ['struct<>', 'struct<>'],
    ['struct<`a b`: int, `c``d`: array<int>>', 'struct<a b:int,c`d:array<int>>'],
    ['  int  ', 'int'],
    ['int -- comment', 'int'],
    ['/* c */ int', 'int'],
  ])('%s -> %s', (text, simple) => {
    expect(parseDataType(text).simpleString()).toBe(simple);
  });

  test('returns real DataType instances', () => {
    expect(parseDataType('int')).toBeInstanceOf(IntegerType);
    const a = parseDataType('array<string>') as ArrayType;
    expect(a).toBeInstanceOf(ArrayType);
    expect(a.elementType).toBeInstanceOf(StringType);
    expect(a.containsNull).toBe(true);
    const m = parseDataType('map<int, string>') as MapType;
    expect(m.valueContainsNull).toBe(true);
    const d = parseDataType('decimal(7, 3)') as DecimalType;
    expect([d.precision, d.scale]).toEqual([7, 3]);
    expect(parseDataType('interval')).toBeInstanceOf(CalendarIntervalType);
  });

  test('struct fields: NOT NULL and COMMENT', () => {
    const s = parseDataType("struct<a: int NOT NULL, b string COMMENT 'it''s b'>") as StructType;
    expect(s.fields[0].nullable).toBe(false);
    expect(s.fields[1].nullable).toBe(true);
    expect(s.fields[1].metadata).toEqual({ comment: "it's b" });
    expect(s.toDDL()).toBe("STRUCT<a: INT NOT NULL, b: STRING COMMENT 'it\\'s b'>");
    expect(parseDataType(s.toDDL()).json()).toBe(s.json());
  });

  test('unknown type names: UNSUPPORTED_DATATYPE', () => {
    const e = parseError(() => parseDataType('invalidtype'));
    expect(e.errorClass).toBe('UNSUPPORTED_DATATYPE');
    expect(e.sqlState).toBe('0A000');
    expect(e.messageParameters).toEqual({ typeName: '"INVALIDTYPE"' });
    expect(e.rawMessage).toBe('Unsupported data type "INVALIDTYPE".');
    expect(e.message.startsWith('[UNSUPPORTED_DATATYPE] Unsupported data type "INVALIDTYPE". SQLSTATE: 0A000')).toBe(true);
    expect(parseError(() => parseDataType('int(5)')).messageParameters).toEqual({ typeName: '"INT(5)"' });
    expect(parseError(() => parseDataType('array<foo>')).startPosition).toBe(6);
  });

  test('syntax errors', () => {
    const extra = parseError(() => parseDataType('a InvalidType'));
    expect(extra.errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(extra.messageParameters).toEqual({ error: "'InvalidType'", hint: ": extra input 'InvalidType'" });
    expect(extra.startPosition).toBe(2);

    const eoi = parseError(() => parseDataType('array<int'));
    expect(eoi.messageParameters).toEqual({ error: 'end of input', hint: '' });
    expect(eoi.rawMessage).toBe('Syntax error at or near end of input.');

    expect(parseError(() => parseDataType('map<int>')).messageParameters.error).toBe("'>'");
    expect(parseError(() => parseDataType('')).messageParameters.error).toBe('end of input');
    expect(parseError(() => parseDataType('decimal(a)')).messageParameters.error).toBe("'a'");
  });

  test('other type errors', () => {
    expect(parseError(() => parseDataType('varchar')).errorClass).toBe('DATATYPE_MISSING_SIZE');
    expect(parseError(() => parseDataType('array')).errorClass).toBe('INCOMPLETE_TYPE_DEFINITION.ARRAY');
    expect(parseError(() => parseDataType('decimal(39, 0)')).errorClass).toBe('DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION');
    expect(parseError(() => parseDataType('interval month to year')).errorClass).toBe('UNSUPPORTED_DATATYPE');
  });
});

describe('parseTableSchema', () => {
  test('columns with nested types, NOT NULL, backticks and comments', () => {
    const s = parseTableSchema("a INT, b STRUCT<c: STRING, d: ARRAY<INT>>, `e f` BIGINT NOT NULL COMMENT 'the e'");
    expect(s.fieldNames()).toEqual(['a', 'b', 'e f']);
    expect(s.simpleString()).toBe('struct<a:int,b:struct<c:string,d:array<int>>,e f:bigint>');
    expect(s.fields[2].nullable).toBe(false);
    expect(s.fields[2].metadata).toEqual({ comment: 'the e' });
  });

  test('keywords as column names, case kept', () => {
    expect(parseTableSchema('Count int, date date, value String').fieldNames()).toEqual(['Count', 'date', 'value']);
  });

  test.each([
    'a INT, b STRING',
    'a INT NOT NULL, b STRUCT<c: STRING, d: ARRAY<INT>>',
    '`a b` MAP<STRING, DECIMAL(10,2)>, `c``d` TIMESTAMP_NTZ, e BINARY',
    'x ARRAY<STRUCT<y: DOUBLE NOT NULL, z: BOOLEAN>>',
  ])('round trip through fieldsToDDL: %s', (ddl) => {
    const s = parseTableSchema(ddl);
    expect(s.fieldsToDDL()).toBe(ddl);
    expect(parseTableSchema(s.fieldsToDDL()).json()).toBe(s.json());
    expect(parseDataType(s.toDDL()).json()).toBe(s.json());
    // simpleString does not quote names (as in Spark), so it only round-trips plain ones.
    if (!ddl.includes('`')) expect(parseDataType(s.simpleString()).simpleString()).toBe(s.simpleString());
  });

  test('table schemas take no colon after the name', () => {
    expect(parseError(() => parseTableSchema('a: int')).messageParameters.error).toBe("':'");
  });

  test('unknown type in a schema', () => {
    const e = parseError(() => parseTableSchema('a InvalidType'));
    expect(e.rawMessage).toBe('Unsupported data type "INVALIDTYPE".');
    expect(e.startPosition).toBe(2);
  });

  test('trailing garbage', () => {
    const e = parseError(() => parseTableSchema('a int b'));
    expect(e.messageParameters).toEqual({ error: "'b'", hint: ": extra input 'b'" });
    expect(parseError(() => parseTableSchema('a int,')).messageParameters.error).toBe('end of input');
  });
});

describe('parseDataTypeOrSchema (Spark DataType.fromDDL)', () => {
  test('a type, else a schema; the type error wins when both fail', () => {
    expect(parseDataTypeOrSchema('array<int>').simpleString()).toBe('array<int>');
    expect(parseDataTypeOrSchema('a int, b string').simpleString()).toBe('struct<a:int,b:string>');
    const e = parseError(() => parseDataTypeOrSchema('a InvalidType'));
    expect(e.messageParameters).toEqual({ error: "'InvalidType'", hint: ": extra input 'InvalidType'" });
  });
});

describe('StructType.add with a type string', () => {
  test('uses parseDataType', () => {
    const s = new StructType().add('a', 'int').add('b', 'array<string>', false);
    expect(s.simpleString()).toBe('struct<a:int,b:array<string>>');
    expect(s.fields[1]).toEqual(new StructField('b', new ArrayType(new StringType()), false));
  });
});

describe('unescapeSqlString', () => {
  test.each([
    ["'plain'", 'plain'],
    ["'a\\nb'", 'a\nb'],
    ["'\\u0041\\U0001F600'", 'A\u{1F600}'],
    ["'\\101'", 'A'],
    ["'\\%\\_'", '\\%\\_'],
    ["'it''s'", "it's"],
    ['"say ""hi"""', 'say "hi"'],
    ["r'a\\b'", 'a\\b'],
    ["'trailing\\'", 'trailing\\'],
  ])('%s', (literal, value) => {
    expect(unescapeSqlString(literal)).toBe(value);
  });
});
