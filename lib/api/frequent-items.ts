// `df.freqItems(cols, support)` as Spark's FrequentItems.singlePassFreqItems: per column the
// CollectFrequentItems aggregate (Karp, Schenker and Papadimitriou's algorithm with
// 1 / support counters), partial per input partition, the partial maps merged in partition order.
// Spark's buffer is a Scala mutable.HashMap and the result lists its keys in that map's iteration
// order, so the map is reproduced here as far as the order needs: each key's hash (Scala's `##`
// of the value Spark holds), the table size (16, doubled when an insertion OR an update finds
// size + 1 >= 0.75 * table size), buckets in index order, within a bucket ascending hash, then
// insertion order. Keys of types whose JVM hash Rivulet does not reproduce (decimals, binary,
// arrays, maps, structs) all hash alike, which leaves them in insertion order.
import { murmur3HashString } from '../util/murmur3';
import { encodeCompositeKey } from '../util/group-key';
import type { DataType } from '../types/data-types';

interface Entry {
  key: unknown;
  hash: number;
  count: number;
  seq: number;
}

/** Java's Float.hashCode / floatToIntBits (NaN canonical). */
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
function floatBits(x: number): number {
  if (x !== x) return 0x7fc00000;
  f32[0] = x;
  return i32[0];
}

const f64 = new Float64Array(1);
const i64 = new Int32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Java's Double.hashCode: bits ^ (bits >>> 32), NaN canonical. */
function doubleBitsHash(x: number): number {
  if (x !== x) return 0x7ff80000;
  f64[0] = x;
  return (LITTLE ? i64[0] ^ i64[1] : i64[1] ^ i64[0]) | 0;
}

/** Java's Long.hashCode. */
function longHashCode(v: bigint): number {
  const u = BigInt.asUintN(64, v);
  return Number(BigInt.asIntN(32, u ^ (u >> 32n)));
}

/** Scala's Statics.longHash: an int-sized long hashes as the int. */
function longHash(v: bigint): number {
  return v >= -2147483648n && v <= 2147483647n ? Number(v) : longHashCode(v);
}

/** Scala's Statics.doubleHash: as an int, a long or a float when exactly one, else Double.hashCode. */
function doubleHash(x: number): number {
  if (Number.isInteger(x) && x >= -2147483648 && x <= 2147483647) return x | 0;
  if (Number.isInteger(x) && x >= -(2 ** 63) && x < 2 ** 63) return longHashCode(BigInt(x));
  if (Math.fround(x) === x) return floatBits(x);
  return doubleBitsHash(x);
}

/** Scala's `##` of a value of `type` as Spark holds it; 0 for types not reproduced. */
export function scalaHashFunction(type: DataType): (v: unknown) => number {
  switch (type.typeName()) {
    case 'integer':
    case 'short':
    case 'byte':
    case 'date':
    case 'interval year to month':
    case 'interval year':
    case 'interval month':
      return (v) => (v === null ? 0 : (v as number) | 0);
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz':
      return (v) => (v === null ? 0 : longHash(typeof v === 'bigint' ? v : BigInt(v as number)));
    case 'double':
      return (v) => (v === null ? 0 : doubleHash(v as number));
    case 'float':
      // Statics.floatHash: as an int or a long when exactly one, else Float.hashCode (which
      // doubleHash also gives a value a float holds exactly), NaN as Float.hashCode's.
      return (v) => (v === null ? 0 : v !== v ? 0x7fc00000 : doubleHash(v as number));
    case 'boolean':
      return (v) => (v === null ? 0 : v ? 1231 : 1237);
    case 'string':
      // UTF8String.hashCode: Murmur3_x86_32.hashUnsafeBytes with seed 42.
      return (v) => (v === null ? 0 : murmur3HashString(v as string, 42));
    default:
      return () => 0;
  }
}

/** Scala 2.13's mutable.HashMap[Any, Long] as CollectFrequentItems uses it. */
class FrequencyMap {
  private readonly entries = new Map<unknown, Entry>();
  private capacity = 16;
  private threshold = 12;
  private nextSeq = 0;

  constructor(private readonly hashOf: (v: unknown) => number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The lookup key: NaNs are never equal to each other in Scala's map. */
  private lookupKey(key: unknown): unknown {
    if (typeof key === 'number' && key !== key) return Symbol('NaN');
    return key !== null && typeof key === 'object' ? encodeCompositeKey([key]) : key;
  }

  /** put0's growth check, made before every insertion or update. */
  private beforePut(): void {
    if (this.entries.size + 1 >= this.threshold) {
      this.capacity *= 2;
      this.threshold = Math.trunc(this.capacity * 0.75);
    }
  }

  /** CollectFrequentItems.add. */
  add(key: unknown, count: number, limit: number): void {
    const k = this.lookupKey(key);
    const existing = this.entries.get(k);
    if (existing !== undefined) {
      this.beforePut();
      existing.count += count;
      return;
    }
    if (this.entries.size < limit) {
      this.insert(k, key, count);
      return;
    }
    let minCount = Infinity;
    for (const e of this.entries.values()) minCount = Math.min(minCount, e.count);
    if (this.entries.size === 0) minCount = 0;
    if (count - minCount >= 0) {
      // Something is kicked out, so the new key goes in first.
      this.insert(k, key, count);
      for (const [id, e] of this.entries) {
        if (e.count > minCount) e.count -= minCount;
        else this.entries.delete(id);
      }
    } else {
      for (const e of this.entries.values()) e.count -= count;
    }
  }

  private insert(k: unknown, key: unknown, count: number): void {
    this.beforePut();
    const h = this.hashOf(key);
    // HashMap's improveHash.
    this.entries.set(k, { key, hash: (h ^ (h >>> 16)) | 0, count, seq: this.nextSeq++ });
  }

  /** The entries in the map's iteration order. */
  ordered(): Entry[] {
    const mask = this.capacity - 1;
    return [...this.entries.values()].sort((a, b) => (a.hash & mask) - (b.hash & mask) || a.hash - b.hash || a.seq - b.seq);
  }

  /** The keys and counts, as deserialize rebuilds them: a new map filled in this one's order. */
  rebuilt(): FrequencyMap {
    const copy = new FrequencyMap(this.hashOf);
    for (const e of this.ordered()) copy.insert(copy.lookupKey(e.key), e.key, e.count);
    return copy;
  }
}

/**
 * The frequent items of one column: `partitions` hold the column's values per input partition;
 * `limit` is Spark's (1 / support).toInt counters.
 */
export function frequentItems(partitions: readonly (readonly unknown[])[], type: DataType, limit: number): unknown[] {
  const hashOf = scalaHashFunction(type);
  const merged = new FrequencyMap(hashOf);
  for (const values of partitions) {
    const partial = new FrequencyMap(hashOf);
    for (const v of values) partial.add(v, 1, limit);
    // The partial buffer crosses the shuffle serialised: rebuilt in its iteration order.
    for (const e of partial.rebuilt().ordered()) merged.add(e.key, e.count, limit);
  }
  return merged.ordered().map((e) => e.key);
}
