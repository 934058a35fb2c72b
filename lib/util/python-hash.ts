// PySpark's portable_hash: what partitionBy and every wide RDD operation hash keys with. It is
// CPython's hash() as PySpark's workers run it (PYTHONHASHSEED=0: SipHash-1-3 with a zero key over
// the string's internal representation), except None (0) and tuples (CPython 2.7's tuple hash).
// JS values stand for Python values as the rest of the RDD layer reads them: integral numbers and
// bigints are ints, other numbers floats, arrays tuples.

const MASK64 = (1n << 64n) - 1n;
const MODULUS = (1n << 61n) - 1n;
const MAXSIZE = (1n << 63n) - 1n;

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & MASK64;
}

/** CPython's siphash13 with k0 = k1 = 0 (the hash secret under PYTHONHASHSEED=0), signed. */
function siphash13(bytes: Uint8Array): bigint {
  let v0 = 0x736f6d6570736575n;
  let v1 = 0x646f72616e646f6dn;
  let v2 = 0x6c7967656e657261n;
  let v3 = 0x7465646279746573n;
  const round = (): void => {
    v0 = (v0 + v1) & MASK64;
    v2 = (v2 + v3) & MASK64;
    v1 = rotl(v1, 13n) ^ v0;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v1) & MASK64;
    v0 = (v0 + v3) & MASK64;
    v1 = rotl(v1, 17n) ^ v2;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = rotl(v2, 32n);
  };
  const n = bytes.length;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    let m = 0n;
    for (let j = 7; j >= 0; j--) m = (m << 8n) | BigInt(bytes[i + j]);
    v3 ^= m;
    round();
    v0 ^= m;
  }
  let b = (BigInt(n) << 56n) & MASK64;
  for (let j = n - i - 1; j >= 0; j--) b |= BigInt(bytes[i + j]) << BigInt(8 * j);
  v3 ^= b;
  round();
  v0 ^= b;
  v2 ^= 0xffn;
  round();
  round();
  round();
  return BigInt.asIntN(64, v0 ^ v1 ^ v2 ^ v3);
}

/** The bytes CPython hashes for a str: 1, 2 or 4 bytes per code point (PEP 393), little-endian. */
function stringBytes(s: string): Uint8Array {
  const points: number[] = [];
  let max = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    points.push(c);
    if (c > max) max = c;
  }
  const width = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  const out = new Uint8Array(points.length * width);
  for (let i = 0; i < points.length; i++) {
    const c = points[i];
    for (let j = 0; j < width; j++) out[i * width + j] = (c >>> (8 * j)) & 0xff;
  }
  return out;
}

const stringHashes = new Map<string, bigint>();

function stringHash(s: string): bigint {
  if (s.length === 0) return 0n;
  let h = stringHashes.get(s);
  if (h === undefined) {
    h = siphash13(stringBytes(s));
    if (h === -1n) h = -2n;
    if (stringHashes.size > 100_000) stringHashes.clear();
    stringHashes.set(s, h);
  }
  return h;
}

/** hash(int): the value modulo 2**61 - 1, keeping the sign; -1 becomes -2. */
function intHash(n: bigint): bigint {
  const h = n < 0n ? -(-n % MODULUS) : n % MODULUS;
  return h === -1n ? -2n : h;
}

/** CPython's _Py_HashDouble for a finite non-integral float. */
function floatHash(v: number): bigint {
  if (Number.isNaN(v)) return 0n;
  if (!Number.isFinite(v)) return v > 0 ? 314159n : -314159n;
  let sign = 1n;
  let m = v;
  if (m < 0) {
    sign = -1n;
    m = -m;
  }
  // frexp: m in [0.5, 1), v = m * 2**e
  let e = Math.floor(Math.log2(m)) + 1;
  m = m / 2 ** e;
  while (m >= 1) {
    m /= 2;
    e++;
  }
  while (m < 0.5) {
    m *= 2;
    e--;
  }
  let x = 0n;
  while (m !== 0) {
    x = ((x << 28n) & MODULUS) | (x >> (61n - 28n));
    m *= 268435456;
    e -= 28;
    const y = Math.floor(m);
    m -= y;
    x += BigInt(y);
    if (x >= MODULUS) x -= MODULUS;
  }
  const shift = BigInt(e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61));
  x = ((x << shift) & MODULUS) | (x >> (61n - shift));
  x = x * sign;
  return x === -1n ? -2n : x;
}

/** PySpark's portable_hash(x) as a BigInt (Python ints are unbounded). */
export function portableHashBig(x: unknown): bigint {
  if (x === null || x === undefined) return 0n;
  switch (typeof x) {
    case 'string':
      return stringHash(x);
    case 'number':
      return Number.isInteger(x) ? intHash(BigInt(x)) : floatHash(x);
    case 'bigint':
      return intHash(x);
    case 'boolean':
      return x ? 1n : 0n;
    default:
      break;
  }
  if (Array.isArray(x)) {
    let h = 0x345678n;
    for (const item of x) {
      h ^= portableHashBig(item);
      h *= 1000003n;
      h &= MAXSIZE;
    }
    h ^= BigInt(x.length);
    return h === -1n ? -2n : h;
  }
  if (x instanceof Date) return intHash(BigInt(x.getTime()));
  // Rows and other records: their values, as the tuple they are in Python.
  if (typeof x === 'object') return portableHashBig(Object.values(x as Record<string, unknown>));
  return stringHash(String(x));
}

/** PySpark's portable_hash(x): a number when it is a safe integer, else a bigint (exact either way). */
export function portableHash(x: unknown): number | bigint {
  const h = portableHashBig(x);
  return h <= BigInt(Number.MAX_SAFE_INTEGER) && h >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(h) : h;
}

/** `portable_hash(key) % numPartitions` with Python's non-negative modulo. */
export function portablePartition(key: unknown, numPartitions: number): number {
  if (numPartitions === 1) return 0;
  if (typeof key === 'number' && Number.isSafeInteger(key) && key >= 0 && key < 2 ** 53) {
    // Small non-negative ints hash as themselves.
    return key % numPartitions;
  }
  const n = BigInt(numPartitions);
  return Number(((portableHashBig(key) % n) + n) % n);
}

/** Python's `h % n` for the result of a user partitionFunc (any int). */
export function pythonMod(h: number | bigint, numPartitions: number): number {
  if (typeof h === 'bigint') {
    const n = BigInt(numPartitions);
    return Number(((h % n) + n) % n);
  }
  return ((h % numPartitions) + numPartitions) % numPartitions;
}
