// PySpark's Partitioner (numPartitions + partitionFunc, equal when both are) and the shuffle of
// partitionBy: every map partition, in partition order, sends each (key, value) to bucket
// `partitionFunc(key) % numPartitions`, so a reduce partition holds map partition 0's pairs for it,
// then map partition 1's, each in element order (what PySpark's add_shuffle_key and Spark's
// bypass-merge-sort shuffle give).
import { IllegalArgumentException, PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { portableHash, portablePartition, pythonMod } from '../util/python-hash';

export type PartitionFunc = (key: never) => number | bigint;

export interface Partitioner {
  readonly numPartitions: number;
  readonly partitionFunc: PartitionFunc;
}

/** PySpark's portable_hash, the default partitionFunc of every key operation. */
export const portable_hash: (key: unknown) => number | bigint = portableHash;

export function samePartitioner(a: Partitioner | undefined, b: Partitioner | undefined): boolean {
  if (!a || !b) return a === b;
  return a.numPartitions === b.numPartitions && a.partitionFunc === b.partitionFunc;
}

/** The bucket of `key`: portable_hash takes the fast exact path, a user function Python's modulo. */
export function partitionOf(partitioner: Partitioner, key: unknown): number {
  const { numPartitions, partitionFunc } = partitioner;
  if ((partitionFunc as unknown) === portable_hash) return portablePartition(key, numPartitions);
  const h = (partitionFunc as (key: unknown) => unknown)(key);
  if (typeof h === 'bigint') return pythonMod(h, numPartitions);
  if (typeof h !== 'number' || !Number.isInteger(h)) {
    throw new PySparkValueError('VALUE_ERROR', `partitionFunc must return an int, got ${h === null || h === undefined ? 'None' : typeof h}`);
  }
  return pythonMod(h, numPartitions);
}

export function shuffle<T extends readonly [unknown, unknown]>(partitions: readonly (readonly T[])[], partitioner: Partitioner): T[][] {
  const out: T[][] = Array.from({ length: partitioner.numPartitions }, () => []);
  for (const part of partitions) {
    for (let i = 0; i < part.length; i++) out[partitionOf(partitioner, part[i][0])].push(part[i]);
  }
  return out;
}

/** numPartitions of a key operation: an int (NOT_INT otherwise), not negative (Spark's HashPartitioner text). */
export function checkNumPartitions(numPartitions: number): number {
  if (typeof numPartitions !== 'number' || !Number.isInteger(numPartitions)) {
    const type = numPartitions === null ? 'NoneType' : typeof numPartitions === 'number' ? 'float' : typeof numPartitions === 'string' ? 'str' : typeof numPartitions;
    throw new PySparkTypeError('NOT_INT', `Argument \`numPartitions\` should be an int, got ${type}.`, { arg_name: 'numPartitions', arg_type: type });
  }
  if (numPartitions < 0) throw new IllegalArgumentException(`requirement failed: Number of partitions (${numPartitions}) cannot be negative.`);
  return numPartitions;
}
