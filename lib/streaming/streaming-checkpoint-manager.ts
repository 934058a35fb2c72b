// spark.streamingCheckpointManager (PySpark 4.2's StreamingCheckpointManager): offline state
// repartitioning. repartition(checkpointLocation, numPartitions) takes the state the last committed
// batch N left, re-hashes every key into numPartitions partitions exactly as the operators' shuffle
// does (hash-partitioning.ts), and writes it as a new batch N+1 that reads no input: offsets/N+1
// repeats batch N's source offsets with the new spark.sql.shuffle.partitions pinned, the state
// stores commit version N+2, and commits/N+1 closes it. The restarted query picks up from there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IllegalArgumentException } from '../errors/illegal-argument-exception';
import { SparkException } from '../errors/spark-exception';
import { CommitLog } from '../checkpoint/commit-log';
import { OffsetSeqLog } from '../checkpoint/offset-seq-log';
import { parseJsonLine, parseLogVersion } from '../checkpoint/metadata-log';
import { partitionIdFunction } from '../execution/hash-partitioning';
import type { StatefulOperatorInfo } from '../execution/planner';
import { createStateStoreProvider } from '../state/state-store-provider-factory';
import type { StateStoreProvider } from '../state/state-store';
import { parseDataType } from '../types/ddl';
import { decodeCompositeKey } from '../util/decode-composite-key';
import { PINNED_CONF_DEFAULTS } from './pinned-conf';
import { isRepartitionBatch, REPARTITION_BATCH_MARK } from './repartition-batch';

const SHUFFLE_PARTITIONS = 'spark.sql.shuffle.partitions';
const PROVIDER_CLASS = 'spark.sql.streaming.stateStore.providerClass';

function invalidParameter(sub: 'IS_NULL' | 'IS_EMPTY' | 'IS_NOT_GREATER_THAN_ZERO', parameter: string): IllegalArgumentException {
  const text = { IS_NULL: 'cannot be null.', IS_EMPTY: 'cannot be empty.', IS_NOT_GREATER_THAN_ZERO: 'must be greater than zero.' }[sub];
  return new IllegalArgumentException(`The repartition parameter ${parameter} is invalid: ${text}`, {
    errorClass: `STATE_REPARTITION_INVALID_PARAMETER.${sub}`,
    sqlState: '42616',
    messageParameters: { parameter },
  });
}

function invalidCheckpoint(checkpointLocation: string, sub: string, detail: string, params: Record<string, string> = {}): SparkException {
  return new SparkException(`The provided checkpoint location '${checkpointLocation}' is in an invalid state. ${detail}`, {
    errorClass: `STATE_REPARTITION_INVALID_CHECKPOINT.${sub}`,
    sqlState: '55019',
    messageParameters: { checkpointLocation, ...params },
  });
}

type KeyValuesOf = (key: unknown, value: unknown) => readonly unknown[] | undefined;

/** How each supported operator's state entry gives back its key columns. */
function keyValuesFor(op: StatefulOperatorInfo): KeyValuesOf | undefined {
  const n = op.keySchema.length;
  const decode = (key: unknown) => (typeof key === 'string' ? decodeCompositeKey(key) : undefined);
  switch (op.operatorName) {
    case 'stateStoreSave':
      // Flat entries [seq, ...keys, ...buffers]; the earlier layout [keys, buffers, seq].
      return (_k, v) => {
        const entry = v as unknown[];
        return Array.isArray(entry[0]) ? (entry[0] as unknown[]) : entry.slice(1, 1 + n);
      };
    case 'dedupe':
    case 'dedupeWithinWatermark':
      // Several columns: an encoded key (one column is handled by the caller, by its type).
      return (k) => decode(k);
    case 'flatMapGroupsWithState':
    case 'applyInPandasWithState':
    case 'transformWithStateExec':
      // The entry keeps the grouping values (transformWithState: every state variable and timer of
      // the key in one entry; its timer and TTL indexes are rebuilt from the store on load).
      return (_k, v) => (v as { key: unknown[] }).key;
    case 'symmetricHashJoin-left':
    case 'symmetricHashJoin-right':
      // Refused: join state is one record per row under a per-partition sequence number
      // (join-side-state.ts), and the join key is an expression of the plan, not kept in the
      // checkpoint, so the rows cannot be re-hashed offline.
      return undefined;
    case 'sessionWindowStateStoreSaveExec':
      // Keyed by the encoded grouping columns other than the session window.
      return (k) => decode(k);
    default:
      return undefined;
  }
}

export class StreamingCheckpointManager {
  constructor(private readonly sessionConf: (key: string) => string | undefined) {}

