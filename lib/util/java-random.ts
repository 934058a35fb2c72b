// java.util.Random's 48-bit linear congruential generator, for the places where Spark seeds from
// it (PartitionwiseSampledRDD draws each partition's sampler seed with new Random(seed).nextLong()).

const MULTIPLIER = 0x5deece66dn;
const MASK = (1n << 48n) - 1n;

export class JavaRandom {
  private seed: bigint;

  constructor(seed: bigint) {
    this.seed = (BigInt.asUintN(64, seed) ^ MULTIPLIER) & MASK;
  }

  private next(bits: number): bigint {
    this.seed = (this.seed * MULTIPLIER + 0xbn) & MASK;
    return BigInt.asIntN(32, this.seed >> BigInt(48 - bits));
  }

  /** java.util.Random.nextLong: `((long) next(32) << 32) + next(32)`. */
  nextLong(): bigint {
    const high = this.next(32);
    return BigInt.asIntN(64, (high << 32n) + this.next(32));
  }
}
