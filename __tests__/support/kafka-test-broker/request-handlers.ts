// Request and response codecs for the API versions this broker implements, with the behaviour of a
// single-node Kafka cluster (transactions included: see transaction-coordinator.ts). Only the versions listed in SUPPORTED_APIS are advertised by
// ApiVersions, so a client (kafkajs) negotiates exactly these.
import { BrokerState, ErrorCode } from './broker-state';
import { decodeRecordBatches, RecordBatchError } from './record-batch';
import { WireReader, WireWriter } from './wire';

export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetFetch: 9,
  FindCoordinator: 10,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DeleteRecords: 21,
  InitProducerId: 22,
  AddPartitionsToTxn: 24,
  AddOffsetsToTxn: 25,
  EndTxn: 26,
  TxnOffsetCommit: 28,
  SaslAuthenticate: 36,
} as const;

/** apiKey -> [min, max] version implemented. */
export const SUPPORTED_APIS: ReadonlyMap<number, [number, number]> = new Map([
  [ApiKey.Produce, [3, 3]],
  [ApiKey.Fetch, [4, 4]],
  [ApiKey.ListOffsets, [1, 2]],
  [ApiKey.Metadata, [1, 1]],
  [ApiKey.OffsetFetch, [1, 1]],
  [ApiKey.FindCoordinator, [0, 1]],
  [ApiKey.InitProducerId, [0, 0]],
  [ApiKey.AddPartitionsToTxn, [0, 0]],
  [ApiKey.AddOffsetsToTxn, [0, 0]],
  [ApiKey.EndTxn, [0, 0]],
  [ApiKey.TxnOffsetCommit, [0, 0]],
  [ApiKey.SaslHandshake, [1, 1]],
  [ApiKey.ApiVersions, [0, 2]],
  [ApiKey.CreateTopics, [0, 0]],
  [ApiKey.DeleteTopics, [0, 0]],
  [ApiKey.DeleteRecords, [0, 0]],
  [ApiKey.SaslAuthenticate, [0, 0]],
]);

export interface BrokerContext {
  state: BrokerState;
  nodeId: number;
  host: string;
  port: number;
  now(): bigint;
  /** Username/password for SASL/PLAIN; undefined when the listener is PLAINTEXT. */
  sasl: { username: string; password: string } | undefined;
}

export interface ConnectionState {
  authenticated: boolean;
  handshakeDone: boolean;
}

/** A response body, null for "no response" (acks=0), or 'close' to drop the connection. */
export type HandlerResult = WireWriter | null | 'close';

export async function handleRequest(apiKey: number, version: number, r: WireReader, ctx: BrokerContext, conn: ConnectionState): Promise<HandlerResult> {
  const range = SUPPORTED_APIS.get(apiKey);
  if (apiKey === ApiKey.ApiVersions) return apiVersions(range && version <= range[1] ? version : 0, range !== undefined && version <= range[1]);
  if (!range || version < range[0] || version > range[1]) return 'close';
  if (ctx.sasl && !conn.authenticated && apiKey !== ApiKey.SaslHandshake && apiKey !== ApiKey.SaslAuthenticate) return 'close';
  switch (apiKey) {
    case ApiKey.Metadata:
      return metadata(r, ctx);
    case ApiKey.ListOffsets:
      return listOffsets(r, ctx, version);
    case ApiKey.OffsetFetch:
      return offsetFetch(r, ctx);
    case ApiKey.FindCoordinator:
      return findCoordinator(r, ctx, version);
    case ApiKey.InitProducerId:
      return initProducerId(r, ctx);
    case ApiKey.AddPartitionsToTxn:
      return addPartitionsToTxn(r, ctx);
    case ApiKey.AddOffsetsToTxn:
      return addOffsetsToTxn(r, ctx);
    case ApiKey.EndTxn:
      return endTxn(r, ctx);
    case ApiKey.TxnOffsetCommit:
      return txnOffsetCommit(r, ctx);
    case ApiKey.Fetch:
      return fetch(r, ctx);
    case ApiKey.Produce:
      return produce(r, ctx);
    case ApiKey.CreateTopics:
      return createTopics(r, ctx);
    case ApiKey.DeleteTopics:
      return deleteTopics(r, ctx);
    case ApiKey.DeleteRecords:
      return deleteRecords(r, ctx);
    case ApiKey.SaslHandshake:
      return saslHandshake(r, ctx, conn);
    case ApiKey.SaslAuthenticate:
      return saslAuthenticate(r, ctx, conn);
    default:
      return 'close';
  }
}

