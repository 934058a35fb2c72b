// spark.streams in remote mode: StreamingQueryManagerCommand on the server (active, get,
// awaitAnyTermination, resetTerminated). Listeners written in JavaScript cannot run on the server.
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { StreamingQueryManagerCommandSchema, StreamingQueryManagerCommandResult } from './gen/spark/connect/commands_pb';
import { timeoutMillis } from '../api/await-timeout';
import type { RemoteSession } from './remote-session';
import { RemoteStreamingQuery } from './remote-streaming-query';
import { unsupportedRemotely } from './unsupported';

type CommandCase = MessageInitShape<typeof StreamingQueryManagerCommandSchema>['command'];

export class RemoteStreamingQueryManager {
  constructor(private readonly session: RemoteSession) {}

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

  resetTerminated(): void {
    this.result({ case: 'resetTerminated', value: true });
  }

  addListener(_listener?: unknown): never {
    throw unsupportedRemotely('StreamingQueryListener written in JavaScript', '`query.lastProgress` / `query.recentProgress` polling, or local mode');
  }

  removeListener(_listener?: unknown): never {
    throw unsupportedRemotely('StreamingQueryListener written in JavaScript', '`query.lastProgress` / `query.recentProgress` polling, or local mode');
  }
}
