// Rivulet's unresolved expressions (what Column and functions build, and what the SQL parser
// gives for `expr(...)`) -> spark.connect.Expression, shaped as PySpark's Connect client shapes
// them: operators are unresolved functions named as PySpark names them (`==`, `not(==)` for
// `!=`), expression text (`expr("...")`) travels as an expression string for the server to parse.
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ExpressionSchema, Expression_LiteralSchema } from './gen/spark/connect/expressions_pb';
import { Expression_SortOrder_NullOrdering, Expression_SortOrder_SortDirection, Expression_Window_WindowFrame_FrameType } from './gen/spark/connect/expressions_pb';
import type { FrameBound, UnresolvedExpression } from '../expressions/unresolved';
import { ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DataType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, MapType, NullType, ShortType, StringType, TimestampNTZType, TimestampType } from '../types/data-types';
import { DayTimeIntervalType, YearMonthIntervalType } from '../types/interval-types';
import { StructType } from '../types/struct-type';
import { Decimal } from '../types/decimal';
import { unsupportedRemotely } from './unsupported';

export type ExprInit = MessageInitShape<typeof ExpressionSchema>;
export type LiteralInit = MessageInitShape<typeof Expression_LiteralSchema>;

/** Our operator names -> the names PySpark's Connect client sends. */
const OPERATOR_NAMES: Record<string, string> = { '=': '==', isnull: 'isNull', isnotnull: 'isNotNull' };

export function expressionToProto(e: UnresolvedExpression, lambdaVars: ReadonlySet<string> = new Set()): ExprInit {
  // Text from the SQL parser (expr(), or a string condition) goes as text, as PySpark sends it.
  if ('origin' in e && e.origin && e.origin.start === 0 && e.origin.stop === e.origin.sqlText.length - 1 && lambdaVars.size === 0) {
    return { exprType: { case: 'expressionString', value: { expression: e.origin.sqlText } } };
  }
  switch (e.kind) {
    case 'literal':
      return { exprType: { case: 'literal', value: literalToProto(e.value, e.dataType, e.timestampText) } };
    case 'column': {
      const name = e.nameParts.map(quoteIfNeeded).join('.');
      if (e.nameParts.length === 1 && lambdaVars.has(e.nameParts[0])) {
        return { exprType: { case: 'unresolvedNamedLambdaVariable', value: { nameParts: e.nameParts } } };
      }
      if (e.nameParts.length === 1 && e.nameParts[0] === '*') return { exprType: { case: 'unresolvedStar', value: {} } };
      return { exprType: { case: 'unresolvedAttribute', value: { unparsedIdentifier: name, isMetadataColumn: false } } };
    }
    case 'star':
      if (e.regex) return { exprType: { case: 'unresolvedRegex', value: { colName: e.regex.text } } };
      return { exprType: { case: 'unresolvedStar', value: e.target ? { unparsedTarget: `${e.target.map(quoteIfNeeded).join('.')}.*` } : {} } };
    case 'function': {
      if (e.udf) throw unsupportedRemotely('Python/JavaScript UDFs', 'built-in functions or SQL expressions (`expr(...)`)');
      const args = e.args.map((a) => expressionToProto(a, lambdaVars));
      let fnExpr: ExprInit;
      if (e.name === '!=') {
        fnExpr = unresolvedFunction('not', [unresolvedFunction('==', args, false)], false);
      } else {
        fnExpr = unresolvedFunction(OPERATOR_NAMES[e.name] ?? e.name, args, e.distinct);
      }
      if (!e.over) return fnExpr;
      return {
        exprType: {
          case: 'window',
          value: {
            windowFunction: fnExpr,
            partitionSpec: e.over.partitionBy.map((p) => expressionToProto(p, lambdaVars)),
            orderSpec: e.over.orderBy.map((o) => sortOrderToProto(o, lambdaVars)),
            ...(e.over.frame
              ? {
                  frameSpec: {
                    frameType: e.over.frame.type === 'rows' ? Expression_Window_WindowFrame_FrameType.ROW : Expression_Window_WindowFrame_FrameType.RANGE,
                    lower: frameBound(e.over.frame.lower),
                    upper: frameBound(e.over.frame.upper),
                  },
                }
              : {}),
          },
        },
      };
    }
    case 'alias':
      return { exprType: { case: 'alias', value: { expr: expressionToProto(e.child, lambdaVars), name: e.names } } };
    case 'cast':
      return {
        exprType: {
          case: 'cast',
          value: { expr: expressionToProto(e.child, lambdaVars), castToType: { case: 'typeStr', value: e.dataType.simpleString() }, ...(e.tryCast ? { evalMode: 3 } : {}) },
        },
      };
    case 'caseWhen': {
      const args: ExprInit[] = [];
      for (const b of e.branches) args.push(expressionToProto(b.condition, lambdaVars), expressionToProto(b.value, lambdaVars));
      if (e.elseValue) args.push(expressionToProto(e.elseValue, lambdaVars));
      return unresolvedFunction('when', args, false);
    }
    case 'lambda': {
      const vars = new Set([...lambdaVars, ...e.params]);
      return {
        exprType: {
          case: 'lambdaFunction',
          value: { function: expressionToProto(e.body, vars), arguments: e.params.map((p) => ({ nameParts: [p] })) },
        },
      };
    }
    case 'extract':
      return { exprType: { case: 'unresolvedExtractValue', value: { child: expressionToProto(e.child, lambdaVars), extraction: expressionToProto(e.key, lambdaVars) } } };
    case 'sortOrder':
      return { exprType: { case: 'sortOrder', value: sortOrderToProto(e, lambdaVars) } };
    case 'scalarSubquery':
    case 'inSubquery':
    case 'exists':
      throw unsupportedRemotely('subqueries built outside SQL text', 'the subquery inside `spark.sql(...)` or `expr(...)` text');
  }
}