function apiVersions(version: number, supported: boolean): WireWriter {
  const w = new WireWriter().int16(supported ? ErrorCode.NONE : ErrorCode.UNSUPPORTED_VERSION);
  w.array([...SUPPORTED_APIS], (w, [key, [min, max]]) => w.int16(key).int16(min).int16(max));
  if (version >= 1) w.int32(0);
  return w;
}

function metadata(r: WireReader, ctx: BrokerContext): WireWriter {
  const requested = r.nullableArray((r) => r.string());
  const names = requested ?? [...ctx.state.topics.keys()].sort();
  const w = new WireWriter();
  w.array([ctx.nodeId], (w, id) => w.int32(id).string(ctx.host).int32(ctx.port).nullableString(null));
  w.int32(ctx.nodeId);
  w.array(names, (w, name) => {
    const topic = ctx.state.topics.get(name);
    w.int16(topic ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).string(name).int8(0);
    w.array(topic ? topic.partitions.map((_, i) => i) : [], (w, p) =>
      w.int16(ErrorCode.NONE).int32(p).int32(ctx.nodeId).array([ctx.nodeId], (w, id) => w.int32(id)).array([ctx.nodeId], (w, id) => w.int32(id)),
    );
  });
  return w;
}

function listOffsets(r: WireReader, ctx: BrokerContext, version: number): WireWriter {
  r.int32(); // replica id
  const readCommitted = version >= 2 && r.int8() === 1;
  const topics = r.array((r) => ({ name: r.string(), partitions: r.array((r) => ({ partition: r.int32(), timestamp: r.int64() })) }));
  const w = new WireWriter();
  if (version >= 2) w.int32(0); // throttle time
  return w.array(topics, (w, t) => {
    w.string(t.name).array(t.partitions, (w, p) => {
      const log = ctx.state.partition(t.name, p.partition);
      if (!log) return void w.int32(p.partition).int16(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).int64(-1n).int64(-1n);
      let offset = -1n;
      let timestamp = -1n;
      if (p.timestamp === -1n) offset = readCommitted ? log.lastStableOffset : log.highWatermark;
      else if (p.timestamp === -2n) offset = log.logStartOffset;
      else {
        for (const rec of log.records()) {
          if (rec.timestamp >= p.timestamp) {
            offset = rec.offset;
            timestamp = rec.timestamp;
            break;
          }
        }
      }
      w.int32(p.partition).int16(ErrorCode.NONE).int64(timestamp).int64(offset);
    });
  });
}

interface FetchPartition {
  partition: number;
  fetchOffset: bigint;
  maxBytes: number;
}

async function fetch(r: WireReader, ctx: BrokerContext): Promise<WireWriter> {
  r.int32(); // replica id
  const maxWait = r.int32();
  const minBytes = r.int32();
  const maxBytes = r.int32();
  // read_committed (1): records up to the last stable offset, with the aborted transactions in range.
  const readCommitted = r.int8() === 1;
  const topics = r.array((r) => ({ name: r.string(), partitions: r.array((r): FetchPartition => ({ partition: r.int32(), fetchOffset: r.int64(), maxBytes: r.int32() })) }));
  const deadline = Date.now() + Math.max(0, maxWait);
  for (;;) {
    const { writer, bytes, failed } = fetchResponse(topics, maxBytes, ctx, readCommitted);
    const left = deadline - Date.now();
    if (bytes >= minBytes || failed || left <= 0) return writer;
    await ctx.state.waitForAppend(left);
  }
}

function fetchResponse(topics: { name: string; partitions: FetchPartition[] }[], maxBytes: number, ctx: BrokerContext, readCommitted: boolean): { writer: WireWriter; bytes: number; failed: boolean } {
  let total = 0;
  let failed = false;
  const w = new WireWriter().int32(0);
  w.array(topics, (w, t) => {
    w.string(t.name).array(t.partitions, (w, p) => {
      const log = ctx.state.partition(t.name, p.partition);
      const error = !log ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : p.fetchOffset < log.logStartOffset || p.fetchOffset > log.highWatermark ? ErrorCode.OFFSET_OUT_OF_RANGE : ErrorCode.NONE;
      if (error !== ErrorCode.NONE || !log) {
        failed = true;
        w.int32(p.partition).int16(error).int64(-1n).int64(-1n).array([], () => undefined).bytes(Buffer.alloc(0));
        return;
      }
      // At least one batch per response even above maxBytes (KIP-74), so a big record never stalls.
      const budget = Math.max(0, Math.min(p.maxBytes, maxBytes - total));
      const lso = log.lastStableOffset;
      const limit = readCommitted ? lso : log.highWatermark;
      const batches = total === 0 || budget > 0 ? log.read(p.fetchOffset, budget, limit) : [];
      const records = Buffer.concat(batches);
      total += records.length;
      w.int32(p.partition).int16(ErrorCode.NONE).int64(log.highWatermark).int64(lso);
      // Aborted transactions overlapping what is served (read_committed only; null otherwise).
      const aborted = readCommitted ? log.abortedTransactions.filter((a) => a.lastOffset >= p.fetchOffset && a.firstOffset < limit) : null;
      if (aborted === null) w.int32(-1);
      else w.array(aborted, (w, a) => w.int64(a.producerId).int64(a.firstOffset));
      w.bytes(records);
    });
  });
  return { writer: w, bytes: total, failed };
}

