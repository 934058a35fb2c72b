// What the local dashboard shows, as Spark's Structured Streaming tab keeps it: every query of the
// session (active and finished, with the last exception) and its recent progress, reduced to the
// figures the charts plot. Fed by the session's query events; read by the dashboard's JSON endpoint.
import type { StreamingQueryProgress } from '../streaming/progress';
import type { QueryProgressEvent, QueryStartedEvent, QueryTerminatedEvent } from './streaming-query-listener';

/** Progress entries kept per query (Spark's spark.sql.streaming.numRecentProgressUpdates default). */
const RECENT = 100;

export const OPERATION_NAMES = ['addBatch', 'getBatch', 'latestOffset', 'queryPlanning', 'walCommit'] as const;

export interface UiBatch {
  batchId: number;
  timestamp: string;
  inputRowsPerSecond: number | null;
  processedRowsPerSecond: number | null;
  numInputRows: number;
  batchDuration: number;
  operationDurations: Record<string, number>;
  /** Batch time minus the global watermark, in ms (null while there is no watermark, or it is still 0). */
  watermarkGapMs: number | null;
  stateRows: number;
  stateMemoryBytes: number;
}

export interface UiQuery {
  id: string;
  runId: string;
  name: string | null;
  status: 'ACTIVE' | 'FINISHED' | 'FAILED';
  startTimestamp: string;
  lastException: string | null;
  batches: UiBatch[];
}

export class StreamingUiHistory {
  private readonly queries = new Map<string, UiQuery>();

  onStarted(e: QueryStartedEvent): void {
    this.queries.set(e.runId, { id: e.id, runId: e.runId, name: e.name, status: 'ACTIVE', startTimestamp: e.timestamp, lastException: null, batches: [] });
  }

  onProgress(e: QueryProgressEvent): void {
    const q = this.queries.get(e.progress.runId);
    if (!q) return;
    q.batches.push(uiBatch(e.progress));
    if (q.batches.length > RECENT) q.batches.shift();
  }

  onTerminated(e: QueryTerminatedEvent): void {
    const q = this.queries.get(e.runId);
    if (!q) return;
    q.status = e.exception === null ? 'FINISHED' : 'FAILED';
    q.lastException = e.exception;
  }

  /** Active queries first, each group newest first. */
  snapshot(): { active: UiQuery[]; finished: UiQuery[] } {
    const all = [...this.queries.values()].reverse();
    return { active: all.filter((q) => q.status === 'ACTIVE'), finished: all.filter((q) => q.status !== 'ACTIVE') };
  }
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

function uiBatch(p: StreamingQueryProgress): UiBatch {
  const operationDurations: Record<string, number> = {};
  for (const op of OPERATION_NAMES) operationDurations[op] = p.durationMs[op] ?? 0;
  const watermark = p.eventTime.watermark;
  return {
    batchId: p.batchId,
    timestamp: p.timestamp,
    inputRowsPerSecond: finite(p.inputRowsPerSecond),
    processedRowsPerSecond: finite(p.processedRowsPerSecond),
    numInputRows: p.numInputRows,
    batchDuration: p.batchDuration,
    operationDurations,
    // As Spark's statistics page: no point while the watermark is still at its start (epoch 0).
    watermarkGapMs: watermark === undefined || Date.parse(watermark) <= 0 ? null : Date.parse(p.timestamp) - Date.parse(watermark),
    stateRows: p.stateOperators.reduce((n, s) => n + s.numRowsTotal, 0),
    stateMemoryBytes: p.stateOperators.reduce((n, s) => n + s.memoryUsedBytes, 0),
  };
}
