// Spark's Project.matchSchema, behind DataFrame.to(schema): the columns (and the fields of structs,
// arrays and maps inside them) are found by name, put in the schema's order and cast to its types
// where Spark's store assignment allows. Columns the schema does not name are dropped; a column
// it names that the DataFrame lacks is NULL when the schema lets it be. A nullable column cannot
// become a non-nullable one.
import { AnalysisException } from '../errors/analysis-exception';
import { quoteIdentifier, quoteNameParts, unresolvedColumnError } from '../errors/query-compilation-errors';
import { attribute, type Attribute } from '../expressions/expression';
import { alias, call, literal, type UnresolvedExpression } from '../expressions/unresolved';
import { ArrayType, DataTypes, DateType, MapType, NullType, NumericType, StringType, TimestampNTZType, TimestampType, type DataType } from '../types/data-types';
import { StructType, type StructField } from '../types/struct-type';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import { suggestColumns, type ResolverContext } from './expression-resolver';
import { buildProject } from './plan-builder';

/** A column or field as found: its name, its value and its type and nullability. */
interface Found {
  name: string;
  value: UnresolvedExpression;
  dataType: DataType;
  nullable: boolean;
}

/** The projection of `child` onto `schema` (DataFrame.to). */
export function buildMatchSchema(child: LogicalPlan, schema: StructType, ctx: ResolverContext): LogicalPlan {
  const columns = outputOf(child).map((a): Found => ({ name: a.name, value: { kind: 'column', nameParts: [a.name], exprId: a.exprId }, dataType: a.dataType, nullable: a.nullable }));
  const items = reorder(columns, schema.fields, [], ctx).map(({ name, value }) => alias(value, name));
  return buildProject(child, items, ctx);
}

function reorder(found: readonly Found[], expected: readonly StructField[], path: readonly string[], ctx: ResolverContext): { name: string; value: UnresolvedExpression }[] {
  const same = ctx.caseSensitive ? (a: string, b: string) => a === b : (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return expected.map((field) => {
    const matched = found.filter((f) => same(f.name, field.name));
    if (matched.length === 0) {
      if (field.nullable) return { name: field.name, value: literal(null, field.dataType) };
      const candidates = suggestColumns([field.name], found.map((f) => attribute(f.name, f.dataType)) as Attribute[]);
      if (path.length === 0) throw unresolvedColumnError([field.name], candidates);
      const fieldName = quoteIdentifier(field.name);
      const columnPath = quoteNameParts(path);
      const proposal = candidates.join(', ');
      throw new AnalysisException(`A field with name ${fieldName} cannot be resolved with the struct-type column ${columnPath}. Did you mean one of the following? [${proposal}].`, {
        errorClass: 'UNRESOLVED_FIELD.WITH_SUGGESTION',
        sqlState: '42703',
        messageParameters: { fieldName, columnPath, proposal },
      });
    }
    if (matched.length > 1) {
      const name = quoteNameParts([...path, field.name]);
      throw new AnalysisException(`Column or field ${name} is ambiguous and has ${matched.length} matches.`, {
        errorClass: 'AMBIGUOUS_COLUMN_OR_FIELD',
        sqlState: '42702',
        messageParameters: { name, n: String(matched.length) },
      });
    }
    const column = matched[0];
    return { name: field.name, value: reconcile(column, [...path, column.name], field.dataType, field.nullable, ctx) };
  });
}

/** Spark's reconcileColumnType: the value of `column` as `type` (nullable as given). */
function reconcile(column: Found, path: readonly string[], type: DataType, nullable: boolean, ctx: ResolverContext): UnresolvedExpression {
  if (column.nullable && !nullable) {
    const name = quoteNameParts(path);
    throw new AnalysisException(`Column or field ${name} is nullable while it's required to be non-nullable.`, {
      errorClass: 'NULLABLE_COLUMN_OR_FIELD',
      sqlState: '42000',
      messageParameters: { name },
    });
  }
  const from = column.dataType;
  if (from instanceof StructType && type instanceof StructType) {
    const fields = from.fields.map((f): Found => ({ name: f.name, value: { kind: 'extract', child: column.value, key: literal(f.name, DataTypes.StringType), isField: true }, dataType: f.dataType, nullable: f.nullable }));
    const struct = call('named_struct', reorder(fields, type.fields, path, ctx).flatMap(({ name, value }) => [literal(name, DataTypes.StringType), value]));
    return column.nullable ? call('if', [call('isnull', [column.value]), literal(null, type), struct]) : struct;
  }
  if (from instanceof ArrayType && type instanceof ArrayType) {
    if (from.containsNull && !type.containsNull) throw nullableElementError(path, 'ARRAY_ELEMENT', `The array ${quoteNameParts(path)} is defined to contain only elements that are NOT NULL.`);
    const element: Found = { name: 'x', value: { kind: 'column', nameParts: ['x'] }, dataType: from.elementType, nullable: from.containsNull };
    return call('transform', [column.value, { kind: 'lambda', params: ['x'], body: reconcile(element, [...path, 'element'], type.elementType, type.containsNull, ctx) }]);
  }
  if (from instanceof MapType && type instanceof MapType) {
    if (from.valueContainsNull && !type.valueContainsNull) throw nullableElementError(path, 'MAP_VALUE', `The map ${quoteNameParts(path)} is defined to contain only values that are NOT NULL.`);
    const key: Found = { name: 'key', value: { kind: 'column', nameParts: ['key'] }, dataType: from.keyType, nullable: false };
    const value: Found = { name: 'value', value: { kind: 'column', nameParts: ['value'] }, dataType: from.valueType, nullable: from.valueContainsNull };
    const keys = call('transform', [call('map_keys', [column.value]), { kind: 'lambda', params: ['key'], body: reconcile(key, [...path, 'key'], type.keyType, false, ctx) }]);
    const values = call('transform', [call('map_values', [column.value]), { kind: 'lambda', params: ['value'], body: reconcile(value, [...path, 'value'], type.valueType, type.valueContainsNull, ctx) }]);
    return call('map_from_arrays', [keys, values]);
  }
  if (from.equals(type)) return column.value;
  if (canStoreAssign(from, type)) return { kind: 'cast', child: column.value, dataType: type, tryCast: false };
  const name = quoteNameParts(path);
  const actual = `"${from.toDDL()}"`;
  const expected = `"${type.toDDL()}"`;
  throw new AnalysisException(`Column or field ${name} is of type ${actual} while it's required to be ${expected}.`, {
    errorClass: 'INVALID_COLUMN_OR_FIELD_DATA_TYPE',
    sqlState: '42000',
    messageParameters: { name, type: actual, expectedType: expected },
  });
}

function nullableElementError(path: readonly string[], kind: 'ARRAY_ELEMENT' | 'MAP_VALUE', detail: string): AnalysisException {
  return new AnalysisException(`Assigning a NULL is not allowed here. ${detail}`, {
    errorClass: `NOT_NULL_CONSTRAINT_VIOLATION.${kind}`,
    sqlState: '42000',
    messageParameters: { columnPath: quoteNameParts(path) },
  });
}

/** Spark's Cast.canANSIStoreAssign for atomic types (complex types are reconciled field by field). */
function canStoreAssign(from: DataType, to: DataType): boolean {
  if (from.equals(to) || from instanceof NullType) return true;
  if (from instanceof NumericType && to instanceof NumericType) return true;
  // Any atomic type, a calendar interval included, goes to a string.
  if (to instanceof StringType) return !(from instanceof ArrayType || from instanceof MapType || from instanceof StructType);
  const datetime = (t: DataType) => t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType;
  return datetime(from) && datetime(to);
}