export function sortOrderToProto(e: UnresolvedExpression, lambdaVars: ReadonlySet<string> = new Set()): MessageInitShape<typeof ExpressionSchema> extends unknown ? { child: ExprInit; direction: Expression_SortOrder_SortDirection; nullOrdering: Expression_SortOrder_NullOrdering } : never {
  if (e.kind === 'sortOrder') {
    return {
      child: expressionToProto(e.child, lambdaVars),
      direction: e.ascending ? Expression_SortOrder_SortDirection.ASCENDING : Expression_SortOrder_SortDirection.DESCENDING,
      nullOrdering: e.nullsFirst ? Expression_SortOrder_NullOrdering.SORT_NULLS_FIRST : Expression_SortOrder_NullOrdering.SORT_NULLS_LAST,
    };
  }
  return { child: expressionToProto(e, lambdaVars), direction: Expression_SortOrder_SortDirection.ASCENDING, nullOrdering: Expression_SortOrder_NullOrdering.SORT_NULLS_FIRST };
}

function frameBound(b: FrameBound) {
  switch (b.kind) {
    case 'currentRow':
      return { boundary: { case: 'currentRow' as const, value: true } };
    case 'unboundedPreceding':
    case 'unboundedFollowing':
      return { boundary: { case: 'unbounded' as const, value: true } };
    case 'offset':
      return { boundary: { case: 'value' as const, value: expressionToProto({ kind: 'literal', value: b.value, dataType: Number.isInteger(b.value) && Math.abs(b.value) <= 2147483647 ? IntegerType() : LongType() }) } };
  }
}

export function unresolvedFunction(name: string, args: ExprInit[], isDistinct: boolean): ExprInit {
  return { exprType: { case: 'unresolvedFunction', value: { functionName: name, arguments: args, isDistinct } } };
}

export function expressionString(text: string): ExprInit {
  return { exprType: { case: 'expressionString', value: { expression: text } } };
}

export function attribute(name: string): ExprInit {
  return { exprType: { case: 'unresolvedAttribute', value: { unparsedIdentifier: name, isMetadataColumn: false } } };
}

