// The value mapping both ways (docs/guides/value-types.md): what each Spark type gives a user from
// collect/foreach and what createDataFrame / MemoryStream accept, with PySpark's refusal texts.
import { inspect } from 'node:util';
import type { StreamSession } from 'rivulet';
import {
  ArrayType, BinaryType, BooleanType, DateType, Decimal, DecimalType, DoubleType, IntegerType, LongType, MapType, PlainDate,
  PlainDateTime, Row, StringType, StructField, StructType, Timestamp, TimestampNTZType, TimestampType, ByteType,
} from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

let spark: StreamSession;
beforeEach(() => {
  spark = newSession({ 'spark.sql.session.timeZone': 'UTC' });
});
afterEach(() => spark.stop());

const one = (sql: string) => spark.sql(sql).collect()[0];
const S = (name: string, type: ReturnType<typeof StringType> | unknown, nullable = true) => StructType([StructField(name, type as never, nullable)]);

describe('what a user gets', () => {
  test('LONG is a number; arithmetic and JSON work', () => {
    const r = one('select count(*) as count from values (1), (2) as t(x)');
    expect(r.count).toBe(2);
    expect((r.count as number) + 1).toBe(3);
    expect(JSON.stringify(r)).toBe('{"count":2}');
  });

  test('a LONG beyond Number.MAX_SAFE_INTEGER throws instead of rounding; the conf gives bigints', () => {
    expect(() => one('select 9007199254740993L as id')).toThrow(
      '[RIVULET_LONG_NOT_SAFE_INTEGER] The BIGINT value 9007199254740993 of `id` is not a safe JavaScript integer (beyond ±9007199254740991), so it cannot be given as a number without rounding. Set the session conf "rivulet.values.longAsBigInt" to "true" to receive every BIGINT as a bigint, or cast the column to STRING or DECIMAL(20,0). SQLSTATE: 22003',
    );
    expect(one('select 9007199254740991L as id').id).toBe(9007199254740991);
    spark.conf.set('rivulet.values.longAsBigInt', true);
    expect(one('select 9007199254740993L as id, 1L as n')).toEqual({ id: 9007199254740993n, n: 1n });
    expect(JSON.stringify(one('select 9007199254740993L as id, 1L as n'))).toBe('{"id":"9007199254740993","n":1}');
  });

  test('TIMESTAMP is a Date keeping its microseconds, exact in JSON and back in', () => {
    const ts = one("select timestamp'2024-05-01 10:00:00.123456' as ts").ts as Timestamp;
    expect(ts).toBeInstanceOf(Date);
    expect(ts).toBeInstanceOf(Timestamp);
    expect(ts.getTime()).toBe(Date.UTC(2024, 4, 1, 10, 0, 0, 123));
    expect(ts.epochMicros).toBe(1714557600123456n);
    expect(ts.microsecond).toBe(123456);
    expect(JSON.stringify({ ts })).toBe('{"ts":"2024-05-01T10:00:00.123456Z"}');
    const back = spark.createDataFrame([[ts]], S('ts', TimestampType())).selectExpr('cast(ts as string) s').collect()[0].s;
    expect(back).toBe('2024-05-01 10:00:00.123456');
  });

  test('DATE and TIMESTAMP_NTZ cannot shift with a time zone', () => {
    const r = one("select date'2024-05-01' as d, timestamp_ntz'2024-05-01 23:30:00' as n");
    expect(r.d).toBeInstanceOf(PlainDate);
    expect(r.d).toEqual(new PlainDate(2024, 5, 1));
    expect(String(r.d)).toBe('2024-05-01');
    expect(r.n).toBeInstanceOf(PlainDateTime);
    expect([(r.n as PlainDateTime).day, (r.n as PlainDateTime).hour]).toEqual([1, 23]);
    expect(JSON.stringify(r)).toBe('{"d":"2024-05-01","n":"2024-05-01T23:30:00"}');
  });

  test('DECIMAL does numeric arithmetic with numbers, with exact text and JSON', () => {
    const price = one('select 2.25BD as price, 0.10BD + 0.20BD as s').price as Decimal;
    expect(price).toBeInstanceOf(Decimal);
    expect((price as unknown as number) + 1).toBe(3.25);
    expect(`${price}`).toBe('2.25');
    expect(JSON.stringify(one('select 0.10BD + 0.20BD as s'))).toBe('{"s":"0.30"}');
  });

  test('BINARY is a Buffer, ARRAY an array, MAP a Map, STRUCT a Row, at every depth', () => {
    const r = one("select X'0102' as b, array(1, 2) as a, map('k', timestamp'2024-01-01 00:00:00') as m, named_struct('x', 1L, 'd', date'2024-01-02') as s");
    expect(Buffer.isBuffer(r.b)).toBe(true);
    expect([...(r.b as Buffer)]).toEqual([1, 2]);
    expect(r.a).toEqual([1, 2]);
    expect((r.m as Map<string, unknown>).get('k')).toBeInstanceOf(Timestamp);
    expect(r.s).toBeInstanceOf(Row);
    expect((r.s as Row).x).toBe(1);
    expect((r.s as Row).d).toEqual(new PlainDate(2024, 1, 2));
    expect(JSON.stringify(r)).toBe('{"b":"AQI=","a":[1,2],"m":{"k":"2024-01-01T00:00:00.000000Z"},"s":{"x":1,"d":"2024-01-02"}}');
  });

  test('the same mapping in take, head, first, toLocalIterator, df.rdd, foreachBatch and the memory sink', async () => {
    const sql = "select 2L as l, 2.50BD as d, date'2024-05-01' as day, timestamp'2024-05-01 10:00:00.123456' as ts, X'01' as b, map('k', 1) as m, named_struct('x', 1) as s";
    const df = spark.sql(sql);
    const expected = df.collect()[0];
    const check = (r: Row | null | undefined): void => {
      expect(typeof r!.l).toBe('number');
      expect(r!.d).toBeInstanceOf(Decimal);
      expect(r!.day).toBeInstanceOf(PlainDate);
      expect(r!.ts).toBeInstanceOf(Timestamp);
      expect(Buffer.isBuffer(r!.b)).toBe(true);
      expect(r!.m).toBeInstanceOf(Map);
      expect(r!.s).toBeInstanceOf(Row);
      expect(JSON.stringify(r)).toBe(JSON.stringify(expected));
    };
    check(expected);
    check(df.take(1)[0]);
    check(df.head());
    check(df.head(1)[0]);
    check(df.tail(1)[0]);
    check(df.first());
    check([...df.toLocalIterator()][0]);
    check(df.rdd.collect()[0] as Row);
    const input = new MemoryStream(df.schema, spark);
    const fromBatch: Row[] = [];
    const q1 = input.toDF().writeStream.foreachBatch((batch) => { fromBatch.push(...batch.collect()); }).start();
    const q2 = input.toDF().writeStream.format('memory').queryName('values_table').start();
    input.addData(expected);
    await q1.processAllAvailable();
    await q2.processAllAvailable();
    await q1.stop();
    await q2.stop();
    check(fromBatch[0]);
    check(spark.table('values_table').collect()[0]);
    check(spark.sql('select * from values_table').first());
  });

  test('foreach gets the same values as collect', async () => {
    const input = new MemoryStream(StructType([StructField('ts', TimestampType()), StructField('n', LongType())]), spark);
    const seen: Row[] = [];
    const q = input.toDF().writeStream.foreach((row) => { seen.push(row); }).start();
    input.addData({ ts: new Date(Date.UTC(2024, 0, 1)), n: 5 });
    await q.processAllAvailable();
    await q.stop();
    expect(seen).toHaveLength(1);
    expect(seen[0].ts).toBeInstanceOf(Timestamp);
    expect(seen[0].n).toBe(5);
  });
});

