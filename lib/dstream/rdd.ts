// A minimal RDD: what DStream programs touch (transform, foreachRDD, queueStream), and the RDD
// bridge of batch programs. Elements live in memory; `parallelize(data, numSlices)` keeps Spark's
// slices as partitions (glom, mapPartitions, getNumPartitions, coalesce, repartition, cartesian and
// narrow transformations see them). Key operations shuffle as PySpark does: keys combined within
// each partition, then sent to partition `portable_hash(key) % numPartitions` (partitioner.ts),
// each reduce partition keeping its keys in first-seen order; an RDD remembers its partitioner, so
// a second key operation with the same one does not shuffle again (as PySpark's partitionBy).
import { PySparkValueError } from '../errors/illegal-argument-exception';
import { keyHash } from './key-hash';
import { cloneValue } from './clone-value';
import { type PartitionFunc, type Partitioner, checkNumPartitions, portable_hash, samePartitioner, shuffle } from './partitioner';
import { PythonRandom } from '../util/python-random';
import type { MapResultHint, Widened } from './map-result';
import { ResultIterable } from './python-repr';

export type Pair<K, V> = [K, V];

function activeSession(): import('../session/stream-session').StreamSession {
  const { StreamSession } = require('../session/stream-session') as typeof import('../session/stream-session');
  return StreamSession.getActiveSession() ?? (require('./spark-context') as typeof import('./spark-context')).SparkContext.getOrCreate().backingSession;
}

type Emit<T> = (value: T) => void;
/** A fused chain of narrow transformations: given where results go, where source elements go. */
type Stage<T> = (downstream: Emit<T>) => Emit<unknown>;

export class RDD<T> {
  // Narrow transformations (map, flatMap, filter, mapValues...) are fused into one stage over the
  // source array, as Spark pipelines them within a partition: no array per step. Results are
  // materialised (and kept) only when an action or a DStream window needs the elements.
  private readonly source: readonly unknown[];
  private readonly stage: Stage<T> | undefined;
  private materialized: readonly T[] | undefined;
  /** Partition boundaries in `source` (n + 1 offsets); undefined: one partition. */
  private readonly sourceSplits: readonly number[] | undefined;
  /** Partition boundaries in `materialized`. */
  private materializedSplits: readonly number[] | undefined;

  /** PySpark's rdd.partitioner: set by partitionBy and the key operations, kept by mapValues, filter... */
  readonly partitioner: Partitioner | undefined;

  constructor(data: readonly T[], stage?: Stage<T>, splits?: readonly number[], partitioner?: Partitioner) {
    this.source = data;
    this.partitioner = partitioner;
    this.stage = stage;
    this.sourceSplits = splits && splits.length > 2 ? splits : undefined;
    if (!stage) {
      this.materialized = data;
      this.materializedSplits = this.sourceSplits;
    }
  }

  /** An RDD of the given partitions (Spark's slices). */
  static fromPartitions<T>(partitions: readonly (readonly T[])[], partitioner?: Partitioner): RDD<T> {
    const splits = [0];
    const data: T[] = [];
    for (const p of partitions) {
      for (let i = 0; i < p.length; i++) data.push(p[i]);
      splits.push(data.length);
    }
    return partitions.length > 1 ? new RDD(data, undefined, splits, partitioner) : partitions.length === 1 ? new RDD(data, undefined, undefined, partitioner) : RDD.withoutPartitions<T>();
  }

  private get data(): readonly T[] {
    if (!this.materialized) {
      const out: T[] = [];
      const splits = this.sourceSplits;
      if (splits) {
        // Each partition through the fused stage, recording where its results end.
        const outSplits = [0];
        const push = this.stage!((v) => out.push(v));
        for (let p = 0; p + 1 < splits.length; p++) {
          for (let i = splits[p]; i < splits[p + 1]; i++) push(this.source[i]);
          outSplits.push(out.length);
        }
        this.materializedSplits = outSplits;
      } else {
        this.each((v) => out.push(v));
      }
      this.materialized = out;
    }
    return this.materialized;
  }

