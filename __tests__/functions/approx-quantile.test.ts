// percentile_approx and approxQuantile as Spark's Greenwald-Khanna digest (percentile-digest.ts):
// the approximations, their dependence on the input partitions, the digest in state, and
// approxQuantile's argument errors. Expected values were printed by PySpark 4.2.0 (local[2]) for
// the same inputs (oracle scenario aggregations/approx-quantile).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type StreamSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { DoubleType, StructField, StructType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { PercentileDigest } from '../../lib/expressions/aggregates/percentile-digest';
import { BinaryReader, BinaryWriter } from '../../lib/util/binary-value-codec';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

/** The 3,000 values of column `a` of the scenario (0..1008, each about three times). */
const values = Array.from({ length: 3000 }, (_, i) => (i * 7919) % 1009);
const fractions = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0];

function digestOf(parts: number[][], accuracy: number): PercentileDigest {
  let merged: PercentileDigest | undefined;
  for (const part of parts) {
    const d = new PercentileDigest(1 / accuracy);
    for (const x of part) d.add(x);
    merged = merged === undefined ? d : merged.merge(d);
  }
  return merged!;
}

describe('PercentileDigest', () => {
  test('a high accuracy gives the value at rank ceil(p * n)', () => {
    const d = digestOf([values], 10_000);
    const sorted = values.slice().sort((a, b) => a - b);
    expect(d.percentiles([0.1, 0.5, 0.9])).toEqual([0.1, 0.5, 0.9].map((p) => sorted[Math.ceil(p * 3000) - 1]));
  });

  test("createDataFrame's two slices merged give Spark's approximations", () => {
    const slices = [values.slice(0, 1024), values.slice(1024)];
    expect(digestOf(slices, 5).percentiles(fractions)).toEqual([0, 0, 218, 444, 605, 1008, 1008]);
    expect(digestOf(slices, 10).percentiles(fractions)).toEqual([0, 0, 285, 412, 663, 1008, 1008]);
    expect(digestOf(slices, 50).percentiles(fractions)).toEqual([0, 103, 246, 489, 744, 891, 1008]);
    // One digest over all values compresses differently: the partitions matter.
    expect(digestOf([values], 5).percentiles(fractions)).not.toEqual([0, 0, 218, 444, 605, 1008, 1008]);
  });

  test('merging leaves both inputs unchanged', () => {
    const a = digestOf([values.slice(0, 100)], 10);
    const b = digestOf([values.slice(100, 200)], 10);
    const before = [a.percentiles([0.5]), b.percentiles([0.5]), a.size, b.size];
    a.merge(b);
    expect([a.percentiles([0.5]), b.percentiles([0.5]), a.size, b.size]).toEqual(before);
  });

  test('an empty digest has no percentiles', () => {
    expect(new PercentileDigest(0.01).percentiles([0.5])).toEqual([]);
  });

  test('a digest survives the state codec and keeps its answers', () => {
    const d = digestOf([values.slice(0, 1024), values.slice(1024)], 50);
    const w = new BinaryWriter();
    w.value(d);
    const back = new BinaryReader(w.result()).value() as PercentileDigest;
    expect(back).toBeInstanceOf(PercentileDigest);
    expect(back.percentiles(fractions)).toEqual(d.percentiles(fractions));
  });
});

describe('percentile_approx', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
  });
  afterEach(() => spark.stop());

  const big = () => spark.createDataFrame(values.map((a) => [a]), 'a INT');

  test("over createDataFrame: each slice's digest, merged in order", () => {
    const probabilities = F.array(...fractions.map((p) => F.lit(p)));
    expect(big().agg(F.percentile_approx('a', probabilities, 10)).collectInternalRows()[0][0]).toEqual([0, 0, 285, 412, 663, 1008, 1008]);
    expect(big().agg(F.percentile_approx('a', probabilities, 100)).collectInternalRows()[0][0]).toEqual([0, 103, 251, 499, 749, 898, 1008]);
  });

  test('grouped: each group merged across the slices', () => {
    const out = big().groupBy(F.col('a').mod(3).alias('k')).agg(F.percentile_approx('a', 0.5, 20)).orderBy('k').collectInternalRows();
    expect(out).toEqual([
      [0, 483],
      [1, 484],
      [2, 470],
    ]);
  });

  test("SQL VALUES: Spark's LocalTableScan slices", () => {
    const row = spark.sql('select percentile_approx(col, 0.5, 3), percentile_approx(col, array(0.2, 0.8), 2) from values (1), (2), (3), (4), (5), (6), (7), (8), (9), (10) as t(col)').collectInternalRows()[0];
    expect(row).toEqual([5, [1, 10]]);
  });

  test("the result has the input's type", () => {
    const out = spark.sql('select percentile_approx(cast(col as decimal(5, 2)), 0.5, 3) from values (1.1), (2.2), (3.3), (4.4) as t(col)').collect()[0][0];
    expect(String(out)).toBe('1.10');
    const ts = spark.sql("select percentile_approx(t, 0.5) from values (timestamp'2024-01-01 00:00:00'), (timestamp'2024-01-02 00:00:00') as v(t)").collectInternalRows()[0][0];
    expect(ts).toBe(1704067200000000n);
  });

  test("accuracy out of range: Spark 4's message", () => {
    const e = errorOf(() => spark.sql('select percentile_approx(col, 0.5, 0) from values (1) as t(col)'));
    expect(e.errorClass).toBe('DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE');
    expect(e.message).toContain('The accuracy must be between (0, 2147483647] (current value = 0L).');
  });

  test('in a streaming aggregation the state holds the digest, merged batch by batch', async () => {
    const input = new MemoryStream(StructType([StructField('x', DoubleType(), false)]), spark);
    const query = input
      .toDF()
      .agg(F.percentile_approx('x', 0.5, 10).alias('median'))
      .writeStream.format('memory')
      .queryName('pa_stream')
      .outputMode('complete')
      .start();
    try {
      input.addData(...values.slice(0, 1500));
      await query.processAllAvailable();
      input.addData(...values.slice(1500));
      await query.processAllAvailable();
      // Each batch's digest is merged into the one in state.
      const expected = digestOf([values.slice(0, 1500), values.slice(1500)], 10).percentiles([0.5])[0];
      expect(spark.table('pa_stream').collectInternalRows()).toEqual([[expected]]);
    } finally {
      await query.stop();
    }
  });
});

