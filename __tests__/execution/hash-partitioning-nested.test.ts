// Partition ids of nested grouping keys (a window struct, arrays, maps) follow Spark's Murmur3Hash
// (each non-null field or element in order, the running hash as seed), so windowed aggregations
// come out in Spark's partition order. Expected ids were computed by PySpark 4.2:
// pmod(hash(named_struct('start', timestamp'...', 'end', timestamp'...'), 'cat'), 200).
import { partitionIdAfterFirstKey, partitionIdFunction } from '../../lib/execution/hash-partitioning';
import { ArrayType, DataTypes } from '../../lib/types/data-types';
import { StructType, StructField } from '../../lib/types/struct-type';

const micros = (iso: string): bigint => BigInt(Date.parse(`${iso}Z`)) * 1000n;

test('a window struct and a word hash to the partitions Spark computes', () => {
  const window = StructType([StructField('start', DataTypes.TimestampType, true), StructField('end', DataTypes.TimestampType, true)]);
  const partition = partitionIdFunction([window, DataTypes.StringType], 200);
  expect(partition([[micros('2024-01-01T12:00:00'), micros('2024-01-01T12:10:00')], 'cat'])).toBe(1);
  expect(partition([[micros('2024-01-01T12:00:00'), micros('2024-01-01T12:10:00')], 'dog'])).toBe(82);
  expect(partition([[micros('2024-01-01T12:10:00'), micros('2024-01-01T12:20:00')], 'cat'])).toBe(142);
});

test('split after the window (a hash kept per window), the ids are the same as from the whole key', () => {
  const window = StructType([StructField('start', DataTypes.TimestampType, true), StructField('end', DataTypes.TimestampType, true)]);
  const types = [window, DataTypes.StringType, DataTypes.IntegerType];
  const whole = partitionIdFunction(types, 200);
  const split = partitionIdAfterFirstKey(types, 200);
  expect(split.rest(split.first([micros('2024-01-01T12:00:00'), micros('2024-01-01T12:10:00')]), [0, [micros('2024-01-01T12:00:00'), micros('2024-01-01T12:10:00')], 'cat', null], 1)).toBe(1);
  const keys: unknown[][] = [];
  for (const w of [null, [micros('2024-01-01T12:00:00'), micros('2024-01-01T12:10:00')], [-(2n ** 62n), 2n ** 60n]]) {
    for (const word of [null, 'cat', 'dog']) for (const n of [null, 0, -7, 123456]) keys.push(['seq', w, word, n]);
  }
  for (const k of keys) expect(split.rest(split.first(k[1]), k, 1)).toBe(whole(k, 1));
});

test('an array hashes like its elements in sequence, skipping nulls', () => {
  const byArray = partitionIdFunction([new ArrayType(DataTypes.StringType, true)], 200);
  const byColumns = partitionIdFunction([DataTypes.StringType, DataTypes.StringType], 200);
  expect(byArray([['north', null, 'south']])).toBe(byColumns(['north', 'south']));
});
