// Reattachable execution against a fake Spark Connect server (grpc-js in a worker thread, since the
// client blocks the main thread while it waits): ExecutePlan carries an operation id and
// reattach_options; when the response stream ends early (closed without ResultComplete, or dropped
// with UNAVAILABLE), the client sends ReattachExecute with the last response id it got and reads
// the rest; then it sends ReleaseExecute(release_all) for the operation. A collect's rows arrive
// whole and in order.
import { Worker } from 'node:worker_threads';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { ExecutePlanRequestSchema, ExecutePlanResponseSchema, ReattachExecuteRequestSchema, ReleaseExecuteRequestSchema } from '../../lib/connect/gen/spark/connect/base_pb';
import { RemoteSession } from '../../lib/connect/remote-session';
import { arrowIpcOfRows } from '../../lib/connect/arrow-local-relation';
import { dataTypeToProto } from '../../lib/connect/expression-proto';
import { parseTableSchema } from '../../lib/types/ddl';

const SERVER = `
const { workerData, parentPort } = require('node:worker_threads');
const grpc = require(workerData.grpcPath);
const id = (b) => b;
const method = (name, responseStream) => ({ path: '/spark.connect.SparkConnectService/' + name, requestStream: false, responseStream, requestSerialize: id, requestDeserialize: id, responseSerialize: id, responseDeserialize: id });
const service = { ExecutePlan: method('ExecutePlan', true), ReattachExecute: method('ReattachExecute', true), ReleaseExecute: method('ReleaseExecute', false), ReleaseSession: method('ReleaseSession', false), Config: method('Config', false) };
const r = workerData.responses.map((b) => Buffer.from(b));
const server = new grpc.Server();
server.addService(service, {
  ExecutePlan: (call) => {
    parentPort.postMessage({ method: 'ExecutePlan', bytes: call.request });
    call.write(r[0]);
    call.write(r[1]);
    if (workerData.drop) setTimeout(() => call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'connection dropped' }), 20);
    else call.end();
  },
  ReattachExecute: (call) => {
    parentPort.postMessage({ method: 'ReattachExecute', bytes: call.request });
    for (const b of r.slice(2)) call.write(b);
    call.end();
  },
  ReleaseExecute: (call, done) => { parentPort.postMessage({ method: 'ReleaseExecute', bytes: call.request }); done(null, Buffer.alloc(0)); },
  ReleaseSession: (call, done) => done(null, Buffer.alloc(0)),
  Config: (call, done) => done(null, Buffer.alloc(0)),
});
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, port) => parentPort.postMessage({ port }));
parentPort.on('message', (m) => { if (m === 'stop') server.tryShutdown(() => process.exit(0)); });
`;

const schema = parseTableSchema('id BIGINT');

function responses(): Uint8Array[] {
  const batch = (ids: bigint[], responseId: string) =>
    toBinary(ExecutePlanResponseSchema, create(ExecutePlanResponseSchema, { responseId, operationId: 'op', schema: dataTypeToProto(schema), responseType: { case: 'arrowBatch', value: { rowCount: BigInt(ids.length), data: arrowIpcOfRows(schema, ids.map((i) => [i]), 'UTC') } } } as never));
  return [
    batch([1n, 2n], 'r1'),
    batch([3n], 'r2'),
    batch([4n, 5n], 'r3'),
    toBinary(ExecutePlanResponseSchema, create(ExecutePlanResponseSchema, { responseId: 'r4', operationId: 'op', responseType: { case: 'resultComplete', value: {} } })),
  ];
}

async function fakeServer(drop: boolean) {
  const calls: { method: string; bytes: Uint8Array }[] = [];
  const worker = new Worker(SERVER, { eval: true, workerData: { grpcPath: require.resolve('@grpc/grpc-js'), responses: responses(), drop } });
  const port = await new Promise<number>((resolve) => worker.on('message', (m: { port?: number; method?: string; bytes?: Uint8Array }) => (m.port ? resolve(m.port) : calls.push(m as never))));
  return { port, calls, stop: () => new Promise<void>((resolve) => (worker.once('exit', () => resolve()), worker.postMessage('stop'))) };
}

/** Waits (bounded, on a condition) until the worker has reported a call. */
async function until(f: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !f(); i++) await new Promise((r) => setTimeout(r, 50));
}

test.each([
  ['the server closes the stream before ResultComplete', false],
  ['the connection drops (UNAVAILABLE)', true],
])('%s: collect reattaches after the last response id and releases the operation', async (_name, drop) => {
  const server = await fakeServer(drop);
  const spark = new RemoteSession(`sc://127.0.0.1:${server.port}`);
  try {
    expect(spark.range(5).collect().map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(spark.client.reattachCount).toBe(1);
    await until(() => server.calls.some((c) => c.method === 'ReleaseExecute'));
    const execute = fromBinary(ExecutePlanRequestSchema, server.calls.find((c) => c.method === 'ExecutePlan')!.bytes);
    expect(execute.operationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(execute.requestOptions.map((o) => o.requestOption)).toEqual([{ case: 'reattachOptions', value: expect.objectContaining({ reattachable: true }) }]);
    const reattach = fromBinary(ReattachExecuteRequestSchema, server.calls.find((c) => c.method === 'ReattachExecute')!.bytes);
    expect(reattach.operationId).toBe(execute.operationId);
    expect(reattach.lastResponseId).toBe('r2');
    expect(reattach.sessionId).toBe(spark.sessionId);
    const release = fromBinary(ReleaseExecuteRequestSchema, server.calls.find((c) => c.method === 'ReleaseExecute')!.bytes);
    expect(release.operationId).toBe(execute.operationId);
    expect(release.release.case).toBe('releaseAll');
  } finally {
    await spark.stop();
    await server.stop();
  }
});
