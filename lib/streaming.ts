/**
 * `pyspark.streaming`: the legacy DStream API (`StreamingContext`, `DStream`) with the SparkContext/RDD basics it needs.
 *
 * @packageDocumentation
 * @module rivulet/streaming
 */
// "rivulet/streaming" = pyspark.streaming: the legacy DStream API (StreamingContext, DStream) with
// the SparkContext/RDD basics it needs.
export { StreamingContext } from './dstream/streaming-context';
export { DStream } from './dstream/dstream';
export { SparkContext } from './dstream/spark-context';
export { RDD, type Pair } from './dstream/rdd';
export { portable_hash, type Partitioner, type PartitionFunc } from './dstream/partitioner';
export type { MapResultHint, Widened } from './dstream/map-result';
export { ResultIterable } from './dstream/python-repr';
export { IllegalStateException } from './dstream/illegal-state-exception';
export { pendingRecords } from './dstream/socket-input-dstream';
export { StreamingListener, BatchInfo, Time, OutputOperationInfo, StreamInputInfo, type BatchEvent, type OutputOperationEvent } from './dstream/streaming-listener';
export type { StopOptions, QueueStreamOptions } from './dstream/streaming-context';
export type { NumPartitions, PreservesPartitioning, ReduceByKeyAndWindowOptions } from './dstream/dstream';
export { EOFException } from './dstream/file-input-dstream';