  /** The elements of each partition, in partition order. */
  partitions(): T[][] {
    if (this.partitionless) return [];
    const data = this.data;
    const splits = this.materializedSplits;
    if (!splits) return [[...data]];
    const out: T[][] = [];
    for (let p = 0; p + 1 < splits.length; p++) out.push(data.slice(splits[p], splits[p + 1]));
    return out;
  }

  /** Streams every element to `emit` without materialising. */
  private each(emit: Emit<T>): void {
    const data = this.materialized;
    if (data) {
      for (let i = 0; i < data.length; i++) emit(data[i]);
      return;
    }
    const push = this.stage!(emit);
    const source = this.source;
    for (let i = 0; i < source.length; i++) push(source[i]);
  }

  private chain<U>(step: (downstream: Emit<U>) => Emit<T>, preservesPartitioning = false): RDD<U> {
    if (this.partitionless) return RDD.withoutPartitions<U>();
    const partitioner = preservesPartitioning ? this.partitioner : undefined;
    if (this.materialized) {
      const data = this.materialized;
      return new RDD<U>(data as unknown as U[], (down) => step(down) as Emit<unknown>, this.materializedSplits, partitioner);
    }
    const previous = this.stage!;
    return new RDD<U>(this.source as unknown as U[], (down) => previous(step(down)), this.sourceSplits, partitioner);
  }

  /**
   * An RDD with no partition at all (Spark's emptyRDD, or a file stream's batch without new
   * files): unlike an empty one-partition RDD, mapPartitions never calls its function, so
   * count() of such a batch yields nothing, as in PySpark.
   */
  static withoutPartitions<T>(): RDD<T> {
    const rdd = new RDD<T>([]);
    rdd.partitionless = true;
    return rdd;
  }

  private partitionless = false;

  /** PySpark: rdd.collect() returns a list. */
  collect(): T[] {
    return [...this.data];
  }

  count(): number {
    if (this.materialized) return this.materialized.length;
    let n = 0;
    this.each(() => n++);
    return n;
  }

  isEmpty(): boolean {
    return this.data.length === 0;
  }

  take(num: number): T[] {
    return this.data.slice(0, Math.max(0, num));
  }

  first(): T {
    if (this.data.length === 0) throw new PySparkValueError('RDD_IS_EMPTY', 'RDD is empty');
    return this.data[0];
  }

  getNumPartitions(): number {
    if (this.partitionless) return 0;
    const splits = this.materializedSplits ?? this.sourceSplits;
    return splits ? splits.length - 1 : 1;
  }

  /** PySpark's rdd.context: the SparkContext (the active session's; one per process, as in PySpark). */
  get context(): import('../session/stream-session').SparkContext {
    return activeSession().sparkContext;
  }

  /**
   * Spark's coalesce without a shuffle merges neighbouring partitions (never more partitions than
   * now); with `shuffle` it is repartition.
   */
  coalesce(numPartitions: number, shuffle = false): RDD<T> {
    if (shuffle) return this.repartition(numPartitions);
    const parts = this.partitions();
    if (numPartitions >= parts.length) return RDD.fromPartitions(parts);
    const out: T[][] = [];
    for (let i = 0; i < numPartitions; i++) {
      const start = Math.floor((i * parts.length) / numPartitions);
      const end = Math.floor(((i + 1) * parts.length) / numPartitions);
      out.push(parts.slice(start, end).flat() as T[]);
    }
    return RDD.fromPartitions(out);
  }

  /**
   * Spark's repartition: PySpark sends each partition in batches of 10 elements; the JVM deals the
   * batches round-robin from a position drawn with XORShiftRandom(partition index).
   */
  repartition(numPartitions: number): RDD<T> {
    const out: T[][] = Array.from({ length: numPartitions }, () => []);
    this.partitions().forEach((part, index) => {
      let position = new (require('../util/xor-shift-random') as typeof import('../util/xor-shift-random')).XorShiftRandom(BigInt(index)).nextInt(numPartitions);
      for (let i = 0; i < part.length; i += 10) {
        position++;
        const target = ((position % numPartitions) + numPartitions) % numPartitions;
        for (const v of part.slice(i, i + 10)) out[target].push(v);
      }
    });
    return RDD.fromPartitions(out);
  }

