// pyspark.sql.types: names, reprs, JSON and DDL round trips, printSchema trees.
import {
  ArrayType,
  BinaryType,
  BooleanType,
  CalendarIntervalType,
  CharType,
  DataType,
  DateType,
  DecimalType,
  DoubleType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  StringType,
  TimestampNTZType,
  TimestampType,
  VarcharType,
} from '../../lib/types/data-types';
import { DayTimeIntervalType, YearMonthIntervalType } from '../../lib/types/interval-types';
import { StructField, StructType } from '../../lib/types/struct-type';
import { parseDataType, parseTableSchema } from '../../lib/types/ddl';
import { parseDataTypeJson } from '../../lib/types/data-type-json';
import { SparkException } from '../../lib/errors/spark-exception';

const nested = (): StructType =>
  StructType([
    StructField('id', LongType(), false),
    StructField('name', StringType()),
    StructField('price', DecimalType(10, 2)),
    StructField('tags', ArrayType(StringType())), // DDL cannot say containsNull = false
    StructField('attrs', MapType(StringType(), ArrayType(IntegerType()))),
    StructField(
      'address',
      StructType([StructField('city', StringType(), true, { comment: "it's here" }), StructField('geo', StructType([StructField('lat', DoubleType()), StructField('lon', DoubleType())]))]),
    ),
    StructField('at', TimestampType()),
    StructField('local', TimestampNTZType()),
    StructField('day', DateType()),
    StructField('raw', BinaryType()),
    StructField('ok', BooleanType()),
    StructField('ym', YearMonthIntervalType()),
    StructField('dt', DayTimeIntervalType(DayTimeIntervalType.HOUR, DayTimeIntervalType.SECOND)),
    StructField('`odd name`', IntegerType()),
  ]);

describe('ANSI interval types', () => {
  test('fields, names and defaults as Spark', () => {
    expect(YearMonthIntervalType().simpleString()).toBe('interval year to month');
    expect(YearMonthIntervalType(YearMonthIntervalType.YEAR).simpleString()).toBe('interval year');
    expect(YearMonthIntervalType(1, 1).typeName()).toBe('interval month');
    expect(DayTimeIntervalType().simpleString()).toBe('interval day to second');
    expect(new DayTimeIntervalType(DayTimeIntervalType.HOUR, DayTimeIntervalType.MINUTE).simpleString()).toBe('interval hour to minute');
    expect(DayTimeIntervalType(3).toDDL()).toBe('INTERVAL SECOND');
    expect(DayTimeIntervalType().toDDL()).toBe('INTERVAL DAY TO SECOND');
    expect(String(DayTimeIntervalType())).toBe('DayTimeIntervalType(0, 3)');
    expect(String(YearMonthIntervalType())).toBe('YearMonthIntervalType(0, 1)');
    expect(DayTimeIntervalType().equals(DayTimeIntervalType(0, 3))).toBe(true);
    expect(DayTimeIntervalType().equals(DayTimeIntervalType(0, 2))).toBe(false);
    expect(() => DayTimeIntervalType(3, 1)).toThrow();
  });

  test('DDL parses every field combination', () => {
    expect(parseDataType('interval year to month')).toBeInstanceOf(YearMonthIntervalType);
    expect(parseDataType('INTERVAL MONTH').simpleString()).toBe('interval month');
    expect(parseDataType('interval day to hour').simpleString()).toBe('interval day to hour');
    expect(parseDataType('interval minute to second').simpleString()).toBe('interval minute to second');
    expect(parseDataType('interval second').simpleString()).toBe('interval second');
    expect(parseDataType('interval')).toBeInstanceOf(CalendarIntervalType);
  });
});

describe('char and varchar', () => {
  test('names and JSON', () => {
    expect(CharType(5).simpleString()).toBe('char(5)');
    expect(VarcharType(10).json()).toBe('"varchar(10)"');
    expect(String(CharType(3))).toBe('CharType(3)');
    expect(DataType.fromJson('char(4)')).toEqual(CharType(4));
    // Spark maps CHAR/VARCHAR in schemas to STRING outside table metadata.
    expect(parseDataType('varchar(10)')).toBeInstanceOf(StringType);
  });
});

describe('reprs follow PySpark', () => {
  test('toString', () => {
    expect(String(DecimalType(10, 2))).toBe('DecimalType(10,2)');
    expect(String(ArrayType(StringType()))).toBe('ArrayType(StringType(), True)');
    expect(String(MapType(StringType(), LongType(), false))).toBe('MapType(StringType(), LongType(), False)');
    expect(String(StructType([StructField('a', IntegerType())]))).toBe("StructType([StructField('a', IntegerType(), True)])");
  });
});

