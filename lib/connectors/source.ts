// The Source contract (ARCHITECTURE.md): offsets are JSON values; getBatch(start, end) returns the
// same rows for the same range; commit(end) lets the source drop data up to end.
import type { StructType } from '../types/struct-type';
import type { CaseInsensitiveMap } from '../util/case-insensitive-map';

export type Offset = number | string | Record<string, unknown> | unknown[];

/**
 * Spark's ReadLimit as the engine passes it to latestOffset: 'allAvailable' under Trigger.Once
 * (rate limits such as maxFilesPerTrigger or maxOffsetsPerTrigger are ignored), else the source's
 * own limits apply.
 */
export type ReadLimit = 'default' | 'allAvailable';

export interface Source {
  readonly schema: StructType;
  /** Shown in progress reports, e.g. `TextSocketV2[host: localhost, port: 9999]`. */
  readonly description: string;
  /** Connects or opens whatever the source reads; called once before the first batch. */
  initialize?(): Promise<void>;
  /**
   * The newest available offset, or null when nothing has arrived yet. `start` is where the next
   * batch begins (the last batch's end offset, from the checkpoint after a restart; null before
   * the first batch): rate limits such as maxOffsetsPerTrigger count from it, unless `limit` is
   * 'allAvailable' (Trigger.Once).
   */
  latestOffset(start: Offset | null, limit?: ReadLimit): Offset | null | Promise<Offset | null>;
  /**
   * Rows in (start, end]; start is null for the first batch. After a restart the engine asks again
   * for a range logged in offsets/N, so the same range must give the same rows.
   */
  getBatch(start: Offset | null, end: Offset): unknown[][] | Promise<unknown[][]>;
  commit(end: Offset): void;
  /** File sources: the files (URIs) read for (start, end], as query.explain()'s FileScan lists them. */
  batchFiles?(start: Offset | null, end: Offset): string[];
  /**
   * Spark's SupportsAdmissionControl.reportLatestOffset: the newest offset available, before rate
   * limits, shown as `latestOffset` in progress. Sources without it report null, as in Spark.
   */
  reportLatestOffset?(): Offset | null;
  /**
   * Spark's ReportsSourceMetrics: source-specific figures for the batch that ended at
   * `latestConsumedOffset`, shown as `metrics` of the source in progress (values are strings).
   */
  metrics?(latestConsumedOffset: Offset | null): Record<string, string>;
  /**
   * Trigger.AvailableNow (Spark's SupportsTriggerAvailableNow): remember what is available now;
   * later latestOffset calls never go beyond it but keep the source's rate limits, so the engine
   * runs as many batches as they need. Sources without it are read up to their offset at start.
   */
  prepareForTriggerAvailableNow?(): void | Promise<void>;
  /**
   * Trigger.AvailableNow progress, for the status line's bar: how many units (rows, records,
   * files) lie after `start` up to where availableNow stops. `cap` is that point for sources
   * without prepareForTriggerAvailableNow (the engine's cap; null when nothing was there) and
   * undefined for those that fixed it themselves. Null when the source cannot tell.
   */
  availableNowRemaining?(start: Offset | null, cap: Offset | null | undefined): number | null;
  stop(): void | Promise<void>;
  /** Push sources wake the engine instead of being polled. */
  onDataAvailable?(listener: () => void): void;
}

export interface SourceContext {
  /** Options as given to the reader, keys case-insensitive. */
  options: CaseInsensitiveMap;
  userSchema: StructType | undefined;
  /** The query's clock (manual in tests); present when a query creates the source. */
  clock?: { now(): number };
  /** Spark's default parallelism (local[N] -> N, local[*] -> cores): default partition count. */
  defaultParallelism?: number;
  /**
   * `<checkpoint>/sources/<index>`: where a source keeps its own metadata (files already read,
   * Kafka's initial offsets, the rate source's start time). Present when a query creates the
   * source; the folder may not exist yet.
   */
  metadataPath?: string;
  /** Session settings (time zone, spark.sql.files.ignoreMissingFiles...), undefined when unset. */
  conf?: (key: string) => string | undefined;
}

export interface SourceProvider {
  readonly shortName: string;
  /** Validates options and returns the schema without connecting (called at load()). */
  sourceSchema(ctx: SourceContext): StructType;
  createSource(ctx: SourceContext): Source;
}