  /** Every pair (a, b); partition (i, j) holds partition i of this RDD against partition j of `other`. */
  cartesian<U>(other: RDD<U>): RDD<[T, U]> {
    const out: [T, U][][] = [];
    const right = other.partitions();
    for (const a of this.partitions()) {
      for (const b of right) {
        const part: [T, U][] = [];
        for (const x of a) for (const y of b) part.push([x, y]);
        out.push(part);
      }
    }
    return RDD.fromPartitions(out);
  }

  /** PySpark's rdd.toDF(schema): the elements (Rows, tuples or objects) as a DataFrame of the active session. */
  toDF(schema?: import('../types/struct-type').StructType | string | string[]): import('../api/data-frame').DataFrame {
    return activeSession().createDataFrame(this.collect(), schema);
  }

  /** Computes the elements once now; later actions and transformations reuse them. */
  cache(): this {
    void this.data;
    return this;
  }

  persist(_storageLevel?: unknown): this {
    return this.cache();
  }

  map<U extends MapResultHint>(f: (value: T) => U, preservesPartitioning = false): RDD<Widened<U>> {
    return this.chain<Widened<U>>((down) => (v) => down(f(v) as Widened<U>), preservesPartitioning);
  }

  flatMap<U>(f: (value: T) => Iterable<U>, preservesPartitioning = false): RDD<U> {
    return this.chain<U>((down) => (v) => {
      const items = f(v);
      // Arrays (the usual `line.split(' ')`) skip the iterator protocol.
      if (Array.isArray(items)) for (let j = 0; j < items.length; j++) down(items[j]);
      else for (const u of items) down(u);
    }, preservesPartitioning);
  }

  /** PySpark's filter keeps the partitioner (mapPartitions with preservesPartitioning). */
  filter(f: (value: T) => unknown): RDD<T> {
    return this.chain<T>((down) => (v) => {
      if (f(v)) down(v);
    }, true);
  }

  mapPartitions<U>(f: (partition: Iterable<T>) => Iterable<U>, preservesPartitioning = false): RDD<U> {
    if (this.partitionless) return RDD.withoutPartitions<U>();
    return RDD.fromPartitions(this.partitions().map((p) => [...f(p)]), preservesPartitioning ? this.partitioner : undefined);
  }

  mapPartitionsWithIndex<U>(f: (index: number, partition: Iterable<T>) => Iterable<U>, preservesPartitioning = false): RDD<U> {
    if (this.partitionless) return RDD.withoutPartitions<U>();
    return RDD.fromPartitions(this.partitions().map((p, i) => [...f(i, p)]), preservesPartitioning ? this.partitioner : undefined);
  }

  /** One list per partition. */
  glom(): RDD<T[]> {
    if (this.partitionless) return RDD.withoutPartitions<T[]>();
    return RDD.fromPartitions(this.partitions().map((p) => [ResultIterable.fromItems(p) as unknown as T[]]));
  }

  /** PySpark raises ValueError("Can not reduce() empty RDD"). */
  reduce(f: (a: T, b: T) => T): T {
    if (this.data.length === 0) throw new PySparkValueError('CANNOT_REDUCE_EMPTY_RDD', 'Can not reduce() empty RDD');
    let acc = this.data[0];
    for (let i = 1; i < this.data.length; i++) acc = f(acc, this.data[i]);
    return acc;
  }

  fold(zero: T, f: (a: T, b: T) => T): T {
    let acc = zero;
    for (const v of this.data) acc = f(acc, v);
    return acc;
  }

  sum(this: RDD<number>): number {
    return this.data.reduce((a, b) => a + b, 0);
  }

  /** PySpark: map(x -> (x, None)).reduceByKey(keep first, numPartitions).map(first). */
  distinct(numPartitions?: number | null): RDD<T> {
    return this.map((x) => [x, null] as Pair<T, null>)
      .reduceByKey((x) => x, numPartitions)
      .map((kv) => kv[0] as never) as unknown as RDD<T>;
  }

