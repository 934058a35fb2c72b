// Spark's non-deterministic functions: rand/randn (XORShiftRandom seeded with seed + partition
// index), uuid(), monotonically_increasing_id() (partition index << 33 plus the row's position in
// the partition), spark_partition_id() and input_file_name() (empty where rows do not come from a
// file scan). The partition is the compile context's (batch queries over createDataFrame, range or
// repartitioned data evaluate partition by partition); elsewhere it is 0. The generator state lives
// in the compiled expression and restarts with each partition, as Spark's per task.
import { AnalysisException } from '../../errors/analysis-exception';
import { randomUUID } from 'node:crypto';
import { DataTypes } from '../../types/data-types';
import { XorShiftRandom } from '../../util/xor-shift-random';
import { Well19937c } from '../../util/well19937c';
import { JavaRandom } from '../../util/java-random';
import type { Expression } from '../expression';
import type { Evaluator, FunctionDefinition, ScalarFunction } from '../function-definition';
import { checkArity } from './check-args';

function randomSeed(): bigint {
  const words = new BigInt64Array(1);
  globalThis.crypto.getRandomValues(words);
  return words[0];
}

function seedOf(args: readonly Expression[], name: string): bigint {
  const a = args[0];
  if (a.kind !== 'literal' || !['integer', 'long', 'void'].includes(a.dataType.typeName())) {
    throw new AnalysisException(`The function \`${name}\` requires a literal INT or BIGINT seed.`, {
      errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
      sqlState: '42K09',
      messageParameters: { functionName: `\`${name}\`` },
    });
  }
  return a.value === null ? 0n : BigInt(a.value as number | bigint);
}

function randomFunction(name: 'rand' | 'randn'): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 0, 1);
      // An unseeded call gets its seed at analysis, shown in the column name as Spark does.
      const seeded: Expression[] = args.length === 0 ? [{ kind: 'literal', value: randomSeed(), dataType: DataTypes.LongType }] : args;
      seedOf(seeded, ctx.name);
      return { args: seeded, dataType: DataTypes.DoubleType, nullable: false };
    },
    compile(_args, _argTypes, _resultType, _ctx): Evaluator {
      throw new Error('compiled through compileRandom');
    },
  };
}

/**
 * Per-task state: `start(index)` makes the state of partition `index`; the returned getter gives
 * the state of the partition being evaluated (ctx.partition), made afresh when it changes, as
 * Spark starts each task's generator or counter anew.
 */
function perPartition<T>(partition: { index: number } | undefined, start: (index: number) => T): () => T {
  let index = partition?.index ?? 0;
  let state = start(index);
  return () => {
    if (partition !== undefined && partition.index !== index) {
      index = partition.index;
      state = start(index);
    }
    return state;
  };
}

// compile() gets evaluators, not the literal: the seed is read by evaluating the argument once.
function withSeed(fn: ScalarFunction, draw: (r: XorShiftRandom) => number): ScalarFunction {
  return {
    ...fn,
    compile(args, _argTypes, _resultType, ctx): Evaluator {
      const value = args[0]([]);
      const seed = value === null ? 0n : BigInt(value as number | bigint);
      const random = perPartition(ctx.partition, (index) => new XorShiftRandom(BigInt.asIntN(64, seed + BigInt(index))));
      return () => draw(random());
    },
  };
}

const rand = withSeed(randomFunction('rand'), (r) => r.nextDouble());
const randn = withSeed(randomFunction('randn'), (r) => r.nextGaussian());

const uuid: ScalarFunction = {
  kind: 'scalar',
  name: 'uuid',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 0);
    return { args, dataType: DataTypes.StringType, nullable: false };
  },
  compile(): Evaluator {
    return () => randomUUID();
  },
};

const monotonicallyIncreasingId: ScalarFunction = {
  kind: 'scalar',
  name: 'monotonically_increasing_id',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 0);
    return { args, dataType: DataTypes.LongType, nullable: false };
  },
  compile(_args, _argTypes, _resultType, ctx): Evaluator {
    // Partition index << 33, plus the row's position in the partition.
    const counter = perPartition(ctx.partition, (index) => ({ base: BigInt(index) << 33n, next: 0n }));
    return () => {
      const c = counter();
      return c.base + c.next++;
    };
  },
};

const inputFileName: ScalarFunction = {
  kind: 'scalar',
  name: 'input_file_name',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 0);
    return { args, dataType: DataTypes.StringType, nullable: false };
  },
  compile(): Evaluator {
    return () => '';
  },
};

const sparkPartitionId: ScalarFunction = {
  kind: 'scalar',
  name: 'spark_partition_id',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 0);
    return { args, dataType: DataTypes.IntegerType, nullable: false };
  },
  compile(_args, _argTypes, _resultType, ctx): Evaluator {
    const partition = ctx.partition;
    return () => partition?.index ?? 0;
  },
  // Spark's SparkPartitionID prints its name in capitals.
  sql: () => 'SPARK_PARTITION_ID()',
};

/**
 * Internal to DataFrame.sample(withReplacement=True): Spark's PoissonSampler count per row,
 * `__poisson_sample_count(fraction, seed)`. Partition i's sampler is seeded with the (i + 1)-th
 * java.util.Random(seed).nextLong() (PartitionwiseSampledRDD) and draws from
 * commons-math3's PoissonDistribution(fraction) on Well19937c (its small-mean product method).
 */
const poissonSampleCount: ScalarFunction = {
  kind: 'scalar',
  name: '__poisson_sample_count',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    return { args, dataType: DataTypes.IntegerType, nullable: false };
  },
  compile(args, _argTypes, _resultType, ctx): Evaluator {
    const mean = Number(args[0]([]));
    const seed = BigInt(args[1]([]) as number | bigint);
    // PartitionwiseSampledRDD: partition i's sampler is seeded with the (i + 1)-th nextLong() of
    // java.util.Random(seed).
    const seedOfPartition = (i: number): bigint => {
      const r = new JavaRandom(seed);
      let s = r.nextLong();
      for (let k = 0; k < i; k++) s = r.nextLong();
      return s;
    };
    const sampler = perPartition(ctx.partition, (index) => new Well19937c(seedOfPartition(index)));
    const p = Math.exp(-mean);
    return () => {
      if (mean <= 0) return 0;
      const random = sampler();
      let n = 0;
      let r = 1;
      while (n < 1000 * mean) {
        r *= random.nextDouble();
        if (r >= p) n++;
        else return n;
      }
      return n;
    };
  },
};

export const NONDETERMINISTIC_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [
  { fn: rand, aliases: ['random'] },
  { fn: randn, aliases: [] },
  { fn: uuid, aliases: [] },
  { fn: monotonicallyIncreasingId, aliases: [] },
  { fn: inputFileName, aliases: [] },
  { fn: sparkPartitionId, aliases: [] },
  { fn: poissonSampleCount, aliases: [] },
];
