// StreamingQuery.explain(): the plan Spark ran for the query's last micro-batch. Spark plans each
// batch as an IncrementalExecution: the streaming relations become scans of what the batch read,
// stateful operators carry their state info (checkpoint, run id, operator id, version = batch
// id), and a DataSource V2 sink adds `WriteToDataSourceV2 MicroBatchWrite[...]` on top.
import * as crypto from 'node:crypto';
import type { LogicalPlan, StreamingRelation } from '../../plans/logical-plan';
import { treeString } from '../../plans/tree-string';
import { broadcastThreshold, physicalPlanText } from './explain-string';
import { planNode } from './spark-plan-node';
import { sparkLogicalPlans, type MicroBatchLogical } from './spark-logical-plan';

/** The last micro-batch that ran (the streaming engine's record of it). */
export interface LastBatchInfo {
  batchId: number;
  batchTimestampMs: number;
  watermarkForLateEventsMs: number;
  watermarkForEvictionMs: number;
  /** Per source, the files it read (file sources), for FileScan's Location. */
  files: string[][];
}

export interface QueryExplainContext {
  sinkFormat: string;
  sinkOptions: { get(key: string): string | undefined };
  checkpointDir: string;
  runId: string;
  outputMode: 'append' | 'update' | 'complete';
  relations: readonly StreamingRelation[];
  numShufflePartitions: number;
  autoBroadcastJoinThreshold: string | undefined;
  lastBatch: LastBatchInfo;
}

export function queryExplainText(plan: LogicalPlan, extended: boolean, ctx: QueryExplainContext): string {
  const last = ctx.lastBatch;
  const write = writeLine(ctx, last.batchId);
  const physical = physicalPlanText(plan, {
    numShufflePartitions: ctx.numShufflePartitions,
    autoBroadcastJoinThreshold: broadcastThreshold(ctx.autoBroadcastJoinThreshold),
    microBatch: {
      batchId: last.batchId,
      checkpointLocation: fileUri(ctx.checkpointDir),
      runId: ctx.runId,
      outputMode: ctx.outputMode,
      batchFiles: (i) => last.files[i] ?? [],
      relations: ctx.relations,
      watermarkForLateEventsMs: last.watermarkForLateEventsMs,
      watermarkForEvictionMs: last.watermarkForEvictionMs,
      batchTimestampMs: last.batchTimestampMs,
    },
  }, (root) => (write === undefined ? root : planNode('WriteToDataSourceV2', write, [root], root.output)));
  const physicalText = `== Physical Plan ==\n${physical}\n`;
  if (!extended) return physicalText;
  const logical = write === undefined ? undefined : sparkLogicalPlans(plan, logicalWrites(ctx.sinkFormat, write));
  if (logical === undefined) return `== Analyzed Logical Plan ==\n${treeString(plan)}\n${physicalText}`;
  return `== Parsed Logical Plan ==\n${logical.parsed}\n== Analyzed Logical Plan ==\n${logical.analyzed}\n== Optimized Logical Plan ==\n${logical.optimized}\n== Physical Plan ==\n${physical}`;
}

/** The sink's logical write nodes (MicroBatchExecution's WriteToMicroBatchDataSource and what V2Writes makes of it). */
function logicalWrites(sinkFormat: string, write: string): MicroBatchLogical | undefined {
  if (sinkFormat.toLowerCase() !== 'memory') return undefined;
  return { analyzedWrite: 'WriteToMicroBatchDataSource MemorySink', optimizedWrite: `~WriteToDataSourceV2 RelationV2[] MemorySink, ${write}` };
}

/** The sink's write node, for the DataSource V2 sinks (memory, console). */
function writeLine(ctx: QueryExplainContext, epoch: number): string | undefined {
  const hash = crypto.createHash('sha1').update(ctx.runId).digest('hex').slice(0, 8);
  switch (ctx.sinkFormat.toLowerCase()) {
    case 'memory':
      return `MicroBatchWrite[epoch: ${epoch}, writer: org.apache.spark.sql.execution.streaming.sources.MemoryStreamingWrite@${hash}]`;
    case 'console':
      return `MicroBatchWrite[epoch: ${epoch}, writer: ConsoleWriter[numRows=${ctx.sinkOptions.get('numRows') ?? '20'}, truncate=${ctx.sinkOptions.get('truncate') ?? 'true'}]]`;
    default:
      return undefined;
  }
}

function fileUri(p: string): string {
  return p.startsWith('file:') ? p : `file:${p}`;
}
