// int64ToDouble must give exactly Number(x) for every signed 64-bit bigint.
import { int64ToDouble } from '../../lib/util/int64-to-double';

test('equals Number() across the signed 64-bit range, at the edges and around 2^53', () => {
  const values: bigint[] = [0n, 1n, -1n, 2n ** 31n, -(2n ** 31n), 2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n) - 1n, 2n ** 63n - 1n, -(2n ** 63n)];
  for (const base of [2n ** 53n, -(2n ** 53n), 1_704_067_200_000_000n, 13_569_465_600_000_000n, 253_402_300_799_999_999n]) {
    for (let d = -3n; d <= 3n; d++) values.push(base + d);
  }
  // A spread of magnitudes with every low-bit pattern (an LCG's high bits).
  let seed = 12345n;
  for (let i = 0; i < 5000; i++) {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) & (2n ** 64n - 1n);
    const v = BigInt.asIntN(64, seed) >> BigInt(i % 64);
    values.push(v);
  }
  for (const v of values) expect([v, int64ToDouble(v)]).toEqual([v, Number(v)]);
  expect(Object.is(int64ToDouble(0n), 0)).toBe(true);
});