function produce(r: WireReader, ctx: BrokerContext): WireWriter | null {
  r.nullableString(); // transactional id
  const acks = r.int16();
  r.int32(); // timeout
  const topics = r.array((r) => ({ name: r.string(), partitions: r.array((r) => ({ partition: r.int32(), records: r.bytes() })) }));
  const now = ctx.now();
  let appended = false;
  const w = new WireWriter().array(topics, (w, t) => {
    const topic = ctx.state.topics.get(t.name);
    w.string(t.name).array(t.partitions, (w, p) => {
      const log = topic?.partitions[p.partition];
      if (acks !== -1 && acks !== 0 && acks !== 1) return void w.int32(p.partition).int16(ErrorCode.INVALID_REQUIRED_ACKS).int64(-1n).int64(-1n);
      if (!log) return void w.int32(p.partition).int16(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).int64(-1n).int64(-1n);
      try {
        const batches = decodeRecordBatches(p.records ?? Buffer.alloc(0));
        if (batches.some((b) => b.producerId >= 0n && ctx.state.transactions.fenced(b.producerId, b.producerEpoch))) {
          return void w.int32(p.partition).int16(ErrorCode.INVALID_PRODUCER_EPOCH).int64(-1n).int64(-1n);
        }
        let base = -1n;
        for (const b of batches) {
          const offset = log.append(b, now);
          if (base === -1n) base = offset;
        }
        appended = true;
        w.int32(p.partition).int16(ErrorCode.NONE).int64(base).int64(topic!.logAppendTime ? now : -1n);
      } catch (e) {
        const code = e instanceof RecordBatchError ? e.errorCode : ErrorCode.CORRUPT_MESSAGE;
        w.int32(p.partition).int16(code).int64(-1n).int64(-1n);
      }
    });
  });
  w.int32(0);
  if (appended) ctx.state.notifyAppend();
  return acks === 0 ? null : w;
}

function createTopics(r: WireReader, ctx: BrokerContext): WireWriter {
  const requests = r.array((r) => ({
    name: r.string(),
    numPartitions: r.int32(),
    replicationFactor: r.int16(),
    assignments: r.array((r) => ({ partition: r.int32(), replicas: r.array((r) => r.int32()) })),
    configs: r.array((r) => [r.string(), r.nullableString()] as const),
  }));
  r.int32(); // timeout
  return new WireWriter().array(requests, (w, t) => {
    const partitions = t.assignments.length > 0 ? t.assignments.length : t.numPartitions;
    w.string(t.name).int16(ctx.state.createTopic(t.name, partitions, t.replicationFactor, Object.fromEntries(t.configs)));
  });
}

function deleteTopics(r: WireReader, ctx: BrokerContext): WireWriter {
  const names = r.array((r) => r.string());
  r.int32();
  return new WireWriter().array(names, (w, name) => w.string(name).int16(ctx.state.deleteTopic(name)));
}

function deleteRecords(r: WireReader, ctx: BrokerContext): WireWriter {
  const topics = r.array((r) => ({ name: r.string(), partitions: r.array((r) => ({ partition: r.int32(), offset: r.int64() })) }));
  r.int32();
  return new WireWriter().int32(0).array(topics, (w, t) => {
    w.string(t.name).array(t.partitions, (w, p) => {
      const [code, low] = ctx.state.deleteRecords(t.name, p.partition, p.offset);
      w.int32(p.partition).int64(low).int16(code);
    });
  });
}

function saslHandshake(r: WireReader, ctx: BrokerContext, conn: ConnectionState): WireWriter {
  const mechanism = r.string();
  const ok = ctx.sasl !== undefined && mechanism === 'PLAIN';
  conn.handshakeDone = ok;
  return new WireWriter().int16(ok ? ErrorCode.NONE : ErrorCode.UNSUPPORTED_SASL_MECHANISM).array(ctx.sasl ? ['PLAIN'] : [], (w, m) => w.string(m));
}

