// Spark's implicit type coercion: the common type of two or more types (CASE/IF/COALESCE/IN,
// set operations), the type both sides of a comparison are cast to, and implicit casts of a
// function argument to the type it expects. Two rule sets exist, as in Spark: ANSI
// (AnsiTypeCoercion, `spark.sql.ansi.enabled=true`, the default) and legacy (TypeCoercion).
//   ANSI:   a string next to an integral type becomes BIGINT, next to a fractional one DOUBLE,
//           next to any other atomic type that type; strings never absorb other types.
//   legacy: strings absorb other atomic types (coalesce(1, 'a') is STRING); comparisons cast the
//           string to the other side's type (decimal with scale > 0: DOUBLE).
import { DataType, DataTypes, DecimalType, IntegralType, FractionalType, NumericType, ArrayType, MapType } from '../types/data-types';
import { AnsiIntervalType } from '../types/interval-types';
import { StructType, StructField } from '../types/struct-type';
import { AnalysisException } from '../errors/analysis-exception';
import { quoteIdentifier } from '../errors/query-compilation-errors';
import type { Expression } from './expression';
import { implicitCast, isAtomic, isBinary, isBoolean, isDatetime, isNull, isNumeric, isString, sameType, typeSql } from './type-utils';

/** Spark's `UpCastRule.numericPrecedence`. */
import { decimalForType } from '../types/decimal-precision';

const NUMERIC_PRECEDENCE = ['byte', 'short', 'integer', 'long', 'float', 'double'];

const MAX_PRECISION = 38;

/** Spark's `DecimalType.forType` (one definition, in the types layer). */
export { decimalForType };

/** Spark's `DecimalPrecision.widerDecimalType`: enough integer digits and scale for both. */
export function widerDecimalType(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return boundedDecimal(range + scale, scale);
}

function boundedDecimal(precision: number, scale: number): DecimalType {
  return new DecimalType(Math.min(precision, MAX_PRECISION), Math.min(scale, MAX_PRECISION));
}

function decimalIsWiderThan(d: DecimalType, t: DataType): boolean {
  const other = t instanceof DecimalType ? t : t instanceof IntegralType ? decimalForType(t) : undefined;
  return other !== undefined && d.precision - d.scale >= other.precision - other.scale && d.scale >= other.scale;
}

function isDecimal(t: DataType): t is DecimalType {
  return t instanceof DecimalType;
}

function isFractionalNonDecimal(t: DataType): boolean {
  return t instanceof FractionalType && !(t instanceof DecimalType);
}

/** Spark's `findWiderDateTimeType`: DATE < TIMESTAMP_NTZ < TIMESTAMP. */
function widerDatetimeType(a: DataType, b: DataType): DataType {
  const rank = (t: DataType) => ['date', 'timestamp_ntz', 'timestamp'].indexOf(t.typeName());
  return rank(a) >= rank(b) ? a : b;
}

/** Spark's `findTypeForComplex`: arrays, maps and structs element-wise with `find`. */
function findTypeForComplex(a: DataType, b: DataType, find: (x: DataType, y: DataType) => DataType | undefined): DataType | undefined {
  if (a instanceof ArrayType && b instanceof ArrayType) {
    const et = find(a.elementType, b.elementType);
    return et === undefined ? undefined : new ArrayType(et, a.containsNull || b.containsNull);
  }
  if (a instanceof MapType && b instanceof MapType) {
    const kt = find(a.keyType, b.keyType);
    const vt = kt === undefined ? undefined : find(a.valueType, b.valueType);
    return kt === undefined || vt === undefined ? undefined : new MapType(kt, vt, a.valueContainsNull || b.valueContainsNull);
  }
  if (a instanceof StructType && b instanceof StructType && a.fields.length === b.fields.length) {
    const fields: StructField[] = [];
    for (let i = 0; i < a.fields.length; i++) {
      const fa = a.fields[i];
      const fb = b.fields[i];
      if (fa.name.toLowerCase() !== fb.name.toLowerCase()) return undefined;
      const t = find(fa.dataType, fb.dataType);
      if (t === undefined) return undefined;
      fields.push(new StructField(fa.name, t, fa.nullable || fb.nullable));
    }
    return new StructType(fields);
  }
  return undefined;
}

