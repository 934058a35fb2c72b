// Spark's XORShiftRandom (what rand(seed)/randn(seed) draw from, seeded with seed + partition
// index): a xorshift generator whose seed is scrambled by MurmurHash3, with java.util.Random's
// nextDouble and nextGaussian on top, so rand(42) gives Spark's numbers.

/** Scala's scala.util.hashing.MurmurHash3.bytesHash (reference murmur3 tail, unlike Spark's). */
function scalaBytesHash(data: Uint8Array, seed: number): number {
  const mixK1 = (k: number) => Math.imul(rotl(Math.imul(k, 0xcc9e2d51), 15), 0x1b873593);
  const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
  let h = seed;
  let i = 0;
  let len = data.length;
  while (len >= 4) {
    const k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    h ^= mixK1(k);
    h = (Math.imul(rotl(h, 13), 5) + 0xe6546b64) | 0;
    i += 4;
    len -= 4;
  }
  let k = 0;
  if (len === 3) k ^= data[i + 2] << 16;
  if (len >= 2) k ^= data[i + 1] << 8;
  if (len >= 1) {
    k ^= data[i];
    h ^= mixK1(k);
  }
  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const ARRAY_SEED = 0x3c074a61;
const MASK64 = (1n << 64n) - 1n;

function hashSeed(seed: bigint): bigint {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt.asIntN(64, seed));
  const low = scalaBytesHash(bytes, ARRAY_SEED);
  const high = scalaBytesHash(bytes, low);
  return BigInt.asIntN(64, (BigInt(high) << 32n) | (BigInt(low) & 0xffffffffn));
}

export class XorShiftRandom {
  private seed: bigint;
  private nextNextGaussian: number | undefined;

  constructor(init: bigint) {
    this.seed = BigInt.asUintN(64, hashSeed(init));
  }

  private next(bits: number): number {
    let s = this.seed;
    s ^= (s << 21n) & MASK64;
    s ^= s >> 35n;
    s ^= (s << 4n) & MASK64;
    this.seed = s;
    return Number(BigInt.asIntN(32, s & ((1n << BigInt(bits)) - 1n)));
  }

  /** java.util.Random.nextInt(bound). */
  nextInt(bound: number): number {
    if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n);
    let bits: number;
    let value: number;
    do {
      bits = this.next(31);
      value = bits % bound;
    } while (bits - value + (bound - 1) > 0x7fffffff);
    return value;
  }

  nextDouble(): number {
    return (this.next(26) * 134217728 + this.next(27)) * 2 ** -53;
  }

  /** java.util.Random.nextGaussian (Marsaglia polar method, one value cached). */
  nextGaussian(): number {
    if (this.nextNextGaussian !== undefined) {
      const v = this.nextNextGaussian;
      this.nextNextGaussian = undefined;
      return v;
    }
    let v1: number;
    let v2: number;
    let s: number;
    do {
      v1 = 2 * this.nextDouble() - 1;
      v2 = 2 * this.nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const multiplier = Math.sqrt((-2 * Math.log(s)) / s);
    this.nextNextGaussian = v2 * multiplier;
    return v1 * multiplier;
  }
}
