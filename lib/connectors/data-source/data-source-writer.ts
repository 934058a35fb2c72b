// pyspark.sql.datasource.DataSourceWriter and DataSourceStreamWriter: write(iterator) runs per
// partition and returns a WriterCommitMessage; commit (or abort, when a task failed) runs once
// with every partition's message (null for a failed one), per micro-batch for streams.
import type { Row } from '../../types/row';
import type { WriterCommitMessage } from './input-partition';

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
