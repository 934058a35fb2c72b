// Client-side listeners in remote mode without a server: the bus registers the server-side listener
// with the first JavaScript listener (add_listener_bus_listener over a long-running ExecutePlan),
// turns the streamed event JSON into local mode's event objects, delivers them in order, and
// removes the server-side listener with the last one.
import { toJson } from '@bufbuild/protobuf';
import { RemoteListenerBus, listenerEventFromServer, startedEventFromJson } from '../../lib/connect/remote-listener-bus';
import { StreamingQueryEventType, CommandSchema } from '../../lib/connect/gen/spark/connect/commands_pb';
import { create } from '@bufbuild/protobuf';
import { StreamingQueryListener, QueryIdleEvent, QueryProgressEvent, QueryTerminatedEvent, type QueryStartedEvent } from '../../lib/api/streaming-query-listener';
import type { ConnectClient } from '../../lib/connect/connect-client';
import type { ExecutePlanResponse } from '../../lib/connect/gen/spark/connect/base_pb';

const ID = '8f2b8c8e-1d6f-4a55-9d0e-3f6a7c1b2d3e';
const RUN = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const progressJson = JSON.stringify({
  progress: { id: ID, runId: RUN, name: 'q', timestamp: '2026-12-06T22:00:00.000Z', batchId: 0, batchDuration: 12, numInputRows: 2, durationMs: { triggerExecution: 12 }, stateOperators: [], sources: [{ description: 'FileStreamSource', numInputRows: 2 }], sink: { description: 'MemorySink', numOutputRows: 2 } },
});

function eventsResponse(events: { eventJson: string; eventType: StreamingQueryEventType }[], added?: boolean): ExecutePlanResponse {
  return { responseType: { case: 'streamingQueryListenerEventsResult', value: { events, ...(added === undefined ? {} : { listenerBusListenerAdded: added }) } } } as unknown as ExecutePlanResponse;
}

function fakeClient() {
  const sent: unknown[] = [];
  const live: { onResponse?: (r: ExecutePlanResponse) => void; onEnd?: (e: Error | undefined) => void } = {};
  const client = {
    executeCommandLive(command: unknown, onResponse: (r: ExecutePlanResponse) => void, onEnd: (e: Error | undefined) => void) {
      sent.push(toJson(CommandSchema, create(CommandSchema, command as never)));
      live.onResponse = onResponse;
      live.onEnd = onEnd;
      return eventsResponse([], true);
    },
    executeCommand(command: unknown) {
      sent.push(toJson(CommandSchema, create(CommandSchema, command as never)));
      return [];
    },
  } as unknown as ConnectClient;
  return { client, sent, live };
}

class Recorder extends StreamingQueryListener {
  readonly seen: string[] = [];
  onQueryStarted(e: QueryStartedEvent): void {
    this.seen.push(`started ${e.name}`);
  }
  onQueryProgress(e: QueryProgressEvent): void {
    this.seen.push(`progress ${e.progress.batchId} ${e.progress.numInputRows}`);
  }
  override onQueryIdle(e: QueryIdleEvent): void {
    this.seen.push(`idle ${e.id}`);
  }
  onQueryTerminated(e: QueryTerminatedEvent): void {
    this.seen.push(`terminated ${e.exception}`);
  }
}

test("the server's event JSON becomes local mode's event objects", () => {
  const p = listenerEventFromServer({ eventJson: progressJson, eventType: StreamingQueryEventType.QUERY_PROGRESS_EVENT });
  expect(p).toBeInstanceOf(QueryProgressEvent);
  expect((p as QueryProgressEvent).progress.id).toBe(ID);
  expect((p as QueryProgressEvent).progress.numInputRows).toBe(2);
  const idle = listenerEventFromServer({ eventJson: JSON.stringify({ id: ID, runId: RUN, timestamp: '2026-12-06T22:00:01.000Z' }), eventType: StreamingQueryEventType.QUERY_IDLE_EVENT });
  expect(idle).toEqual(new QueryIdleEvent(ID, RUN, '2026-12-06T22:00:01.000Z'));
  const t = listenerEventFromServer({ eventJson: JSON.stringify({ id: ID, runId: RUN, exception: 'boom', errorClassOnException: 'STREAM_FAILED' }), eventType: StreamingQueryEventType.QUERY_TERMINATED_EVENT });
  expect(t).toEqual(new QueryTerminatedEvent(ID, RUN, 'boom', 'STREAM_FAILED'));
  expect(listenerEventFromServer({ eventJson: JSON.stringify({ id: ID, runId: RUN, exception: null }), eventType: StreamingQueryEventType.QUERY_TERMINATED_EVENT })).toEqual(new QueryTerminatedEvent(ID, RUN, null, null));
  expect(() => listenerEventFromServer({ eventJson: '{}', eventType: 9 as StreamingQueryEventType })).toThrow('[UNKNOWN_VALUE_FOR]');
  expect(startedEventFromJson(JSON.stringify({ id: ID, runId: RUN, name: null, timestamp: '2026-12-06T22:00:00.000Z', jobTags: [] }))).toMatchObject({ id: ID, runId: RUN, name: null, jobTags: [] });
});

test('first listener registers the server-side listener, events are delivered in order, last listener removes it', async () => {
  const { client, sent, live } = fakeClient();
  const bus = new RemoteListenerBus(() => client);
  const a = new Recorder();
  const b = new Recorder();
  bus.add(a);
  bus.add(b);
  expect(sent).toEqual([{ streamingQueryListenerBusCommand: { addListenerBusListener: true } }]);
  bus.postStarted(JSON.stringify({ id: ID, runId: RUN, name: 'q', timestamp: '2026-12-06T22:00:00.000Z', jobTags: [] }));
  live.onResponse!(
    eventsResponse([
      { eventJson: progressJson, eventType: StreamingQueryEventType.QUERY_PROGRESS_EVENT },
      { eventJson: JSON.stringify({ id: ID, runId: RUN, timestamp: 't' }), eventType: StreamingQueryEventType.QUERY_IDLE_EVENT },
    ]),
  );
  live.onResponse!(eventsResponse([{ eventJson: JSON.stringify({ id: ID, runId: RUN, exception: null }), eventType: StreamingQueryEventType.QUERY_TERMINATED_EVENT }]));
  await bus.whenDelivered();
  const expected = ['started q', 'progress 0 2', `idle ${ID}`, 'terminated null'];
  expect(a.seen).toEqual(expected);
  expect(b.seen).toEqual(expected);
  bus.remove(a);
  expect(sent).toHaveLength(1);
  bus.remove(b);
  expect(sent[1]).toEqual({ streamingQueryListenerBusCommand: { removeListenerBusListener: true } });
  expect(bus.size).toBe(0);
  expect(() => bus.add({} as never)).toThrow('[NOT_INSTANCE_OF] Argument `listener` should be an instance of StreamingQueryListener.');
});

test('a listener that throws is logged and the others still get the event; a broken stream drops the listeners', async () => {
  const { client, live } = fakeClient();
  const bus = new RemoteListenerBus(() => client);
  class Thrower extends Recorder {
    override onQueryProgress(): void {
      throw new Error('listener bug');
    }
  }
  {
    const good = new Recorder();
    bus.add(new Thrower());
    bus.add(good);
    live.onResponse!(eventsResponse([{ eventJson: progressJson, eventType: StreamingQueryEventType.QUERY_PROGRESS_EVENT }]));
    await bus.whenDelivered();
    expect(good.seen).toEqual(['progress 0 2']);
    live.onEnd!(new Error('UNAVAILABLE'));
    expect(bus.size).toBe(0);
  }
});
