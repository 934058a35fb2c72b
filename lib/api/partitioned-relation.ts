// Partitions of a batch DataFrame, as `df.rdd` (glom, getNumPartitions, foreachPartition) and the
// row order of collect/show after repartition/coalesce see them. Rivulet runs a batch plan as one
// in-process pass; the partitioning operators make their result an in-memory relation whose rows
// are the partitions one after another (Spark's collect order) and which remembers where each
// partition ends. Spark's rules:
//   createDataFrame(local data)  parallelize's slices over defaultParallelism (Scan ExistingRDD)
//   repartition(n, cols)         HashPartitioning: pmod(murmur3(cols, 42), n); a partition holds the
//                                rows of parent partition 0 for it, then parent partition 1's...
//   repartition(n)               RoundRobinPartitioning: each parent partition sorted by UnsafeRow
//                                hash, then dealt from XORShiftRandom(partitionIndex).nextInt(n) + 1
//   coalesce(n)                  neighbouring partitions merged (DefaultPartitionCoalescer)
// Narrow operators over such a relation keep its partitions (evaluated per partition).
import type { Attribute } from '../expressions/expression';
import { outputOf, type LocalRelation, type LogicalPlan } from '../plans/logical-plan';
import { partitionIdFunction } from '../execution/hash-partitioning';
import { XorShiftRandom } from '../util/xor-shift-random';
import { unsafeRowHasher } from '../execution/unsafe-row-hash';
import { compileRowComparator } from '../execution/sort-exec';
import type { CompileContext } from '../expressions/function-definition';
import { lazy } from '../util/lazy';
// Loaded on first use, so `import 'rivulet'` stays fast.
const parallelizeSlicesModule = lazy(() => require('../util/parallelize-slices') as typeof import('../util/parallelize-slices'));

type Rows = readonly (readonly unknown[])[];

const partitionsOfRelation = new WeakMap<LocalRelation, () => Rows[]>();

/** A lazily computed relation of partitions; `data()` is their concatenation. */
export function partitionedRelation(output: Attribute[], name: string, compute: () => Rows[], rddBacked = false): LocalRelation {
  let parts: Rows[] | undefined;
  let flat: (readonly unknown[])[] | undefined;
  const partitions = (): Rows[] => (parts ??= compute());
  const relation: LocalRelation = {
    kind: 'localRelation',
    name,
    output,
    data: () => (flat ??= partitions().flat()),
    ...(rddBacked ? { rddBacked: true } : {}),
  };
  partitionsOfRelation.set(relation, partitions);
  return relation;
}

/** The partitions of a relation made by partitionedRelation, else undefined. */
export function relationPartitions(plan: LogicalPlan): Rows[] | undefined {
  return plan.kind === 'localRelation' ? partitionsOfRelation.get(plan)?.() : undefined;
}

/**
 * RoundRobinPartitioning: each partition sorted by UnsafeRow.hashCode() first (Spark's
 * sortBeforeRepartition, so the result does not depend on the input order), then dealt one row
 * each from XORShiftRandom(partitionIndex).nextInt(n) + 1 on.
 */
export function roundRobinPartition(parent: Rows[], n: number, rowHash?: (row: readonly unknown[]) => number): Rows[] {
  const out: (readonly unknown[])[][] = Array.from({ length: n }, () => []);
  parent.forEach((rows, index) => {
    // Spark sorts before a round-robin repartition into more than one partition only.
    const part = rowHash && n > 1 ? rows.map((row) => [rowHash(row), row] as const).sort((a, b) => a[0] - b[0]).map((e) => e[1]) : rows;
    let position = new XorShiftRandom(BigInt(index)).nextInt(n);
    for (const row of part) {
      position++;
      out[position % n].push(row);
    }
  });
  return out;
}

/** Spark's coalesce without shuffle: n groups of neighbouring partitions (never more than now). */
export function coalescePartitions(parent: Rows[], n: number): Rows[] {
  if (n >= parent.length) return parent;
  const out: Rows[] = [];
  for (let i = 0; i < n; i++) {
    const start = Math.floor((i * parent.length) / n);
    const end = Math.floor(((i + 1) * parent.length) / n);
    out.push(parent.slice(start, end).flat());
  }
  return out;
}

/** What partitioned-relation needs of a DataFrame (a type-only view: the api module imports this one). */
interface PartitionedFrame {
  readonly plan: LogicalPlan;
  readonly session: { defaultParallelism(): number; compileContext(): CompileContext };
  withLogicalPlan(plan: LogicalPlan): PartitionedFrame;
  orderBy(...cols: never[]): { plan: LogicalPlan };
  select(...cols: never[]): { plan: LogicalPlan; schema: { fields: { dataType: Parameters<typeof partitionIdFunction>[0][number] }[] } };
}

/** A chain of projections, filters and aliases over local rows Spark scans as a LocalTableScan. */
function overLocalTableScan(plan: LogicalPlan): boolean {
  let leaf = plan;
  while (leaf.kind === 'project' || leaf.kind === 'filter' || leaf.kind === 'subqueryAlias') leaf = leaf.child;
  return leaf.kind === 'localRelation' && !leaf.rddBacked && relationPartitions(leaf) === undefined;
}

/**
 * The partitions of a batch plan: a partitioned relation's own; createDataFrame's slices; a chain
 * of projections and filters over one of those, per partition; local rows (VALUES, a memory
 * sink's table), with the projections and filters over them, as Spark's LocalTableScan slices
 * them (its optimizer folds those into the relation first); anything else one partition.
 */
