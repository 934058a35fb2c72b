// One Spark Connect session on the wire: encodes requests (protobuf-es), sends them through the
// gRPC bridge, decodes responses and turns failures into the error classes of local mode.
import { randomUUID } from 'node:crypto';
import { create, fromBinary, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import {
  AnalyzePlanRequestSchema,
  AnalyzePlanResponseSchema,
  ConfigRequestSchema,
  ConfigResponseSchema,
  ExecutePlanRequestSchema,
  ExecutePlanResponseSchema,
  FetchErrorDetailsRequestSchema,
  FetchErrorDetailsResponseSchema,
  type FetchErrorDetailsResponse,
  InterruptRequestSchema,
  InterruptRequest_InterruptType,
  ReleaseSessionRequestSchema,
  ReattachExecuteRequestSchema,
  ReleaseExecuteRequestSchema,
  type AnalyzePlanRequest,
  type AnalyzePlanResponse,
  type ConfigRequest_Operation,
  type ConfigResponse,
  type ExecutePlanResponse,
  type Plan,
} from './gen/spark/connect/base_pb';
import type { Command } from './gen/spark/connect/commands_pb';
import type { Relation } from './gen/spark/connect/relations_pb';
import type { RelationInit } from './relation';
import type { CommandSchema } from './gen/spark/connect/commands_pb';
type CommandInit = MessageInitShape<typeof CommandSchema>;
import { GrpcBridge, type BridgeReply } from './grpc-bridge';
import type { ConnectionSettings } from './connection-string';
import { errorIdOf, serverError } from './server-error';
import type { GrpcFailure, BridgeReply as LiveEnd } from './grpc-bridge';

export const CLIENT_TYPE = 'rivulet';

/** gRPC codes after which an execution is resumed (UNAVAILABLE: the connection dropped; as PySpark's retry policy). */
const RETRYABLE = new Set([14]);
/** Consecutive ReattachExecute calls before giving up. */
const MAX_REATTACH = 20;

type AnalyzeAnalysis = MessageInitShape<typeof AnalyzePlanRequestSchema>['analyze'];

export class ConnectClient {
  private readonly bridge: GrpcBridge;
  private serverSideSessionId: string | undefined;

  constructor(readonly settings: ConnectionSettings) {
    this.bridge = new GrpcBridge({ host: settings.host, port: settings.port, useSsl: settings.useSsl, token: settings.token, headers: { ...settings.headers, 'x-spark-connect-user-agent': settings.userAgent } });
  }

  get sessionId(): string {
    return this.settings.sessionId;
  }

  private base() {
    return {
      sessionId: this.settings.sessionId,
      userContext: { userId: this.settings.userId },
      clientType: CLIENT_TYPE,
      ...(this.serverSideSessionId ? { clientObservedServerSideSessionId: this.serverSideSessionId } : {}),
    };
  }

  private executeBytes(plan: MessageInitShape<typeof ExecutePlanRequestSchema>['plan']): Uint8Array {
    return toBinary(ExecutePlanRequestSchema, create(ExecutePlanRequestSchema, { ...this.base(), plan }));
  }

  /**
   * A reattachable execution, as PySpark's client runs every ExecutePlan: the request carries an
   * operation id and `reattach_options { reattachable: true }`; when the response stream ends
   * before its ResultComplete (the server closes long streams, a proxy or the network drops it),
   * ReattachExecute resumes after the last response id received; once complete, ReleaseExecute
   * (release_all) lets the server free the operation's buffered results.
   */
  private executeReattachable(plan: MessageInitShape<typeof ExecutePlanRequestSchema>['plan']): ExecutePlanResponse[] {
    const operationId = randomUUID();
    const request = create(ExecutePlanRequestSchema, { ...this.base(), plan, operationId, requestOptions: [{ requestOption: { case: 'reattachOptions', value: { reattachable: true } } }] });
    let reply = this.bridge.callSync('ExecutePlan', true, toBinary(ExecutePlanRequestSchema, request));
    const out: ExecutePlanResponse[] = [];
    for (let attempt = 0; ; attempt++) {
      const got = (reply.messages ?? []).map((m) => fromBinary(ExecutePlanResponseSchema, m));
      for (const r of got) if (r.serverSideSessionId) this.serverSideSessionId = r.serverSideSessionId;
      out.push(...got);
      const complete = out.length > 0 && out[out.length - 1].responseType.case === 'resultComplete';
      if (complete) break;
      // A server error (analysis, execution) ends the operation: it is not retried.
      if (!reply.ok && !RETRYABLE.has(reply.error.code)) throw this.failure(reply.error);
      if (attempt >= MAX_REATTACH) {
        if (!reply.ok) throw this.failure(reply.error);
        break;
      }
      const lastResponseId = out.length ? out[out.length - 1].responseId : undefined;
      const reattach = create(ReattachExecuteRequestSchema, { ...this.base(), operationId, ...(lastResponseId ? { lastResponseId } : {}) });
      this.reattachCount++;
      reply = this.bridge.callSync('ReattachExecute', true, toBinary(ReattachExecuteRequestSchema, reattach));
    }
    this.releaseExecute(operationId);
    return out.filter((r) => r.responseType.case !== 'resultComplete');
  }

  /** ReleaseExecute(release_all) for a finished operation; sent without waiting, as PySpark releases in the background. */
  private releaseExecute(operationId: string): void {
    const req = create(ReleaseExecuteRequestSchema, { ...this.base(), operationId, release: { case: 'releaseAll', value: {} } });
    void this.bridge.callAsync('ReleaseExecute', false, toBinary(ReleaseExecuteRequestSchema, req));
  }

  /** How many times a response stream was resumed with ReattachExecute (for tests and diagnostics). */
  reattachCount = 0;

  private executeReply(reply: BridgeReply): ExecutePlanResponse[] {
    if (!reply.ok) throw this.failure(reply.error);
    const out = reply.messages.map((m) => fromBinary(ExecutePlanResponseSchema, m));
    for (const r of out) if (r.serverSideSessionId) this.serverSideSessionId = r.serverSideSessionId;
    return out;
  }

  /** The exception for a failed call, with the server's full error details when it kept them. */
  private failure(failure: GrpcFailure): Error {
    return serverError(failure, this.fetchErrorDetails(failure));
  }

  /** FetchErrorDetails for a failure's errorId (undefined when the server kept none or the call fails, as in PySpark). */
  fetchErrorDetails(failure: GrpcFailure): FetchErrorDetailsResponse | undefined {
    const errorId = errorIdOf(failure);
    if (!errorId) return undefined;
    const req = create(FetchErrorDetailsRequestSchema, { ...this.base(), errorId });
    const reply = this.bridge.callSync('FetchErrorDetails', false, toBinary(FetchErrorDetailsRequestSchema, req));
    if (!reply.ok) return undefined;
    const details = fromBinary(FetchErrorDetailsResponseSchema, reply.messages[0]);
    return details.rootErrorIdx !== undefined && details.rootErrorIdx < details.errors.length ? details : undefined;
  }

  /** Runs a relation and returns every response (Arrow batches, schema, metrics). */
  executeRelation(root: Relation | RelationInit): ExecutePlanResponse[] {
    return this.executeReattachable({ opType: { case: 'root', value: root } });
  }

  executeCommand(command: Command | CommandInit): ExecutePlanResponse[] {
    return this.executeReattachable({ opType: { case: 'command', value: command } });
  }

  async executeCommandAsync(command: Command | CommandInit): Promise<ExecutePlanResponse[]> {
    return this.executeReply(await this.bridge.callAsync('ExecutePlan', true, this.executeBytes({ opType: { case: 'command', value: command } })));
  }

  /**
   * Runs a long-running command (the listener bus): returns its first response (throws the
   * server's error if it fails at once); later responses go to `onResponse`, its end to `onEnd`
   * (with the exception when it failed).
   */
  executeCommandLive(command: Command | CommandInit, onResponse: (r: ExecutePlanResponse) => void, onEnd: (error: Error | undefined) => void): ExecutePlanResponse | undefined {
    const first = this.bridge.callLive('ExecutePlan', this.executeBytes({ opType: { case: 'command', value: command } }), {
      onMessage: (m) => onResponse(fromBinary(ExecutePlanResponseSchema, m)),
      onEnd: (reply: LiveEnd) => onEnd(reply.ok ? undefined : serverError(reply.error)),
    });
    return this.executeReply(first)[0];
  }

  analyze(analyze: AnalyzeAnalysis): AnalyzePlanResponse {
    const req: AnalyzePlanRequest = create(AnalyzePlanRequestSchema, { ...this.base(), analyze });
    const reply = this.bridge.callSync('AnalyzePlan', false, toBinary(AnalyzePlanRequestSchema, req));
    if (!reply.ok) throw this.failure(reply.error);
    return fromBinary(AnalyzePlanResponseSchema, reply.messages[0]);
  }

  config(operation: MessageInitShape<typeof ConfigRequestSchema>['operation']): ConfigResponse {
    const req = create(ConfigRequestSchema, { ...this.base(), operation: operation as ConfigRequest_Operation });
    const reply = this.bridge.callSync('Config', false, toBinary(ConfigRequestSchema, req));
    if (!reply.ok) throw this.failure(reply.error);
    return fromBinary(ConfigResponseSchema, reply.messages[0]);
  }

  /** Interrupts every operation of this session (used when stopping). */
  interruptAll(): void {
    const req = create(InterruptRequestSchema, { ...this.base(), interruptType: InterruptRequest_InterruptType.ALL });
    this.bridge.callSync('Interrupt', false, toBinary(InterruptRequestSchema, req));
  }

  /** Releases the server-side session and closes the channel. */
  async close(): Promise<void> {
    const req = create(ReleaseSessionRequestSchema, { sessionId: this.settings.sessionId, userContext: { userId: this.settings.userId }, clientType: CLIENT_TYPE });
    await this.bridge.callAsync('ReleaseSession', false, toBinary(ReleaseSessionRequestSchema, req));
    await this.bridge.close();
  }
}

export type { Plan };
