// pyspark.sql.datasource.DataSourceReader: a batch reader. partitions() splits the read (one
// InputPartition(null) by default); read(partition) yields the partition's rows as arrays (tuples),
// Rows or objects keyed by column name.
import { InputPartition } from './input-partition';

export abstract class DataSourceReader {
  partitions(): InputPartition[] {
    return [new InputPartition(null)];
  }

  abstract read(partition: InputPartition): Iterable<unknown> | Iterator<unknown>;
}