describe('TypeScript types for collected rows', () => {
  test('collect<T>() types fields so arithmetic needs no cast', () => {
    const df = spark.createDataFrame([['spark', 2]], ['word', 'count']);
    const rows = df.collect<{ word: string; count: number }>();
    const next: number = rows[0].count + 1; // compiles without a cast (tsc checks tests)
    const word: string = rows[0].word.toUpperCase();
    expect([next, word]).toEqual([3, 'SPARK']);
    expect(df.first<{ count: number }>()!.count * 2).toBe(4);
    expect([...df.toLocalIterator<{ word: string }>()].map((r) => r.word)).toEqual(['spark']);
  });
});

describe('Row and DataFrame as PySpark shows them', () => {
  test('inspect and toString', () => {
    const df = spark.createDataFrame([['spark', 2]], ['word', 'count']);
    expect(inspect(df)).toBe('DataFrame[word: string, count: bigint]');
    expect(inspect(df.collect()[0])).toBe("Row(word='spark', count=2)");
    expect(String(Row({ name: 'x', age: 1 }))).toBe("Row(name='x', age=1)");
    expect(inspect(Row('x', 1))).toBe("<Row('x', 1)>");
    expect(JSON.stringify([Row({ a: 1 }), Row('x', 1)])).toBe('[{"a":1},["x",1]]');
  });

  test('console.log(query.lastProgress) shows its pretty JSON, as PySpark prints it', async () => {
    const input = new MemoryStream(StringType(), spark);
    const q = input.toDF().writeStream.format('noop').start();
    input.addData('a');
    await q.processAllAvailable();
    await q.stop();
    const progress = q.lastProgress!;
    expect(inspect(progress)).toBe(progress.prettyJson());
    expect(inspect(progress)).toMatch(/^\{\n {2}"id" : "[0-9a-f-]{36}",\n/);
    expect(inspect(progress.sources[0])).toBe(progress.sources[0].prettyJson());
    expect(JSON.parse(JSON.stringify(progress)).numInputRows).toBe(1);
  });

  test('field names never change a prototype or shadow a method', () => {
    const data = JSON.parse('[{"__proto__": "p", "constructor": "c", "asDict": "d", "ok": 1}]') as unknown[];
    const row = spark.createDataFrame(data, StructType([StructField('__proto__', StringType()), StructField('constructor', StringType()), StructField('asDict', StringType()), StructField('ok', LongType())])).collect()[0];
    expect(Object.getPrototypeOf(row)).toBe(Object.getPrototypeOf(Row({})));
    expect(typeof row.asDict).toBe('function');
    expect(row.ok).toBe(1);
    const dict = row.asDict();
    expect(Object.getPrototypeOf(dict)).toBe(Object.prototype);
    expect(Object.keys(dict)).toEqual(['__proto__', 'constructor', 'asDict', 'ok']);
    expect(JSON.stringify(row)).toBe('{"__proto__":"p","constructor":"c","asDict":"d","ok":1}');
  });
});

describe('what goes in is checked at the boundary, with PySpark\'s texts', () => {
  const refused = (schema: StructType, value: unknown) => () => spark.createDataFrame([[value]], schema);

  test.each([
    ['a string in a TIMESTAMP column', S('ts', TimestampType()), '2024-05-01 10:00:00', "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field ts: TimestampType() can not accept object '2024-05-01 10:00:00' in type string."],
    ['a number in a TIMESTAMP column', S('ts', TimestampType()), 5, '[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field ts: TimestampType() can not accept object 5 in type number.'],
    ['2.7 in an INT column', S('x', IntegerType()), 2.7, '[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x: IntegerType() can not accept object 2.7 in type number.'],
    ['a string in an INT column', S('x', IntegerType()), 'a', "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x: IntegerType() can not accept object 'a' in type string."],
    ['a number in a DECIMAL column', S('x', DecimalType(10, 2)), 1.5, '[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x: DecimalType(10,2) can not accept object 1.5 in type number.'],
    ['a string in a DATE column', S('x', DateType()), '2024-05-01', "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x: DateType() can not accept object '2024-05-01' in type string."],
    ['a number in a BOOLEAN column', S('x', BooleanType()), 1, '[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x: BooleanType() can not accept object 1 in type number.'],
    ['a string in a BINARY column', S('x', BinaryType()), 'ab', "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x: BinaryType() can not accept object 'ab' in type string."],
    ['a Date in a TIMESTAMP_NTZ column', S('x', TimestampNTZType()), new Date(0), '[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x: TimestampNTZType() can not accept object 1970-01-01T00:00:00.000Z in type Date.'],
    ['an array element', S('x', ArrayType(IntegerType())), [1, 'a'], "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] element in array field x: IntegerType() can not accept object 'a' in type string."],
    ['a map value', S('x', MapType(StringType(), IntegerType())), { a: 'b' }, "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] value of map field x: IntegerType() can not accept object 'b' in type string."],
    ['a struct field', S('x', StructType([StructField('y', IntegerType())])), ['a'], "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field y in field x: IntegerType() can not accept object 'a' in type string."],
    ['an INT out of range', S('x', IntegerType()), 2 ** 31, '[VALUE_OUT_OF_BOUNDS] Value for `obj` must be between -2147483648 and 2147483647 (inclusive), got 2147483648'],
    ['a BYTE out of range', S('x', ByteType()), 200, '[VALUE_OUT_OF_BOUNDS] Value for `obj` must be between -128 and 127 (inclusive), got 200'],
    ['a LONG out of range', S('x', LongType()), 2n ** 63n, '[VALUE_OUT_OF_BOUNDS] Value for `obj` must be between -9223372036854775808 and 9223372036854775807 (inclusive), got 9223372036854775808'],
    ['null in a non-nullable field', S('x', IntegerType(), false), null, '[FIELD_NOT_NULLABLE_WITH_NAME] field x: This field is not nullable, but got None.'],
  ])('%s', (_what, schema, value, message) => {
    expect(refused(schema, value)).toThrow(message);
  });

  test('a row of the wrong length', () => {
    expect(() => spark.createDataFrame([[1, 2]], S('x', IntegerType()))).toThrow('[FIELD_STRUCT_LENGTH_MISMATCH] Length of object (2) does not match with length of fields (1).');
  });

  test('MemoryStream.addData checks before any query runs', () => {
    const input = new MemoryStream(S('ts', TimestampType()), spark);
    expect(() => input.addData({ ts: '2024-05-01 10:00:00' })).toThrow("[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field ts: TimestampType() can not accept object '2024-05-01 10:00:00' in type string.");
  });

  test('accepted values round-trip', () => {
    const schema = StructType([
      StructField('l', LongType()), StructField('d', DoubleType()), StructField('dec', DecimalType(10, 2)), StructField('day', DateType()),
      StructField('ntz', TimestampNTZType()), StructField('b', BinaryType()), StructField('m', MapType(StringType(), LongType())),
    ]);
    const r = spark.createDataFrame([{ l: 7n, d: 1, dec: Decimal.fromString('1.5'), day: new PlainDate(2024, 2, 29), ntz: new PlainDateTime(2024, 5, 1, 10), b: Buffer.from([9]), m: { k: 1 } }], schema).collect()[0];
    expect(r.asDict()).toEqual({ l: 7, d: 1, dec: Decimal.fromString('1.50'), day: new PlainDate(2024, 2, 29), ntz: new PlainDateTime(2024, 5, 1, 10), b: Buffer.from([9]), m: new Map([['k', 1]]) });
    expect(String(r.dec)).toBe('1.50');
  });

  test('schema inference follows PySpark: all rows merge; nothing to infer is refused', () => {
    // Plain objects are PySpark's dicts: keys sorted, merged over every row (a missing key is null).
    expect(spark.createDataFrame([{ b: 1, a: 'x', t: new Date(0), d: new PlainDate(2024, 1, 1) }]).schema.simpleString()).toBe('struct<a:string,b:bigint,d:date,t:timestamp>');
    const sparse = spark.createDataFrame([{ a: 1 }, { b: 'x' }]);
    expect(sparse.schema.simpleString()).toBe('struct<a:bigint,b:string>');
    expect(sparse.collect().map(String)).toEqual(['Row(a=1, b=None)', "Row(a=None, b='x')"]);
    // Rows keep their fields' order, as PySpark's Row(**kwargs) since 3.0.
    expect(spark.createDataFrame([Row({ b: 1, a: 'x' })]).schema.simpleString()).toBe('struct<b:bigint,a:string>');
    expect(spark.createDataFrame([[1], ['a']], ['x']).schema.simpleString()).toBe('struct<x:string>');
    expect(() => spark.createDataFrame([[true], [1]], ['x'])).toThrow('[CANNOT_MERGE_TYPE] Can not merge type `BooleanType` and `LongType`.');
    expect(() => spark.createDataFrame([[[]]], ['x'])).toThrow('[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring.');
    expect(spark.createDataFrame([[Row({ a: 1 }), { k: 1 }, Buffer.from('a'), Decimal.fromString('1.5')]], ['r', 'm', 'b', 'd']).schema.simpleString())
      .toBe('struct<r:struct<a:bigint>,m:map<string,bigint>,b:binary,d:decimal(38,18)>');
    expect(spark.createDataFrame([[1], [1.5]], ['x']).schema.simpleString()).toBe('struct<x:double>');
    expect(spark.createDataFrame([[null], [2]], ['x']).schema.simpleString()).toBe('struct<x:bigint>');
    expect(() => spark.createDataFrame([[null]], ['x'])).toThrow('[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring.');
    expect(() => spark.createDataFrame([[Symbol('s')]], ['x'])).toThrow('[CANNOT_INFER_TYPE_FOR_FIELD] Unable to infer the type of the field `x`.');
  });
});
