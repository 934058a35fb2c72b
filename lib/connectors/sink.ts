// The Sink contract: addBatch is idempotent per batch id (a batch id seen before is skipped or
// overwritten, never appended twice).
import type { StructType } from '../types/struct-type';
import type { CaseInsensitiveMap } from '../util/case-insensitive-map';
import type { OutputMode } from '../execution/physical-operator';

export interface Sink {
  readonly description: string;
  /**
   * Runs when the query starts running (Spark builds its streaming write there, after start()
   * returned): an error here fails the query (STREAM_FAILED) instead of start().
   */
  initialize?(): void | Promise<void>;
  addBatch(batchId: number, rows: unknown[][], schema: StructType, outputMode: OutputMode): void | Promise<void>;
  stop?(): void | Promise<void>;
}

export interface SinkContext {
  options: CaseInsensitiveMap;
  queryName: string | undefined;
  outputMode: OutputMode;
  schema: StructType;
  /** Session services a sink may need (temp views for the memory sink, time zone...). */
  session: SinkSessionServices;
  /** The query's checkpoint folder (a temporary one when the sink allows it and none was given). */
  checkpointLocation: string;
}

export interface SinkSessionServices {
  timeZone(): string;
  /** A session setting (spark.sql.parquet.compression.codec...), undefined when unset. */
  confGet(key: string): string | undefined;
  registerTempView(name: string, schema: StructType, rows: () => readonly (readonly unknown[])[]): void;
}

export interface SinkProvider {
  readonly shortName: string;
  /** Output modes the sink accepts; others fail with Spark's error. */
  readonly supportedOutputModes: readonly OutputMode[];
  /** Sinks that may run without a checkpointLocation (a temporary one is used). */
  readonly allowsTemporaryCheckpoint: boolean;
  /**
   * Spark's recoverFromCheckpointLocation: false when a restart of this sink in `mode` from an
   * existing checkpoint is refused (the memory sink outside Complete mode). Absent means true.
   */
  recoversFromCheckpoint?(mode: OutputMode): boolean;
  createSink(ctx: SinkContext): Sink;
}
