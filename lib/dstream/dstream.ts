// PySpark's DStream: a sequence of RDDs, one per slide interval. A stream computes its RDD for a
// batch time on demand from its parents' RDDs and keeps it (sources are read once per batch);
// RDDs older than the graph needs are forgotten after each batch.
import { IllegalArgumentException, PySparkValueError } from '../errors/illegal-argument-exception';
import type { DStreamContext, GraphNode } from './dstream-context';
import { ForEachOutput, pprintBatch, saveAsTextFilesBatch } from './for-each-output';
import type { MapResultHint, Widened } from './map-result';
import type { Pair } from './rdd';
import { RDD, unionOf } from './rdd';
import { type PartitionFunc, portable_hash } from './partitioner';
import { ResultIterable } from './python-repr';
import { reducedWindowedCompute } from './reduced-windowed-dstream';
import { stateCompute } from './state-dstream';
import { secondsToMs } from './batch-time';
import { isOptionsObject, keywordArguments, optionalArgument } from './keyword-arguments';

/** transform/foreachRDD functions take (rdd) or (time, rdd), as in PySpark. */
export type RddFunction<T, R> = ((rdd: RDD<T>) => R) | ((time: Date, rdd: RDD<T>) => R);

export function callWithOptionalTime<T, R>(f: RddFunction<T, R>, timeMs: number, rdd: RDD<T>): R {
  return f.length >= 2 ? (f as (time: Date, rdd: RDD<T>) => R)(new Date(timeMs), rdd) : (f as (rdd: RDD<T>) => R)(rdd);
}

/** PySpark's `preservesPartitioning=` keyword. */
export type PreservesPartitioning = boolean | { preservesPartitioning?: boolean };
/** PySpark's `numPartitions=` keyword (default: the SparkContext's defaultParallelism, as PySpark's DStreams). */
export type NumPartitions = number | null | { numPartitions?: number | null };

/** reduceByKeyAndWindow's keywords. */
export interface ReduceByKeyAndWindowOptions<K, V> {
  windowDuration?: number;
  slideDuration?: number | null;
  numPartitions?: number | null;
  filterFunc?: ((kv: Pair<K, V>) => unknown) | null;
}

export interface DStreamOptions {
  lookBackMs?: number;
  mustCheckpoint?: boolean;
}

export class DStream<T> implements GraphNode {
  private readonly generated = new Map<number, RDD<T> | undefined>();
  readonly lookBackMs: number;
  readonly mustCheckpoint: boolean;
  private cached = false;

  constructor(
    readonly ssc: DStreamContext,
    readonly slideDurationMs: number,
    readonly parents: readonly DStream<unknown>[],
    private readonly computeRdd: (timeMs: number) => RDD<T> | undefined,
    options: DStreamOptions = {},
  ) {
    ssc.assertCanAddOperations();
    this.lookBackMs = options.lookBackMs ?? 0;
    this.mustCheckpoint = options.mustCheckpoint ?? false;
    ssc.registerStream(this);
  }

  /** The RDDs generated at or after `fromMs`, as [time, elements] (for a checkpoint). */
  snapshotGenerated(fromMs: number): [number, unknown[]][] {
    const out: [number, unknown[]][] = [];
    for (const [t, rdd] of [...this.generated].sort((a, b) => a[0] - b[0])) if (t >= fromMs && rdd) out.push([t, rdd.collect()]);
    return out;
  }

  /** Puts back the RDDs of a checkpoint: they are not computed again. */
  restoreGenerated(entries: [number, unknown[]][]): void {
    for (const [t, elements] of entries) this.generated.set(t, new RDD(elements as T[]));
  }

  // ---- graph machinery ----

  /** Spark's isTimeValid: after the zero time and on this stream's slide. */
  isTimeValid(timeMs: number): boolean {
    const zero = this.ssc.zeroTimeMs;
    return zero !== undefined && timeMs > zero && (timeMs - zero) % this.slideDurationMs === 0;
  }

  getOrCompute(timeMs: number): RDD<T> | undefined {
    if (!this.isTimeValid(timeMs)) return undefined;
    if (this.generated.has(timeMs)) return this.generated.get(timeMs);
    const rdd = this.computeRdd(timeMs);
    if (this.cached) rdd?.cache();
    this.generated.set(timeMs, rdd);
    return rdd;
  }

