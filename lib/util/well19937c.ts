// commons-math3's Well19937c generator (what Spark's PoissonSampler draws from through
// PoissonDistribution): a WELL generator over 624 ints with Matsumoto-Kurita tempering, seeded
// from a long as commons-math's AbstractWell.setSeed does, with BitsStreamGenerator's nextDouble.

const R = 624;
const M1 = 70;
const M2 = 179;
const M3 = 449;

export class Well19937c {
  private readonly v = new Int32Array(R);
  private index = 0;

  constructor(seed: bigint) {
    const s = BigInt.asUintN(64, seed);
    this.v[0] = Number(BigInt.asIntN(32, s >> 32n));
    this.v[1] = Number(BigInt.asIntN(32, s & 0xffffffffn));
    for (let i = 2; i < R; i++) {
      const l = BigInt(this.v[i - 2]);
      this.v[i] = Number(BigInt.asIntN(32, (1812433253n * (l ^ (l >> 30n)) + BigInt(i)) & 0xffffffffn));
    }
  }

  next(bits: number): number {
    const v = this.v;
    const index = this.index;
    const indexRm1 = (index + R - 1) % R;
    const indexRm2 = (index + R - 2) % R;
    const v0 = v[index];
    const vM1 = v[(index + M1) % R];
    const vM2 = v[(index + M2) % R];
    const vM3 = v[(index + M3) % R];
    const z0 = (0x80000000 & v[indexRm1]) ^ (0x7fffffff & v[indexRm2]);
    const z1 = v0 ^ (v0 << 25) ^ (vM1 ^ (vM1 >>> 27));
    const z2 = (vM2 >>> 9) ^ (vM3 ^ (vM3 >>> 1));
    const z3 = z1 ^ z2;
    let z4 = z0 ^ (z1 ^ (z1 << 9)) ^ (z2 ^ (z2 << 21)) ^ (z3 ^ (z3 >>> 21));
    v[index] = z3;
    v[indexRm1] = z4;
    v[indexRm2] &= 0x80000000;
    this.index = indexRm1;
    z4 ^= (z4 << 7) & 0xe46e1700;
    z4 ^= (z4 << 15) & 0x9b868000;
    return z4 >>> (32 - bits);
  }

  /** BitsStreamGenerator.nextDouble: 52 random bits. */
  nextDouble(): number {
    const high = this.next(26) * 67108864;
    const low = this.next(26);
    return (high + low) * 2 ** -52;
  }
}
