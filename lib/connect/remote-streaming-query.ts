// StreamingQuery in remote mode: the same properties and methods as local mode; each one is a
// StreamingQueryCommand on the server. Properties (status, lastProgress...) call synchronously,
// blocking calls (awaitTermination, stop, processAllAvailable) return Promises as in local mode.
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { StreamingQueryCommandSchema, StreamingQueryCommandResult } from './gen/spark/connect/commands_pb';
import { timeoutMillis } from '../api/await-timeout';
import type { RemoteSession } from './remote-session';
import { StreamingQueryException } from '../errors/streaming-query-exception';
import type { StreamingQueryProgress } from '../streaming/progress';
import { progressFromServerJson } from './server-progress';

type CommandCase = MessageInitShape<typeof StreamingQueryCommandSchema>['command'];

/** `query.status`, as Spark's StreamingQueryStatus JSON. */
export interface RemoteQueryStatus {
  message: string;
  isDataAvailable: boolean;
  isTriggerActive: boolean;
}

export class RemoteStreamingQuery {
  constructor(
    private readonly session: RemoteSession,
    readonly id: string,
    readonly runId: string,
    readonly name: string | null,
  ) {}

  private commandInit(command: CommandCase) {
    return { commandType: { case: 'streamingQueryCommand', value: { queryId: { id: this.id, runId: this.runId }, command } } } as never;
  }

  private result(command: CommandCase): StreamingQueryCommandResult['resultType'] {
    for (const r of this.session.client.executeCommand(this.commandInit(command))) {
      if (r.responseType.case === 'streamingQueryCommandResult') return r.responseType.value.resultType;
    }
    return { case: undefined };
  }

  private async resultAsync(command: CommandCase): Promise<StreamingQueryCommandResult['resultType']> {
    for (const r of await this.session.client.executeCommandAsync(this.commandInit(command))) {
      if (r.responseType.case === 'streamingQueryCommandResult') return r.responseType.value.resultType;
    }
    return { case: undefined };
  }

  private statusResult() {
    const r = this.result({ case: 'status', value: true });
    return r.case === 'status' ? r.value : undefined;
  }

  get isActive(): boolean {
    return this.statusResult()?.isActive ?? false;
  }

  get status(): RemoteQueryStatus {
    const s = this.statusResult();
    return { message: s?.statusMessage ?? '', isDataAvailable: s?.isDataAvailable ?? false, isTriggerActive: s?.isTriggerActive ?? false };
  }

  /** The last progress report, as local mode's StreamingQueryProgress. */
  get lastProgress(): StreamingQueryProgress | null {
    const r = this.result({ case: 'lastProgress', value: true });
    if (r.case !== 'recentProgress' || r.value.recentProgressJson.length === 0) return null;
    return progressFromServerJson(r.value.recentProgressJson[r.value.recentProgressJson.length - 1]);
  }

  get recentProgress(): StreamingQueryProgress[] {
    const r = this.result({ case: 'recentProgress', value: true });
    return r.case === 'recentProgress' ? r.value.recentProgressJson.map(progressFromServerJson) : [];
  }

  /** The query's failure, or null (a StreamingQueryException carrying the server's message). */
  exception(): StreamingQueryException | null {
    const r = this.result({ case: 'exception', value: true });
    if (r.case !== 'exception' || r.value.exceptionMessage === undefined) return null;
    const e = new StreamingQueryException(this.id, this.runId, new Error(r.value.exceptionMessage));
    e.message = r.value.exceptionMessage;
    return e;
  }

  awaitTermination(): Promise<void>;
  awaitTermination(timeout: number | null): Promise<boolean>;
  async awaitTermination(timeout?: number | null): Promise<void | boolean> {
    const value = timeout === undefined || timeout === null ? {} : { timeoutMs: BigInt(timeoutMillis(timeout)) };
    const r = await this.resultAsync({ case: 'awaitTermination', value });
    if (timeout === undefined || timeout === null) return;
    return r.case === 'awaitTermination' ? r.value.terminated : false;
  }

  async processAllAvailable(): Promise<void> {
    await this.resultAsync({ case: 'processAllAvailable', value: true });
  }

  async stop(): Promise<void> {
    await this.resultAsync({ case: 'stop', value: true });
  }

  explain(extended = false): void {
    process.stdout.write(this.explainString(extended) + '\n');
  }

  /** The text explain() prints, without print()'s final newline: the server's text as it is (PySpark prints it with print()). */
  explainString(extended = false): string {
    const r = this.result({ case: 'explain', value: { extended } });
    return r.case === 'explain' ? r.value.result : '';
  }

  toString(): string {
    return `StreamingQuery(id=${this.id}, runId=${this.runId}, name=${this.name})`;
  }
}