  /** The RDDs of the valid times in [fromMs, toMs], oldest first. */
  sliceMs(fromMs: number, toMs: number): RDD<T>[] {
    const zero = this.ssc.zeroTimeMs ?? 0;
    const out: RDD<T>[] = [];
    const first = zero + Math.ceil((fromMs - zero) / this.slideDurationMs) * this.slideDurationMs;
    for (let t = first; t <= toMs; t += this.slideDurationMs) {
      const rdd = this.getOrCompute(t);
      if (rdd) out.push(rdd);
    }
    return out;
  }

  forgetBefore(timeMs: number): void {
    for (const t of this.generated.keys()) if (t < timeMs) this.generated.delete(t);
  }

  context(): DStreamContext {
    return this.ssc;
  }

  /** A stream with this slide whose RDD is `f` of this stream's RDD. */
  private derive<U>(f: (rdd: RDD<T>, timeMs: number) => RDD<U> | undefined): DStream<U> {
    return new DStream<U>(this.ssc, this.slideDurationMs, [this as DStream<unknown>], (t) => {
      const rdd = this.getOrCompute(t);
      return rdd ? f(rdd, t) : undefined;
    });
  }

  // ---- transformations ----

  map<U extends MapResultHint>(f: (value: T) => U, preservesPartitioning: PreservesPartitioning = false): DStream<Widened<U>> {
    const preserves = optionalArgument<boolean>('DStream.map', preservesPartitioning, 'preservesPartitioning') ?? false;
    return this.derive((rdd) => rdd.map(f, preserves) as RDD<Widened<U>>);
  }

  flatMap<U>(f: (value: T) => Iterable<U>, preservesPartitioning: PreservesPartitioning = false): DStream<U> {
    const preserves = optionalArgument<boolean>('DStream.flatMap', preservesPartitioning, 'preservesPartitioning') ?? false;
    return this.derive((rdd) => rdd.flatMap(f, preserves));
  }

  filter(f: (value: T) => unknown): DStream<T> {
    return this.derive((rdd) => rdd.filter(f));
  }

  mapPartitions<U>(f: (partition: Iterable<T>) => Iterable<U>, preservesPartitioning: PreservesPartitioning = false): DStream<U> {
    const preserves = optionalArgument<boolean>('DStream.mapPartitions', preservesPartitioning, 'preservesPartitioning') ?? false;
    return this.derive((rdd) => rdd.mapPartitions(f, preserves));
  }

  mapPartitionsWithIndex<U>(f: (index: number, partition: Iterable<T>) => Iterable<U>, preservesPartitioning: PreservesPartitioning = false): DStream<U> {
    const preserves = optionalArgument<boolean>('DStream.mapPartitionsWithIndex', preservesPartitioning, 'preservesPartitioning') ?? false;
    return this.derive((rdd) => rdd.mapPartitionsWithIndex(f, preserves));
  }

  glom(): DStream<T[]> {
    return this.derive((rdd) => rdd.glom());
  }

  /** Each batch's RDD repartitioned as Spark's RDD.repartition deals its elements. */
  repartition(numPartitions: number): DStream<T> {
    if (typeof numPartitions !== 'number' || !Number.isInteger(numPartitions) || numPartitions <= 0) {
      throw new IllegalArgumentException(`requirement failed: Number of partitions (${String(numPartitions)}) must be positive.`);
    }
    return this.derive((rdd) => rdd.repartition(numPartitions));
  }

  /** partitionBy(numPartitions, partitionFunc = portable_hash): every batch's pairs shuffled by key, as RDD.partitionBy. */
  partitionBy<K, V>(this: DStream<Pair<K, V>>, numPartitions: number, partitionFunc?: PartitionFunc | { partitionFunc?: PartitionFunc }): DStream<Pair<K, V>> {
    const func = optionalArgument<PartitionFunc>('DStream.partitionBy', partitionFunc, 'partitionFunc') ?? portable_hash;
    return this.derive((rdd) => rdd.partitionBy(numPartitions, func));
  }

  /** PySpark's DStream key operations: numPartitions defaults to the SparkContext's defaultParallelism. */
  private partitionsOf(method: string, numPartitions: NumPartitions | undefined): number {
    const n = optionalArgument<number | null>(method, numPartitions, 'numPartitions');
    return n === undefined || n === null ? this.ssc.sparkContext.defaultParallelism : n;
  }

  /** Every RDD of this stream is computed once, however many streams and outputs read it. */
  cache(): this {
    this.ssc.assertCanAddOperations();
    this.cached = true;
    return this;
  }

