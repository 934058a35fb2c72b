// pyspark.sql.datasource.DataSource, DataSourceReader, DataSourceWriter and DataSourceStreamWriter,
// (kept in one module, as start-up loads it with the package). DataSource: the base class of a user-defined data source. Subclasses
// give a schema and the readers/writers they support; what they do not support raises
// NOT_IMPLEMENTED, as PySpark's abstract methods do. The format name is the static `name()` (or,
// when not defined, the class name), as PySpark's classmethod name() defaults to cls.__name__.
import { notImplemented } from '../../errors/illegal-argument-exception';
import type { StructType } from '../../types/struct-type';
import type { DataSourceOptions } from './data-source-options';
import type { DataSourceStreamReader, SimpleDataSourceStreamReader } from './data-source-stream-reader';
import type { Row } from '../../types/row';
import { InputPartition, type WriterCommitMessage } from './input-partition';

export abstract class DataSource {
  /** The reader's or writer's options (string values, keys case-insensitive). */
  readonly options: DataSourceOptions;

  constructor(options: DataSourceOptions) {
    this.options = options;
  }

  /** The schema as a StructType or a DDL string; needed when the reader gives no schema. */
  schema(): StructType | string {
    throw notImplemented('schema');
  }

  /** A reader for spark.read.format(name).load(). */
  reader(_schema: StructType): DataSourceReader {
    throw notImplemented('reader');
  }

  /** A writer for df.write.format(name).save(); overwrite is true for mode('overwrite'). */
  writer(_schema: StructType, _overwrite: boolean): DataSourceWriter {
    throw notImplemented('writer');
  }

  /** A writer for writeStream.format(name); overwrite is true in complete output mode. */
  streamWriter(_schema: StructType, _overwrite: boolean): DataSourceStreamWriter {
    throw notImplemented('streamWriter');
  }

  /** A simple stream reader, used when streamReader() is not implemented. */
  simpleStreamReader(_schema: StructType): SimpleDataSourceStreamReader {
    throw notImplemented('simpleStreamReader');
  }

  /** A stream reader for spark.readStream.format(name).load(). */
  streamReader(_schema: StructType): DataSourceStreamReader {
    throw notImplemented('streamReader');
  }
}

/** A DataSource subclass as spark.dataSource.register receives it. */
export type DataSourceClass = (new (options: DataSourceOptions) => DataSource) & { name: string | (() => string) };

// pyspark.sql.datasource.DataSourceReader: a batch reader. partitions() splits the read (one
// InputPartition(null) by default); read(partition) yields the partition's rows as arrays (tuples),
// Rows or objects keyed by column name.

export abstract class DataSourceReader {
  partitions(): InputPartition[] {
    return [new InputPartition(null)];
  }

  abstract read(partition: InputPartition): Iterable<unknown> | Iterator<unknown>;
}

// pyspark.sql.datasource.DataSourceWriter and DataSourceStreamWriter: write(iterator) runs per
// partition and returns a WriterCommitMessage; commit (or abort, when a task failed) runs once
// with every partition's message (null for a failed one), per micro-batch for streams.

export abstract class DataSourceWriter {
  abstract write(iterator: Iterator<Row>): WriterCommitMessage | null | undefined;

  commit(_messages: (WriterCommitMessage | null)[]): void {}

  abort(_messages: (WriterCommitMessage | null)[]): void {}
}

export abstract class DataSourceStreamWriter {
  abstract write(iterator: Iterator<Row>): WriterCommitMessage | null | undefined;

  commit(_messages: (WriterCommitMessage | null)[], _batchId: number): void {}

  abort(_messages: (WriterCommitMessage | null)[], _batchId: number): void {}
}
