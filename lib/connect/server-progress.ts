// A progress report as a Spark Connect server sends it (StreamingQueryProgress JSON, offsets as
// JSON text, plus metrics maps) -> local mode's StreamingQueryProgress, so `query.lastProgress`
// has the same shape and methods (numInputRows, json(), prettyJson()) in both modes.
import { StreamingQueryProgress, StateOperatorProgress, type SourceProgressInit } from '../streaming/progress';

function offset(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : NaN;
}

export function progressFromServerJson(text: string): StreamingQueryProgress {
  const j = JSON.parse(text) as Record<string, unknown>;
  const sources = ((j.sources as Record<string, unknown>[] | undefined) ?? []).map(
    (s): SourceProgressInit => ({
      description: String(s.description ?? ''),
      startOffset: offset(s.startOffset),
      endOffset: offset(s.endOffset),
      latestOffset: offset(s.latestOffset),
      numInputRows: num(s.numInputRows),
      inputRowsPerSecond: num(s.inputRowsPerSecond),
      processedRowsPerSecond: num(s.processedRowsPerSecond),
      metrics: (s.metrics as Record<string, string> | undefined) ?? {},
    }),
  );
  const sink = (j.sink as Record<string, unknown> | undefined) ?? {};
  return new StreamingQueryProgress(
    String(j.id ?? ''),
    String(j.runId ?? ''),
    j.name === undefined || j.name === null ? null : String(j.name),
    String(j.timestamp ?? ''),
    num(j.batchId),
    num(j.batchDuration),
    (j.durationMs as Record<string, number> | undefined) ?? {},
    (j.eventTime as Record<string, string> | undefined) ?? {},
    ((j.stateOperators as Record<string, unknown>[] | undefined) ?? []).map((o) => StateOperatorProgress.fromJson(o)),
    sources,
    { description: String(sink.description ?? ''), numOutputRows: num(sink.numOutputRows) },
  );
}
