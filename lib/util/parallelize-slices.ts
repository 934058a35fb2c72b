/**
 * PySpark's parallelize of a list: the elements go to the JVM in batches of
 * max(1, min(len / numSlices, 1024)), and Spark slices the list of batches evenly
 * (batches floor(i * m / n) until floor((i + 1) * m / n) for slice i). Used by
 * sparkContext.parallelize and by local DataFrames (createDataFrame), which PySpark slices the same way.
 */
export function parallelizeSlices<T>(items: readonly T[], numSlices: number): T[][] {
  const batchSize = Math.max(1, Math.min(Math.floor(items.length / numSlices), 1024));
  const batches = Math.ceil(items.length / batchSize);
  const out: T[][] = [];
  for (let i = 0; i < numSlices; i++) {
    const from = Math.floor((i * batches) / numSlices) * batchSize;
    const to = Math.min(items.length, Math.floor(((i + 1) * batches) / numSlices) * batchSize);
    out.push(items.slice(from, to));
  }
  return out;
}

/**
 * Scala's parallelize of a Seq (ParallelCollectionRDD.slice): slice i holds items
 * [i * n / k, (i + 1) * n / k). Spark's LocalTableScan slices its rows so, into
 * min(rows, defaultParallelism) parts.
 */
export function seqSlices<T>(items: readonly T[], numSlices: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < numSlices; i++) out.push(items.slice(Math.floor((i * items.length) / numSlices), Math.floor(((i + 1) * items.length) / numSlices)));
  return out;
}

/** Spark's LocalTableScan partitions of local rows: min(rows, defaultParallelism) seqSlices (one when empty). */
export function localTableScanSlices<T>(rows: readonly T[], defaultParallelism: number): T[][] {
  return seqSlices(rows, Math.min(Math.max(rows.length, 1), defaultParallelism));
}
