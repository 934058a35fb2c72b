// Client-side StreamingQueryListeners in remote mode, as PySpark's Connect client does them: the
// first listener registers the server-side listener with a long-running ExecutePlan of
// StreamingQueryListenerBusCommand(add_listener_bus_listener); the server streams each query's
// progress, idle and terminated events (as Spark's event JSON) until the last listener is removed
// (remove_listener_bus_listener), and they are delivered to the JavaScript listeners here, in order.
// QueryStartedEvent comes with writeStream.start()'s answer (query_started_event_json) and is
// delivered inside start(), as in local mode.
import type { ExecutePlanResponse } from './gen/spark/connect/base_pb';
import { StreamingQueryEventType, type StreamingQueryListenerEvent } from './gen/spark/connect/commands_pb';
import { QueryIdleEvent, QueryProgressEvent, QueryStartedEvent, QueryTerminatedEvent, StreamingQueryListener } from '../api/streaming-query-listener';
import { PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { Logger } from '../util/logger';
import { progressFromServerJson } from './server-progress';
import type { ConnectClient } from './connect-client';

const log = new Logger('StreamingQueryListenerBus');

type RemoteEvent = QueryStartedEvent | QueryProgressEvent | QueryIdleEvent | QueryTerminatedEvent;

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

function strOrNull(v: unknown): string | null {
  return v === undefined || v === null ? null : String(v);
}

/** QueryStartedEvent from its JSON (writeStream.start()'s query_started_event_json). */
export function startedEventFromJson(text: string): QueryStartedEvent {
  const j = JSON.parse(text) as Record<string, unknown>;
  return new QueryStartedEvent(str(j.id), str(j.runId), strOrNull(j.name), str(j.timestamp), Array.isArray(j.jobTags) ? j.jobTags.map(String) : []);
}

/** A listener event as the server streams it -> local mode's event object. */
export function listenerEventFromServer(event: Pick<StreamingQueryListenerEvent, 'eventJson' | 'eventType'>): QueryProgressEvent | QueryIdleEvent | QueryTerminatedEvent {
  const j = JSON.parse(event.eventJson) as Record<string, unknown>;
  switch (event.eventType) {
    case StreamingQueryEventType.QUERY_PROGRESS_EVENT:
      return new QueryProgressEvent(progressFromServerJson(JSON.stringify(j.progress ?? {})));
    case StreamingQueryEventType.QUERY_IDLE_EVENT:
      return new QueryIdleEvent(str(j.id), str(j.runId), str(j.timestamp));
    case StreamingQueryEventType.QUERY_TERMINATED_EVENT:
      return new QueryTerminatedEvent(str(j.id), str(j.runId), strOrNull(j.exception), strOrNull(j.errorClassOnException));
    default:
      throw new PySparkValueError('UNKNOWN_VALUE_FOR', `Unknown value for \`proto.StreamingQueryEventType: ${String(event.eventType)}\`.`, { var: `proto.StreamingQueryEventType: ${String(event.eventType)}` });
  }
}

function command(add: boolean) {
  return {
    commandType: {
      case: 'streamingQueryListenerBusCommand',
      value: { command: add ? { case: 'addListenerBusListener', value: true } : { case: 'removeListenerBusListener', value: true } },
    },
  } as never;
}

export class RemoteListenerBus {
  private readonly listeners: StreamingQueryListener[] = [];
  /** The open listener-bus stream, if any (its generation, so a late end of an old one is ignored). */
  private generation = 0;
  private open = false;
  private delivery: Promise<void> = Promise.resolve();

  constructor(private readonly client: () => ConnectClient) {}

  get size(): number {
    return this.listeners.length;
  }

  /** The registered JavaScript listeners, in order. */
  list(): StreamingQueryListener[] {
    return [...this.listeners];
  }

  add(listener: StreamingQueryListener): void {
    if (!(listener instanceof StreamingQueryListener)) {
      throw new PySparkTypeError('NOT_INSTANCE_OF', 'Argument `listener` should be an instance of StreamingQueryListener.', { arg_name: 'listener' });
    }
    if (!this.open) this.register();
    this.listeners.push(listener);
  }

  remove(listener: StreamingQueryListener): void {
    const i = this.listeners.indexOf(listener);
    if (i < 0) return;
    if (this.listeners.length === 1 && this.open) {
      this.client().executeCommand(command(false));
      this.open = false;
      this.generation++;
    }
    this.listeners.splice(i, 1);
  }

  /** Removes every listener (the server ends its event stream); used when the session stops. */
  async close(): Promise<void> {
    if (this.open) {
      this.open = false;
      this.generation++;
      try {
        this.client().executeCommand(command(false));
      } catch {
        // The server is gone: nothing to remove.
      }
    }
    this.listeners.length = 0;
    await this.delivery;
  }

  /** Events delivered so far (for tests and stop()). */
  whenDelivered(): Promise<void> {
    return this.delivery;
  }

  /** Posts a started event (from start()) to every listener, synchronously as in local mode. */
  postStarted(json: string | undefined): void {
    if (json === undefined || json === '' || this.listeners.length === 0) return;
    const event = startedEventFromJson(json);
    for (const l of this.listeners.slice()) {
      try {
        l.onQueryStarted(event);
      } catch (err) {
        log.error(`Listener ${l.constructor.name} threw an exception: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private register(): void {
    const generation = ++this.generation;
    const onResponse = (r: ExecutePlanResponse) => {
      if (generation !== this.generation || r.responseType.case !== 'streamingQueryListenerEventsResult') return;
      for (const e of r.responseType.value.events) this.post(listenerEventFromServer(e));
    };
    const onEnd = (error: Error | undefined) => {
      if (generation !== this.generation) return;
      // The stream broke (server or channel gone): as PySpark, drop the listeners and say so.
      this.open = false;
      this.generation++;
      this.listeners.length = 0;
      log.warn(`StreamingQueryListenerBus handler received ${error ? `an exception, all client side listeners are removed: ${error.message}` : 'the end of the event stream, all client side listeners are removed'}`);
    };
    const first = this.client().executeCommandLive(command(true), onResponse, onEnd);
    this.open = true;
    if (first) onResponse(first);
  }

  private post(event: RemoteEvent): void {
    const listeners = this.listeners.slice();
    const deliver = async () => {
      for (const l of listeners) {
        try {
          if (event instanceof QueryProgressEvent) await l.onQueryProgress(event);
          else if (event instanceof QueryIdleEvent) await l.onQueryIdle(event);
          else if (event instanceof QueryTerminatedEvent) await l.onQueryTerminated(event);
        } catch (err) {
          log.error(`Listener ${l.constructor.name} threw an exception: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    };
    this.delivery = this.delivery.then(deliver);
  }
}
