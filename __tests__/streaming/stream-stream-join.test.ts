// Stream-stream joins (Spark's StreamingSymmetricHashJoinExec): each batch's new rows of one side
// meet the other side's state, state is evicted by the watermark and the time-range condition,
// outer joins emit unmatched rows null-padded once the watermark passes them, and a restart
// continues from the checkpointed state.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession, StreamingQuery } from 'rivulet';
import { expr } from 'rivulet/functions';
import { IntegerType, StringType, StructField, StructType, Timestamp, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import type { DataFrame } from '../../lib/api/data-frame';
import { newSession } from '../support/session';

const impressionSchema = StructType([StructField('adId', StringType(), true), StructField('impressionTime', TimestampType(), true)]);
const clickSchema = StructType([StructField('clickAdId', StringType(), true), StructField('clickTime', TimestampType(), true)]);
const AD_CONDITION = 'clickAdId = adId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour';

function at(hhmm: string, year = 2024): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(Date.UTC(year, 4, 1, h, m));
}

const impressions = (...items: [string, string][]) => items.map(([adId, t]) => ({ adId, impressionTime: at(t) }));
const clicks = (...items: [string, string][]) => items.map(([clickAdId, t]) => ({ clickAdId, clickTime: at(t) }));

/** `ad@HH:mm/click@HH:mm`, with `-` for a null side. */
function render(df: DataFrame): string[] {
  return df
    .selectExpr("concat(coalesce(adId, '-'), '@', coalesce(date_format(impressionTime, 'HH:mm'), '-'), '/', coalesce(clickAdId, '-'), '@', coalesce(date_format(clickTime, 'HH:mm'), '-')) AS s")
    .collect()
    .map((r) => r.s as string);
}

