// Number(bigint) is a runtime call in V8 (about 20 ns); a store into a 64-bit typed array and two
// 32-bit reads convert a LONG or TIMESTAMP value in a few nanoseconds. Operators convert event
// times (micros) per row, so the difference shows.

const int64 = new BigInt64Array(1);
const int32 = new Int32Array(int64.buffer);
/** Index of the high 32-bit word of the int64 (hosts of either byte order). */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/**
 * The double nearest to a bigint in the signed 64-bit range: the same value as Number(x) (the high
 * word times 2^32 is exact, the one addition rounds once), exact when it is a safe integer. A
 * bigint outside the 64-bit range wraps: callers pass LONG and TIMESTAMP values only.
 */
export function int64ToDouble(x: bigint): number {
  int64[0] = x;
  return int32[HIGH] * 4294967296 + (int32[LOW] >>> 0);
}
