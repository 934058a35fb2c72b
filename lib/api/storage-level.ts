// pyspark.StorageLevel: what cache()/persist() record. Rivulet keeps cached rows in memory whatever
// the level; the level is kept so `df.storageLevel` reads back what was asked for.
export class StorageLevel {
  constructor(
    readonly useDisk: boolean,
    readonly useMemory: boolean,
    readonly useOffHeap: boolean,
    readonly deserialized: boolean,
    readonly replication = 1,
  ) {}

  static readonly NONE = new StorageLevel(false, false, false, false);
  static readonly DISK_ONLY = new StorageLevel(true, false, false, false);
  static readonly DISK_ONLY_2 = new StorageLevel(true, false, false, false, 2);
  static readonly DISK_ONLY_3 = new StorageLevel(true, false, false, false, 3);
  static readonly MEMORY_ONLY = new StorageLevel(false, true, false, false);
  static readonly MEMORY_ONLY_2 = new StorageLevel(false, true, false, false, 2);
  static readonly MEMORY_AND_DISK = new StorageLevel(true, true, false, false);
  static readonly MEMORY_AND_DISK_2 = new StorageLevel(true, true, false, false, 2);
  static readonly OFF_HEAP = new StorageLevel(true, true, true, false, 1);
  static readonly MEMORY_AND_DISK_DESER = new StorageLevel(true, true, false, true);

  /** PySpark's repr: `StorageLevel(True, True, False, True, 1)`. */
  toRepr(): string {
    const b = (v: boolean) => (v ? 'True' : 'False');
    return `StorageLevel(${b(this.useDisk)}, ${b(this.useMemory)}, ${b(this.useOffHeap)}, ${b(this.deserialized)}, ${this.replication})`;
  }

  /** PySpark's str: `Disk Memory Deserialized 1x Replicated`. */
  toString(): string {
    let result = '';
    if (this.useDisk) result += 'Disk ';
    if (this.useMemory) result += 'Memory ';
    if (this.useOffHeap) result += 'OffHeap ';
    result += this.deserialized ? 'Deserialized ' : 'Serialized ';
    result += `${this.replication}x Replicated`;
    return result;
  }
}
