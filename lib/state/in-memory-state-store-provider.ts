// In-memory state: one Map per operator partition, with an undo log so a failed batch can abort.
// Used for queries on a temporary checkpoint (deleted on stop, never recovered from) and in
// operator tests; queries with a checkpointLocation use a durable provider.
import { InternalError } from '../errors/spark-exception';
import type { StateStore, StateStoreProvider } from './state-store';
import { estimateMapsBytes, takeCommitted } from './state-memory-estimate';

const ABSENT = Symbol('absent');

class InMemoryStateStore implements StateStore {
  private undo = new Map<unknown, unknown>();
  private committed = false;
  private open = true;

  constructor(
    readonly operatorId: number,
    readonly partitionId: number,
    public version: number,
    private readonly data: Map<unknown, unknown>,
    private readonly onCommit: (store: InMemoryStateStore) => void,
  ) {}

  readonly valuesInMemory = true;

  get(key: unknown): unknown {
    return this.data.get(key);
  }

  put(key: unknown, value: unknown): void {
    this.remember(key);
    this.data.set(key, value);
  }

  remove(key: unknown): void {
    this.remember(key);
    this.data.delete(key);
  }

  private remember(key: unknown): void {
    if (!this.open) throw new InternalError(`State store ${this.operatorId}/${this.partitionId} is used after commit or abort.`);
    if (!this.undo.has(key)) this.undo.set(key, this.data.has(key) ? this.data.get(key) : ABSENT);
  }

  iterator(): IterableIterator<[unknown, unknown]> {
    return this.data.entries();
  }

  get numKeys(): number {
    return this.data.size;
  }

  commit(): number {
    this.open = false;
    this.committed = true;
    this.undo.clear();
    this.version += 1;
    this.onCommit(this);
    return this.version;
  }

  abort(): void {
    // Restore in reverse so a key removed and re-added returns to its original value.
    for (const [key, previous] of [...this.undo].reverse()) {
      if (previous === ABSENT) this.data.delete(key);
      else this.data.set(key, previous);
    }
    this.undo.clear();
    this.open = false;
  }

  hasCommitted(): boolean {
    return this.committed;
  }
}

export class InMemoryStateStoreProvider implements StateStoreProvider {
  private readonly partitions = new Map<string, { version: number; data: Map<unknown, unknown> }>();

  getStore(operatorId: number, partitionId: number, version: number): StateStore {
    const id = `${operatorId}/${partitionId}`;
    let entry = this.partitions.get(id);
    if (!entry) {
      entry = { version: 0, data: new Map() };
      this.partitions.set(id, entry);
    }
    if (entry.version !== version) {
      throw new InternalError(`State version ${version} of operator ${operatorId} partition ${partitionId} is not available (have ${entry.version}).`);
    }
    const current = entry;
    return new InMemoryStateStore(operatorId, partitionId, version, entry.data, (store) => {
      current.version = store.version;
      let maps = this.operatorMaps.get(operatorId);
      if (!maps) this.operatorMaps.set(operatorId, (maps = new Set()));
      maps.add(current.data);
      this.committedOperators.add(operatorId);
    });
  }

  /** Every partition's Map, by operator (for memoryUsedBytes). */
  private readonly operatorMaps = new Map<number, Set<Map<unknown, unknown>>>();
  /** Operators with a store committed since takeCommittedOperators last ran. */
  private readonly committedOperators = new Set<number>();

  takeCommittedOperators(): number[] {
    return takeCommitted(this.committedOperators);
  }

  memoryUsedBytes(operatorIds: readonly number[]): number {
    let bytes = 0;
    for (const id of operatorIds) {
      const maps = this.operatorMaps.get(id);
      if (maps) bytes += estimateMapsBytes(maps);
    }
    return bytes;
  }

  close(): void {
    this.partitions.clear();
    this.operatorMaps.clear();
  }
}
