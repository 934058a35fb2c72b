// Which physical join Spark picks for a stream-static equi-join in a micro-batch, and so in which
// order the joined rows come out. Spark's JoinSelection (no hints, adaptive execution off as in
// every micro-batch): a broadcast hash join when the side it may build is under
// spark.sql.autoBroadcastJoinThreshold (the smaller side when both may be built), else a
// sort-merge join, whose rows come out partition by partition (pmod(murmur3(keys), shuffle
// partitions)), each partition sorted by the keys, nulls first.
import type { DataType } from '../types/data-types';
import type { StructType } from '../types/struct-type';
import type { JoinType, LogicalPlan } from '../plans/logical-plan';
import { outputOf } from '../plans/logical-plan';

export type JoinStrategy = 'buildRight' | 'buildLeft' | 'sortMerge';

/**
 * The join that runs, and the order of its rows:
 * - broadcast (build side given): the streamed side's rows in their order (after a shuffle when
 *   adaptive execution re-planned a sort-merge join: by hash partition, arrival order within),
 *   each with its matches newest first (Spark's hashed relations chain new rows in front);
 * - sortMerge: by hash partition, sorted by the keys within (`coalesced`: adaptive execution read
 *   all partitions as one, so the sort by keys is global).
 */
export interface PhysicalJoin {
  strategy: JoinStrategy;
  /** The streamed side was shuffled by the join keys first (partition order, arrival order within). */
  shuffled: boolean;
  coalesced: boolean;
}

/**
 * Spark 4 runs micro-batches of stateless queries with adaptive execution: a sort-merge join whose
 * side turns out small once shuffled becomes a broadcast join reading its streamed side's shuffle
 * locally; one that stays sort-merge reads its few small partitions coalesced into one. Left semi
 * joins stay sort-merge (recorded from PySpark 4.2.0: they are not re-planned there).
 */
export function physicalJoin(joinType: JoinType, leftSize: number, rightSize: number, actualLeft: number, actualRight: number, threshold: number, adaptive: boolean): PhysicalJoin {
  const initial = chooseJoinStrategy(joinType, leftSize, rightSize, threshold);
  if (initial !== 'sortMerge') return { strategy: initial, shuffled: false, coalesced: false };
  if (!adaptive) return { strategy: 'sortMerge', shuffled: true, coalesced: false };
  const replanned = joinType === 'left_semi' ? 'sortMerge' : chooseJoinStrategy(joinType, actualLeft, actualRight, threshold);
  return replanned === 'sortMerge' ? { strategy: 'sortMerge', shuffled: true, coalesced: true } : { strategy: replanned, shuffled: true, coalesced: false };
}

/** Spark's default spark.sql.autoBroadcastJoinThreshold (10 MB). */
const DEFAULT_BROADCAST_THRESHOLD = 10 * 1024 * 1024;

/** Stream sources whose micro-batch relation carries a size (file scans, in-memory rows). */
const SIZED_STREAM_FORMATS = new Set(['json', 'csv', 'text', 'parquet', 'orc', 'xml', 'table', 'memory-stream']);

/** Spark's DataType.defaultSize, the per-column width its size estimates use. */
export function defaultSize(t: DataType): number {
  switch (t.typeName()) {
    case 'boolean':
    case 'byte':
      return 1;
    case 'short':
      return 2;
    case 'integer':
    case 'date':
    case 'float':
      return 4;
    case 'long':
    case 'double':
    case 'timestamp':
    case 'timestamp_ntz':
      return 8;
    case 'string':
    case 'binary':
      return 20;
    case 'interval':
      return 16;
    case 'void':
      return 1;
    case 'struct':
      return (t as StructType).fields.reduce((n, f) => n + defaultSize(f.dataType), 0);
    case 'array':
      return defaultSize((t as unknown as { elementType: DataType }).elementType);
    case 'map':
      return defaultSize((t as unknown as { keyType: DataType }).keyType) + defaultSize((t as unknown as { valueType: DataType }).valueType);
    default:
      return 16;
  }
}

/**
 * Whether Spark knows the size of this side: false when it reads an RDD-backed relation
 * (PySpark's createDataFrame of local data is `Scan ExistingRDD`, sized Long.MaxValue) or a stream
 * source without statistics (rate, socket, Kafka).
 */
export function hasSizeStatistics(plan: LogicalPlan): boolean {
  switch (plan.kind) {
    case 'localRelation':
      return plan.rddBacked !== true;
    case 'streamingRelation':
      return SIZED_STREAM_FORMATS.has(plan.source.format.toLowerCase());
    default: {
      const children = childPlans(plan);
      return children.every(hasSizeStatistics);
    }
  }
}

function childPlans(plan: LogicalPlan): LogicalPlan[] {
  const p = plan as unknown as { child?: LogicalPlan; left?: LogicalPlan; right?: LogicalPlan; children?: LogicalPlan[] };
  if (p.children) return p.children;
  if (p.left && p.right) return [p.left, p.right];
  return p.child ? [p.child] : [];
}

/** Spark's LocalRelation estimate: rows x (8 + the columns' default sizes). */
export function estimatedSize(plan: LogicalPlan, rows: number): number {
  return rowsSize(outputOf(plan), rows);
}

export function rowsSize(output: readonly { dataType: DataType }[], rows: number): number {
  return rows * (8 + output.reduce((n, a) => n + defaultSize(a.dataType), 0));
}

function canBuildLeft(t: JoinType): boolean {
  return t === 'inner' || t === 'cross' || t === 'right_outer';
}

function canBuildRight(t: JoinType): boolean {
  return t === 'inner' || t === 'cross' || t === 'left_outer' || t === 'left_semi' || t === 'left_anti';
}

/** The strategy given each side's size in bytes (Infinity when unknown). */
export function chooseJoinStrategy(joinType: JoinType, leftSize: number, rightSize: number, threshold: number = DEFAULT_BROADCAST_THRESHOLD): JoinStrategy {
  const leftSmall = threshold >= 0 && leftSize <= threshold;
  const rightSmall = threshold >= 0 && rightSize <= threshold;
  const left = canBuildLeft(joinType) && leftSmall;
  const right = canBuildRight(joinType) && rightSmall;
  if (left && right) return rightSize <= leftSize ? 'buildRight' : 'buildLeft';
  if (right) return 'buildRight';
  if (left) return 'buildLeft';
  return 'sortMerge';
}

/** spark.sql.autoBroadcastJoinThreshold as a number of bytes ("10MB", "10485760", "-1"). */
export function broadcastThreshold(value: string | null | undefined): number {
  if (value === null || value === undefined || value.trim() === '') return DEFAULT_BROADCAST_THRESHOLD;
  const m = /^\s*(-?\d+)\s*([kmgt]?)b?\s*$/i.exec(value);
  if (!m) return DEFAULT_BROADCAST_THRESHOLD;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : unit === 't' ? 1024 ** 4 : 1;
  return n * scale;
}