describe('percentile_approx state in a checkpoint', () => {
  test('a restarted query continues from the digest it left', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-pa-'));
    const schema = StructType([StructField('x', DoubleType(), false)]);
    const run = async (spark: StreamSession, batches: number[][]) => {
      const input = new MemoryStream(schema, spark);
      const query = input
        .toDF()
        .agg(F.percentile_approx('x', F.array(F.lit(0.1), F.lit(0.5), F.lit(0.9)), 10).alias('p'))
        .writeStream.format('memory')
        .queryName('pa_restart')
        .outputMode('complete')
        .option('checkpointLocation', dir)
        .start();
      try {
        // A restarted MemoryStream starts empty: the offsets already committed are replayed as
        // empty batches, so the new rows come after them.
        for (const b of batches) {
          input.addData(...b);
          await query.processAllAvailable();
        }
        return spark.table('pa_restart').collectInternalRows();
      } finally {
        await query.stop();
      }
    };
    try {
      const first = newSession();
      await run(first, [values.slice(0, 1000), values.slice(1000, 2000)]);
      await first.stop();
      const second = newSession();
      const restarted = await run(second, [[], [], values.slice(2000)]);
      await second.stop();
      const expected = digestOf([values.slice(0, 1000), values.slice(1000, 2000), values.slice(2000)], 10).percentiles([0.1, 0.5, 0.9]);
      expect(restarted).toEqual([[expected]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('approxQuantile', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
  });
  afterEach(() => spark.stop());

  test('docstring example, several columns, nulls and NaNs left out', () => {
    const df = spark.createDataFrame([[1], [2], [3], [4], [5]], ['values']);
    expect(df.approxQuantile('values', [0.0, 0.5, 1.0], 0.05)).toEqual([1, 3, 5]);
    const rows = Array.from({ length: 3000 }, (_, i) => [values[i], i % 13 ? ((i * 104729) % 997) / 7.0 : null]);
    const big = spark.createDataFrame(rows, 'a INT, b DOUBLE');
    expect(big.approxQuantile(['a', 'b'], [0.5, 0.05, 0.95], 0.01)).toEqual([
      [499, 53, 948],
      [70.57142857142857, 7.428571428571429, 134],
    ]);
    expect(big.stat.approxQuantile(['b'], [0.3], 0.1)).toEqual([[40.857142857142854]]);
    expect(big.repartition(5, 'a').approxQuantile('a', [0.1, 0.5, 0.9], 0.05)).toEqual([78, 493, 864]);
    const nan = spark.createDataFrame([[NaN], [null], [1.0], [3.0], [2.0]], 'x DOUBLE');
    expect(nan.approxQuantile('x', [0.5, 1.0], 0.0)).toEqual([2, 3]);
    expect(spark.createDataFrame([[null, 1]], 'x DOUBLE, y INT').approxQuantile(['x', 'y'], [0.5], 0.0)).toEqual([[], [1]]);
  });

  test("PySpark's argument errors and Spark's type check", () => {
    const df = spark.createDataFrame([['a', 1]], 's STRING, value INT');
    const cases: [() => unknown, string][] = [
      [() => df.approxQuantile('value', [0.5], -0.1), "[NEGATIVE_VALUE] Value for `relativeError` must be greater than or equal to 0, got '-0.1'."],
      [() => df.approxQuantile('value', [1.5], 0.1), '[NOT_EXPECTED_TYPE] Argument `probabilities` should be list[float, int], got float.'],
      [() => df.approxQuantile(1 as never, [0.5], 0.1), '[NOT_EXPECTED_TYPE] Argument `col` should be list, str or tuple, got int.'],
      [() => df.approxQuantile(['value', 2 as never], [0.5], 0.1), '[DISALLOWED_TYPE_FOR_CONTAINER] Argument `col`(type: list) should only contain a type in [str], got int'],
      [() => df.approxQuantile('value', 0.5 as never, 0.1), '[NOT_EXPECTED_TYPE] Argument `probabilities` should be list or tuple, got float.'],
      [() => df.approxQuantile('value', [0.5], 'x' as never), '[NOT_EXPECTED_TYPE] Argument `relativeError` should be float or int, got str.'],
      [() => df.approxQuantile('s', [0.5], 0.1), 'requirement failed: Quantile calculation for column s with data type StringType is not supported.'],
    ];
    for (const [f, message] of cases) expect(errorOf(f).message).toBe(message);
    expect(errorOf(() => df.approxQuantile('valu', [0.5], 0.1)).errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
  });

  test('a stream is refused', () => {
    const input = new MemoryStream(StructType([StructField('x', DoubleType(), false)]), spark);
    expect(errorOf(() => input.toDF().approxQuantile('x', [0.5], 0.1)).message).toContain('writeStream.start()');
  });
});