  persist(_storageLevel?: unknown): this {
    return this.cache();
  }

  /** Data checkpoint interval: accepted; state lives in memory (see docs/guides/dstreams.md). */
  checkpoint(_intervalSeconds: number): this {
    return this;
  }

  /** One-element RDD per batch: the number of elements (0 for an empty batch). */
  count(): DStream<number> {
    return this.mapPartitions((items) => {
      let n = 0;
      for (const _ of items) n++;
      return [n];
    }).reduce((a, b) => a + b);
  }

  /** One-element RDD per batch, empty when the batch is empty. */
  reduce(f: (a: T, b: T) => T): DStream<T> {
    return this.derive((rdd) => (rdd.isEmpty() ? rdd : new RDD([rdd.reduce(f)])));
  }

  countByValue(): DStream<Pair<T, number>> {
    return this.map((x) => [x, 1] as Pair<T, number>).reduceByKey((a, b) => a + b);
  }

  reduceByKey<K, V>(this: DStream<Pair<K, V>>, f: (a: V, b: V) => V, numPartitions?: NumPartitions): DStream<Pair<K, V>> {
    const n = this.partitionsOf('DStream.reduceByKey', numPartitions);
    return this.derive((rdd) => rdd.reduceByKey(f, n));
  }

  combineByKey<K, V, C>(this: DStream<Pair<K, V>>, createCombiner: (v: V) => C, mergeValue: (c: C, v: V) => C, mergeCombiners: (a: C, b: C) => C, numPartitions?: NumPartitions): DStream<Pair<K, C>> {
    const n = this.partitionsOf('DStream.combineByKey', numPartitions);
    return this.derive((rdd) => rdd.combineByKey(createCombiner, mergeValue, mergeCombiners, n));
  }

  groupByKey<K, V>(this: DStream<Pair<K, V>>, numPartitions?: NumPartitions): DStream<Pair<K, ResultIterable<V>>> {
    const n = this.partitionsOf('DStream.groupByKey', numPartitions);
    return this.derive((rdd) => rdd.groupByKey(n));
  }

  mapValues<K, V, U>(this: DStream<Pair<K, V>>, f: (value: V) => U): DStream<Pair<K, U>> {
    return this.derive((rdd) => rdd.mapValues(f));
  }

  flatMapValues<K, V, U>(this: DStream<Pair<K, V>>, f: (value: V) => Iterable<U>): DStream<Pair<K, U>> {
    return this.derive((rdd) => rdd.flatMapValues(f));
  }

  /** PySpark: ValueError("the two DStream should have same slide duration"). */
  union(other: DStream<T>): DStream<T> {
    if (this.slideDurationMs !== other.slideDurationMs) {
      throw new PySparkValueError('VALUE_ERROR', 'the two DStream should have same slide duration');
    }
    return this.zipWith(other, (a, b) => a.union(b));
  }

  cogroup<K, V, W>(this: DStream<Pair<K, V>>, other: DStream<Pair<K, W>>, numPartitions?: NumPartitions): DStream<Pair<K, [ResultIterable<V>, ResultIterable<W>]>> {
    const n = this.partitionsOf('DStream.cogroup', numPartitions);
    return this.zipWith(other, (a, b) => a.cogroup(b, n));
  }

  join<K, V, W>(this: DStream<Pair<K, V>>, other: DStream<Pair<K, W>>, numPartitions?: NumPartitions): DStream<Pair<K, [V, W]>> {
    const n = this.partitionsOf('DStream.join', numPartitions);
    return this.zipWith(other, (a, b) => a.join(b, n));
  }

  leftOuterJoin<K, V, W>(this: DStream<Pair<K, V>>, other: DStream<Pair<K, W>>, numPartitions?: NumPartitions): DStream<Pair<K, [V, W | null]>> {
    const n = this.partitionsOf('DStream.leftOuterJoin', numPartitions);
    return this.zipWith(other, (a, b) => a.leftOuterJoin(b, n));
  }

  rightOuterJoin<K, V, W>(this: DStream<Pair<K, V>>, other: DStream<Pair<K, W>>, numPartitions?: NumPartitions): DStream<Pair<K, [V | null, W]>> {
    const n = this.partitionsOf('DStream.rightOuterJoin', numPartitions);
    return this.zipWith(other, (a, b) => a.rightOuterJoin(b, n));
  }