function saslAuthenticate(r: WireReader, ctx: BrokerContext, conn: ConnectionState): WireWriter {
  const token = r.bytes() ?? Buffer.alloc(0);
  if (!conn.handshakeDone || !ctx.sasl) return new WireWriter().int16(ErrorCode.ILLEGAL_SASL_STATE).nullableString('Unexpected SASL authenticate request').bytes(Buffer.alloc(0));
  // PLAIN: authzid NUL authcid NUL password
  const [, user, password] = token.toString('utf8').split('\0');
  if (user !== ctx.sasl.username || password !== ctx.sasl.password) {
    return new WireWriter().int16(ErrorCode.SASL_AUTHENTICATION_FAILED).nullableString('Authentication failed: Invalid username or password').bytes(Buffer.alloc(0));
  }
  conn.authenticated = true;
  return new WireWriter().int16(ErrorCode.NONE).nullableString(null).bytes(Buffer.alloc(0));
}

function offsetFetch(r: WireReader, ctx: BrokerContext): WireWriter {
  const group = r.string();
  const topics = r.array((r) => ({ name: r.string(), partitions: r.array((r) => r.int32()) }));
  return new WireWriter().array(topics, (w, t) =>
    w.string(t.name).array(t.partitions, (w, p) => {
      const c = ctx.state.transactions.committed(group, t.name, p);
      w.int32(p).int64(c ? c.offset : -1n).nullableString(c ? c.metadata : '').int16(ErrorCode.NONE);
    }),
  );
}

/** This single node coordinates every group and transactional id. */
function findCoordinator(r: WireReader, ctx: BrokerContext, version: number): WireWriter {
  r.string(); // key
  if (version >= 1) r.int8(); // key type: group or transaction
  const w = new WireWriter();
  if (version >= 1) w.int32(0).int16(ErrorCode.NONE).nullableString(null);
  else w.int16(ErrorCode.NONE);
  return w.int32(ctx.nodeId).string(ctx.host).int32(ctx.port);
}

function initProducerId(r: WireReader, ctx: BrokerContext): WireWriter {
  const transactionalId = r.nullableString();
  r.int32(); // transaction timeout
  const result = ctx.state.transactions.initProducerId(transactionalId, ctx.now());
  return new WireWriter().int32(0).int16(result.error).int64(result.producerId).int16(result.epoch);
}

function addPartitionsToTxn(r: WireReader, ctx: BrokerContext): WireWriter {
  const transactionalId = r.string();
  const producerId = r.int64();
  const epoch = r.int16();
  const topics = r.array((r) => ({ name: r.string(), partitions: r.array((r) => r.int32()) }));
  return new WireWriter().int32(0).array(topics, (w, t) =>
    w.string(t.name).array(t.partitions, (w, p) => w.int32(p).int16(ctx.state.transactions.addPartitions(transactionalId, producerId, epoch, t.name, p))),
  );
}

function addOffsetsToTxn(r: WireReader, ctx: BrokerContext): WireWriter {
  const transactionalId = r.string();
  const producerId = r.int64();
  const epoch = r.int16();
  const group = r.string();
  return new WireWriter().int32(0).int16(ctx.state.transactions.addOffsets(transactionalId, producerId, epoch, group));
}

function endTxn(r: WireReader, ctx: BrokerContext): WireWriter {
  const transactionalId = r.string();
  const producerId = r.int64();
  const epoch = r.int16();
  const commit = r.int8() !== 0;
  return new WireWriter().int32(0).int16(ctx.state.transactions.endTxn(transactionalId, producerId, epoch, commit, ctx.now()));
}

function txnOffsetCommit(r: WireReader, ctx: BrokerContext): WireWriter {
  const transactionalId = r.string();
  const group = r.string();
  const producerId = r.int64();
  const epoch = r.int16();
  const topics = r.array((r) => ({ name: r.string(), partitions: r.array((r) => ({ partition: r.int32(), offset: r.int64(), metadata: r.nullableString() })) }));
  return new WireWriter().int32(0).array(topics, (w, t) =>
    w.string(t.name).array(t.partitions, (w, p) =>
      w.int32(p.partition).int16(ctx.state.transactions.txnOffsetCommit(transactionalId, group, producerId, epoch, t.name, p.partition, { offset: p.offset, metadata: p.metadata })),
    ),
  );
}
