// DataFrame.sample and DataFrame.randomSplit as Spark runs them. Spark's Sample without replacement
// is a BernoulliCellSampler per partition seeded with seed + partition index on XORShiftRandom: a row
// is kept when the generator's next double falls in [lowerBound, upperBound). That is exactly one
// draw of rand(seed) per row, so the plan draws `rand(seed)` into a hidden column, keeps the rows
// whose draw is in range and projects the hidden column away: the same rows as Spark for the same
// seed and partitioning (rand reads the input partition: createDataFrame's slices, range's...).
// With replacement Spark draws a Poisson(fraction) count per row (commons-math3's
// PoissonDistribution on Well19937c, partition i seeded with the (i + 1)-th
// java.util.Random(seed).nextLong());
// see __poisson_sample_count in nondeterministic-functions.ts.
import { IllegalArgumentException, PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { call, type UnresolvedExpression } from '../expressions/unresolved';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import { javaDoubleToString } from '../types/pretty-value';
import { DataTypes } from '../types/data-types';
import { isPlainObject } from './argument-checks';
import { Column, pyTypeName } from './column';
import type { DataFrame } from './data-frame';

const DRAW = '__rivulet_sample_draw';
const COPIES = '__rivulet_sample_copies';
const EPS = 1e-6; // Spark's RandomSampler.roundingEpsilon

/** A seed as PySpark's `int(seed)`; PySpark picks `random.randint(0, sys.maxsize)` when none. */
function seedOf(seed: unknown, argName: string): bigint {
  if (seed === undefined || seed === null) {
    const words = new BigInt64Array(1);
    globalThis.crypto.getRandomValues(words);
    return BigInt.asUintN(63, words[0]);
  }
  if (typeof seed === 'bigint') return BigInt.asIntN(64, seed);
  if (typeof seed === 'number' && Number.isFinite(seed)) return BigInt(Math.trunc(seed));
  if (typeof seed === 'boolean') return seed ? 1n : 0n;
  throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`${argName}\` should be int, got ${pyTypeName(seed)}.`, { arg_name: argName, expected_type: 'int', arg_type: pyTypeName(seed) }, '42K09');
}

export interface SampleArguments {
  withReplacement: boolean;
  fraction: number;
  seed: bigint;
}

/**
 * PySpark's `_preapare_args_for_sample`: `sample(fraction[, seed])`, `sample(withReplacement,
 * fraction[, seed])`, or keyword arguments as a trailing options object. A JavaScript number is
 * a float here (JavaScript has no separate int), so `sample(1)` is a fraction of 1.0.
 */
export function sampleArguments(args: unknown[]): SampleArguments {
  let [withReplacement, fraction, seed] = args;
  const last = args[args.length - 1];
  if (args.length > 0 && isPlainObject(last)) {
    const kw = last as { withReplacement?: unknown; fraction?: unknown; seed?: unknown };
    const positional = args.slice(0, -1);
    [withReplacement, fraction, seed] = [positional[0] ?? kw.withReplacement, positional[1] ?? kw.fraction, positional[2] ?? kw.seed];
  }
  const isFloat = (v: unknown) => typeof v === 'number';
  if (typeof withReplacement === 'boolean' && isFloat(fraction)) return { withReplacement, fraction: fraction as number, seed: seedOf(seed, 'seed') };
  if ((withReplacement === undefined || withReplacement === null) && isFloat(fraction)) return { withReplacement: false, fraction: fraction as number, seed: seedOf(seed, 'seed') };
  if (isFloat(withReplacement) && seed === undefined) return { withReplacement: false, fraction: withReplacement as number, seed: seedOf(fraction, 'seed') };
  const types = [withReplacement, fraction, seed].map(pyTypeName).join(', ');
  throw new PySparkTypeError(
    'NOT_EXPECTED_TYPE',
    `Argument \`withReplacement (optional), fraction (required) and seed (optional)\` should be bool, float or int, got ${types}.`,
    { expected_type: 'bool, float or int', arg_name: 'withReplacement (optional), fraction (required) and seed (optional)', arg_type: types },
    '42K09',
  );
}

/** Spark's Sample node checks (its `require`s), raised where Spark raises them: at sample(). */
function checkBounds(withReplacement: boolean, fraction: number): void {
  if (withReplacement) {
    if (!(fraction >= -EPS)) throw new IllegalArgumentException(`requirement failed: Sampling fraction (${javaDoubleToString(fraction)}) must be nonnegative with replacement`);
  } else if (!(fraction >= -EPS && fraction <= 1 + EPS)) {
    throw new IllegalArgumentException(`requirement failed: Sampling fraction (${javaDoubleToString(fraction)}) must be on interval [0, 1] without replacement`);
  }
}

