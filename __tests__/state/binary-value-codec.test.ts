// The binary value codec of state files: values written with BinaryWriter read back identical
// (int32 numbers and array lengths are written byte by byte; -0, NaN and non-int32 numbers stay
// doubles), and the bytes stay little-endian as the file format says.
import { BinaryReader, BinaryWriter } from '../../lib/util/binary-value-codec';

function roundTrip(v: unknown): unknown {
  const w = new BinaryWriter(16);
  w.value(v);
  const r = new BinaryReader(w.result());
  const out = r.value();
  expect(r.pos).toBe(w.pos);
  return out;
}

test('numbers round-trip exactly: int32 boundaries, negatives, -0, NaN, doubles', () => {
  const numbers = [0, -0, 1, -1, 127, 128, 255, 256, -128, -129, 65535, -65536, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, -(2 ** 53), 0.5, -1.25, NaN, Infinity, -Infinity];
  for (const n of numbers) expect(Object.is(roundTrip(n), n)).toBe(true);
});

test('int32 numbers are a tag and four little-endian bytes', () => {
  const w = new BinaryWriter();
  w.value(-2);
  w.value(0x01020304);
  expect([...w.result()]).toEqual([3, 0xfe, 0xff, 0xff, 0xff, 3, 4, 3, 2, 1]);
});

test('arrays of any length round-trip, nested, with bigints and nulls', () => {
  const long = Array.from({ length: 70_000 }, (_, i) => (i % 3 === 0 ? -i : i));
  expect(roundTrip(long)).toEqual(long);
  const entry = [12, [1_700_000_000_000_000n, -(2n ** 63n)], 7, null, [], [[-0.5]], 'k'];
  expect(roundTrip(entry)).toEqual(entry);
  const w = new BinaryWriter();
  w.value(new Array(0x010203).fill(0));
  expect([...w.result().subarray(0, 5)]).toEqual([8, 3, 2, 1, 0]);
});
