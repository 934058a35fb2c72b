// `state/<operatorId>/_metadata/schema`: what each stateful operator keeps, written by the first
// run and checked by every restart, so a query whose grouping keys, aggregates or stateful
// operators changed fails with Spark's error instead of reading state it does not understand.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SparkException } from '../errors/spark-exception';
import { writeFileAtomic } from '../checkpoint/checkpoint-file-manager';
import { corruptLogFile, missingLogFile, parseJsonLine, parseLogVersion } from '../checkpoint/metadata-log';
import { partitionsOf } from './state-file-format';
import type { StatefulOperatorInfo, StateSchemaField } from '../execution/planner';

export function checkStateSchemas(
  checkpointDir: string,
  operators: readonly StatefulOperatorInfo[],
  schemaCheckEnabled: boolean,
  numPartitions: number,
  /** Whether any batch was committed: before that, metadata is a first start's and may be partial. */
  anyBatchCommitted = true,
): void {
  const stateDir = path.join(checkpointDir, 'state');
  if (!anyBatchCommitted) {
    // A first start killed while writing these files (one per operator) left some of them; no
    // batch has used them, so they are written again whole (issue 15: the checkpoint was bricked).
    for (const op of operators) writeFileAtomic(schemaFile(checkpointDir, op.operatorId), `v1\n${JSON.stringify(op)}`);
    return;
  }
  const existing = fs.existsSync(stateDir) ? fs.readdirSync(stateDir).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b) : [];
  for (const id of existing) checkPartitionCount(path.join(stateDir, String(id)), id, numPartitions);
  const stored = new Map<number, StatefulOperatorInfo>();
  for (const id of existing) {
    const file = schemaFile(checkpointDir, id);
    if (!fs.existsSync(file)) {
      // State written by committed batches without its schema: rewriting it would accept any
      // query as the owner of that state (issue 15: damage is never silent).
      if (hasStateFiles(path.join(stateDir, String(id)))) throw missingLogFile(file, `stateful operator ${id} has state in ${path.join(stateDir, String(id))} but no schema`);
      continue;
    }
    const { rest } = parseLogVersion(fs.readFileSync(file, 'utf8'), 1, file);
    const info = parseJsonLine(rest[0], file, 'the operator schema') as StatefulOperatorInfo;
    if (!Array.isArray(info?.keySchema) || !Array.isArray(info?.valueSchema)) throw corruptLogFile(file, 'the operator schema has no key or value schema');
    stored.set(id, info);
  }
  if (stored.size > 0) {
    const before = [...stored.values()].map((o) => `(OperatorId: ${o.operatorId} -> OperatorName: ${o.operatorName})`);
    const now = operators.map((o) => `(OperatorId: ${o.operatorId} -> OperatorName: ${o.operatorName})`);
    const mismatch = operators.some((o) => stored.has(o.operatorId) && stored.get(o.operatorId)!.operatorName !== o.operatorName) || stored.size !== operators.length;
    if (mismatch) {
      throw new SparkException(
        `Streaming stateful operator name does not match with the operator in state metadata. This likely to happen when user adds/removes/changes stateful operator of existing streaming query. Stateful operators in the metadata: [${before.join(', ')}]; Stateful operators in current batch: [${now.join(', ')}].`,
        { errorClass: 'STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA', sqlState: '42K03', messageParameters: { OpsInMetadataSeq: before.join(', '), OpsInCurBatchSeq: now.join(', ') } },
      );
    }
  }
  for (const op of operators) {
    const old = stored.get(op.operatorId);
    const record = (vars: StatefulOperatorInfo['stateVariables']) =>
      writeFileAtomic(schemaFile(checkpointDir, op.operatorId), `v1\n${JSON.stringify({ operatorId: op.operatorId, operatorName: op.operatorName, keySchema: op.keySchema, valueSchema: op.valueSchema, stateVariables: vars })}`);
    if (!old) {
      record(op.stateVariables);
      continue;
    }
    if (!schemaCheckEnabled) continue;
    if (!sameTypes(old.keySchema, op.keySchema)) throw incompatible('key', old.keySchema, op.keySchema);
    if (!sameTypes(old.valueSchema, op.valueSchema)) throw incompatible('value', old.valueSchema, op.valueSchema);
    if (op.stateVariables) {
      // transformWithState: a variable kept under the same name must keep its kind and schemas;
      // new variables are added to the schema (Spark adds column families), removed ones stay known.
      const known = new Map((old.stateVariables ?? []).map((v) => [v.name, v]));
      for (const v of op.stateVariables) {
        const was = known.get(v.name);
        if (was && (was.kind !== v.kind || was.valueSchema !== v.valueSchema || was.userKeySchema !== v.userKeySchema)) throw stateVariableChanged(was, v);
      }
      const added = op.stateVariables.filter((v) => !known.has(v.name));
      if (added.length > 0 || !old.stateVariables) record([...(old.stateVariables ?? []), ...added]);
    }
  }
}

