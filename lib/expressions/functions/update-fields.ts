// Spark's UpdateFields (Column.withField / Column.dropFields): `update_fields(struct, op, value,
// op, value, ...)`, where each op literal is `W<json path>` (WithField: replace every field of
// that name, or append it) or `D<json path>` (DropField: remove every field of that name, a
// missing one is no error). A dotted path updates a nested struct (a missing level is
// FIELD_NOT_FOUND); a struct left without fields is CANNOT_DROP_ALL_FIELDS; a NULL struct stays
// NULL. The column name is Spark's: `update_fields(s, WithField(3), dropfield())`.
import { AnalysisException } from '../../errors/analysis-exception';
import { quoteIdentifier, unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { DataType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import type { Expression } from '../expression';
import { isNullable } from '../expression';
import { prettySql } from '../expression-sql';
import type { Evaluator, FunctionDefinition, ScalarFunction } from '../function-definition';
import { typeSql } from '../type-utils';

interface Op {
  drop: boolean;
  path: string[];
  /** The op's value argument (index into the function's arguments). */
  valueIndex: number;
}

interface Field {
  name: string;
  dataType: DataType;
  nullable: boolean;
  value: (struct: readonly unknown[], row: readonly unknown[]) => unknown;
}

function updateFieldsSql(args: readonly string[]): string {
  const ops: string[] = [];
  for (let i = 1; i + 1 < args.length; i += 2) ops.push(args[i].replace(/^'/, '').startsWith('W') ? `WithField(${args[i + 1]})` : 'dropfield()');
  return `update_fields(${[args[0], ...ops].join(', ')})`;
}

function opsOf(opTexts: readonly string[]): Op[] {
  return opTexts.map((t, k) => ({ drop: t[0] === 'D', path: JSON.parse(t.slice(1)) as string[], valueIndex: 2 + 2 * k }));
}

function fieldNotFound(name: string, struct: readonly Field[]): AnalysisException {
  const params = { fieldName: quoteIdentifier(name), fields: struct.map((f) => quoteIdentifier(f.name)).join(', ') };
  return new AnalysisException(`No such struct field ${params.fieldName} in ${params.fields}.`, { errorClass: 'FIELD_NOT_FOUND', sqlState: '42704', messageParameters: params });
}

function cannotDropAll(sqlExpr: string): AnalysisException {
  return new AnalysisException(`Cannot resolve "${sqlExpr}" due to data type mismatch: Cannot drop all fields in struct.`, {
    errorClass: 'DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS',
    sqlState: '42K09',
    messageParameters: { sqlExpr: `"${sqlExpr}"` },
  });
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The struct's fields after the ops: types at analysis, value closures at compile time. */
function applyOps(struct: StructType, ops: readonly Op[], types: readonly { dataType: DataType; nullable: boolean }[], values: readonly Evaluator[], sqlExpr: string, structSql: string, valueSqls: readonly string[]): Field[] {
  let fields: Field[] = struct.fields.map((f, i) => ({ name: f.name, dataType: f.dataType, nullable: f.nullable, value: (s) => s[i] }));
  for (const op of ops) {
    const [head, ...rest] = op.path;
    if (rest.length === 0) {
      if (op.drop) {
        fields = fields.filter((f) => !same(f.name, head));
        continue;
      }
      const t = types[op.valueIndex];
      const v = values[op.valueIndex];
      const replacement: Field = { name: head, dataType: t.dataType, nullable: t.nullable, value: (_s, row) => v(row) };
      fields = fields.some((f) => same(f.name, head)) ? fields.map((f) => (same(f.name, head) ? replacement : f)) : [...fields, replacement];
      continue;
    }
    if (!fields.some((f) => same(f.name, head))) throw fieldNotFound(head, fields);
    fields = fields.map((f) => {
      if (!same(f.name, head)) return f;
      // Spark nests the op as update_fields(s.head, op): errors name that inner expression.
      const innerSql = `${structSql}.${head}`;
      const innerExpr = `update_fields(${innerSql}, ${op.drop ? 'dropfield()' : `WithField(${valueSqls[op.valueIndex] ?? ''})`})`;
      if (!(f.dataType instanceof StructType)) throw unexpectedInputTypeError(innerExpr, 0, '"STRUCT"', innerSql, typeSql(f.dataType));
      const inner = applyOps(f.dataType, [{ ...op, path: rest }], types, values, innerExpr, innerSql, valueSqls);
      const innerType = new StructType(inner.map((g) => new StructField(g.name, g.dataType, g.nullable)));
      const outer = f.value;
      return {
        name: f.name,
        dataType: innerType,
        nullable: f.nullable,
        value: (s, row) => {
          const v = outer(s, row) as readonly unknown[] | null;
          return v === null || v === undefined ? null : inner.map((g) => g.value(v, row));
        },
      };
    });
  }
  if (fields.length === 0) throw cannotDropAll(sqlExpr);
  return fields;
}

function opTexts(args: readonly Expression[]): string[] {
  const texts: string[] = [];
  for (let i = 1; i < args.length; i += 2) {
    const a = args[i];
    texts.push(a.kind === 'literal' ? String(a.value) : '');
  }
  return texts;
}

const updateFields: ScalarFunction = {
  kind: 'scalar',
  name: 'update_fields',
  resolve(args) {
    const sqlExpr = updateFieldsSql(args.map((a) => prettySql(a)));
    const struct = args[0].dataType;
    if (!(struct instanceof StructType)) throw unexpectedInputTypeError(sqlExpr, 0, '"STRUCT"', prettySql(args[0]), typeSql(struct));
    const types = args.map((a) => ({ dataType: a.dataType, nullable: isNullable(a) }));
    const argSqls = args.map((a) => prettySql(a));
    const fields = applyOps(struct, opsOf(opTexts(args)), types, [], sqlExpr, argSqls[0], argSqls);
    return { args, dataType: new StructType(fields.map((f) => new StructField(f.name, f.dataType, f.nullable))), nullable: isNullable(args[0]) };
  },
  compile(args, argTypes) {
    const texts: string[] = [];
    for (let i = 1; i < args.length; i += 2) texts.push(String(args[i]([])));
    const types = argTypes.map((t) => ({ dataType: t, nullable: true }));
    const fields = applyOps(argTypes[0] as StructType, opsOf(texts), types, args, 'update_fields', 'update_fields', []);
    const struct = args[0];
    return (row) => {
      const s = struct(row) as readonly unknown[] | null;
      return s === null || s === undefined ? null : fields.map((f) => f.value(s, row));
    };
  },
  sql: updateFieldsSql,
};

export const UPDATE_FIELDS_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [{ fn: updateFields, aliases: [] }];
