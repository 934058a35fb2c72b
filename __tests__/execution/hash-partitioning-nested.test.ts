// Partition ids of nested grouping keys (a window struct, arrays, maps) follow Spark's Murmur3Hash
// (each non-null field or element in order, the running hash as seed), so windowed aggregations
// come out in Spark's partition order. Expected ids were computed by PySpark 4.2:
// pmod(hash(named_struct('start', timestamp'...', 'end', timestamp'...'), 'cat'), 200).
import { partitionIdFunction } from '../../lib/execution/hash-partitioning';
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

test('an array hashes like its elements in sequence, skipping nulls', () => {
  const byArray = partitionIdFunction([new ArrayType(DataTypes.StringType, true)], 200);
  const byColumns = partitionIdFunction([DataTypes.StringType, DataTypes.StringType], 200);
  expect(byArray([['north', null, 'south']])).toBe(byColumns(['north', 'south']));
});