  fullOuterJoin<K, V, W>(this: DStream<Pair<K, V>>, other: DStream<Pair<K, W>>, numPartitions?: NumPartitions): DStream<Pair<K, [V | null, W | null]>> {
    const n = this.partitionsOf('DStream.fullOuterJoin', numPartitions);
    return this.zipWith(other, (a, b) => a.fullOuterJoin(b, n));
  }

  /** func(rdd) or func(time, rdd) must return an RDD. */
  transform<U>(f: (rdd: RDD<T>) => RDD<U>): DStream<U>;
  transform<U>(f: (time: Date, rdd: RDD<T>) => RDD<U>): DStream<U>;
  transform<U>(f: RddFunction<T, RDD<U>>): DStream<U> {
    return this.derive((rdd, t) => checkRdd(callWithOptionalTime(f, t, rdd)));
  }

  /** This stream's and `other`'s RDDs of one batch, combined by `f`. */
  private zipWith<W, U>(other: DStream<W>, f: (a: RDD<T>, b: RDD<W>) => RDD<U>): DStream<U> {
    return new DStream<U>(this.ssc, this.slideDurationMs, [this as DStream<unknown>, other as DStream<unknown>], (t) => f(this.getOrCompute(t) ?? new RDD<T>([]), other.getOrCompute(t) ?? new RDD<W>([])));
  }

  /** func(rdd_a, rdd_b) or func(time, rdd_a, rdd_b) over this stream and `other`. */
  transformWith<U, W>(f: (a: RDD<T>, b: RDD<W>) => RDD<U>, other: DStream<W>, keepSerializer?: boolean | { keepSerializer?: boolean }): DStream<U>;
  transformWith<U, W>(f: (time: Date, a: RDD<T>, b: RDD<W>) => RDD<U>, other: DStream<W>, keepSerializer?: boolean | { keepSerializer?: boolean }): DStream<U>;
  transformWith<U, W>(f: ((a: RDD<T>, b: RDD<W>) => RDD<U>) | ((time: Date, a: RDD<T>, b: RDD<W>) => RDD<U>), other: DStream<W>, keepSerializer: boolean | { keepSerializer?: boolean } = false): DStream<U> {
    // keepSerializer is about Python pickling: accepted, nothing to keep here.
    optionalArgument('DStream.transformWith', keepSerializer, 'keepSerializer');
    return new DStream<U>(this.ssc, this.slideDurationMs, [this as DStream<unknown>, other as DStream<unknown>], (t) => {
      const a = this.getOrCompute(t) ?? new RDD<T>([]);
      const b = other.getOrCompute(t) ?? new RDD<W>([]);
      return checkRdd(f.length >= 3 ? (f as (time: Date, a: RDD<T>, b: RDD<W>) => RDD<U>)(new Date(t), a, b) : (f as (a: RDD<T>, b: RDD<W>) => RDD<U>)(a, b));
    });
  }

  /** PySpark's slice(begin, end): the RDDs of the batches from begin to end (Dates or epoch ms). */
  slice(begin: Date | number, end: Date | number): RDD<T>[] {
    return this.sliceMs(+begin, +end);
  }

  // ---- state ----

  /**
   * updateFunc(newValues, lastState) -> newState; returning null/undefined removes the key.
   * Needs ssc.checkpoint(dir).
   */
  updateStateByKey<K, V, S>(
    this: DStream<Pair<K, V>>,
    updateFunc: (newValues: V[], lastState: S | null) => S | null | undefined,
    numPartitions?: number | null | { numPartitions?: number | null; initialRDD?: RDD<Pair<K, S>> | Pair<K, S>[] | null },
    initialRDD?: RDD<Pair<K, S>> | Pair<K, S>[] | null,
  ): DStream<Pair<K, S>> {
    if (isOptionsObject(numPartitions)) {
      const kw = keywordArguments('DStream.updateStateByKey', numPartitions, ['numPartitions', 'initialRDD']);
      return this.updateStateByKey(updateFunc, kw.numPartitions as number | null | undefined, kw.initialRDD as RDD<Pair<K, S>> | Pair<K, S>[] | null | undefined);
    }
    // PySpark parallelizes a list initialRDD with the default parallelism.
    const initial = initialRDD === undefined || initialRDD === null ? undefined : initialRDD instanceof RDD ? initialRDD : (this.ssc.sparkContext.parallelize(initialRDD as never[]) as unknown as RDD<Pair<K, S>>);
    const n = this.partitionsOf('DStream.updateStateByKey', numPartitions);
    let self: DStream<Pair<K, S>> | undefined = undefined;
    self = new DStream<Pair<K, S>>(this.ssc, this.slideDurationMs, [this as DStream<unknown>], (t) => stateCompute(this, self!, t, updateFunc, initial, n), { mustCheckpoint: true });
    return self;
  }

