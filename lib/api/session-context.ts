// What DataFrames and readers/writers need from their session. The session layer implements it;
// the api layer depends only on this interface (imports point down the layers).
import type { ResolverContext } from '../analysis/expression-resolver';
import type { CompileContext } from '../expressions/function-definition';
import type { FormatRegistry } from '../connectors/format-registry';
import type { DataSourceRegistration } from '../connectors/data-source/data-source-registration';
import type { LogicalPlan } from '../plans/logical-plan';
import type { Clock } from '../streaming/clock';
import type { StreamingQueryManager } from './streaming-query-manager';
import type { StructType } from '../types/struct-type';

/** What writers and readers need of the session catalog's tables (implemented in session/). */
export interface SessionTables {
  /** The table's schema, or undefined when there is no such table (names may be `default.t`). */
  schemaOf(tableName: string): StructType | undefined;
  /** The table's directory of Parquet files. */
  locationOf(tableName: string): string | undefined;
  /** df.write.saveAsTable with a save mode and clustering columns. */
  saveAsTable(tableName: string, plan: LogicalPlan, mode: 'append' | 'overwrite' | 'ignore' | 'errorifexists', provider: string | undefined, clusterBy: readonly string[], partitionBy?: readonly string[]): void;
  /** df.write.insertInto: by position, TABLE_OR_VIEW_NOT_FOUND when missing. */
  insertInto(tableName: string, plan: LogicalPlan, overwrite: boolean): void;
  /** writeStream.toTable: creates the table from the stream's schema when missing. */
  createForStream(tableName: string, schema: StructType, provider: string | undefined, clusterBy: readonly string[], partitionBy?: readonly string[]): void;
  /** One micro-batch appended to the table; a batch id written before replaces its file. */
  appendBatch(tableName: string, rows: unknown[][], batchId: number): void;
}

export interface SessionContext {
  resolverContext(): ResolverContext;
  compileContext(): CompileContext;
  numShufflePartitions(): number;
  /** spark.default.parallelism, else local[N] -> N, local[*] -> cores. */
  defaultParallelism(): number;
  confGet(key: string): string | undefined;
  readonly formats: FormatRegistry;
  /** spark.dataSource: user data sources, looked up by spark.read and df.write after the built-ins. */
  readonly dataSource?: DataSourceRegistration;
  readonly streams: StreamingQueryManager;
  readonly clock: Clock;
  registerTempView(name: string, plan: LogicalPlan): void;
  lookupTempView(name: string): LogicalPlan | undefined;
  /** Global temporary views (`global_temp.name`), shared by the process's sessions. */
  registerGlobalTempView(name: string, plan: LogicalPlan): void;
  lookupGlobalTempView(name: string): LogicalPlan | undefined;
  /** A temp view, else a session table (CREATE TABLE), as spark.table resolves names. */
  lookupTable(name: string): LogicalPlan | undefined;
  readonly tables: SessionTables;
}