  /**
   * Spark's UnionRDD: this RDD's partitions, then the other's. When both have the same
   * partitioner, Spark's PartitionerAwareUnionRDD: partition i holds both RDDs' partition i.
   */
  union(other: RDD<T>): RDD<T> {
    if (this.partitionless && other.partitionless) return RDD.withoutPartitions<T>();
    return unionOf([this, other]);
  }

  /** (value, count) pairs as a Map, PySpark's dict. */
  countByValue(): Map<T, number> {
    const counts = new Map<unknown, [T, number]>();
    for (const v of this.data) {
      const k = keyHash(v);
      const entry = counts.get(k);
      if (entry) entry[1]++;
      else counts.set(k, [v, 1]);
    }
    return new Map([...counts.values()]);
  }

  /** PySpark: keyBy(keyfunc).sortByKey(ascending, numPartitions).values(). */
  sortBy<K>(keyFunc: (value: T) => K, ascending = true, numPartitions?: number | null): RDD<T> {
    return this.keyBy(keyFunc).sortByKey(ascending, numPartitions).values();
  }

  keyBy<K>(f: (value: T) => K): RDD<Pair<K, T>> {
    return this.chain<Pair<K, T>>((down) => (v) => down([f(v), v]));
  }

  /**
   * PySpark's rdd.sample: per partition, random.Random(seed ^ partitionIndex) after ten
   * randint(0, 1) draws; without replacement an element is kept when random() < fraction, with
   * replacement it is repeated a Poisson(fraction) number of times.
   */
  sample(withReplacement: boolean, fraction: number, seed?: number | null): RDD<T> {
    if (typeof fraction !== 'number' || !(fraction >= 0)) throw new PySparkValueError('VALUE_ERROR', 'Fraction must be nonnegative.');
    const s = seed === undefined || seed === null ? Math.floor(Math.random() * 2 ** 52) : seed;
    return this.mapPartitionsWithIndex((split, items) => {
      const random = new PythonRandom(BigInt(s) ^ BigInt(split));
      for (let i = 0; i < 10; i++) random.randint(0, 1);
      const out: T[] = [];
      for (const item of items) {
        if (!withReplacement) {
          if (random.random() < fraction) out.push(item);
          continue;
        }
        for (let k = poisson(random, fraction); k > 0; k--) out.push(item);
      }
      return out;
    }, true);
  }

  foreach(f: (value: T) => void): void {
    for (const v of this.data) f(v);
  }

  // ---- pair RDD operations (elements are [key, value]) ----

  /** PySpark's numPartitions default of a key operation: spark.default.parallelism if set, else this RDD's. */
  private defaultReducePartitions(): number {
    const session = activeSession();
    return session.conf.getOption('spark.default.parallelism') !== undefined ? session.defaultParallelism() : this.getNumPartitions();
  }

  keys<K, V>(this: RDD<Pair<K, V>>): RDD<K> {
    return this.map((kv) => kv[0] as K & MapResultHint) as unknown as RDD<K>;
  }

  values<K, V>(this: RDD<Pair<K, V>>): RDD<V> {
    return this.map((kv) => kv[1] as V & MapResultHint) as unknown as RDD<V>;
  }

  mapValues<K, V, U>(this: RDD<Pair<K, V>>, f: (value: V) => U): RDD<Pair<K, U>> {
    return this.chain<Pair<K, U>>((down) => (kv) => down([kv[0], f(kv[1])]), true);
  }

  flatMapValues<K, V, U>(this: RDD<Pair<K, V>>, f: (value: V) => Iterable<U>): RDD<Pair<K, U>> {
    return this.chain<Pair<K, U>>((down) => (kv) => {
      for (const u of f(kv[1])) down([kv[0], u]);
    }, true);
  }