  // ---- windows ----

  /** PySpark's _validate_window_param: durations in seconds, multiples of this slide. */
  private validateWindow(windowSeconds: number, slideSeconds: number | null | undefined): void {
    const duration = this.slideDurationMs;
    if (secondsToMs(windowSeconds) % duration !== 0) {
      throw new PySparkValueError('VALUE_ERROR', `windowDuration must be multiple of the parent dstream's slide (batch) duration (${duration} ms)`);
    }
    if (slideSeconds && secondsToMs(slideSeconds) % duration !== 0) {
      throw new PySparkValueError('VALUE_ERROR', `slideDuration must be multiple of the parent dstream's slide (batch) duration (${duration} ms)`);
    }
  }

  window(windowDuration: number, slideDuration?: number | null | { slideDuration?: number | null }): DStream<T> {
    if (isOptionsObject(slideDuration)) return this.window(windowDuration, optionalArgument<number | null>('DStream.window', slideDuration, 'slideDuration'));
    this.validateWindow(windowDuration, slideDuration);
    const windowMs = secondsToMs(windowDuration);
    const slideMs = slideDuration ? secondsToMs(slideDuration) : this.slideDurationMs;
    // Spark's WindowedDStream: a PartitionerAwareUnionRDD when the window's RDDs share a partitioner.
    return new DStream<T>(this.ssc, slideMs, [this as DStream<unknown>], (t) => unionOf(this.sliceMs(t - windowMs + this.slideDurationMs, t)), { lookBackMs: windowMs });
  }

  reduceByWindow(reduceFunc: (a: T, b: T) => T, invReduceFunc: ((a: T, b: T) => T) | null | undefined, windowDuration: number, slideDuration: number): DStream<T> {
    this.validateWindow(windowDuration, slideDuration);
    const keyed = this.map((x) => [1, x] as Pair<number, T>);
    const reduced = keyed.reduceByKeyAndWindow(reduceFunc, invReduceFunc, windowDuration, slideDuration, 1);
    return reduced.map((kv) => kv[1]) as DStream<T>;
  }

  countByWindow(windowDuration: number, slideDuration: number): DStream<number> {
    return this.map(() => 1).reduceByWindow((a, b) => a + b, (a, b) => a - b, windowDuration, slideDuration);
  }