/** A name part as a multi-part identifier spells it (PySpark's col("a.b") is two parts). */
function quoteIfNeeded(part: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(part) || part === '*' ? part : '`' + part.replace(/`/g, '``') + '`';
}

export function literalToProto(value: unknown, type: DataType, timestampText?: string): LiteralInit {
  if (value === null || value === undefined) return { literalType: { case: 'null', value: dataTypeToProto(type) } };
  if (type instanceof BooleanType) return { literalType: { case: 'boolean', value: value as boolean } };
  if (type instanceof ByteType) return { literalType: { case: 'byte', value: Number(value) } };
  if (type instanceof ShortType) return { literalType: { case: 'short', value: Number(value) } };
  if (type instanceof IntegerType) return { literalType: { case: 'integer', value: Number(value) } };
  if (type instanceof LongType) return { literalType: { case: 'long', value: BigInt(value as number | bigint) } };
  if (type instanceof FloatType) return { literalType: { case: 'float', value: value as number } };
  if (type instanceof DoubleType) return { literalType: { case: 'double', value: value as number } };
  if (type instanceof StringType) return { literalType: { case: 'string', value: String(value) } };
  if (type instanceof BinaryType) return { literalType: { case: 'binary', value: value as Uint8Array } };
  if (type instanceof DecimalType) {
    const d = value instanceof Decimal ? value : Decimal.fromString(String(value));
    return { literalType: { case: 'decimal', value: { value: d.toString(), precision: type.precision, scale: type.scale } } };
  }
  if (type instanceof DateType) return { literalType: { case: 'date', value: Number(value) } };
  if (type instanceof TimestampType) {
    if (timestampText !== undefined) throw unsupportedRemotely('a TIMESTAMP literal text outside SQL', '`expr("TIMESTAMP \'...\'")`');
    return { literalType: { case: 'timestamp', value: BigInt(value as bigint) } };
  }
  if (type instanceof TimestampNTZType) return { literalType: { case: 'timestampNtz', value: BigInt(value as bigint) } };
  if (type instanceof YearMonthIntervalType) return { literalType: { case: 'yearMonthInterval', value: Number(value) } };
  if (type instanceof DayTimeIntervalType) return { literalType: { case: 'dayTimeInterval', value: BigInt(value as bigint) } };
  if (type instanceof CalendarIntervalType) {
    const v = value as { months: number; days: number; microseconds: bigint };
    return { literalType: { case: 'calendarInterval', value: { months: v.months, days: v.days, microseconds: BigInt(v.microseconds) } } };
  }
  if (type instanceof ArrayType) {
    return { literalType: { case: 'array', value: { elementType: dataTypeToProto(type.elementType), elements: (value as unknown[]).map((x) => literalToProto(x, type.elementType)) } } };
  }
  if (type instanceof MapType) {
    const keys: LiteralInit[] = [];
    const values: LiteralInit[] = [];
    for (const [k, v] of value as Map<unknown, unknown>) {
      keys.push(literalToProto(k, type.keyType));
      values.push(literalToProto(v, type.valueType));
    }
    return { literalType: { case: 'map', value: { keyType: dataTypeToProto(type.keyType), valueType: dataTypeToProto(type.valueType), keys, values } } };
  }
  if (type instanceof StructType) {
    const values = value as unknown[];
    return { literalType: { case: 'struct', value: { structType: dataTypeToProto(type), elements: type.fields.map((f, i) => literalToProto(values[i], f.dataType)) } } };
  }
  if (type instanceof NullType) return { literalType: { case: 'null', value: dataTypeToProto(type) } };
  throw unsupportedRemotely(`a literal of type ${type.simpleString()}`, 'a literal inside `expr(...)` text');
}

export type DataTypeInit = MessageInitShape<typeof import('./gen/spark/connect/types_pb').DataTypeSchema>;

export function dataTypeToProto(t: DataType): DataTypeInit {
  if (t instanceof NullType) return { kind: { case: 'null', value: {} } };
  if (t instanceof BooleanType) return { kind: { case: 'boolean', value: {} } };
  if (t instanceof ByteType) return { kind: { case: 'byte', value: {} } };
  if (t instanceof ShortType) return { kind: { case: 'short', value: {} } };
  if (t instanceof IntegerType) return { kind: { case: 'integer', value: {} } };
  if (t instanceof LongType) return { kind: { case: 'long', value: {} } };
  if (t instanceof FloatType) return { kind: { case: 'float', value: {} } };
  if (t instanceof DoubleType) return { kind: { case: 'double', value: {} } };
  if (t instanceof StringType) return { kind: { case: 'string', value: {} } };
  if (t instanceof BinaryType) return { kind: { case: 'binary', value: {} } };
  if (t instanceof DateType) return { kind: { case: 'date', value: {} } };
  if (t instanceof TimestampType) return { kind: { case: 'timestamp', value: {} } };
  if (t instanceof TimestampNTZType) return { kind: { case: 'timestampNtz', value: {} } };
  if (t instanceof CalendarIntervalType) return { kind: { case: 'calendarInterval', value: {} } };
  if (t instanceof DecimalType) return { kind: { case: 'decimal', value: { precision: t.precision, scale: t.scale } } };
  if (t instanceof ArrayType) return { kind: { case: 'array', value: { elementType: dataTypeToProto(t.elementType), containsNull: t.containsNull } } };
  if (t instanceof MapType) return { kind: { case: 'map', value: { keyType: dataTypeToProto(t.keyType), valueType: dataTypeToProto(t.valueType), valueContainsNull: t.valueContainsNull } } };
  if (t instanceof StructType) return { kind: { case: 'struct', value: { fields: t.fields.map((f) => ({ name: f.name, dataType: dataTypeToProto(f.dataType), nullable: f.nullable })) } } };
  if (t instanceof YearMonthIntervalType) return { kind: { case: 'yearMonthInterval', value: {} } };
  if (t instanceof DayTimeIntervalType) return { kind: { case: 'dayTimeInterval', value: {} } };
  return { kind: { case: 'unparsed', value: { dataTypeString: t.simpleString() } } };
}
