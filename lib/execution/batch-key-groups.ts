// A batch's rows grouped the way the per-group stateful operators (flatMapGroupsWithState,
// transformWithState) hand them to the user's function: by shuffle partition, then by key.
import { encodeCompositeKey } from '../util/group-key';

export class BatchKeyGroups<G extends { key: unknown[] }> {
  /** Per shuffle partition: encoded key -> group. */
  readonly partitions: Map<string, G>[];

  constructor(
    numPartitions: number,
    private readonly partitionOf: (key: unknown[]) => number,
    private readonly newGroup: (key: unknown[]) => G,
  ) {
    this.partitions = Array.from({ length: numPartitions }, () => new Map<string, G>());
  }

  /** The group of `key`, created on first sight. */
  groupOf(key: unknown[]): G {
    const partition = this.partitions[this.partitionOf(key)];
    const encoded = encodeCompositeKey(key);
    let g = partition.get(encoded);
    if (!g) partition.set(encoded, (g = this.newGroup(key)));
    return g;
  }
}