/** Spark's `findTightestCommonType`: widening without precision loss (no strings involved). */
export function findTightestCommonType(a: DataType, b: DataType, ansi: boolean): DataType | undefined {
  if (sameType(a, b)) return a.equals(b) ? a : findTypeForComplex(a, b, (x, y) => findTightestCommonType(x, y, ansi)) ?? a;
  if (isNull(a)) return b;
  if (isNull(b)) return a;
  if (isString(a) && isString(b)) return DataTypes.StringType;
  if (b instanceof IntegralType && isDecimal(a) && decimalIsWiderThan(a, b)) return a;
  if (a instanceof IntegralType && isDecimal(b) && decimalIsWiderThan(b, a)) return b;
  if (a instanceof NumericType && b instanceof NumericType && !isDecimal(a) && !isDecimal(b)) {
    const wider = NUMERIC_PRECEDENCE.indexOf(a.typeName()) >= NUMERIC_PRECEDENCE.indexOf(b.typeName()) ? a : b;
    // ANSI: integral with FLOAT is DOUBLE, so no integral value loses precision.
    if (ansi && wider.typeName() === 'float' && a.typeName() !== b.typeName()) return DataTypes.DoubleType;
    return wider;
  }
  if (isDatetime(a) && isDatetime(b)) return widerDatetimeType(a, b);
  if (a instanceof AnsiIntervalType && b instanceof AnsiIntervalType && a.constructor === b.constructor) {
    const Ctor = a.constructor as new (s: number, e: number) => DataType;
    return new Ctor(Math.min(a.startField, b.startField), Math.max(a.endField, b.endField));
  }
  return findTypeForComplex(a, b, (x, y) => findTightestCommonType(x, y, ansi));
}

/** Spark's `findWiderTypeForDecimal`. */
function findWiderTypeForDecimal(a: DataType, b: DataType): DataType | undefined {
  if (isDecimal(a) && isDecimal(b)) return widerDecimalType(a, b);
  if (a instanceof IntegralType && isDecimal(b)) return widerDecimalType(decimalForType(a)!, b);
  if (isDecimal(a) && b instanceof IntegralType) return widerDecimalType(decimalForType(b)!, a);
  if ((isFractionalNonDecimal(a) && isDecimal(b)) || (isDecimal(a) && isFractionalNonDecimal(b))) return DataTypes.DoubleType;
  return undefined;
}

/**
 * ANSI string promotion (`AnsiStringPromotionTypeCoercion.findWiderTypeForString`): the type a
 * string is promoted to next to another type in a binary operator, CASE, COALESCE...
 */
export function ansiStringPromotion(a: DataType, b: DataType): DataType | undefined {
  if (isString(a) && !isString(b)) {
    if (b instanceof IntegralType) return DataTypes.LongType;
    if (b instanceof FractionalType) return DataTypes.DoubleType;
    if (isNull(b)) return DataTypes.StringType;
    if (b instanceof AnsiIntervalType) return undefined;
    if (isAtomic(b)) return b;
    return undefined;
  }
  if (isString(b) && !isString(a)) return ansiStringPromotion(b, a);
  return undefined;
}

/** Legacy `stringPromotion`: strings absorb every atomic type except BINARY and BOOLEAN. */
function legacyStringPromotion(a: DataType, b: DataType): DataType | undefined {
  if (isString(a) && isAtomic(b) && !isBinary(b) && !isBoolean(b)) return DataTypes.StringType;
  if (isString(b) && isAtomic(a) && !isBinary(a) && !isBoolean(a)) return DataTypes.StringType;
  return undefined;
}

