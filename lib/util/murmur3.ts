// Spark's Murmur3_x86_32 (seed 42 for shuffle partitioning). Strings hash with Spark's legacy
// `hashUnsafeBytes`, which mixes each trailing byte as its own block (not the reference murmur3);
// matching it lets us emit groups in Spark's shuffle-partition order.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixK1(k1: number): number {
  k1 = Math.imul(k1, C1);
  k1 = (k1 << 15) | (k1 >>> 17);
  return Math.imul(k1, C2);
}

function mixH1(h1: number, k1: number): number {
  h1 ^= k1;
  h1 = (h1 << 13) | (h1 >>> 19);
  return (Math.imul(h1, 5) + 0xe6546b64) | 0;
}

function fmix(h1: number, length: number): number {
  h1 ^= length;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 | 0;
}

export function murmur3HashInt(value: number, seed: number): number {
  return fmix(mixH1(seed, mixK1(value | 0)), 4);
}

// The two 32-bit halves of a long through a typed array (native, no BigInt allocation per call);
// big-endian hosts take the BigInt arithmetic.
const long64 = new BigInt64Array(1);
const long32 = new Int32Array(long64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function murmur3HashLong(value: bigint, seed: number): number {
  let low: number;
  let high: number;
  if (LITTLE_ENDIAN) {
    long64[0] = value;
    low = long32[0];
    high = long32[1];
  } else {
    low = Number(BigInt.asIntN(32, value));
    high = Number(BigInt.asIntN(32, value >> 32n));
  }
  let h1 = mixH1(seed, mixK1(low));
  h1 = mixH1(h1, mixK1(high));
  return fmix(h1, 8);
}

/** Spark's legacy byte hashing (used for strings and binary). */
export function murmur3HashBytes(bytes: Uint8Array, seed: number): number {
  const length = bytes.length;
  const aligned = length - (length % 4);
  let h1 = seed;
  for (let i = 0; i < aligned; i += 4) {
    const word = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    h1 = mixH1(h1, mixK1(word));
  }
  for (let i = aligned; i < length; i++) {
    const signedByte = (bytes[i] << 24) >> 24;
    h1 = mixH1(h1, mixK1(signedByte));
  }
  return fmix(h1, length);
}

const encoder = new TextEncoder();
const asciiScratch = new Uint8Array(256);

export function murmur3HashString(value: string, seed: number): number {
  // Fast path for short ASCII strings: no allocation.
  const length = value.length;
  if (length <= asciiScratch.length) {
    let ascii = true;
    for (let i = 0; i < length; i++) {
      const code = value.charCodeAt(i);
      if (code > 0x7f) {
        ascii = false;
        break;
      }
      asciiScratch[i] = code;
    }
    if (ascii) return murmur3HashBytes(asciiScratch.subarray(0, length), seed);
  }
  return murmur3HashBytes(encoder.encode(value), seed);
}

/** Java's floorMod-style positive modulus, as Spark's Pmod. */
export function positiveMod(value: number, divisor: number): number {
  const r = value % divisor;
  return r < 0 ? r + divisor : r;
}