describe('stream-stream joins', () => {
  let spark: StreamSession;
  let checkpoint: string;

  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '1' });
    spark.sparkContext.setLogLevel('OFF');
    checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-ssjoin-'));
  });

  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
    fs.rmSync(checkpoint, { recursive: true, force: true });
  });

  function adJoin(how: string, imp: MemoryStream, clk: MemoryStream): DataFrame {
    const i = imp.toDF().withWatermark('impressionTime', '2 hours');
    const c = clk.toDF().withWatermark('clickTime', '3 hours');
    return i.join(c, expr(AD_CONDITION), how);
  }

  async function feed(q: StreamingQuery, imp: MemoryStream, clk: MemoryStream, i: unknown[], c: unknown[]): Promise<void> {
    if (i.length > 0) imp.addData(...i);
    if (c.length > 0) clk.addData(...c);
    await q.processAllAvailable();
  }

  test("the guide's ad impressions/clicks inner join evicts state by the time-range condition", async () => {
    const imp = new MemoryStream(impressionSchema, spark);
    const clk = new MemoryStream(clickSchema, spark);
    const q = adJoin('inner', imp, clk).writeStream.format('memory').queryName('ad_clicks').start();
    // Batch 0 (watermark 0): a@10:20 matches a@10:00. Global watermark after: min(10:05-2h, 10:20-3h) = 07:20.
    await feed(q, imp, clk, impressions(['a', '10:00'], ['b', '10:05']), clicks(['a', '10:20']));
    expect(render(spark.table('ad_clicks'))).toEqual(['a@10:00/a@10:20']);
    // Batch 2: b@10:30 matches b@10:05; c@11:30 is before c@12:00: no match. Watermark after: 08:30.
    await feed(q, imp, clk, impressions(['c', '12:00']), clicks(['b', '10:30'], ['c', '11:30']));
    // Batch 4: d@14:00 matches d@13:30 of the same batch. Watermark after: min(11:30, 11:00) = 11:00;
    // the no-data batch evicts clicks at or before 11:00 - 1ms (a@10:20, b@10:30), impressions at or
    // before 09:59:59.999 (none).
    await feed(q, imp, clk, impressions(['d', '13:30']), clicks(['d', '14:00']));
    // Batch 6: watermark after min(13:00, 12:10) = 12:10: impressions <= 11:09:59.999 go (a, b),
    // clicks <= 12:09:59.999 go (c@11:30).
    await feed(q, imp, clk, impressions(['e', '15:00']), clicks(['e', '15:10']));
    // Batch 8: both rows are behind the watermark 12:10: dropped, nothing joins.
    await feed(q, imp, clk, impressions(['f', '11:00']), clicks(['a', '12:00']));
    expect(render(spark.table('ad_clicks'))).toEqual(['a@10:00/a@10:20', 'b@10:05/b@10:30', 'd@13:30/d@14:00', 'e@15:00/e@15:10']);
    const ops = q.recentProgress.map((p) => p.stateOperators[0]);
    expect(ops.map((o) => o.operatorName)).toEqual(Array(9).fill('symmetricHashJoin'));
    expect(ops.map((o) => o.numRowsTotal)).toEqual([3, 3, 6, 6, 8, 6, 8, 5, 5]);
    expect(ops.map((o) => o.numRowsUpdated)).toEqual([3, 0, 3, 0, 2, 0, 2, 0, 0]);
    expect(ops.map((o) => o.numRowsRemoved)).toEqual([0, 0, 0, 0, 0, 2, 0, 3, 0]);
    expect(ops.map((o) => o.numRowsDroppedByWatermark)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(q.recentProgress.map((p) => p.eventTime?.watermark)).toEqual(
      ['1970-01-01T00:00:00.000Z', '2024-05-01T07:20:00.000Z', '2024-05-01T07:20:00.000Z', '2024-05-01T08:30:00.000Z', '2024-05-01T08:30:00.000Z', '2024-05-01T11:00:00.000Z', '2024-05-01T11:00:00.000Z', '2024-05-01T12:10:00.000Z', '2024-05-01T12:10:00.000Z'],
    );
  });

  test('a key whose row was evicted joins only its later rows', async () => {
    const imp = new MemoryStream(impressionSchema, spark);
    const clk = new MemoryStream(clickSchema, spark);
    const q = adJoin('inner', imp, clk).writeStream.format('memory').queryName('ad_evicted_key').start();
    // Watermark after: min(14:00 - 2h, 16:00 - 3h) = 12:00; the no-data batch evicts impressions at
    // or before 10:59:59.999: a@10:00 only, while four impressions stay.
    await feed(q, imp, clk, impressions(['a', '10:00'], ['b', '13:00'], ['c', '13:00'], ['d', '13:00'], ['e', '14:00']), clicks(['x', '16:00']));
    expect(q.lastProgress!.stateOperators[0].numRowsRemoved).toBe(1);
    // A click of `a` after its row was evicted, then a new row of the key.
    await feed(q, imp, clk, [], clicks(['a', '12:30']));
    await feed(q, imp, clk, impressions(['a', '12:40']), clicks(['a', '12:50']));
    await feed(q, imp, clk, [], clicks(['a', '13:10']));
    expect(render(spark.table('ad_evicted_key'))).toEqual(['a@12:40/a@12:50', 'a@12:40/a@13:10']);
    await q.stop();
  });

  test('beyond 2^53 microseconds (the year 2400) late rows and eviction are decided exactly, as in 2024', async () => {
    // Times there are not exact as doubles: the operator compares them as bigints instead.
    const imp = new MemoryStream(impressionSchema, spark);
    const clk = new MemoryStream(clickSchema, spark);
    const q = adJoin('left_outer', imp, clk).writeStream.format('memory').queryName('ad_2400').start();
    const i2400 = (...items: [string, string][]) => items.map(([adId, t]) => ({ adId, impressionTime: at(t, 2400) }));
    const c2400 = (...items: [string, string][]) => items.map(([clickAdId, t]) => ({ clickAdId, clickTime: at(t, 2400) }));
    await feed(q, imp, clk, i2400(['a', '10:00'], ['b', '10:00']), c2400(['a', '10:30']));
    await feed(q, imp, clk, i2400(['z', '14:00']), c2400(['z', '14:30']));
    // Watermark 11:30: an impression at 10:00 is late; one a microsecond after 11:30 is not (as a
    // double it equals 11:30 exactly) and still joins.
    const justAfter = Timestamp.fromEpochMicros(BigInt(at('11:30', 2400).getTime()) * 1000n + 1n);
    expect(Number(justAfter.epochMicros)).toBe(at('11:30', 2400).getTime() * 1000);
    await feed(q, imp, clk, [...i2400(['x', '10:00'], ['w', '11:31']), { adId: 'v', impressionTime: justAfter }], c2400(['w', '11:40'], ['v', '11:40']));
    const rows = spark.table('ad_2400').selectExpr("concat(adId, '@', date_format(impressionTime, 'yyyy HH:mm:ss.SSSSSS'), '/', coalesce(clickAdId, '-')) AS s").collect().map((r) => r.s as string);
    expect(rows).toEqual(['a@2400 10:00:00.000000/a', 'z@2400 14:00:00.000000/z', 'b@2400 10:00:00.000000/-', 'w@2400 11:31:00.000000/w', 'v@2400 11:30:00.000001/v']);
    const ops = q.recentProgress.map((p) => p.stateOperators[0]);
    expect(ops.map((o) => o.numRowsDroppedByWatermark)).toEqual([0, 0, 0, 0, 1]);
    expect(ops.map((o) => o.numRowsRemoved)).toEqual([0, 0, 0, 3, 0]);
    await q.stop();
  });

  test('the same join over several shuffle partitions gives the same rows and state sizes', async () => {
    const s7 = newSession({ 'spark.sql.shuffle.partitions': '7' });
    try {
      const imp = new MemoryStream(impressionSchema, s7);
      const clk = new MemoryStream(clickSchema, s7);
      const q = adJoin('left_outer', imp, clk).writeStream.format('memory').queryName('ad_clicks7').start();
      await feed(q, imp, clk, impressions(['a', '10:00'], ['b', '10:05'], ['g', '10:10']), clicks(['a', '10:20'], ['h', '10:30']));
      await feed(q, imp, clk, impressions(['c', '12:00']), clicks(['b', '10:30'], ['c', '11:30']));
      await feed(q, imp, clk, impressions(['d', '13:30']), clicks(['d', '14:00']));
      await feed(q, imp, clk, impressions(['e', '15:00']), clicks(['e', '15:10']));
      // Watermark 12:10: impressions a, b, g are evicted; only g never matched.
      expect(render(s7.table('ad_clicks7')).sort()).toEqual(['a@10:00/a@10:20', 'b@10:05/b@10:30', 'd@13:30/d@14:00', 'e@15:00/e@15:10', 'g@10:10/-@-']);
      const ops = q.recentProgress.map((p) => p.stateOperators[0]);
      expect(ops.map((o) => o.numRowsTotal)).toEqual([5, 5, 8, 8, 10, 7, 9, 5]);
      expect(ops[0].numStateStoreInstances).toBe(14);
      await q.stop();
    } finally {
      s7.stop();
    }
  });

  test('an inner join without watermarks joins new rows with both sides and keeps all state', async () => {
    const s = newSession({ 'spark.sql.shuffle.partitions': '4' });
    try {
      const schema = StructType([StructField('key', IntegerType(), true), StructField('v', StringType(), true)]);
      const left = new MemoryStream(schema, s);
      const right = new MemoryStream(schema, s);
      const l = left.toDF().selectExpr('key AS lk', 'v AS lv');
      const r = right.toDF().selectExpr('key AS rk', 'v AS rv');
      const q = l.join(r, expr('lk = rk')).writeStream.format('memory').queryName('plain_join').start();
      left.addData({ key: 1, v: 'a' }, { key: 2, v: 'b' }, { key: null, v: 'n' });
      right.addData({ key: 1, v: 'x' }, { key: null, v: 'm' });
      await q.processAllAvailable();
      // New left rows meet old right rows (x), new right rows meet all left rows (a, b, c).
      left.addData({ key: 1, v: 'c' });
      right.addData({ key: 2, v: 'y' }, { key: 1, v: 'z' }, { key: 3, v: 'w' });
      await q.processAllAvailable();
      const got = s
        .table('plain_join')
        .collect()
        .map((row) => `${row.lk}${row.lv}-${row.rk}${row.rv}`)
        .sort();
      expect(got).toEqual(['1a-1x', '1a-1z', '1c-1x', '1c-1z', '2b-2y']);
      const ops = q.recentProgress.map((p) => p.stateOperators[0]);
      // Null keys never match and are not kept; nothing is ever evicted.
      expect(ops.map((o) => o.numRowsTotal)).toEqual([3, 7]);
      expect(ops.map((o) => o.numRowsRemoved)).toEqual([0, 0]);
      expect(ops[0].numShufflePartitions).toBe(4);
      expect(q.recentProgress.length).toBe(2);
      await q.stop();
    } finally {
      s.stop();
    }
  });

  test('a left outer join emits unmatched impressions null-padded once the watermark passes them, exactly once', async () => {
    const imp = new MemoryStream(impressionSchema, spark);
    const clk = new MemoryStream(clickSchema, spark);
    const q = adJoin('left_outer', imp, clk).writeStream.format('memory').queryName('ad_outer').start();
    // Watermark after: min(08:00, 07:30) = 07:30: nothing can be evicted yet.
    await feed(q, imp, clk, impressions(['a', '10:00'], ['b', '10:00']), clicks(['a', '10:30']));
    expect(render(spark.table('ad_outer'))).toEqual(['a@10:00/a@10:30']);
    // Watermark after: min(12:00, 11:30) = 11:30: impressions <= 10:29:59.999 leave the state;
    // b never matched, so it is emitted with null clicks.
    await feed(q, imp, clk, impressions(['z', '14:00']), clicks(['z', '14:30']));
    expect(render(spark.table('ad_outer'))).toEqual(['a@10:00/a@10:30', 'z@14:00/z@14:30', 'b@10:00/-@-']);
    // The watermark moves on (15:10): z is evicted matched; b is not emitted again.
    await feed(q, imp, clk, impressions(['y', '18:00']), clicks(['y', '18:10']));
    expect(render(spark.table('ad_outer'))).toEqual(['a@10:00/a@10:30', 'z@14:00/z@14:30', 'b@10:00/-@-', 'y@18:00/y@18:10']);
    const ops = q.recentProgress.map((p) => p.stateOperators[0]);
    expect(ops.map((o) => o.numRowsRemoved)).toEqual([0, 0, 0, 3, 0, 2]);
    expect(ops.map((o) => o.numRowsTotal)).toEqual([3, 3, 5, 2, 4, 2]);
  });

  test('with the event time among the join keys, state is evicted by key and outer rows follow', async () => {
    const imp = new MemoryStream(impressionSchema, spark);
    const clk = new MemoryStream(clickSchema, spark);
    const i = imp.toDF().withWatermark('impressionTime', '1 hour');
    const c = clk.toDF().withWatermark('clickTime', '1 hour');
    const q = i.join(c, expr('adId = clickAdId AND impressionTime = clickTime'), 'left_outer').writeStream.format('memory').queryName('by_key').start();
    // Watermark after: 09:00; keys at or before it would go: none yet.
    await feed(q, imp, clk, impressions(['a', '10:00'], ['b', '10:00']), clicks(['a', '10:00']));
    // Watermark after: 11:00: a and b (10:00) leave both sides; b never matched.
    await feed(q, imp, clk, impressions(['c', '12:00']), clicks(['c', '12:00']));
    expect(render(spark.table('by_key'))).toEqual(['a@10:00/a@10:00', 'c@12:00/c@12:00', 'b@10:00/-@-']);
    const ops = q.recentProgress.map((p) => p.stateOperators[0]);
    expect(ops.map((o) => o.numRowsRemoved)).toEqual([0, 0, 0, 3]);
    expect(ops.map((o) => o.numRowsTotal)).toEqual([3, 3, 5, 2]);
  });

  test('a right outer join emits unmatched clicks, a full outer join both sides', async () => {
    const imp = new MemoryStream(impressionSchema, spark);
    const clk = new MemoryStream(clickSchema, spark);
    const q = adJoin('full_outer', imp, clk).writeStream.format('memory').queryName('ad_full').start();
    await feed(q, imp, clk, impressions(['a', '10:00'], ['b', '10:00']), clicks(['a', '10:30'], ['c', '10:40']));
    await feed(q, imp, clk, impressions(['z', '14:00']), clicks(['z', '14:30']));
    // Watermark 11:30: impressions <= 10:29:59.999 and clicks <= 11:29:59.999 are evicted.
    expect(render(spark.table('ad_full'))).toEqual(['a@10:00/a@10:30', 'z@14:00/z@14:30', 'b@10:00/-@-', '-@-/c@10:40']);
    await q.stop();

    const imp2 = new MemoryStream(impressionSchema, spark);
    const clk2 = new MemoryStream(clickSchema, spark);
    const q2 = adJoin('right_outer', imp2, clk2).writeStream.format('memory').queryName('ad_right').start();
    await feed(q2, imp2, clk2, impressions(['a', '10:00'], ['b', '10:00']), clicks(['a', '10:30'], ['c', '10:40']));
    await feed(q2, imp2, clk2, impressions(['z', '14:00']), clicks(['z', '14:30']));
    expect(render(spark.table('ad_right'))).toEqual(['a@10:00/a@10:30', 'z@14:00/z@14:30', '-@-/c@10:40']);
  });

  test('a left semi join emits each left row once, on its first match', async () => {
    const imp = new MemoryStream(impressionSchema, spark);
    const clk = new MemoryStream(clickSchema, spark);
    const q = adJoin('left_semi', imp, clk).writeStream.format('memory').queryName('ad_semi').start();
    await feed(q, imp, clk, impressions(['a', '10:00'], ['b', '10:00']), clicks(['a', '10:30'], ['a', '10:40']));
    await feed(q, imp, clk, [], clicks(['b', '10:50'], ['b', '10:55'], ['a', '10:45']));
    await feed(q, imp, clk, impressions(['c', '10:10']), clicks(['c', '10:20']));
    expect(spark.table('ad_semi').columns).toEqual(['adId', 'impressionTime']);
    expect(spark.table('ad_semi').collect().map((r) => r.adId)).toEqual(['a', 'b', 'c']);
  });

  test('the checker allows stream-stream joins only where Spark does', async () => {
    const imp = new MemoryStream(impressionSchema, spark);
    const clk = new MemoryStream(clickSchema, spark);
    const plainLeft = imp.toDF();
    const plainRight = clk.toDF();
    // PySpark 4.2.0 starts a stream-stream join in Update mode (oracle joins/stream-stream-update-mode-error).
    const updating = adJoin('inner', imp, clk).writeStream.outputMode('update').format('noop').start();
    expect(updating.isActive).toBe(true);
    await updating.stop();
    expect(() => plainLeft.join(plainRight, expr('adId = clickAdId'), 'left_outer').writeStream.format('memory').queryName('lo').start()).toThrow(
      'Stream-stream LeftOuter join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys, or a watermark on the nullable side and an appropriate range condition',
    );
    // Watermarks on both sides but no range condition bounding the nullable side's time.
    const wl = imp.toDF().withWatermark('impressionTime', '2 hours');
    const wr = clk.toDF().withWatermark('clickTime', '3 hours');
    expect(() => wl.join(wr, expr('adId = clickAdId AND clickTime <= impressionTime + interval 1 hour'), 'right_outer').writeStream.format('memory').queryName('ro').start()).toThrow(
      'Stream-stream RightOuter join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys',
    );
    expect(() => wl.join(wr, expr('adId = clickAdId'), 'full_outer').writeStream.format('memory').queryName('fo').start()).toThrow('Stream-stream FullOuter join between two streaming DataFrame/Datasets is not supported without a watermark');
    expect(() => plainLeft.join(plainRight, expr('adId = clickAdId'), 'left_anti').writeStream.format('memory').queryName('la').start()).toThrow('LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported');
    // A watermarked join key is enough for an outer join.
    const keyed = wl.join(wr, expr('impressionTime = clickTime'), 'left_outer').writeStream.format('memory').queryName('keyed').start();
    return keyed.stop();
  });

  test('stream-static joins still run per batch without join state', async () => {
    const clk = new MemoryStream(clickSchema, spark);
    const ads = spark.createDataFrame([{ adId: 'a', impressionTime: at('09:00') }], impressionSchema);
    const q = ads.join(clk.toDF(), expr('adId = clickAdId'), 'right_outer').writeStream.format('memory').queryName('static_join').start();
    clk.addData(...clicks(['a', '10:00'], ['b', '10:05']));
    await q.processAllAvailable();
    expect(render(spark.table('static_join'))).toEqual(['a@09:00/a@10:00', '-@-/b@10:05']);
    expect(q.recentProgress[0].stateOperators).toEqual([]);
  });

  test('explain() shows the symmetric hash join over both inputs', () => {
    const imp = new MemoryStream(impressionSchema, spark);
    const clk = new MemoryStream(clickSchema, spark);
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      adJoin('inner', imp, clk).explain();
      const text = String(write.mock.calls[0][0]);
      expect(text).toMatch(/^== Physical Plan ==\nStreamingSymmetricHashJoin \[adId#\d+\], \[clickAdId#\d+\], Inner, condition = \[ leftOnly = null, rightOnly = null, both = /);
      // Each side: the exchange over the inferred not-null filter (it reads the event time, so it
      // stays above the watermark, where the event time shows its delay as Spark's -T<ms> suffix).
      expect(text).toMatch(/\n:- Exchange hashpartitioning\(adId#\d+, 1\), REQUIRED_BY_STATEFUL_OPERATOR, \[plan_id=\d+\]\n: {2}\+- \*\(1\) Filter \(isnotnull\(adId#\d+\) AND isnotnull\(impressionTime#\d+-T7200000ms\)\)\n: {5}\+- EventTimeWatermark [0-9a-f-]{36}, impressionTime#\d+: timestamp, 2 hours\n/);
      expect(text).toMatch(/\n {6}\+- EventTimeWatermark [0-9a-f-]{36}, clickTime#\d+: timestamp, 3 hours\n/);
    } finally {
      write.mockRestore();
    }
  });

  test('a stream-stream join without an equality predicate is refused', async () => {
    const imp = new MemoryStream(impressionSchema, spark);
    const clk = new MemoryStream(clickSchema, spark);
    const start = () => imp.toDF().join(clk.toDF(), expr('clickTime > impressionTime')).writeStream.format('memory').queryName('noeq').start();
    let error: unknown;
    try {
      const q = start();
      await q.awaitTermination();
    } catch (e) {
      error = e;
    }
    expect(String(error)).toContain('Stream-stream join without equality predicate is not supported');
  });

  const RESTART_BATCHES: [[string, string][], [string, string][]][] = [
    [[['a', '10:00'], ['b', '10:00'], ['a', '10:10'], ['c', '10:20']], [['a', '10:30'], ['x', '10:05'], ['y', '10:06']]],
    [[['d', '11:00'], ['a', '11:05']], [['b', '10:50'], ['a', '11:20'], ['z', '10:40']]],
    [[['e', '13:00'], ['f', '13:01']], [['e', '13:30'], ['q', '12:00']]],
    [[['g', '15:00']], [['g', '15:10'], ['h', '14:00']]],
    [[['k', '18:00']], [['k', '18:10']]],
  ];

  async function runRestarts(how: string, restart: boolean): Promise<string[][]> {
    const s = newSession({ 'spark.sql.shuffle.partitions': '5' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-ssjoin-restart-'));
    try {
      const imp = new MemoryStream(impressionSchema, s);
      const clk = new MemoryStream(clickSchema, s);
      const written: string[][] = [];
      const start = () => {
        let w = adJoin(how, imp, clk).writeStream.foreachBatch((df, batchId) => {
          written[batchId] = render(df);
        });
        if (restart) w = w.option('checkpointLocation', dir);
        return w.start();
      };
      let q = start();
      for (const [i, c] of RESTART_BATCHES) {
        await feed(q, imp, clk, impressions(...i), clicks(...c));
        if (restart) {
          await q.stop();
          q = start();
        }
      }
      await q.stop();
      return written;
    } finally {
      s.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  test('a restart after every batch gives the same rows in the same order as a run without restarts', async () => {
    // Several partitions, matches, unmatched rows of both sides evicted in the same batch, a key
    // whose rows are evicted across batches: the state read back from the checkpoint (delta files)
    // must join, flag and evict exactly as the state kept in memory.
    const run = (restart: boolean) => runRestarts('full_outer', restart);
    const continuous = await run(false);
    const restarted = await run(true);
    expect(restarted).toEqual(continuous);
    const all = continuous.flat();
    // Every impression and click comes out once: matched, or null-padded once evicted.
    expect(all.filter((r) => r.endsWith('/-@-')).sort()).toEqual(['c@10:20/-@-', 'd@11:00/-@-', 'f@13:01/-@-']);
    expect(all.filter((r) => r.startsWith('-@-/')).sort()).toEqual(['-@-/h@14:00', '-@-/q@12:00', '-@-/x@10:05', '-@-/y@10:06', '-@-/z@10:40']);
    expect(all.filter((r) => !r.includes('-@-')).sort()).toEqual(['a@10:00/a@10:30', 'a@10:10/a@10:30', 'a@11:05/a@11:20', 'b@10:00/b@10:50', 'e@13:00/e@13:30', 'g@15:00/g@15:10', 'k@18:00/k@18:10']);
  });

  test.each(['inner', 'left_outer', 'right_outer'])('%s: a restart after every batch gives the same rows as a run without restarts (sides whose matched flag is not kept)', async (how) => {
    const continuous = await runRestarts(how, false);
    const restarted = await runRestarts(how, true);
    expect(restarted).toEqual(continuous);
    const all = continuous.flat();
    if (how === 'left_outer') expect(all.filter((r) => r.endsWith('/-@-')).sort()).toEqual(['c@10:20/-@-', 'd@11:00/-@-', 'f@13:01/-@-']);
    if (how === 'right_outer') expect(all.filter((r) => r.startsWith('-@-/')).sort()).toEqual(['-@-/h@14:00', '-@-/q@12:00', '-@-/x@10:05', '-@-/y@10:06', '-@-/z@10:40']);
    expect(all.filter((r) => !r.includes('-@-')).sort()).toEqual(['a@10:00/a@10:30', 'a@10:10/a@10:30', 'a@11:05/a@11:20', 'b@10:00/b@10:50', 'e@13:00/e@13:30', 'g@15:00/g@15:10', 'k@18:00/k@18:10']);
  });

  test('a restart from the checkpoint continues with the joined state', async () => {
    const imp = new MemoryStream(impressionSchema, spark);
    const clk = new MemoryStream(clickSchema, spark);
    const written: { batchId: number; rows: string[] }[] = [];
    const start = () =>
      adJoin('left_outer', imp, clk)
        .writeStream.option('checkpointLocation', checkpoint)
        .foreachBatch((df, batchId) => {
          written.push({ batchId, rows: render(df) });
        })
        .start();
    let q = start();
    await feed(q, imp, clk, impressions(['a', '10:00'], ['b', '10:00']), clicks(['a', '10:30']));
    await q.stop();
    q = start();
    // b@10:00 is only in the restored state: a click for it joins it after the restart, and its
    // restored `matched` flag keeps it from being emitted null-padded when it is evicted.
    await feed(q, imp, clk, impressions(['z', '14:00']), clicks(['b', '10:45'], ['z', '14:30']));
    await feed(q, imp, clk, impressions(['y', '18:00']), clicks(['y', '18:10']));
    expect(written.map((w) => w.batchId)).toEqual([0, 1, 2, 3, 4, 5]);
    // Batch 2: z@14:00 finds no click; then the clicks in input order meet the left state.
    expect(written.flatMap((w) => w.rows)).toEqual(['a@10:00/a@10:30', 'b@10:00/b@10:45', 'z@14:00/z@14:30', 'y@18:00/y@18:10']);
    const ops = q.recentProgress.map((p) => p.stateOperators[0]);
    expect(ops[0].numRowsTotal).toBe(3 + 3);
  });
});
