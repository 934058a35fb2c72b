// spark.connect.DataType (the schema a server sends with results) -> Rivulet's DataType.
import { ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, CharType, DataType, DataTypes, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, MapType, NullType, ShortType, StringType, TimestampNTZType, TimestampType, VarcharType } from '../types/data-types';
import { DayTimeIntervalType, YearMonthIntervalType } from '../types/interval-types';
import { StructField, StructType } from '../types/struct-type';
import { SparkException } from '../errors/spark-exception';
import type { DataType as ProtoDataType } from './gen/spark/connect/types_pb';

export function dataTypeFromProto(t: ProtoDataType): DataType {
  const k = t.kind;
  switch (k.case) {
    case 'null': return NullType();
    case 'binary': return BinaryType();
    case 'boolean': return BooleanType();
    case 'byte': return ByteType();
    case 'short': return ShortType();
    case 'integer': return IntegerType();
    case 'long': return LongType();
    case 'float': return FloatType();
    case 'double': return DoubleType();
    case 'decimal': return DecimalType(k.value.precision ?? 10, k.value.scale ?? 0);
    case 'string': return StringType();
    case 'char': return CharType(k.value.length);
    case 'varChar': return VarcharType(k.value.length);
    case 'date': return DateType();
    case 'timestamp': return TimestampType();
    case 'timestampNtz': return TimestampNTZType();
    case 'calendarInterval': return CalendarIntervalType();
    case 'yearMonthInterval': return YearMonthIntervalType(k.value.startField ?? null, k.value.endField ?? null);
    case 'dayTimeInterval': return DayTimeIntervalType(k.value.startField ?? null, k.value.endField ?? null);
    case 'array': return ArrayType(dataTypeFromProto(required(k.value.elementType)), k.value.containsNull);
    case 'map': return MapType(dataTypeFromProto(required(k.value.keyType)), dataTypeFromProto(required(k.value.valueType)), k.value.valueContainsNull);
    case 'struct': return structFromProto(k.value.fields);
    case 'udt': {
      if (k.value.sqlType) return dataTypeFromProto(k.value.sqlType);
      break;
    }
    default:
      break;
  }
  throw new SparkException(`Remote mode cannot read values of the Spark type \`${k.case ?? 'unknown'}\` yet; cast the column (for example to STRING) in the query.`, {
    errorClass: 'RIVULET_CONNECT_UNSUPPORTED_TYPE',
    messageParameters: { type: String(k.case) },
  });
}

export function structFromProto(fields: readonly { name: string; dataType?: ProtoDataType; nullable: boolean; metadata?: string }[]): StructType {
  return StructType(fields.map((f) => StructField(f.name, dataTypeFromProto(required(f.dataType)), f.nullable, f.metadata ? (JSON.parse(f.metadata) as Record<string, unknown>) : {})));
}

function required(t: ProtoDataType | undefined): ProtoDataType {
  if (!t) throw new SparkException('The server sent a schema without a data type (a bug in the server or client).', { errorClass: 'INTERNAL_ERROR' });
  return t;
}

export { DataTypes };
