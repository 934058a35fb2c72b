import { SparkSession } from 'rivulet';
import {
  ArrayType, BinaryType, BooleanType, ByteType, DateType, Decimal, DecimalType, DoubleType, FloatType, IntegerType,
  LongType, MapType, PlainDate, PlainDateTime, Row, ShortType, StringType, StructField, StructType, TimestampNTZType,
  TimestampType, Timestamp,
} from 'rivulet/types';
import { record_rows } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('every-type').getOrCreate();
  const schema = StructType([
    StructField('b', ByteType()), StructField('sh', ShortType()), StructField('i', IntegerType()),
    StructField('l', LongType()), StructField('f', FloatType()), StructField('d', DoubleType()),
    StructField('dec', DecimalType(20, 4)), StructField('flag', BooleanType()), StructField('s', StringType()),
    StructField('bin', BinaryType()), StructField('day', DateType()), StructField('ts', TimestampType()),
    StructField('ntz', TimestampNTZType()), StructField('arr', ArrayType(IntegerType())),
    StructField('m', MapType(StringType(), DoubleType())),
    StructField('st', StructType([StructField('x', LongType()), StructField('y', StringType())]))]);
  const rows = [
    [-128, 32767, -2147483648, 9007199254740991, 1.5, -0.1, Decimal.fromString('1234567890123456.7891'), true, 'héllo ✓',
      Buffer.from([0x00, 0xff]), new PlainDate(2024, 2, 29), new Timestamp(Date.UTC(2024, 4, 1, 10, 0, 0, 123), 456),
      new PlainDateTime(1969, 12, 31, 23, 59, 59, 999999), [1, null, 3], { a: 0.5 }, Row({ x: -1, y: 'z' })],
    [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    [0, 0, 0, -9007199254740991, Infinity, NaN, Decimal.fromString('-0.0001'), false, '',
      Buffer.from([]), new PlainDate(1, 1, 1), new Date(Date.UTC(1900, 0, 1, 0, 0, 0)), new PlainDateTime(9999, 12, 31, 23, 59, 59),
      [], {}, Row({ x: null, y: null })],
  ];
  const df = spark.createDataFrame(rows, schema);
  await record_rows(df);
  await record_rows(df.selectExpr('cast(ts as string) as ts_text', 'cast(day as string) as day_text', 'cast(dec as string) as dec_text'));
}