  /**
   * PySpark's partitionBy: a shuffle to `partitionFunc(key) % numPartitions` (portable_hash by
   * default); this RDD itself when it is already partitioned so.
   */
  partitionBy<K, V>(this: RDD<Pair<K, V>>, numPartitions?: number | null, partitionFunc: PartitionFunc = portable_hash): RDD<Pair<K, V>> {
    const n = numPartitions === undefined || numPartitions === null ? this.defaultReducePartitions() : checkNumPartitions(numPartitions);
    const partitioner: Partitioner = { numPartitions: n, partitionFunc };
    if (samePartitioner(this.partitioner, partitioner)) return this;
    if (this.partitionless || n === 0) return RDD.withoutPartitions();
    return RDD.fromPartitions(shuffle(this.partitions(), partitioner), partitioner);
  }

  /**
   * PySpark's combineByKey: createCombiner/mergeValue within each partition (keys in first-seen
   * order), partitionBy(numPartitions, partitionFunc), then mergeCombiners within each new partition.
   */
  combineByKey<K, V, C>(
    this: RDD<Pair<K, V>>,
    createCombiner: (v: V) => C,
    mergeValue: (c: C, v: V) => C,
    mergeCombiners: (a: C, b: C) => C,
    numPartitions?: number | null,
    partitionFunc: PartitionFunc = portable_hash,
  ): RDD<Pair<K, C>> {
    const n = numPartitions === undefined || numPartitions === null ? this.defaultReducePartitions() : checkNumPartitions(numPartitions);
    const locallyCombined = this.mapPartitions((items) => combineWithin(items as Iterable<Pair<K, V>>, createCombiner, mergeValue), true);
    const shuffled = locallyCombined.partitionBy(n, partitionFunc);
    return shuffled.mapPartitions((items) => combineWithin(items, (c) => c, mergeCombiners), true);
  }

  reduceByKey<K, V>(this: RDD<Pair<K, V>>, f: (a: V, b: V) => V, numPartitions?: number | null, partitionFunc: PartitionFunc = portable_hash): RDD<Pair<K, V>> {
    return this.combineByKey((v) => v, f, f, numPartitions, partitionFunc);
  }

  /** zeroValue is copied for every key (PySpark deep-copies it). */
  foldByKey<K, V>(this: RDD<Pair<K, V>>, zeroValue: V, f: (a: V, b: V) => V, numPartitions?: number | null, partitionFunc: PartitionFunc = portable_hash): RDD<Pair<K, V>> {
    return this.combineByKey((v) => f(cloneValue(zeroValue), v), f, f, numPartitions, partitionFunc);
  }

  aggregateByKey<K, V, U>(
    this: RDD<Pair<K, V>>,
    zeroValue: U,
    seqFunc: (acc: U, v: V) => U,
    combFunc: (a: U, b: U) => U,
    numPartitions?: number | null,
    partitionFunc: PartitionFunc = portable_hash,
  ): RDD<Pair<K, U>> {
    return this.combineByKey((v) => seqFunc(cloneValue(zeroValue), v), seqFunc, combFunc, numPartitions, partitionFunc);
  }

  groupByKey<K, V>(this: RDD<Pair<K, V>>, numPartitions?: number | null, partitionFunc: PartitionFunc = portable_hash): RDD<Pair<K, ResultIterable<V>>> {
    return this.combineByKey(
      (v) => ResultIterable.fromItems([v]),
      (c, v) => {
        c.push(v);
        return c;
      },
      (a, b) => {
        for (const v of b) a.push(v);
        return a;
      },
      numPartitions,
      partitionFunc,
    );
  }

  countByKey<K, V>(this: RDD<Pair<K, V>>): Map<K, number> {
    return new Map(this.keys().countByValue());
  }

  collectAsMap<K, V>(this: RDD<Pair<K, V>>): Map<K, V> {
    return new Map(this.data);
  }

  /** The values of `key`, in partition order. */
  lookup<K, V>(this: RDD<Pair<K, V>>, key: K): V[] {
    const h = keyHash(key);
    const out: V[] = [];
    for (const [k, v] of this.data) if (keyHash(k) === h) out.push(v);
    return out;
  }