export function planPartitions(frame: PartitionedFrame, run: (plan: LogicalPlan, partitionIndex?: number) => unknown[][]): Rows[] {
  const plan = frame.plan;
  const own = relationPartitions(plan);
  if (own) return own;
  if (overLocalTableScan(plan)) {
    return parallelizeSlicesModule().localTableScanSlices(run(plan), frame.session.defaultParallelism());
  }
  if (plan.kind === 'localRelation' && plan.rddBacked) return parallelizeSlicesModule().parallelizeSlices(plan.data(), frame.session.defaultParallelism());
  if (plan.kind === 'project' || plan.kind === 'filter') {
    const child = frame.withLogicalPlan(plan.child);
    const parts = planPartitions(child, run);
    if (parts.length === 1 && !relationPartitions(plan.child) && !(plan.child.kind === 'localRelation' && plan.child.rddBacked)) return [run(plan)];
    const output = outputOfPlan(plan.child);
    // Each partition runs with its index (what spark_partition_id() and the like read).
    return parts.map((rows, i) => run({ ...plan, child: { kind: 'localRelation', name: 'LocalRelation', output, data: () => rows } }, i));
  }
  return [run(plan)];
}

function outputOfPlan(plan: LogicalPlan): Attribute[] {
  return outputOf(plan);
}

export type PartitioningKind = 'hash' | 'roundRobin' | 'coalesce' | 'range';

/** The relation of `frame.repartition(n[, cols])` or `frame.coalesce(n)`. */
export function repartitioned(frame: PartitionedFrame, kind: PartitioningKind, n: number, cols: unknown[], run: (plan: LogicalPlan, partitionIndex?: number) => unknown[][], coalesceAll = false): LocalRelation {
  const output = outputOfPlan(frame.plan);
  const name = kind === 'coalesce' ? `Repartition ${n}, false` : kind === 'roundRobin' ? `Repartition ${n}, true` : kind === 'range' ? `RepartitionByRange ${n}` : `RepartitionByExpression ${n}`;
  return partitionedRelation(output, name, () => {
    const parent = planPartitions(frame, run);
    if (kind === 'coalesce') return coalescePartitions(parent, n);
    if (kind === 'roundRobin') return roundRobinPartition(parent, n, unsafeRowHasher(output.map((attr) => attr.dataType)));
    if (kind === 'range') {
      const sort = frame.orderBy(...(cols as never[])).plan;
      if (sort.kind !== 'sort') return parent;
      const ranged = rangePartition(parent, n, compileRowComparator(sort.orders, output, frame.session.compileContext()) as (a: readonly unknown[], b: readonly unknown[]) => number);
      if (!coalesceAll) return ranged;
      const pidOf = new Map<readonly unknown[], number>();
      ranged.forEach((rows, p) => rows.forEach((row) => pidOf.set(row, p)));
      return [parent.flatMap((rows) => rows.map((row, i) => [pidOf.get(row)!, i, row] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((e) => e[2]))];
    }
    // Key values per row: the key columns selected over each parent partition (same order).
    const keys = parent.map((rows) => {
      const over = frame.withLogicalPlan({ kind: 'localRelation', name: 'LocalRelation', output, data: () => rows });
      const selected = over.select(...(cols as never[]));
      return { rows: run(selected.plan), types: selected.schema.fields.map((f) => f.dataType) };
    });
    const types = keys[0]?.types ?? [];
    const pid = partitionIdFunction(types, n);
    if (coalesceAll) {
      // Adaptive execution coalesces the shuffle partitions of a small result into one, read map
      // output by map output: each parent partition's rows by shuffle partition, stably.
      return [parent.flatMap((rows, p) => rows.map((row, i) => [pid(keys[p].rows[i]), i, row] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((e) => e[2]))];
    }
    const out: (readonly unknown[])[][] = Array.from({ length: n }, () => []);
    parent.forEach((rows, p) => rows.forEach((row, i) => out[pid(keys[p].rows[i])].push(row)));
    return out;
  });
}

/**
 * Spark's RangePartitioner when every row is in the sample (a partition of at most
 * ceil(3 * min(20 * n, 1e6) / parentPartitions) rows, each weighing 1): determineBounds walks the
 * sorted keys and takes a key as bound each time the running weight reaches the next step of
 * total / n (skipping keys equal to the previous bound); a row goes to the number of bounds below
 * it. Larger partitions are sampled in Spark; here every row still counts (close, not exact).
 */
export function rangePartition(parent: Rows[], n: number, compare: (a: readonly unknown[], b: readonly unknown[]) => number): Rows[] {
  const all = parent.flat();
  const sorted = [...all].sort(compare);
  const step = sorted.length / n;
  const bounds: (readonly unknown[])[] = [];
  let target = step;
  for (let i = 0; i < sorted.length && bounds.length < n - 1; i++) {
    if (i + 1 >= target) {
      const previous = bounds[bounds.length - 1];
      if (previous === undefined || compare(sorted[i], previous) > 0) {
        bounds.push(sorted[i]);
        target += step;
      }
    }
  }
  const out: (readonly unknown[])[][] = Array.from({ length: n }, () => []);
  for (const rows of parent) {
    for (const row of rows) {
      let p = 0;
      while (p < bounds.length && compare(row, bounds[p]) > 0) p++;
      out[p].push(row);
    }
  }
  return out;
}