function attributeColumn(a: { name: string; exprId: number }): UnresolvedExpression {
  return { kind: 'column', nameParts: [a.name], exprId: a.exprId };
}

/** Spark's Sample(lowerBound, upperBound, withReplacement, seed, child) over `df`. */
export function samplePlan(df: DataFrame, lowerBound: number, upperBound: number, withReplacement: boolean, seed: bigint): DataFrame {
  const fraction = upperBound - lowerBound;
  checkBounds(withReplacement, fraction);
  const output = outputOf(df.plan);
  const keep = (d: DataFrame): DataFrame => d.withLogicalPlan({ kind: 'project', projectList: output, child: d.plan } as LogicalPlan);
  if (!withReplacement) {
    const draw = { kind: 'alias', child: call('rand', [{ kind: 'literal', value: seed, dataType: DataTypes.LongType }]), names: [DRAW] } as UnresolvedExpression;
    const drawn = df.select(...output.map((a) => new Column(attributeColumn(a))), new Column(draw));
    const d = new Column({ kind: 'column', nameParts: [DRAW] });
    return keep(markSample(drawn.filter(d.geq(lowerBound).and(d.lt(upperBound)))));
  }
  const count = { kind: 'alias', child: call('__poisson_sample_count', [{ kind: 'literal', value: upperBound - lowerBound, dataType: DataTypes.DoubleType }, { kind: 'literal', value: seed, dataType: DataTypes.LongType }]), names: [COPIES] } as UnresolvedExpression;
  const counted = df.select(...output.map((a) => new Column(attributeColumn(a))), new Column(count));
  const copies = new Column({ kind: 'column', nameParts: [COPIES] });
  const repeated = markSample(counted.filter(copies.gt(0))).select(...output.map((a) => new Column(attributeColumn(a))), new Column(call('explode', [call('array_repeat', [{ kind: 'literal', value: true, dataType: DataTypes.BooleanType }, copies.expr])])).alias(DRAW));
  return keep(repeated);
}

/**
 * Spark's Dataset.randomSplit: each partition sorted by every orderable column (so the split does
 * not depend on row order), then one Sample per slice of the normalised cumulative weights (each
 * partition drawing from seed + its index).
 */
export function randomSplitFrames(df: DataFrame, weights: unknown, seed: unknown): DataFrame[] {
  if (!Array.isArray(weights)) throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`weights\` should be list[float], got ${pyTypeName(weights)}.`, { arg_name: 'weights', expected_type: 'list[float]', arg_type: pyTypeName(weights) }, '42K09');
  for (const w of weights) {
    if (typeof w !== 'number') throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`weights\` should be list[float], got ${pyTypeName(w)}.`, { arg_name: 'weights', expected_type: 'list[float]', arg_type: pyTypeName(w) }, '42K09');
    if (w < 0) throw new PySparkValueError('VALUE_NOT_POSITIVE', `Value for \`weights\` must be positive, got '${pyFloatString(w)}'.`, { arg_name: 'weights', arg_value: pyFloatString(w) });
  }
  const s = seedOf(seed, 'seed');
  const sum = (weights as number[]).reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new IllegalArgumentException(`requirement failed: Sum of weights must be positive, but got ${(weights as number[]).map(javaDoubleToString).join(',').replace(/^/, '[')}]`);
  const orderable = outputOf(df.plan).filter((a) => isOrderable(a.dataType.typeName()));
  // Spark sorts within each partition, then samples each partition with seed + its index.
  const byColumns = orderable.map((a) => new Column({ kind: 'column', nameParts: [a.name], exprId: a.exprId }));
  const sorted =
    orderable.length === 0
      ? df
      : df.isStreaming
        ? df.withLogicalPlan({ kind: 'sort', orders: orderable.map((a) => ({ child: a, ascending: true, nullsFirst: true })), child: df.plan })
        : df.sortWithinPartitions(...byColumns);
  const cumulative = [0];
  for (const w of weights as number[]) cumulative.push(cumulative[cumulative.length - 1] + w / sum);
  const frames: DataFrame[] = [];
  for (let i = 0; i + 1 < cumulative.length; i++) frames.push(samplePlan(sorted, cumulative[i], cumulative[i + 1], false, s));
  return frames;
}

/** Python's str(float) for the weights in VALUE_NOT_POSITIVE ('-1.0', '-0.5'). */
function pyFloatString(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

function isOrderable(typeName: string): boolean {
  return !['map', 'variant'].includes(typeName);
}

/** Marks the sampling filter as Spark's Sample, which a streaming query refuses at start. */
function markSample(filtered: DataFrame): DataFrame {
  const plan = filtered.plan;
  return plan.kind === 'filter' ? filtered.withLogicalPlan({ ...plan, sample: true }) : filtered;
}
