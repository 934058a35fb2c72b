/**
 * The session (`SparkSession`/`StreamSession`), DataFrame, Column, readers and writers, streaming queries, listeners, rows and errors: what `pyspark.sql` gives.
 *
 * @packageDocumentation
 * @module rivulet
 */
// "rivulet": the user-facing API.
export { StreamSession, SparkSession, Builder } from './session/stream-session';
export { RemoteBuilder } from './session/stream-session';
export type { RemoteSession } from './connect/remote-session';
export type { RemoteDataFrame, RemoteGroupedData } from './connect/remote-data-frame';
export type { RemoteStreamingQuery } from './connect/remote-streaming-query';
// PySpark's SparkContext: `new SparkContext(master, appName)`, parallelize; spark.sparkContext
// is the session's view of it (StreamingContext accepts either).
export { SparkContext } from './dstream/spark-context';
export { SparkConf } from './dstream/spark-conf';
import './dstream/data-frame-rdd';
import './session/missing-methods';
export { RuntimeConfig } from './session/runtime-config';
export { DataFrame, type TypedRow } from './api/data-frame';
export { Column } from './api/column';
export { Window, WindowSpec } from './api/window';
export { StorageLevel } from './api/storage-level';
export { GroupedData } from './api/grouped-data';
export { DataStreamReader } from './api/data-stream-reader';
export { DataFrameReader } from './api/data-frame-reader';
export { DataStreamWriter } from './api/data-stream-writer';
export { DataFrameWriter, type SaveMode, type WriterOptions } from './api/data-frame-writer';
export { StreamingQuery, type QueryPlanText } from './api/streaming-query';
export type { ExplainOptions } from './api/explain-mode';
export { StreamingQueryManager } from './api/streaming-query-manager';
export type { StreamingCheckpointManager } from './streaming/streaming-checkpoint-manager';
export { StreamingQueryListener, QueryStartedEvent, QueryProgressEvent, QueryIdleEvent, QueryTerminatedEvent } from './api/streaming-query-listener';
export { StreamingQueryProgress, SourceProgress, SinkProgress, StateOperatorProgress, type ObservedMetricsRow } from './streaming/progress';
export { Observation } from './api/observation';
export { Catalog, Table, CatalogColumn, Database } from './session/catalog';
export type { QueryStatus, LastBatchInfo } from './streaming/micro-batch-execution';
export { Row } from './types/row';
export { Timestamp } from './types/timestamp-value';
export { PlainDate } from './types/plain-date';
export { PlainDateTime } from './types/plain-date-time';
export { Decimal } from './types/decimal';
export { StructType, StructField } from './types/struct-type';
export {
  SparkException,
  AnalysisException,
  ParseException,
  IllegalArgumentException,
  StreamingQueryException,
  PySparkValueError,
  PySparkTypeError,
  PySparkAssertionError,
  PySparkAttributeError,
  PySparkIndexError,
  PySparkNotImplementedError,
  ArithmeticException,
  NumberFormatException,
  DateTimeException,
  ArrayIndexOutOfBoundsException,
  SparkRuntimeException,
} from './errors/index';
export { col, lit, expr } from './api/functions/column-basics';
export { GroupStateTimeout } from './plans/group-state-timeout';
export { GroupState } from './execution/group-state';
// Types that appear in the signatures above (for annotations; nothing more loads at import).
export type { ColumnOrName } from './api/column';
export type { ColumnOrNameOrOrdinal } from './api/column-args';
export type { ReaderOptions } from './api/reader-arguments';
export type { OptionValue } from './api/data-stream-reader';
export type { TriggerOptions } from './streaming/trigger';
export type { DataFrameNaFunctions } from './api/data-frame-na-functions';
export type { DataFrameStatFunctions } from './api/data-frame-stat-functions';
export type { UDFRegistration } from './api/udf';
export type { ForeachBatchFunction } from './api/foreach-batch-sink';
export type { ForeachTarget, ForeachWriter } from './connectors/foreach/foreach-sink';
export type { MapGroupsWithStateFunction, FlatMapGroupsWithStateFunction, ApplyInPandasWithStateFunction } from './api/grouped-state-functions';
export type { SparkContextOptions } from './dstream/spark-context';
export { StatefulProcessor, TimerValues, ExpiredTimerInfo } from './execution/stateful-processor';
export type { StatefulProcessorHandle, ValueState, ListState, MapState, TTLConfig } from './execution/stateful-processor-handle';
export { TimeMode } from './api/time-mode';
// pyspark.sql.datasource: user-defined data sources (spark.dataSource.register) and
// pyspark.sql.streaming.datasource's read limits.
export { DataSource } from './connectors/data-source/data-source';
export type { DataSourceClass } from './connectors/data-source/data-source';
export type { DataSourceOptions } from './connectors/data-source/data-source-options';
export { DataSourceReader } from './connectors/data-source/data-source';
export { DataSourceStreamReader, type DataSourceOffset } from './connectors/data-source/data-source-stream-reader';
export { SimpleDataSourceStreamReader } from './connectors/data-source/data-source-stream-reader';
export { DataSourceWriter, DataSourceStreamWriter } from './connectors/data-source/data-source';
export { InputPartition, WriterCommitMessage } from './connectors/data-source/input-partition';
export type { DataSourceRegistration, RegisteredDataSource } from './connectors/data-source/data-source-registration';
export { ReadLimit, ReadAllAvailable, ReadMinRows, ReadMaxRows, ReadMaxFiles, ReadMaxBytes } from './connectors/data-source/data-source-stream-reader';
