// pyspark.sql.streaming.StreamingQueryListener: subclass it and pass it to
// spark.streams.addListener(). onQueryStarted runs synchronously inside start(); the other
// callbacks run asynchronously (after the batch that caused them), so a slow listener never holds
// a batch up. A listener that throws is logged and keeps receiving events, as in Spark.
import { StreamingQueryProgress } from '../streaming/progress';

type JsonObject = Record<string, unknown>;

/** fromJson takes the parsed object (as PySpark's fromJson(dict)) or its JSON text. */
function parseEventJson(json: string | JsonObject): JsonObject {
  return typeof json === 'string' ? (JSON.parse(json) as JsonObject) : json;
}

function stringOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

export class QueryStartedEvent {
  constructor(
    readonly id: string,
    readonly runId: string,
    readonly name: string | null,
    /** When the query started, ISO-8601 UTC with milliseconds. */
    readonly timestamp: string,
    readonly jobTags: readonly string[] = [],
  ) {}

  /** PySpark's QueryStartedEvent.fromJson: `jobTags` is optional (absent before Spark 4.0). */
  static fromJson(json: string | JsonObject): QueryStartedEvent {
    const j = parseEventJson(json);
    const tags = Array.isArray(j.jobTags) ? [...new Set(j.jobTags.map(String))] : [];
    return new QueryStartedEvent(String(j.id), String(j.runId), stringOrNull(j.name), String(j.timestamp), tags);
  }
}

export class QueryProgressEvent {
  constructor(readonly progress: StreamingQueryProgress) {}

  static fromJson(json: string | JsonObject): QueryProgressEvent {
    return new QueryProgressEvent(StreamingQueryProgress.fromJson(parseEventJson(json).progress as JsonObject));
  }
}

/** Posted when a trigger finds no new data (at most every spark.sql.streaming.noDataProgressEventInterval). */
export class QueryIdleEvent {
  constructor(
    readonly id: string,
    readonly runId: string,
    readonly timestamp: string,
  ) {}

  static fromJson(json: string | JsonObject): QueryIdleEvent {
    const j = parseEventJson(json);
    return new QueryIdleEvent(String(j.id), String(j.runId), String(j.timestamp));
  }
}

export class QueryTerminatedEvent {
  constructor(
    readonly id: string,
    readonly runId: string,
    /** The failure's message, or null when the query stopped normally. */
    readonly exception: string | null,
    /** The failure's error class (e.g. STREAM_FAILED), when it has one. */
    readonly errorClassOnException: string | null,
  ) {}

  static fromJson(json: string | JsonObject): QueryTerminatedEvent {
    const j = parseEventJson(json);
    return new QueryTerminatedEvent(String(j.id), String(j.runId), stringOrNull(j.exception), stringOrNull(j.errorClassOnException));
  }
}

export abstract class StreamingQueryListener {
  abstract onQueryStarted(event: QueryStartedEvent): void;
  abstract onQueryProgress(event: QueryProgressEvent): void | Promise<void>;
  /** Optional, as in PySpark 3.5+. */
  onQueryIdle(_event: QueryIdleEvent): void | Promise<void> {}
  abstract onQueryTerminated(event: QueryTerminatedEvent): void | Promise<void>;
}
