// The StateStore contract: a versioned key-value store for one (operator, partition). A batch reads
// version N, writes, and commits version N+1; abort drops the batch's changes.

export interface StateStore<K = unknown, V = unknown> {
  readonly operatorId: number;
  readonly partitionId: number;
  /** The version this store was loaded at. */
  readonly version: number;
  get(key: K): V | undefined;
  put(key: K, value: V): void;
  remove(key: K): void;
  /** Entries in a stable order (insertion order of keys). */
  iterator(): IterableIterator<[K, V]>;
  readonly numKeys: number;
  /**
   * True when a value got from this store may be mutated in place and put back: abort never
   * restores the previous value objects (the batch's changes are reloaded or kept off the base).
   * Operators then update aggregation buffers in place instead of copying them per batch.
   */
  readonly inPlaceUpdates?: boolean;
  /**
   * True when get() is a lookup in memory returning the stored object itself (no decoding), so an
   * operator may read its state through the store instead of keeping a copy of it beside.
   */
  readonly valuesInMemory?: boolean;
  /**
   * put(key, value) for a stored key whose value object (got from this store) was changed in
   * place: records the change without storing the value again. Only with inPlaceUpdates.
   */
  markUpdated?(key: K): void;
  /**
   * put() of a key the caller knows is not in the store (a fresh sequence number): a store may
   * then skip its lookup of an earlier change to the key. Same effect as put().
   */
  putNew?(key: K, value: V): void;
  /**
   * Range eviction by event time, for providers that keep keys ordered by it (lmdb); the default
   * stores leave both out and operators then remove expired keys one by one. An operator that uses
   * it puts every key with its event time in micros (null: never expires), then calls removeUpTo
   * as the batch's last change: every key put with a time at or below `limit` (Spark's
   * `eventTime <= watermark`) leaves in one range operation, at a cost in the expired keys only.
   * Returns how many keys left.
   */
  putWithEventTime?(key: K, value: V, eventTime: number | null): void;
  removeUpTo?(limit: number): number;
  /** Makes this batch's changes version `version + 1` and returns it. */
  commit(): number;
  abort(): void;
  hasCommitted(): boolean;
}

/**
 * Puts back a value got from `store` and changed in place (inPlaceUpdates): only marked where the
 * store can (markUpdated), else put.
 */
export function putUpdatedInPlace(store: StateStore, key: unknown, value: unknown): void {
  if (store.markUpdated !== undefined) store.markUpdated(key);
  else store.put(key, value);
}

/** Whether the stores of an operator evict by event time in one range operation (lmdb's). */
export function evictsByRange(stores: readonly StateStore[]): boolean {
  return stores.length > 0 && stores[0].putWithEventTime !== undefined && stores[0].removeUpTo !== undefined;
}

export interface StateStoreProvider {
  /** The store of one operator partition at `version` (0 = empty). */
  getStore(operatorId: number, partitionId: number, version: number): StateStore;
  /**
   * Called once per micro-batch, after every store of the batch committed and before the sink
   * runs: providers that make a whole batch durable at once (one file per operator, one
   * transaction) do it here. A crash before it is harmless: the batch has no commits/N yet and
   * is re-run.
   */
  commitBatch?(): void;
  /**
   * commitBatch with the wait for the disk off the main thread; what the engine calls when a
   * provider has it. The promise resolves once the batch's state is on disk: the engine waits for
   * it together with the fsync of offsets/N (one wait for the disk per batch) and writes
   * commits/N only after it.
   */
  commitBatchAsync?(): Promise<void>;
  /**
   * The operators whose stores committed since the last call (the engine asks as each operator
   * reports its metrics, to attribute memoryUsedBytes).
   */
  takeCommittedOperators?(): number[];
  /** The estimated memory of these operators' state (progress `memoryUsedBytes`), after commitBatch. */
  memoryUsedBytes?(operatorIds: readonly number[]): number;
  /**
   * Offline state repartitioning: the store of a partition opened empty at `version`, whatever it
   * held before (nothing, or stale state of an earlier partitioning), so that committing it makes
   * `version + 1` hold exactly what is put. Readers of later versions never see the earlier state.
   */
  getFreshStore?(operatorId: number, partitionId: number, version: number): StateStore;
  close(): void;
}
