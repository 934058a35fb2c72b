// Batch reads and writes through a registered DataSource: spark.read.format(name).load() reads
// every partition of reader(schema) when the DataFrame runs; df.write.format(name).save() writes
// the rows as one task through writer(schema, overwrite), then commit([message]) — or
// abort([null]) when write throws.
import { jsTypeName } from '../../types/internal-row';
import type { Row } from '../../types/row';
import type { StructType } from '../../types/struct-type';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { inDataSource } from './data-source-error';
import type { RegisteredDataSource } from './data-source-registration';
import type { WriterCommitMessage } from './input-partition';
import { invalidReturnType, RowConverter } from './returned-rows';

export interface DataSourceBatchRead {
  schema: StructType;
  /** Runs the read (at execution time). */
  rows(): unknown[][];
}

export function readDataSource(entry: RegisteredDataSource, options: CaseInsensitiveMap, userSchema: StructType | undefined, timeZone: string): DataSourceBatchRead {
  const instance = entry.create(options);
  const schema = entry.schema(instance, userSchema);
  return {
    schema,
    rows() {
      const reader = inDataSource('initialize', 'reader', () => instance.reader(schema));
      const partitions = inDataSource('plan', 'read', () => reader.partitions());
      if (!Array.isArray(partitions)) throw invalidReturnType(jsTypeName(partitions), entry.name, 'list');
      const converter = new RowConverter(schema, entry.name, timeZone);
      const out: unknown[][] = [];
      for (const p of partitions) for (const row of converter.convertAll(reader.read(p))) out.push(row);
      return out;
    },
  };
}

export function writeDataSource(entry: RegisteredDataSource, options: CaseInsensitiveMap, schema: StructType, rows: Row[], overwrite: boolean): void {
  const instance = entry.create(options);
  const writer = inDataSource('initialize', 'writer', () => instance.writer(schema, overwrite));
  let message: WriterCommitMessage | null;
  try {
    message = writer.write(rows[Symbol.iterator]()) ?? null;
  } catch (e) {
    writer.abort([null]);
    throw e;
  }
  writer.commit([message]);
}