type StateVariable = NonNullable<StatefulOperatorInfo['stateVariables']>[number];

/**
 * A transformWithState state variable whose schema changed across a restart: Spark's
 * StateSchemaCompatibilityChecker error for the variable's column family (texts as PySpark 4.2
 * prints them, schemas as Scala's StructType.toString).
 */
function stateVariableChanged(stored: StateVariable, provided: StateVariable): SparkException {
  const keyChanged = stored.userKeySchema !== provided.userKeySchema && stored.valueSchema === provided.valueSchema && stored.kind === provided.kind;
  const which = keyChanged ? 'key' : 'value';
  const before = (keyChanged ? stored.userKeySchemaText : stored.valueSchemaText) ?? '';
  const after = (keyChanged ? provided.userKeySchemaText : provided.valueSchemaText) ?? '';
  const cls = keyChanged ? 'STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE' : 'STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE';
  const params: Record<string, string> = keyChanged ? { storedKeySchema: before, newKeySchema: after } : { storedValueSchema: before, newValueSchema: after };
  return new SparkException(
    `Provided ${which} schema does not match existing state ${which} schema.\nPlease check number and type of fields.\nExisting ${which}_schema=${before} and new ${which}_schema=${after}.\nIf you want to force running the query without schema validation, please set spark.sql.streaming.stateStore.stateSchemaCheck to false.\nHowever, please note that running the query with incompatible schema could cause non-deterministic behavior.`,
    { errorClass: cls, sqlState: 'XXKST', messageParameters: params },
  );
}

/**
 * State is spread over spark.sql.shuffle.partitions partitions; the checkpoint pins that number,
 * so state laid out for another number means the logs and the state do not belong together.
 */
function checkPartitionCount(operatorDir: string, operatorId: number, numPartitions: number): void {
  const names = fs.readdirSync(operatorDir);
  // The earlier layout has a folder per partition; the current one records the count in its files.
  const partitions = names.filter((n) => /^\d+$/.test(n)).map(Number);
  const newest = Math.max(-1, ...names.map((n) => /^(\d+)\.delta$/.exec(n)).filter((m) => m !== null).map((m) => Number(m[1])));
  if (newest >= 0) {
    const recorded = partitionsOf(fs.readFileSync(path.join(operatorDir, `${newest}.delta`)));
    if (recorded !== undefined && recorded > 0) partitions.push(recorded - 1);
  }
  const outside = partitions.filter((p) => p >= numPartitions);
  if (outside.length === 0) return;
  throw new SparkException(
    `The state of stateful operator ${operatorId} in ${operatorDir} has partition ${Math.max(...outside)}, but the query runs with ${numPartitions} shuffle partitions (spark.sql.shuffle.partitions as pinned in the checkpoint's offsets log). The offsets log and the state were written by different queries or runs. Restore the checkpoint directory from a backup, or delete it to start the query afresh.`,
    { errorClass: 'STATE_STORE_INCOMPATIBLE_PARTITIONS', sqlState: '42K03' },
  );
}

function hasStateFiles(operatorDir: string): boolean {
  return fs.readdirSync(operatorDir).some((n) => /^\d+\.delta$/.test(n) || n === 'lmdb');
}

function schemaFile(checkpointDir: string, operatorId: number): string {
  return path.join(checkpointDir, 'state', String(operatorId), '_metadata', 'schema');
}

function sameTypes(a: readonly StateSchemaField[], b: readonly StateSchemaField[]): boolean {
  return a.length === b.length && a.every((f, i) => f.type === b[i].type);
}

function render(fields: readonly StateSchemaField[]): string {
  return `struct<${fields.map((f) => `${f.name}:${f.type}`).join(',')}>`;
}

function incompatible(which: 'key' | 'value', stored: readonly StateSchemaField[], provided: readonly StateSchemaField[]): SparkException {
  const cls = which === 'key' ? 'STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE' : 'STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE';
  return new SparkException(
    `Provided ${which} schema does not match existing state ${which} schema. Please check number and type of fields. Existing ${which}_schema=${render(stored)} and new ${which}_schema=${render(provided)}. If you want to force running the query without schema validation, please set spark.sql.streaming.stateStore.stateSchemaCheck to false. However, please note that running the query without schema validation can cause non-deterministic behavior.`,
    { errorClass: cls, sqlState: '42K03' },
  );
}