  countByValueAndWindow(windowDuration: number, slideDuration: number, numPartitions?: NumPartitions): DStream<Pair<T, number>> {
    numPartitions = optionalArgument('DStream.countByValueAndWindow', numPartitions, 'numPartitions');
    this.validateWindow(windowDuration, slideDuration);
    const keyed = this.map((x) => [x, 1] as Pair<T, number>);
    const counted = keyed.reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, windowDuration, slideDuration, numPartitions);
    return counted.filter((kv) => kv[1] > 0);
  }

  groupByKeyAndWindow<K, V>(this: DStream<Pair<K, V>>, windowDuration: number, slideDuration: number, numPartitions?: NumPartitions): DStream<Pair<K, ResultIterable<V>>> {
    numPartitions = optionalArgument('DStream.groupByKeyAndWindow', numPartitions, 'numPartitions');
    const lists = this.mapValues((x) => [x]);
    const grouped = lists.reduceByKeyAndWindow((a, b) => [...a, ...b], (a, b) => a.slice(b.length), windowDuration, slideDuration, numPartitions);
    return grouped.mapValues((vs) => ResultIterable.fromItems(vs));
  }

  /**
   * invFunc may be null (the whole window is reduced again each slide). With invFunc the window
   * is updated incrementally when it spans at least 5 slides, as PySpark does; needs checkpoint().
   */
  reduceByKeyAndWindow<K, V>(
    this: DStream<Pair<K, V>>,
    func: (a: V, b: V) => V,
    invFunc: ((a: V, b: V) => V) | null | undefined,
    windowDuration: number | ReduceByKeyAndWindowOptions<K, V>,
    slideDuration?: number | null | ReduceByKeyAndWindowOptions<K, V>,
    numPartitions?: number | null | ReduceByKeyAndWindowOptions<K, V>,
    filterFunc?: ((kv: Pair<K, V>) => unknown) | null | ReduceByKeyAndWindowOptions<K, V>,
  ): DStream<Pair<K, V>> {
    // Keywords may start at any optional position (or at windowDuration), as Python allows.
    const positional = [windowDuration, slideDuration, numPartitions, filterFunc];
    const names = ['windowDuration', 'slideDuration', 'numPartitions', 'filterFunc'] as const;
    const at = positional.findIndex(isOptionsObject);
    if (at >= 0) {
      const kw = keywordArguments('DStream.reduceByKeyAndWindow', positional[at] as Record<string, unknown>, names.slice(at));
      const merged = positional.slice(0, at) as unknown[];
      for (const name of names.slice(at)) merged.push(kw[name as keyof typeof kw]);
      if (merged[0] === undefined) throw new TypeError("DStream.reduceByKeyAndWindow() missing 1 required positional argument: 'windowDuration'");
      return this.reduceByKeyAndWindow(func, invFunc, merged[0] as number, merged[1] as number | null | undefined, merged[2] as number | null | undefined, merged[3] as ((kv: Pair<K, V>) => unknown) | null | undefined);
    }
    const n = numPartitions === undefined || numPartitions === null ? this.ssc.sparkContext.defaultParallelism : (numPartitions as number);
    return this.reduceByKeyAndWindowImpl(func, invFunc, windowDuration as number, slideDuration as number | null | undefined, filterFunc as ((kv: Pair<K, V>) => unknown) | null | undefined, n);
  }

  private reduceByKeyAndWindowImpl<K, V>(
    this: DStream<Pair<K, V>>,
    func: (a: V, b: V) => V,
    invFunc: ((a: V, b: V) => V) | null | undefined,
    windowDuration: number,
    slideDuration: number | null | undefined,
    filterFunc: ((kv: Pair<K, V>) => unknown) | null | undefined,
    numPartitions: number,
  ): DStream<Pair<K, V>> {
    this.validateWindow(windowDuration, slideDuration);
    const reduced = this.reduceByKey(func, numPartitions);
    if (!invFunc) {
      // PySpark ignores filterFunc without invFunc.
      return reduced.window(windowDuration, slideDuration).reduceByKey(func, numPartitions);
    }
    const windowMs = secondsToMs(windowDuration);
    const slideMs = slideDuration ? secondsToMs(slideDuration) : this.slideDurationMs;
    let self: DStream<Pair<K, V>> | undefined = undefined;
    self = new DStream<Pair<K, V>>(
      this.ssc,
      slideMs,
      [reduced as DStream<unknown>],
      (t) => reducedWindowedCompute({ parent: reduced, self: self!, func, invFunc, filterFunc: filterFunc ?? undefined, windowMs, slideMs, numPartitions }, t),
      { lookBackMs: windowMs + slideMs, mustCheckpoint: true },
    );
    return self;
  }

  // ---- output operations ----

  foreachRDD(f: (rdd: RDD<T>) => unknown): void;
  foreachRDD(f: (time: Date, rdd: RDD<T>) => unknown): void;
  foreachRDD(f: RddFunction<T, unknown>): void {
    this.ssc.registerOutput(new ForEachOutput(this, (rdd, t) => void callWithOptionalTime(f, t, rdd)));
  }

  /** Prints the first `num` elements of every batch, in PySpark's layout. */
  pprint(num: number | { num?: number } = 10): void {
    if (isOptionsObject(num)) num = optionalArgument<number>('DStream.pprint', num, 'num') ?? 10;
    this.ssc.registerOutput(new ForEachOutput(this, (rdd, t) => pprintBatch(rdd, t, num)));
  }

  /** One directory per batch: `prefix-<timeMs>[.suffix]` holding part-00000 and _SUCCESS. */
  saveAsTextFiles(prefix: string, suffix?: string | null | { suffix?: string | null }): void {
    if (isOptionsObject(suffix)) suffix = optionalArgument<string | null>('DStream.saveAsTextFiles', suffix, 'suffix');
    this.ssc.registerOutput(new ForEachOutput(this, (rdd, t) => saveAsTextFilesBatch(rdd, t, prefix, suffix)));
  }
}

function checkRdd<U>(value: RDD<U>): RDD<U> {
  if (!(value instanceof RDD)) {
    throw new PySparkValueError('VALUE_ERROR', `transform function should return an RDD, got ${value === null || value === undefined ? 'None' : typeof value}`);
  }
  return value;
}