describe('JSON', () => {
  test('Spark key order and forms', () => {
    expect(StructType([StructField('a', IntegerType())]).json()).toBe('{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{}}]}');
    expect(ArrayType(StringType()).json()).toBe('{"type":"array","elementType":"string","containsNull":true}');
    expect(MapType(StringType(), IntegerType(), false).json()).toBe('{"type":"map","keyType":"string","valueType":"integer","valueContainsNull":false}');
    expect(DecimalType(10, 2).json()).toBe('"decimal(10,2)"');
    expect(NullType().json()).toBe('"void"');
    expect(DayTimeIntervalType().json()).toBe('"interval day to second"');
  });

  test('round trip of a nested schema', () => {
    const s = nested();
    const back = StructType.fromJson(JSON.parse(s.json()));
    expect(back.json()).toBe(s.json());
    expect(back).toBeInstanceOf(StructType);
    expect(StructType.fromJson(s.json()).json()).toBe(s.json());
    expect(DataType.fromJson(s.jsonValue()).json()).toBe(s.json());
    expect(DataType.parseJson(s.json()).equals(s)).toBe(true);
    expect(parseDataTypeJson(s.json()).simpleString()).toBe(s.simpleString());
    expect(StructField.fromJson({ name: 'x', type: 'long', nullable: false }).toString()).toBe("StructField('x', LongType(), False)");
  });

  test('every atomic name reads back', () => {
    for (const name of ['string', 'binary', 'boolean', 'byte', 'short', 'integer', 'long', 'float', 'double', 'date', 'timestamp', 'timestamp_ntz', 'interval', 'void', 'interval year', 'interval hour to second']) {
      expect(DataType.fromJson(name).typeName()).toBe(name);
    }
    expect(DataType.fromJson('null')).toBeInstanceOf(NullType);
    expect(DataType.fromJson('decimal(5, 1)').simpleString()).toBe('decimal(5,1)');
    expect(DataType.fromJson('decimal').simpleString()).toBe('decimal(10,0)');
  });

  test('bad JSON types: INVALID_JSON_DATA_TYPE', () => {
    let err: unknown;
    try {
      DataType.fromJson('nosuchtype');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SparkException);
    expect((err as SparkException).errorClass).toBe('INVALID_JSON_DATA_TYPE');
    expect((err as SparkException).message).toBe("[INVALID_JSON_DATA_TYPE] Failed to convert the JSON string 'nosuchtype' to a data type. Please enter a valid data type. SQLSTATE: 2203G");
    expect(() => DataType.fromJson({ type: 'array' })).toThrow(SparkException);
  });

  test('a malformed field and malformed JSON text are INVALID_JSON_DATA_TYPE too (as Spark 4.2), never a raw SyntaxError', () => {
    expect(() => DataType.fromJson({ type: 'struct', fields: [{ x: 1 }] })).toThrow(
      `[INVALID_JSON_DATA_TYPE] Failed to convert the JSON string '{"x":1}' to a data type. Please enter a valid data type. SQLSTATE: 2203G`,
    );
    expect(() => StructType.fromJson('{bad')).toThrow(
      "[INVALID_JSON_DATA_TYPE] Failed to convert the JSON string '{bad' to a data type. Please enter a valid data type. SQLSTATE: 2203G",
    );
    expect(() => DataType.parseJson('{bad')).toThrow(SparkException);
  });
});

describe('DDL', () => {
  test('round trip of a nested schema through fieldsToDDL and toDDL', () => {
    const s = nested();
    expect(parseTableSchema(s.fieldsToDDL()).json()).toBe(s.json());
    expect(parseDataType(s.toDDL()).json()).toBe(s.json());
    expect(StructType.fromDDL(s.fieldsToDDL()).json()).toBe(s.json());
    expect(s.fieldsToDDL()).toContain("city: STRING COMMENT 'it\\'s here'");
    expect(s.fieldsToDDL()).toContain('```odd name``` INT');
  });

  test('DataType.fromDDL: a type or a table schema', () => {
    expect(DataType.fromDDL('array<int>').simpleString()).toBe('array<int>');
    expect(DataType.fromDDL('a INT, b STRING').simpleString()).toBe('struct<a:int,b:string>');
  });

  test('StructType builder API', () => {
    const s = StructType().add('a', IntegerType()).add('b', 'array<string>', false).add(StructField('c', DateType()));
    expect(s.fieldNames()).toEqual(['a', 'b', 'c']);
    expect(s.simpleString()).toBe('struct<a:int,b:array<string>,c:date>');
    expect(s.field('b').nullable).toBe(false);
  });
});

describe('printSchema tree', () => {
  test('nested structs, arrays, maps and intervals', () => {
    const s = StructType([
      StructField('a', StructType([StructField('b', ArrayType(StructType([StructField('c', IntegerType())]), false))])),
      StructField('m', MapType(StringType(), DecimalType(5, 2), false), false),
      StructField('d', DayTimeIntervalType()),
    ]);
    expect(s.treeString()).toBe(
      [
        'root',
        ' |-- a: struct (nullable = true)',
        ' |    |-- b: array (nullable = true)',
        ' |    |    |-- element: struct (containsNull = false)',
        ' |    |    |    |-- c: integer (nullable = true)',
        ' |-- m: map (nullable = false)',
        ' |    |-- key: string',
        ' |    |-- value: decimal(5,2) (valueContainsNull = false)',
        ' |-- d: interval day to second (nullable = true)',
        '',
      ].join('\n'),
    );
    expect(s.treeString(1)).toBe(['root', ' |-- a: struct (nullable = true)', ' |-- m: map (nullable = false)', ' |-- d: interval day to second (nullable = true)', ''].join('\n'));
  });
});
