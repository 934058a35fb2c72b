// spark.streams in remote mode: StreamingQueryManagerCommand on the server (active, get,
// awaitAnyTermination, resetTerminated) and client-side listeners (RemoteListenerBus).
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { StreamingQueryManagerCommandSchema, StreamingQueryManagerCommandResult } from './gen/spark/connect/commands_pb';
import { timeoutMillis } from '../api/await-timeout';
import type { RemoteSession } from './remote-session';
import { RemoteStreamingQuery } from './remote-streaming-query';
import { RemoteListenerBus } from './remote-listener-bus';
import type { StreamingQueryListener } from '../api/streaming-query-listener';

type CommandCase = MessageInitShape<typeof StreamingQueryManagerCommandSchema>['command'];

export class RemoteStreamingQueryManager {
  /** Internal: the client-side listeners and the server's event stream. */
  readonly listenerBus: RemoteListenerBus;

  constructor(private readonly session: RemoteSession) {
    this.listenerBus = new RemoteListenerBus(() => session.client);
  }

  private init(command: CommandCase) {
    return { commandType: { case: 'streamingQueryManagerCommand', value: { command } } } as never;
  }

  private result(command: CommandCase): StreamingQueryManagerCommandResult['resultType'] {
    for (const r of this.session.client.executeCommand(this.init(command))) {
      if (r.responseType.case === 'streamingQueryManagerCommandResult') return r.responseType.value.resultType;
    }
    return { case: undefined };
  }

  get active(): RemoteStreamingQuery[] {
    const r = this.result({ case: 'active', value: true });
    if (r.case !== 'active') return [];
    return r.value.activeQueries.map((q) => new RemoteStreamingQuery(this.session, q.id?.id ?? '', q.id?.runId ?? '', q.name ?? null));
  }

  get(id: string): RemoteStreamingQuery | null {
    const r = this.result({ case: 'getQuery', value: id });
    if (r.case !== 'query') return null;
    return new RemoteStreamingQuery(this.session, r.value.id?.id ?? '', r.value.id?.runId ?? '', r.value.name ?? null);
  }

  awaitAnyTermination(): Promise<void>;
  awaitAnyTermination(timeout: number | null): Promise<boolean>;
  async awaitAnyTermination(timeout?: number | null): Promise<void | boolean> {
    const value = timeout === undefined || timeout === null ? {} : { timeoutMs: BigInt(timeoutMillis(timeout)) };
    let terminated = false;
    for (const r of await this.session.client.executeCommandAsync(this.init({ case: 'awaitAnyTermination', value }))) {
      if (r.responseType.case === 'streamingQueryManagerCommandResult' && r.responseType.value.resultType.case === 'awaitAnyTermination') terminated = r.responseType.value.resultType.value.terminated;
    }
    if (timeout === undefined || timeout === null) return;
    return terminated;
  }

  /** Stops every active query of this session on the server. */
  async stopAll(): Promise<void> {
    for (const q of this.active) await q.stop();
  }

  resetTerminated(): void {
    this.result({ case: 'resetTerminated', value: true });
  }

  /** Registers a JavaScript listener: the server streams every query's events to this client (Spark 3.5+ servers). */
  addListener(listener: StreamingQueryListener): void {
    this.listenerBus.add(listener);
  }

  /** Scala's StreamingQueryManager.listListeners(): this client's registered listeners. */
  listListeners(): StreamingQueryListener[] {
    return this.listenerBus.list();
  }

  removeListener(listener: StreamingQueryListener): void {
    this.listenerBus.remove(listener);
  }
}