  /**
   * Repartitions the state of the stopped query whose checkpoint is `checkpointLocation` into
   * `numPartitions` partitions. The query must not be running.
   */
  repartition(checkpointLocation: string | null | undefined, numPartitions: number, enforceExactlyOnceSink = true): void {
    if (checkpointLocation === null || checkpointLocation === undefined) throw invalidParameter('IS_NULL', 'checkpointLocation');
    if (typeof checkpointLocation !== 'string' || checkpointLocation.trim() === '') throw invalidParameter('IS_EMPTY', 'checkpointLocation');
    if (typeof numPartitions !== 'number' || !Number.isInteger(numPartitions) || numPartitions <= 0) throw invalidParameter('IS_NOT_GREATER_THAN_ZERO', 'numPartitions');
    const dir = checkpointLocation;
    const commits = new CommitLog(path.join(dir, 'commits'));
    const offsets = new OffsetSeqLog(path.join(dir, 'offsets'));
    const lastCommitted = commits.getLatest();
    if (!lastCommitted) {
      throw invalidCheckpoint(dir, 'NO_COMMITTED_BATCH', 'There is no committed microbatch. Make sure the streaming query has successfully completed at least one microbatch before repartitioning.');
    }
    const latestOffsets = offsets.getLatest();
    if (!latestOffsets) {
      throw invalidCheckpoint(dir, 'NO_BATCH_FOUND', 'No microbatch has been recorded in the checkpoint location. Make sure the streaming query has successfully completed at least one microbatch before repartitioning.');
    }
    let n = lastCommitted.batchId;
    if (latestOffsets.batchId > n) {
      const last = latestOffsets.value;
      const lastShuffle = last.metadata.conf[SHUFFLE_PARTITIONS];
      if (isRepartitionBatch(last.metadata.conf)) {
        if (lastShuffle !== String(numPartitions)) {
          throw invalidCheckpoint(
            dir,
            'LAST_BATCH_ABANDONED_REPARTITION',
            `The last batch ID ${latestOffsets.batchId} is a repartition batch with ${lastShuffle} shuffle partitions and didn't finish successfully.\nYou're now requesting to repartition to ${numPartitions} shuffle partitions.\nPlease retry with the same number of shuffle partitions as the previous attempt.\nOnce that completes successfully, you can repartition to another number of shuffle partitions.`,
            { lastBatchId: String(latestOffsets.batchId), lastBatchShufflePartitions: String(lastShuffle), numPartitions: String(numPartitions) },
          );
        }
        // The retry of an unfinished repartition: batch N is the one before it.
        n = latestOffsets.batchId - 1;
      } else if (enforceExactlyOnceSink) {
        throw invalidCheckpoint(
          dir,
          'LAST_BATCH_FAILED',
          `The last batch ID ${latestOffsets.batchId} didn't finish successfully. Please make sure the streaming query finishes successfully, before repartitioning.\nIf using ProcessingTime trigger, you can use AvailableNow trigger instead, which will make sure the query terminates successfully by itself.\nIf you want to skip this check, set enforceExactlyOnceSink parameter in repartition to false.\nBut this can cause duplicate output records from the failed batch when using exactly-once sinks.`,
          { lastBatchId: String(latestOffsets.batchId) },
        );
      }
    }
    const base = offsets.get(n);
    if (!base) {
      throw invalidCheckpoint(
        dir,
        'OFFSET_SEQ_NOT_FOUND',
        `Offset sequence entry for batch ID ${n} not found. You might have set a very low value for\n'spark.sql.streaming.minBatchesToRetain' config during the streaming query execution or you deleted files in the checkpoint location.`,
        { batchId: String(n) },
      );
    }
    const conf = base.metadata.conf;
    const oldPartitions = Number(conf[SHUFFLE_PARTITIONS] ?? PINNED_CONF_DEFAULTS[SHUFFLE_PARTITIONS]);
    if (oldPartitions === numPartitions) {
      throw invalidCheckpoint(
        dir,
        'SHUFFLE_PARTITIONS_ALREADY_MATCH',
        `The number of shuffle partitions in the last committed batch (id=${n}) is the same as the requested ${numPartitions} partitions.\nHence, already has the requested number of partitions, so no-op.`,
        { batchId: String(n), numPartitions: String(numPartitions) },
      );
    }
    const operators = readOperators(dir);
    const rehash = operators.map((op) => {
      const keyValues = keyValuesFor(op);
      if (!keyValues) {
        throw invalidCheckpoint(dir, 'UNSUPPORTED_STATEFUL_OPERATOR', `Unsupported stateful operator ${op.operatorName}. Please use a checkpoint with supported stateful operators.`, { operatorName: op.operatorName });
      }
      const types = op.keySchema.map((f) => parseDataType(f.type));
      // A one-column dedup key is the value itself, except for arrays, maps, structs and binary (encoded).
      const plainSingle = op.keySchema.length === 1 && (op.operatorName === 'dedupe' || op.operatorName === 'dedupeWithinWatermark');
      const scalar = plainSingle && !/^(array|map|struct|binary)/.test(op.keySchema[0].type);
      const values: KeyValuesOf = plainSingle ? (k) => (scalar ? [k] : typeof k === 'string' ? decodeCompositeKey(k) : undefined) : keyValues;
      return { op, values, partitionOf: partitionIdFunction(types, numPartitions) };
    });
    // The log entry first, marked: a crash from here on leaves an unfinished repartition batch,
    // which a retry with the same number finishes and a query start refuses.
    const next = n + 1;
    // As Spark: batch N's offsets metadata (watermark, timestamp) and commit, with the new partitions.
    const committed = commits.get(n) ?? lastCommitted.value;
    offsets.purgeAfter(n);
    commits.purgeAfter(n);
    offsets.add(next, {
      metadata: { batchWatermarkMs: base.metadata.batchWatermarkMs, batchTimestampMs: base.metadata.batchTimestampMs, conf: { ...conf, [SHUFFLE_PARTITIONS]: String(numPartitions), [REPARTITION_BATCH_MARK]: 'true' } },
      offsets: base.offsets,
    });
    const providerClass = conf[PROVIDER_CLASS] ?? PINNED_CONF_DEFAULTS[PROVIDER_CLASS];
    const stateVersion = n + 1;
    // Read every operator's state at version N+1 (what batch N committed), re-hashed.
    const moved = new Map<number, [unknown, unknown][][]>();
    const reader = createStateStoreProvider(providerClass, dir, this.sessionConf);
    try {
      for (const { op, values, partitionOf } of rehash) {
        const target: [unknown, unknown][][] = Array.from({ length: numPartitions }, () => []);
        for (let p = 0; p < oldPartitions; p++) {
          const store = reader.getStore(op.operatorId, p, stateVersion);
          for (const [k, v] of store.iterator()) {
            const kv = values(k, v);
            if (kv === undefined) {
              throw invalidCheckpoint(dir, 'UNSUPPORTED_STATEFUL_OPERATOR', `Unsupported stateful operator ${op.operatorName}. Please use a checkpoint with supported stateful operators.`, { operatorName: op.operatorName });
            }
            target[partitionOf(kv)].push([k, v]);
          }
          store.abort();
        }
        moved.set(op.operatorId, target);
      }
    } finally {
      reader.close();
    }
    const writer = createStateStoreProvider(providerClass, dir, this.sessionConf);
    try {
      writeRepartitioned(writer, rehash.map((r) => r.op.operatorId), moved, oldPartitions, numPartitions, stateVersion);
      writer.commitBatch?.();
    } finally {
      writer.close();
    }
    commits.add(next, { nextBatchWatermarkMs: committed.nextBatchWatermarkMs });
  }
}

