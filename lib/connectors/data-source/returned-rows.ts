// The rows a data source's read() yields, checked and converted to the engine's values: each a
// tuple (array) or a Row, by position, with as many values as the schema has columns. An object
// keyed by column name is taken too (a JavaScript stand-in for a Row). Anything else raises
// PySpark's DATA_SOURCE_INVALID_RETURN_TYPE; a wrong count DATA_SOURCE_RETURN_SCHEMA_MISMATCH.
import { SparkException } from '../../errors/spark-exception';
import { internalConverter, jsTypeName } from '../../types/internal-row';
import { Row } from '../../types/row';
import type { StructType } from '../../types/struct-type';

export function invalidReturnType(type: string, name: string, supportedTypes: string): SparkException {
  return new SparkException(`Unsupported return type ('${type}') from Python data source '${name}'. Expected types: ${supportedTypes}.`, {
    errorClass: 'DATA_SOURCE_INVALID_RETURN_TYPE',
    messageParameters: { type, name, supported_types: supportedTypes },
  });
}

function schemaMismatch(expected: number, actual: number): SparkException {
  return new SparkException(
    `Return schema mismatch in the result from 'read' method. Expected: ${expected} columns, Found: ${actual} columns. Make sure the returned values match the required output schema.`,
    { errorClass: 'DATA_SOURCE_RETURN_SCHEMA_MISMATCH', messageParameters: { expected: String(expected), actual: String(actual) } },
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** An iterator over what read() returned (an iterable or an iterator), else null. */
export function iteratorOf(value: unknown): Iterator<unknown> | null {
  if (value !== null && typeof value === 'object') {
    const it = (value as { [Symbol.iterator]?: unknown })[Symbol.iterator];
    if (typeof it === 'function') return (it as () => Iterator<unknown>).call(value);
    if (typeof (value as { next?: unknown }).next === 'function') return value as Iterator<unknown>;
  }
  return null;
}

/** An async iterator over what a stream reader's read() returned, else null. */
export function asyncIteratorOf(value: unknown): AsyncIterator<unknown> | null {
  if (value !== null && typeof value === 'object') {
    const it = (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator];
    if (typeof it === 'function') return (it as () => AsyncIterator<unknown>).call(value);
  }
  return null;
}

export class RowConverter {
  private readonly converters: ((v: unknown) => unknown)[];
  private readonly names: string[];

  constructor(
    private readonly schema: StructType,
    private readonly dataSourceName: string,
    timeZone: string,
  ) {
    this.converters = schema.fields.map((f) => internalConverter(f.dataType, `field ${f.name}`, f.nullable, timeZone));
    this.names = schema.fieldNames();
  }

  convert(value: unknown): unknown[] {
    let values: unknown[];
    if (value instanceof Row) {
      const rowNames = (value as unknown as { __fields__?: string[] }).__fields__;
      const rowValues = [...(value as Iterable<unknown>)];
      if (rowNames !== undefined && rowNames.length === this.names.length && this.names.every((n) => rowNames.includes(n))) {
        values = this.names.map((n) => rowValues[rowNames.indexOf(n)]);
      } else {
        values = rowValues;
      }
    } else if (Array.isArray(value)) {
      values = value;
    } else if (isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.length !== this.names.length) throw schemaMismatch(this.names.length, keys.length);
      values = this.names.map((n) => value[n] ?? null);
    } else {
      throw invalidReturnType(jsTypeName(value), this.dataSourceName, 'tuple, list, `pyspark.sql.types.Row`, `pyarrow.RecordBatch`');
    }
    if (values.length !== this.converters.length) throw schemaMismatch(this.converters.length, values.length);
    return values.map((v, i) => this.converters[i](v));
  }

  /** Every row of a synchronous read(). */
  convertAll(returned: unknown): unknown[][] {
    const it = iteratorOf(returned);
    if (it === null) throw invalidReturnType(jsTypeName(returned), this.dataSourceName, 'iterator');
    const out: unknown[][] = [];
    for (let r = it.next(); !r.done; r = it.next()) out.push(this.convert(r.value));
    return out;
  }

  /** Every row of a stream reader's read(), which may also be an async iterable. */
  async convertAllAsync(returned: unknown): Promise<unknown[][]> {
    const asyncIt = asyncIteratorOf(returned);
    if (asyncIt === null) return this.convertAll(returned);
    const out: unknown[][] = [];
    for (let r = await asyncIt.next(); !r.done; r = await asyncIt.next()) out.push(this.convert(r.value));
    return out;
  }

  get outputSchema(): StructType {
    return this.schema;
  }
}