/** Spark's `findWiderTypeForTwo` (the wider type of two, allowing precision loss), or undefined. */
export function findWiderType(a: DataType, b: DataType, ansi: boolean): DataType | undefined {
  return (
    findTightestCommonType(a, b, ansi) ??
    findWiderTypeForDecimal(a, b) ??
    (ansi ? ansiStringPromotion(a, b) : legacyStringPromotion(a, b)) ??
    findTypeForComplex(a, b, (x, y) => findWiderType(x, y, ansi))
  );
}

function hasStringType(t: DataType): boolean {
  return isString(t) || (t instanceof ArrayType && hasStringType(t.elementType));
}

/**
 * Spark's `findWiderCommonType`: the common type of CASE branches, COALESCE, IN lists... The
 * legacy rules fold string types first so that (TIMESTAMP, INT, STRING) is STRING.
 */
export function findCommonType(types: readonly DataType[], ansi: boolean): DataType | undefined {
  let ordered: readonly DataType[] = types;
  if (!ansi) {
    const strings = types.filter(hasStringType).filter((t, i, all) => all.findIndex((o) => o.equals(t)) === i);
    ordered = [...strings, ...types.filter((t) => !hasStringType(t))];
  }
  let result: DataType | undefined = DataTypes.NullType;
  for (const t of ordered) {
    result = findWiderType(result, t, ansi);
    if (result === undefined) return undefined;
  }
  return result;
}

/** True when every type is the same, ignoring nullability (Spark's `haveSameType`). */
export function haveSameType(types: readonly DataType[]): boolean {
  return types.every((t) => sameType(t, types[0]));
}

/** Legacy `findCommonTypeForBinaryComparison`: string against date/timestamp/numbers... */
function legacyComparisonType(a: DataType, b: DataType): DataType | undefined {
  const an = a.typeName();
  const bn = b.typeName();
  if (isString(a) && (bn === 'date' || bn === 'timestamp')) return b;
  if (isString(b) && (an === 'date' || an === 'timestamp')) return a;
  if (isString(a) && isNull(b)) return a;
  if (isString(b) && isNull(a)) return b;
  if ((an === 'timestamp' && bn === 'date') || (an === 'date' && bn === 'timestamp')) return DataTypes.TimestampType;
  // No decimal type holds every string; Spark compares such pairs as doubles (SPARK-22469).
  if ((isDecimal(a) && a.scale > 0 && isString(b)) || (isDecimal(b) && b.scale > 0 && isString(a))) return DataTypes.DoubleType;
  const promotable = (t: DataType) => isAtomic(t) && !isString(t) && !(t instanceof AnsiIntervalType);
  if (isString(a) && promotable(b)) return b;
  if (isString(b) && promotable(a)) return a;
  return undefined;
}

/**
 * The type both operands of a comparison (`=`, `<`, `<=>`...) are cast to, or undefined when the
 * operands cannot be compared. `equality` enables legacy BOOLEAN = number (BooleanEquality).
 */
export function findComparisonType(a: DataType, b: DataType, ansi: boolean, equality = false): DataType | undefined {
  if (sameType(a, b)) return a;
  if (ansi) {
    const promoted = ansiStringPromotion(a, b);
    if (promoted !== undefined) return promoted;
  } else {
    const legacy = legacyComparisonType(a, b);
    if (legacy !== undefined) return legacy;
    if (equality && isBoolean(a) && isNumeric(b)) return b;
    if (equality && isBoolean(b) && isNumeric(a)) return a;
  }
  return findTightestCommonType(a, b, ansi) ?? findWiderTypeForDecimal(a, b);
}

// ---------------------------------------------------------------------------------------------
// Implicit casts of function arguments (Spark's ImplicitCastInputTypes)

/**
 * The type `from` is implicitly cast to when a function expects `to`, or undefined when Spark
 * would not cast (the function then reports UNEXPECTED_INPUT_TYPE). Atomic values become strings
 * where a string is expected; strings become numbers, dates, timestamps and binary.
 */
