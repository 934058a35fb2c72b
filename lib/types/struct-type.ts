import { callableClass } from '../util/callable-class';
import { DataType, pyBool } from './data-types';
import { parseDataType, parseTableSchema } from './ddl';
import { dataTypeFromJson, parseDataTypeJsonText, structFieldFromJson } from './data-type-json';
import { PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';

class StructFieldImpl {
  /** `console.log(field)` shows PySpark's repr. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  constructor(
    readonly name: string,
    readonly dataType: DataType,
    readonly nullable: boolean = true,
    readonly metadata: Record<string, unknown> = {},
  ) {
    if (!(dataType instanceof DataType)) {
      throw new PySparkTypeError('NOT_DATATYPE', `Argument \`dataType\` should be a DataType, got ${typeof dataType}.`, {
        arg_name: 'dataType',
      });
    }
  }

  simpleString(): string {
    return `${this.name}:${this.dataType.simpleString()}`;
  }

  jsonValue(): Record<string, unknown> {
    return { name: this.name, type: this.dataType.jsonValue(), nullable: this.nullable, metadata: this.metadata };
  }

  json(): string {
    return JSON.stringify(this.jsonValue());
  }

  static fromJson(json: unknown): StructField {
    return structFieldFromJson(json);
  }

  /** Spark's `StructField.toDDL`: `` `a b` INT NOT NULL COMMENT 'x' ``. */
  toDDL(): string {
    return `${quoteIfNeeded(this.name)} ${this.dataType.toDDL()}${this.nullable ? '' : ' NOT NULL'}${ddlComment(this.metadata)}`;
  }

  /** The `COMMENT '...'` text of the metadata, if any. */
  getComment(): string | undefined {
    const c = this.metadata.comment;
    return typeof c === 'string' ? c : undefined;
  }

  toString(): string {
    return `StructField('${this.name}', ${this.dataType}, ${pyBool(this.nullable)})`;
  }
}

export const StructField = callableClass(StructFieldImpl);
export type StructField = StructFieldImpl;

class StructTypeImpl extends DataType {
  readonly fields: StructField[];

  constructor(fields: StructField[] = []) {
    super();
    this.fields = [...fields];
  }

  typeName(): string {
    return 'struct';
  }

  /**
   * `add(name, type, nullable?, metadata?)` or `add(field)`: PySpark's builder returns the same
   * (mutated) object; we return a new StructType so schemas stay immutable, which chains the same.
   */
  add(field: StructField | string, dataType?: DataType | string, nullable = true, metadata: Record<string, unknown> = {}): StructType {
    if (field instanceof StructFieldImpl) return new StructTypeImpl([...this.fields, field]);
    if (dataType === undefined) {
      throw new PySparkValueError('ARGUMENT_REQUIRED', 'Argument `data_type` is required when passing name of struct_field to create.', {
        arg_name: 'data_type',
      });
    }
    const resolved = typeof dataType === 'string' ? parseTypeName(dataType) : dataType;
    return new StructTypeImpl([...this.fields, new StructFieldImpl(field, resolved, nullable, metadata)]);
  }

  fieldNames(): string[] {
    return this.fields.map((f) => f.name);
  }

  get names(): string[] {
    return this.fieldNames();
  }

  get length(): number {
    return this.fields.length;
  }

  /** Field by name (exact) or by position, as `schema["name"]` / `schema[0]` in PySpark. */
  field(nameOrIndex: string | number): StructField {
    if (typeof nameOrIndex === 'number') {
      const f = this.fields[nameOrIndex];
      if (!f) throw new PySparkValueError('INDEX_OUT_OF_RANGE', `StructType index out of range, got '${nameOrIndex}'.`);
      return f;
    }
    const f = this.fields.find((x) => x.name === nameOrIndex);
    if (!f) throw new PySparkValueError('KEY_NOT_EXIST', `Key \`${nameOrIndex}\` is not in the StructType.`);
    return f;
  }

  [Symbol.iterator](): Iterator<StructField> {
    return this.fields[Symbol.iterator]();
  }

  override simpleString(): string {
    return `struct<${this.fields.map((f) => f.simpleString()).join(',')}>`;
  }

  /** The SQL type text (`STRUCT<a: INT NOT NULL, b: STRING COMMENT 'x'>`), parseable back. */
  override toDDL(): string {
    return `STRUCT<${this.fields.map((f) => `${quoteIfNeeded(f.name)}: ${f.dataType.toDDL()}${f.nullable ? '' : ' NOT NULL'}${ddlComment(f.metadata)}`).join(', ')}>`;
  }

  /** DDL of the fields only, as Spark's `StructType.toDDL`: "a INT, b STRING". */
  fieldsToDDL(): string {
    return this.fields.map((f) => f.toDDL()).join(', ');
  }

  override jsonValue(): unknown {
    return { type: 'struct', fields: this.fields.map((f) => f.jsonValue()) };
  }

  /** `StructType.fromJson(obj)`: a parsed JSON value (or JSON text) of a struct type. */
  static override fromJson(json: unknown): StructType {
    const t = typeof json === 'string' ? dataTypeFromJson(parseDataTypeJsonText(json)) : dataTypeFromJson(json);
    if (!(t instanceof StructTypeImpl)) throw new PySparkValueError('NOT_STRUCT', `Expected a struct type in the JSON, got ${t.simpleString()}.`);
    return t;
  }

  /** Spark's `StructType.fromDDL("a INT, b STRING")`. */
  static override fromDDL(ddl: string): StructType {
    return parseTableSchema(ddl);
  }

  /**
   * Spark's `printSchema()` tree; `level` limits how many nesting levels are shown
   * (PySpark's `printSchema(level)`).
   */
  treeString(level?: number): string {
    const maxDepth = level === undefined || level <= 0 ? Number.MAX_SAFE_INTEGER : level;
    const lines = ['root'];
    for (const f of this.fields) appendFieldTree(lines, f.name, f.dataType, f.nullable, ' |', 1, maxDepth);
    return lines.join('\n') + '\n';
  }

  override toString(): string {
    return `StructType([${this.fields.map(String).join(', ')}])`;
  }
}

function appendFieldTree(lines: string[], name: string, dataType: DataType, nullable: boolean, prefix: string, depth: number, maxDepth: number): void {
  if (depth > maxDepth) return;
  lines.push(`${prefix}-- ${name}: ${dataType.typeName()} (nullable = ${nullable})`);
  appendChildrenTree(lines, dataType, `${prefix}    |`, depth + 1, maxDepth);
}

function appendChildrenTree(lines: string[], dataType: DataType, prefix: string, depth: number, maxDepth: number): void {
  if (depth > maxDepth) return;
  if (dataType instanceof StructTypeImpl) {
    for (const f of dataType.fields) appendFieldTree(lines, f.name, f.dataType, f.nullable, prefix, depth, maxDepth);
  } else if (dataType.typeName() === 'array') {
    const a = dataType as unknown as { elementType: DataType; containsNull: boolean };
    lines.push(`${prefix}-- element: ${a.elementType.typeName()} (containsNull = ${a.containsNull})`);
    appendChildrenTree(lines, a.elementType, `${prefix}    |`, depth + 1, maxDepth);
  } else if (dataType.typeName() === 'map') {
    const m = dataType as unknown as { keyType: DataType; valueType: DataType; valueContainsNull: boolean };
    lines.push(`${prefix}-- key: ${m.keyType.typeName()}`);
    appendChildrenTree(lines, m.keyType, `${prefix}    |`, depth + 1, maxDepth);
    lines.push(`${prefix}-- value: ${m.valueType.typeName()} (valueContainsNull = ${m.valueContainsNull})`);
    appendChildrenTree(lines, m.valueType, `${prefix}    |`, depth + 1, maxDepth);
  }
}

function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

/** Spark's `getDDLComment`: ` COMMENT '...'` with `\\` and `'` escaped, or nothing. */
function ddlComment(metadata: Record<string, unknown>): string {
  const c = metadata.comment;
  if (typeof c !== 'string') return '';
  return ` COMMENT '${c.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export const StructType = callableClass(StructTypeImpl);
export type StructType = StructTypeImpl;

function parseTypeName(text: string): DataType {
  return parseDataType(text);
}