  /**
   * PySpark's sortByKey: one partition is sorted in place; otherwise range bounds come from a
   * sample (seed 1, about 20 keys per partition), keys go to bisect_left(bounds, key) (reversed
   * when descending) and each partition is sorted (stable, as Python's sorted).
   */
  sortByKey<K, V>(this: RDD<Pair<K, V>>, ascending = true, numPartitions?: number | null, keyfunc: (key: K) => unknown = (k) => k): RDD<Pair<K, V>> {
    const n = numPartitions === undefined || numPartitions === null ? this.defaultReducePartitions() : checkNumPartitions(numPartitions);
    const sign = ascending ? 1 : -1;
    const sortPartition = (items: Iterable<Pair<K, V>>): Pair<K, V>[] => [...items].sort((a, b) => sign * compareValues(keyfunc(a[0]), keyfunc(b[0])));
    if (n === 1) {
      const one = this.getNumPartitions() > 1 ? this.coalesce(1) : this;
      return one.mapPartitions(sortPartition, true);
    }
    const size = this.count();
    if (size === 0) return this;
    const fraction = Math.min((n * 20) / Math.max(size, 1), 1);
    const samples = this.sample(false, fraction, 1)
      .collect()
      .map((kv) => kv[0]);
    samples.sort((a, b) => compareValues(keyfunc(a), keyfunc(b)));
    const bounds: unknown[] = [];
    for (let i = 0; i < n - 1; i++) bounds.push(samples[Math.floor((samples.length * (i + 1)) / n)]);
    const rangePartitioner = (k: K): number => {
      const key = keyfunc(k);
      let lo = 0;
      let hi = bounds.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compareValues(bounds[mid], key) < 0) lo = mid + 1;
        else hi = mid;
      }
      return ascending ? lo : n - 1 - lo;
    };
    return this.partitionBy(n, rangePartitioner as PartitionFunc).mapPartitions(sortPartition, true);
  }

  /** PySpark's cogroup: both RDDs tagged, unioned and grouped (numPartitions: the union's partitions by default). */
  cogroup<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number | null): RDD<Pair<K, [ResultIterable<V>, ResultIterable<W>]>> {
    return cogroupAll([this, other] as RDD<Pair<K, unknown>>[], numPartitions) as unknown as RDD<Pair<K, [ResultIterable<V>, ResultIterable<W>]>>;
  }

  /** cogroup with any number of RDDs. */
  groupWith<K>(this: RDD<Pair<K, unknown>>, other: RDD<Pair<K, unknown>>, ...others: RDD<Pair<K, unknown>>[]): RDD<Pair<K, ResultIterable<unknown>[]>> {
    return cogroupAll([this, other, ...others], undefined);
  }

  join<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number | null): RDD<Pair<K, [V, W]>> {
    return joinOf(this, other, numPartitions, false, false) as RDD<Pair<K, [V, W]>>;
  }

  leftOuterJoin<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number | null): RDD<Pair<K, [V, W | null]>> {
    return joinOf(this, other, numPartitions, false, true) as RDD<Pair<K, [V, W | null]>>;
  }

  rightOuterJoin<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number | null): RDD<Pair<K, [V | null, W]>> {
    return joinOf(this, other, numPartitions, true, false) as RDD<Pair<K, [V | null, W]>>;
  }

  fullOuterJoin<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number | null): RDD<Pair<K, [V | null, W | null]>> {
    return joinOf(this, other, numPartitions, true, true);
  }

  /** Pairs whose key is not in `other`. */
  subtractByKey<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number | null): RDD<Pair<K, V>> {
    return this.cogroup(other, numPartitions)
      .filter(([, [vs, ws]]) => vs.length > 0 && ws.length === 0)
      .flatMapValues(([vs]) => vs);
  }

  /** Elements not in `other`. */
  subtract(other: RDD<T>, numPartitions?: number | null): RDD<T> {
    const tagged = other.map((x) => [x, true] as Pair<T, boolean>);
    return this.map((x) => [x, true] as Pair<T, boolean>)
      .subtractByKey(tagged, numPartitions)
      .keys();
  }

  /** Distinct elements in both RDDs. */
  intersection(other: RDD<T>): RDD<T> {
    return this.map((v) => [v, null] as Pair<T, null>)
      .cogroup(other.map((v) => [v, null] as Pair<T, null>))
      .filter(([, [a, b]]) => a.length > 0 && b.length > 0)
      .keys();
  }
}