export function implicitCastType(from: DataType, to: DataType, ansi: boolean): DataType | undefined {
  if (sameType(from, to)) return from;
  if (isNull(from)) return to;
  if (isString(to)) return isString(from) ? from : isAtomic(from) ? DataTypes.StringType : undefined;
  if (to instanceof NumericType) {
    if (from instanceof NumericType) return to;
    if (isString(from)) return to;
    return undefined;
  }
  if (isDatetime(to)) {
    if (isString(from)) return to;
    return isDatetime(from) ? to : undefined;
  }
  if (isBinary(to)) return isString(from) ? to : undefined;
  if (isBoolean(to)) return ansi && isString(from) ? to : undefined;
  if (to instanceof ArrayType && from instanceof ArrayType) {
    const et = implicitCastType(from.elementType, to.elementType, ansi);
    return et === undefined ? undefined : new ArrayType(et, true);
  }
  return undefined;
}

/** `e` implicitly cast to `to`, or undefined when no implicit cast exists. */
export function castArgumentTo(e: Expression, to: DataType, ansi: boolean): Expression | undefined {
  const t = implicitCastType(e.dataType, to, ansi);
  return t === undefined ? undefined : implicitCast(e, t);
}

/** Casts every expression to `type` (skipping those already of that type). */
export function castAllTo(exprs: readonly Expression[], type: DataType): Expression[] {
  return exprs.map((e) => implicitCast(e, type));
}

// ---------------------------------------------------------------------------------------------
// Errors raised when coercion finds no common type

/** DATATYPE_MISMATCH.DATA_DIFF_TYPES; `dataType` is already rendered (`[...]` or `(... or ...)`). */
export function dataDiffTypesError(sqlExpr: string, functionName: string, dataType: string): AnalysisException {
  const params = { sqlExpr: `"${sqlExpr}"`, functionName: quoteIdentifier(functionName), dataType };
  return new AnalysisException(
    `Cannot resolve ${params.sqlExpr} due to data type mismatch: Input to ${params.functionName} should all be the same type, but it's ${dataType}.`,
    { errorClass: 'DATATYPE_MISMATCH.DATA_DIFF_TYPES', sqlState: '42K09', messageParameters: params },
  );
}

/** Types as Spark lists them in DATA_DIFF_TYPES: `["INT", "STRING"]`. */
export function bracketTypeList(types: readonly DataType[]): string {
  return `[${types.map((t) => `"${typeSql(t)}"`).join(', ')}]`;
}

/** Types as `checkForSameTypeInputExpr` lists them: `("INT" or "STRING")`. */
export function orTypeList(types: readonly DataType[]): string {
  return `(${types.map((t) => `"${typeSql(t)}"`).join(' or ')})`;
}

/** DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE: same types on both sides, but not the ones the operator takes. */
export function binaryOpWrongTypeError(sqlExpr: string, inputType: string, actualDataType: DataType, inputTypeIsList = false): AnalysisException {
  // A type collection is already written out: ("NUMERIC" or "INTERVAL").
  const params = { sqlExpr: `"${sqlExpr}"`, inputType: inputTypeIsList ? inputType : `"${inputType}"`, actualDataType: `"${typeSql(actualDataType)}"` };
  return new AnalysisException(
    `Cannot resolve ${params.sqlExpr} due to data type mismatch: the binary operator requires the input type ${params.inputType}, not ${params.actualDataType}.`,
    { errorClass: 'DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', sqlState: '42K09', messageParameters: params },
  );
}

/** DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE with a raw parameter index (If/CaseWhen say "1", not "first"). */
export function unexpectedInputTypeRaw(sqlExpr: string, paramIndex: string, requiredType: string, inputSql: string, inputType: DataType): AnalysisException {
  const params = { sqlExpr: `"${sqlExpr}"`, paramIndex, requiredType, inputSql: `"${inputSql}"`, inputType: `"${typeSql(inputType)}"` };
  return new AnalysisException(
    `Cannot resolve ${params.sqlExpr} due to data type mismatch: The ${paramIndex} parameter requires the ${requiredType} type, however ${params.inputSql} has the type ${params.inputType}.`,
    { errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', sqlState: '42K09', messageParameters: params },
  );
}
