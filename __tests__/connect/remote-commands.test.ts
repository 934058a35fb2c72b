// The commands remote mode sends for writeStream, StreamingQuery, spark.streams and spark.conf, and
// how it reads their answers, against a fake client (no server): each call's decoded message.
import { create, toJson } from '@bufbuild/protobuf';
import { CommandSchema } from '../../lib/connect/gen/spark/connect/commands_pb';
import { ExecutePlanResponseSchema, type ExecutePlanResponse } from '../../lib/connect/gen/spark/connect/base_pb';
import { RemoteSession } from '../../lib/connect/remote-session';
import { expressionToProto } from '../../lib/connect/expression-proto';
import { ExpressionSchema } from '../../lib/connect/gen/spark/connect/expressions_pb';
import { col, transform, row_number, sum } from '../../lib/functions';
import { Window } from '../../lib/api/window';
import { StreamingQueryProgress } from '../../lib/streaming/progress';
import { spawnSync } from 'node:child_process';
import { scriptCommand, scriptEnv, PROJECT_ROOT } from '../support/script-process';

type Sent = { kind: string; json: unknown };

function fakeSession(answer: (command: Record<string, unknown>) => Partial<ExecutePlanResponse>['responseType']) {
  const spark = new RemoteSession('sc://127.0.0.1:9');
  const sent: Sent[] = [];
  const respond = (command: unknown): ExecutePlanResponse[] => {
    const json = toJson(CommandSchema, create(CommandSchema, command as never)) as Record<string, unknown>;
    sent.push({ kind: Object.keys(json)[0], json });
    const responseType = answer(json);
    return responseType ? [create(ExecutePlanResponseSchema, { responseType } as never)] : [];
  };
  Object.assign(spark.client, {
    executeCommand: respond,
    executeCommandAsync: async (command: unknown) => respond(command),
  });
  return { spark, sent };
}

const QUERY_ID = { id: '11111111-2222-4333-8444-555555555555', runId: '66666666-7777-4888-8999-000000000000' };

test('writeStream.start sends WriteStreamOperationStart and returns the query the server started', () => {
  const { spark, sent } = fakeSession(() => ({ case: 'writeStreamOperationStartResult', value: { queryId: QUERY_ID, name: 'counts' } }) as never);
  const q = spark.readStream.format('rate').load().groupBy('value').count().writeStream.format('memory').queryName('counts').outputMode('complete').trigger({ processingTime: '2 seconds' }).option('checkpointLocation', '/tmp/cp').start();
  expect(q.id).toBe(QUERY_ID.id);
  expect(q.runId).toBe(QUERY_ID.runId);
  expect(q.name).toBe('counts');
  const start = (sent[0].json as { writeStreamOperationStart: Record<string, unknown> }).writeStreamOperationStart;
  expect(start).toMatchObject({ format: 'memory', queryName: 'counts', outputMode: 'complete', processingTimeInterval: '2 seconds', options: { checkpointLocation: '/tmp/cp' } });
  expect(start.input).toHaveProperty('aggregate');
  void spark.stop().catch(() => undefined);
});

