// A minimal RDD: what DStream programs touch (transform, foreachRDD, queueStream), and the RDD
// bridge of batch programs. Elements live in memory; `parallelize(data, numSlices)` keeps Spark's
// slices as partitions (glom, mapPartitions, getNumPartitions, coalesce, repartition, cartesian and
// narrow transformations see them). Key operations give one partition and keep keys in first-seen
// order, so output is deterministic (PySpark's order follows hash partitioning instead).
import { PySparkValueError } from '../errors/illegal-argument-exception';
import { keyHash } from './key-hash';
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

  constructor(data: readonly T[], stage?: Stage<T>, splits?: readonly number[]) {
    this.source = data;
    this.stage = stage;
    this.sourceSplits = splits && splits.length > 2 ? splits : undefined;
    if (!stage) {
      this.materialized = data;
      this.materializedSplits = this.sourceSplits;
    }
  }

  /** An RDD of the given partitions (Spark's slices). */
  static fromPartitions<T>(partitions: readonly (readonly T[])[]): RDD<T> {
    const splits = [0];
    const data: T[] = [];
    for (const p of partitions) {
      for (let i = 0; i < p.length; i++) data.push(p[i]);
      splits.push(data.length);
    }
    return partitions.length > 1 ? new RDD(data, undefined, splits) : partitions.length === 1 ? new RDD(data) : RDD.withoutPartitions<T>();
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

  private chain<U>(step: (downstream: Emit<U>) => Emit<T>): RDD<U> {
    if (this.partitionless) return RDD.withoutPartitions<U>();
    if (this.materialized) {
      const data = this.materialized;
      return new RDD<U>(data as unknown as U[], (down) => step(down) as Emit<unknown>, this.materializedSplits);
    }
    const previous = this.stage!;
    return new RDD<U>(this.source as unknown as U[], (down) => previous(step(down)), this.sourceSplits);
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

  map<U extends MapResultHint>(f: (value: T) => U): RDD<Widened<U>> {
    return this.chain<Widened<U>>((down) => (v) => down(f(v) as Widened<U>));
  }

  flatMap<U>(f: (value: T) => Iterable<U>): RDD<U> {
    return this.chain<U>((down) => (v) => {
      const items = f(v);
      // Arrays (the usual `line.split(' ')`) skip the iterator protocol.
      if (Array.isArray(items)) for (let j = 0; j < items.length; j++) down(items[j]);
      else for (const u of items) down(u);
    });
  }

  filter(f: (value: T) => unknown): RDD<T> {
    return this.chain<T>((down) => (v) => {
      if (f(v)) down(v);
    });
  }

  mapPartitions<U>(f: (partition: Iterable<T>) => Iterable<U>): RDD<U> {
    if (this.partitionless) return RDD.withoutPartitions<U>();
    return RDD.fromPartitions(this.partitions().map((p) => [...f(p)]));
  }

  mapPartitionsWithIndex<U>(f: (index: number, partition: Iterable<T>) => Iterable<U>): RDD<U> {
    if (this.partitionless) return RDD.withoutPartitions<U>();
    return RDD.fromPartitions(this.partitions().map((p, i) => [...f(i, p)]));
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

  distinct(): RDD<T> {
    const seen = new Map<unknown, T>();
    for (const v of this.data) {
      const k = keyHash(v);
      if (!seen.has(k)) seen.set(k, v);
    }
    return new RDD([...seen.values()]);
  }

  /** Spark's UnionRDD: this RDD's partitions, then the other's. */
  union(other: RDD<T>): RDD<T> {
    if (this.partitionless && other.partitionless) return RDD.withoutPartitions<T>();
    return RDD.fromPartitions([...this.partitions(), ...other.partitions()]);
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

  sortBy<K>(keyFunc: (value: T) => K, ascending = true): RDD<T> {
    const sign = ascending ? 1 : -1;
    return new RDD([...this.data].sort((a, b) => sign * compareValues(keyFunc(a), keyFunc(b))));
  }

  foreach(f: (value: T) => void): void {
    for (const v of this.data) f(v);
  }

  // ---- pair RDD operations (elements are [key, value]) ----

  keys<K, V>(this: RDD<Pair<K, V>>): RDD<K> {
    return new RDD(this.data.map((kv) => kv[0]));
  }

  values<K, V>(this: RDD<Pair<K, V>>): RDD<V> {
    return new RDD(this.data.map((kv) => kv[1]));
  }

  mapValues<K, V, U>(this: RDD<Pair<K, V>>, f: (value: V) => U): RDD<Pair<K, U>> {
    return this.map(([k, v]) => [k, f(v)] as Pair<K, U>);
  }

  flatMapValues<K, V, U>(this: RDD<Pair<K, V>>, f: (value: V) => Iterable<U>): RDD<Pair<K, U>> {
    return this.flatMap(([k, v]) => [...f(v)].map((u) => [k, u] as Pair<K, U>));
  }

  reduceByKey<K, V>(this: RDD<Pair<K, V>>, f: (a: V, b: V) => V): RDD<Pair<K, V>> {
    const groups = new Map<unknown, Pair<K, V>>();
    this.each((kv) => {
      const k = kv[0];
      const h = typeof k === 'string' ? k : keyHash(k);
      const entry = groups.get(h);
      if (entry) entry[1] = f(entry[1], kv[1]);
      else groups.set(h, [k, kv[1]]);
    });
    return new RDD([...groups.values()]);
  }

  combineByKey<K, V, C>(this: RDD<Pair<K, V>>, createCombiner: (v: V) => C, mergeValue: (c: C, v: V) => C, _mergeCombiners?: (a: C, b: C) => C): RDD<Pair<K, C>> {
    const groups = new Map<unknown, Pair<K, C>>();
    for (const [k, v] of this.data) {
      const h = keyHash(k);
      const entry = groups.get(h);
      if (entry) entry[1] = mergeValue(entry[1], v);
      else groups.set(h, [k, createCombiner(v)]);
    }
    return new RDD([...groups.values()]);
  }

  groupByKey<K, V>(this: RDD<Pair<K, V>>): RDD<Pair<K, ResultIterable<V>>> {
    const groups = new Map<unknown, Pair<K, ResultIterable<V>>>();
    for (const [k, v] of this.data) {
      const h = keyHash(k);
      const entry = groups.get(h);
      if (entry) entry[1].push(v);
      else groups.set(h, [k, ResultIterable.fromItems([v])]);
    }
    return new RDD([...groups.values()]);
  }

  countByKey<K, V>(this: RDD<Pair<K, V>>): Map<K, number> {
    return new Map(this.keys().countByValue());
  }

  collectAsMap<K, V>(this: RDD<Pair<K, V>>): Map<K, V> {
    return new Map(this.data);
  }

  sortByKey<K, V>(this: RDD<Pair<K, V>>, ascending = true): RDD<Pair<K, V>> {
    return this.sortBy((kv) => kv[0], ascending);
  }

  /** Keys of this RDD first (first-seen order), then keys only in `other`. */
  cogroup<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>): RDD<Pair<K, [ResultIterable<V>, ResultIterable<W>]>> {
    const groups = new Map<unknown, Pair<K, [ResultIterable<V>, ResultIterable<W>]>>();
    const entryFor = (k: K): [ResultIterable<V>, ResultIterable<W>] => {
      const h = keyHash(k);
      let entry = groups.get(h);
      if (!entry) {
        entry = [k, [new ResultIterable<V>(), new ResultIterable<W>()]];
        groups.set(h, entry);
      }
      return entry[1];
    };
    for (const [k, v] of this.data) entryFor(k)[0].push(v);
    for (const [k, w] of other.data) entryFor(k)[1].push(w);
    return new RDD([...groups.values()]);
  }

  join<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>): RDD<Pair<K, [V, W]>> {
    return this.cogroup(other).flatMap(([k, [vs, ws]]) => vs.flatMap((v) => ws.map((w) => [k, [v, w]] as Pair<K, [V, W]>)));
  }

  leftOuterJoin<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>): RDD<Pair<K, [V, W | null]>> {
    return this.cogroup(other).flatMap(([k, [vs, ws]]) => {
      const right: (W | null)[] = ws.length > 0 ? [...ws] : [null];
      return vs.flatMap((v) => right.map((w) => [k, [v, w]] as Pair<K, [V, W | null]>));
    });
  }

  rightOuterJoin<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>): RDD<Pair<K, [V | null, W]>> {
    return this.cogroup(other).flatMap(([k, [vs, ws]]) => {
      const left: (V | null)[] = vs.length > 0 ? [...vs] : [null];
      return left.flatMap((v) => ws.map((w) => [k, [v, w]] as Pair<K, [V | null, W]>));
    });
  }

  fullOuterJoin<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>): RDD<Pair<K, [V | null, W | null]>> {
    return this.cogroup(other).flatMap(([k, [vs, ws]]) => {
      const left: (V | null)[] = vs.length > 0 ? [...vs] : [null];
      const right: (W | null)[] = ws.length > 0 ? [...ws] : [null];
      return left.flatMap((v) => right.map((w) => [k, [v, w]] as Pair<K, [V | null, W | null]>));
    });
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
