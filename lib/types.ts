/**
 * `pyspark.sql.types`: data types, `StructType`/`StructField`, `Row` and the value classes.
 *
 * @packageDocumentation
 * @module rivulet/types
 */
// "rivulet/types" = pyspark.sql.types.
export {
  DataType,
  AtomicType,
  NumericType,
  IntegralType,
  FractionalType,
  NullType,
  StringType,
  BinaryType,
  BooleanType,
  ByteType,
  ShortType,
  IntegerType,
  LongType,
  FloatType,
  DoubleType,
  DecimalType,
  DateType,
  TimestampType,
  TimestampNTZType,
  CalendarIntervalType,
  CharType,
  VarcharType,
  ArrayType,
  MapType,
  DataTypes,
} from './types/data-types';
export type { CalendarInterval } from './types/data-types';
export { AnsiIntervalType, YearMonthIntervalType, DayTimeIntervalType } from './types/interval-types';
export { StructType, StructField } from './types/struct-type';
export { Decimal } from './types/decimal';
export type { RoundingMode } from './types/decimal';
export { Row } from './types/row';
export { Timestamp } from './types/timestamp-value';
export { PlainDate } from './types/plain-date';
export { PlainDateTime } from './types/plain-date-time';
export { parseDataType as _parse_datatype_string, parseTableSchema } from './types/ddl';