test('StreamingQuery: status, lastProgress, recentProgress, exception, awaitTermination(timeout), processAllAvailable, stop, explain', async () => {
  // As the server sends it: offsets as JSON text, metrics maps local mode does not report.
  const progress = {
    id: QUERY_ID.id, runId: QUERY_ID.runId, name: 'q', timestamp: '2024-05-01T00:00:00.000Z', batchId: 3, batchDuration: 12, numInputRows: 7,
    durationMs: { triggerExecution: 12 }, eventTime: {}, stateOperators: [],
    sources: [{ description: 'RateStreamV2', startOffset: '5', endOffset: '{"0":12}', latestOffset: null, numInputRows: 7, inputRowsPerSecond: 3.5, processedRowsPerSecond: 'NaN', metrics: {} }],
    sink: { description: 'MemorySink', numOutputRows: 7, metrics: {} }, observedMetrics: {},
  };
  const { spark, sent } = fakeSession((json) => {
    const c = (json.streamingQueryCommand ?? {}) as Record<string, unknown>;
    if ('status' in c) return { case: 'streamingQueryCommandResult', value: { queryId: QUERY_ID, resultType: { case: 'status', value: { statusMessage: 'Waiting for data to arrive', isDataAvailable: false, isTriggerActive: false, isActive: true } } } } as never;
    if ('lastProgress' in c || 'recentProgress' in c) return { case: 'streamingQueryCommandResult', value: { resultType: { case: 'recentProgress', value: { recentProgressJson: [JSON.stringify({ ...progress, batchId: 2 }), JSON.stringify(progress)] } } } } as never;
    if ('exception' in c) return { case: 'streamingQueryCommandResult', value: { resultType: { case: 'exception', value: { exceptionMessage: '[STREAM_FAILED] boom', errorClass: 'STREAM_FAILED' } } } } as never;
    if ('awaitTermination' in c) return { case: 'streamingQueryCommandResult', value: { resultType: { case: 'awaitTermination', value: { terminated: false } } } } as never;
    if ('explain' in c) return { case: 'streamingQueryCommandResult', value: { resultType: { case: 'explain', value: { result: '== Physical Plan ==\nX\n' } } } } as never;
    return { case: 'streamingQueryCommandResult', value: {} } as never;
  });
  const { RemoteStreamingQuery } = await import('../../lib/connect/remote-streaming-query');
  const q = new RemoteStreamingQuery(spark, QUERY_ID.id, QUERY_ID.runId, 'q');
  expect(q.status).toEqual({ message: 'Waiting for data to arrive', isDataAvailable: false, isTriggerActive: false });
  expect(q.isActive).toBe(true);
  const last = q.lastProgress;
  expect(last).toBeInstanceOf(StreamingQueryProgress);
  expect(last?.numInputRows).toBe(7);
  expect(JSON.parse(last!.json())).toEqual({
    id: QUERY_ID.id, runId: QUERY_ID.runId, name: 'q', timestamp: '2024-05-01T00:00:00.000Z', batchId: 3, batchDuration: 12, numInputRows: 7, inputRowsPerSecond: 3.5,
    durationMs: { triggerExecution: 12 }, stateOperators: [],
    sources: [{ description: 'RateStreamV2', startOffset: 5, endOffset: { '0': 12 }, latestOffset: null, numInputRows: 7, inputRowsPerSecond: 3.5 }],
    sink: { description: 'MemorySink', numOutputRows: 7 },
  });
  expect(q.recentProgress.map((p) => p.batchId)).toEqual([2, 3]);
  expect(q.exception()?.message).toBe('[STREAM_FAILED] boom');
  expect(await q.awaitTermination(1.5)).toBe(false);
  await q.processAllAvailable();
  await q.stop();
  // The server's text as it is: PySpark prints it with print(), trailing newlines and all.
  expect(q.explainString(true)).toBe('== Physical Plan ==\nX\n');
  const commands = sent.map((s) => (s.json as { streamingQueryCommand: Record<string, unknown> }).streamingQueryCommand);
  expect(commands.every((c) => (c.queryId as typeof QUERY_ID).id === QUERY_ID.id && (c.queryId as typeof QUERY_ID).runId === QUERY_ID.runId)).toBe(true);
  expect(commands.map((c) => Object.keys(c).filter((k) => k !== 'queryId')[0])).toEqual(['status', 'status', 'lastProgress', 'recentProgress', 'exception', 'awaitTermination', 'processAllAvailable', 'stop', 'explain']);
  expect(commands[5].awaitTermination).toEqual({ timeoutMs: '1500' });
  expect(commands[8].explain).toEqual({ extended: true });
  void spark.stop().catch(() => undefined);
});