/** Python's ordering for the values sortBy meets: numbers, strings, tuples element-wise. */
export function compareValues(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a === b) return 0;
  return (a as number) < (b as number) ? -1 : 1;
}

/** createCombiner/mergeValue over (key, value) pairs, keys in first-seen order (ExternalMerger). */
function combineWithin<K, V, C>(items: Iterable<Pair<K, V>>, createCombiner: (v: V) => C, mergeValue: (c: C, v: V) => C): Pair<K, C>[] {
  const groups = new Map<unknown, Pair<K, C>>();
  for (const kv of items) {
    const k = kv[0];
    const h = typeof k === 'string' || typeof k === 'number' ? k : keyHash(k);
    const entry = groups.get(h);
    if (entry) entry[1] = mergeValue(entry[1], kv[1]);
    else groups.set(h, [k, createCombiner(kv[1])]);
  }
  return [...groups.values()];
}

/**
 * Spark's union of RDDs: PartitionerAwareUnionRDD (partition i = every RDD's partition i) when all
 * share one partitioner, else UnionRDD (the partitions one after another).
 */
export function unionOf<T>(rdds: readonly RDD<T>[]): RDD<T> {
  const first = rdds[0]?.partitioner;
  if (rdds.length > 0 && first && rdds.every((r) => samePartitioner(r.partitioner, first))) {
    const parts = rdds.map((r) => r.partitions());
    const out: T[][] = Array.from({ length: first.numPartitions }, (_, i) => parts.flatMap((p) => p[i] ?? []));
    return RDD.fromPartitions(out, first);
  }
  return RDD.fromPartitions(rdds.flatMap((r) => r.partitions()));
}

/** PySpark's python_cogroup: values tagged by RDD, unioned, grouped, then split per RDD. */
function cogroupAll<K>(rdds: RDD<Pair<K, unknown>>[], numPartitions: number | null | undefined): RDD<Pair<K, ResultIterable<unknown>[]>> {
  const tagged = rdds.map((rdd, i) => rdd.mapValues((v) => [i, v] as [number, unknown]));
  let union = tagged[0];
  for (let i = 1; i < tagged.length; i++) union = union.union(tagged[i]);
  return union.groupByKey(numPartitions).mapValues((seq) => {
    const bufs = rdds.map(() => new ResultIterable<unknown>());
    for (const [n, v] of seq) bufs[n].push(v);
    return bufs;
  });
}

/** PySpark's _do_python_join: tagged union grouped by key, then every (v, w), None for a missing side. */
function joinOf<K, V, W>(a: RDD<Pair<K, V>>, b: RDD<Pair<K, W>>, numPartitions: number | null | undefined, padLeft: boolean, padRight: boolean): RDD<Pair<K, [V | null, W | null]>> {
  const vs = a.mapValues((v) => [1, v] as [number, unknown]);
  const ws = b.mapValues((w) => [2, w] as [number, unknown]);
  return vs
    .union(ws)
    .groupByKey(numPartitions)
    .flatMapValues((seq) => {
      const vbuf: (V | null)[] = [];
      const wbuf: (W | null)[] = [];
      for (const [n, v] of seq) {
        if (n === 1) vbuf.push(v as V);
        else wbuf.push(v as W);
      }
      if (padLeft && vbuf.length === 0) vbuf.push(null);
      if (padRight && wbuf.length === 0) wbuf.push(null);
      const out: [V | null, W | null][] = [];
      for (const v of vbuf) for (const w of wbuf) out.push([v, w]);
      return out;
    });
}

/** RDDSampler's Poisson draw (with replacement). */
function poisson(random: PythonRandom, mean: number): number {
  let k = 0;
  if (mean < 20) {
    const lda = Math.exp(-mean);
    let p = random.random();
    while (p > lda) {
      k++;
      p *= random.random();
    }
    return k;
  }
  let p = random.expovariate(mean);
  while (p < 1) {
    k++;
    p += random.expovariate(mean);
  }
  return k;
}