function writeRepartitioned(writer: StateStoreProvider, operatorIds: readonly number[], moved: Map<number, [unknown, unknown][][]>, oldPartitions: number, numPartitions: number, version: number): void {
  for (const operatorId of operatorIds) {
    const target = moved.get(operatorId)!;
    for (let q = 0; q < numPartitions; q++) {
      // A partition the state had: its new version replaces every key (the provider keeps the
      // previous version, so a retry after a crash reads it again). A new partition starts empty,
      // whatever an earlier, larger partitioning left there.
      let store;
      if (q < oldPartitions) {
        store = writer.getStore(operatorId, q, version);
        const keys = [...store.iterator()].map(([k]) => k);
        for (const k of keys) store.remove(k);
      } else {
        if (!writer.getFreshStore) throw new IllegalArgumentException('This state store provider cannot be repartitioned offline (it has no getFreshStore).');
        store = writer.getFreshStore(operatorId, q, version);
      }
      for (const [k, v] of target[q]) store.put(k, v);
      store.commit();
    }
  }
}

/** The stateful operators of the checkpoint, from their `state/<id>/_metadata/schema` files. */
function readOperators(dir: string): StatefulOperatorInfo[] {
  const stateDir = path.join(dir, 'state');
  if (!fs.existsSync(stateDir)) return [];
  const out: StatefulOperatorInfo[] = [];
  for (const name of fs.readdirSync(stateDir).filter((x) => /^\d+$/.test(x)).sort((a, b) => Number(a) - Number(b))) {
    const file = path.join(stateDir, name, '_metadata', 'schema');
    if (!fs.existsSync(file)) continue;
    const { rest } = parseLogVersion(fs.readFileSync(file, 'utf8'), 1, file);
    out.push(parseJsonLine(rest[0], file, 'the operator schema') as StatefulOperatorInfo);
  }
  return out;
}
