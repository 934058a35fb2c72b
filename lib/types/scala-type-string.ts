// A data type as Scala's toString prints it, for messages Spark builds with string interpolation
// (`ArrayType(IntegerType,true)`, `StringType`), not PySpark's repr.
import { ArrayType, MapType, type DataType } from './data-types';
import { StructType } from './struct-type';

/** A type as Scala's toString prints it (Spark's message shows `ArrayType(IntegerType,true)`). */
export function scalaTypeString(t: DataType): string {
  if (t instanceof ArrayType) return `ArrayType(${scalaTypeString(t.elementType)},${t.containsNull})`;
  if (t instanceof MapType) return `MapType(${scalaTypeString(t.keyType)},${scalaTypeString(t.valueType)},${t.valueContainsNull})`;
  if (t instanceof StructType) return `StructType(${t.fields.map((f) => `StructField(${f.name},${scalaTypeString(f.dataType)},${f.nullable})`).join(',')})`;
  return t.constructor.name.replace(/Impl$/, '');
}
