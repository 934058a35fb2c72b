// `df.rdd`: a batch DataFrame's rows as an RDD of Rows (PySpark's DataFrame.rdd). Declared here,
// in the layer that owns RDDs, because the api layer cannot import them.
import { DataFrame } from '../api/data-frame';
import type { Row } from '../types/row';
import type { RDD } from './rdd';

declare module '../api/data-frame' {
  interface DataFrame {
    /** The rows as an RDD of Rows (runs the DataFrame when the RDD is first used). */
    readonly rdd: RDD<Row>;
  }
}

Object.defineProperty(DataFrame.prototype, 'rdd', {
  get(this: DataFrame): RDD<Row> {
    // Streaming DataFrames fail here with Spark's "Queries with streaming sources..." error.
    // The DataFrame's partitions (createDataFrame's slices, repartition, coalesce) become the RDD's.
    const parts = this.partitionRows().map((rows) => this.toRows(rows) as Row[]);
    return (require('./rdd') as typeof import('./rdd')).RDD.fromPartitions<Row>(parts);
  },
  configurable: true,
});