test('spark.streams: active, get, awaitAnyTermination, resetTerminated; listeners refused', async () => {
  const { spark, sent } = fakeSession((json) => {
    const c = json.streamingQueryManagerCommand as Record<string, unknown>;
    if ('active' in c) return { case: 'streamingQueryManagerCommandResult', value: { resultType: { case: 'active', value: { activeQueries: [{ id: QUERY_ID, name: 'a' }] } } } } as never;
    if ('getQuery' in c) return { case: 'streamingQueryManagerCommandResult', value: { resultType: { case: 'query', value: { id: QUERY_ID, name: 'a' } } } } as never;
    if ('awaitAnyTermination' in c) return { case: 'streamingQueryManagerCommandResult', value: { resultType: { case: 'awaitAnyTermination', value: { terminated: true } } } } as never;
    return { case: 'streamingQueryManagerCommandResult', value: { resultType: { case: 'resetTerminated', value: true } } } as never;
  });
  expect(spark.streams.active.map((q) => [q.id, q.name])).toEqual([[QUERY_ID.id, 'a']]);
  expect(spark.streams.get(QUERY_ID.id)?.runId).toBe(QUERY_ID.runId);
  expect(await spark.streams.awaitAnyTermination(2)).toBe(true);
  spark.streams.resetTerminated();
  expect(sent.map((s) => s.json)).toEqual([
    { streamingQueryManagerCommand: { active: true } },
    { streamingQueryManagerCommand: { getQuery: QUERY_ID.id } },
    { streamingQueryManagerCommand: { awaitAnyTermination: { timeoutMs: '2000' } } },
    { streamingQueryManagerCommand: { resetTerminated: true } },
  ]);
  expect(() => spark.streams.addListener({} as never)).toThrow('[NOT_INSTANCE_OF] Argument `listener` should be an instance of StreamingQueryListener.');
  void spark.stop().catch(() => undefined);
});

test('what needs JavaScript on the server fails at the call, naming the alternative', () => {
  const { spark } = fakeSession(() => undefined);
  const df = spark.range(3);
  expect(() => df.writeStream.foreach(() => undefined)).toThrow('[RIVULET_NOT_SUPPORTED_IN_REMOTE_MODE] writeStream.foreach with a JavaScript function cannot run in remote mode (Spark Connect): the server cannot run JavaScript. Use a sink the server has');
  expect(() => df.groupBy('id').applyInPandasWithState()).toThrow('applyInPandasWithState with a JavaScript function cannot run in remote mode');
  expect(() => spark.udf).toThrow('spark.udf (JavaScript UDFs) cannot run in remote mode');
  expect(() => spark.sparkContext).toThrow('[JVM_ATTRIBUTE_NOT_SUPPORTED] Attribute `sparkContext` is not supported in Spark Connect as it depends on the JVM.');
  void spark.stop().catch(() => undefined);
});

test('expressions: lambdas use lambda variables, window functions carry their spec', () => {
  const lambda = toJson(ExpressionSchema, create(ExpressionSchema, expressionToProto(transform(col('xs'), (x) => x.plus(1)).expr))) as Record<string, { functionName: string; arguments: Record<string, unknown>[] }>;
  expect(lambda.unresolvedFunction.functionName).toBe('transform');
  const fn = lambda.unresolvedFunction.arguments[1].lambdaFunction as { function: { unresolvedFunction: { arguments: Record<string, unknown>[] } }; arguments: { nameParts: string[] }[] };
  expect(fn.arguments).toHaveLength(1);
  expect(fn.function.unresolvedFunction.arguments[0]).toEqual({ unresolvedNamedLambdaVariable: { nameParts: fn.arguments[0].nameParts } });
  const w = Window.partitionBy('k').orderBy('t');
  const windowed = toJson(ExpressionSchema, create(ExpressionSchema, expressionToProto(row_number().over(w).expr))) as { window: Record<string, unknown> };
  expect(windowed.window).toMatchObject({ windowFunction: { unresolvedFunction: { functionName: 'row_number' } }, partitionSpec: [{ unresolvedAttribute: { unparsedIdentifier: 'k' } }] });
  const framed = toJson(ExpressionSchema, create(ExpressionSchema, expressionToProto(sum('x').over(w.rowsBetween(Window.unboundedPreceding, Window.currentRow)).expr))) as { window: { frameSpec: unknown } };
  expect(framed.window.frameSpec).toEqual({ frameType: 'FRAME_TYPE_ROW', lower: { unbounded: true }, upper: { currentRow: true } });
});

test("importing rivulet loads no Spark Connect code (local mode's start-up is unchanged)", () => {
  const code = "require('./lib/index'); require('./lib/functions'); const ks = Object.keys(require.cache); process.stdout.write(JSON.stringify(ks.filter((k) => /lib[\\\\/]connect[\\\\/]|@grpc|apache-arrow|@bufbuild/.test(k))));";
  const [cmd, argv] = scriptCommand('-e', []);
  const r = spawnSync(cmd, [...argv.slice(0, 2), '-e', code], { cwd: PROJECT_ROOT, env: scriptEnv(), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual([]);
});
