// The watermark operators driven batch by batch with a hand-built ExecutionContext: what the
// watermark operator reports, and how the stateful aggregation drops late groups and evicts
// state for a given batch watermark.
import type { StreamSession } from 'rivulet';
import { StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import type { DataFrame } from '../../lib/api/data-frame';
import { collectNodes } from '../../lib/plans/logical-plan';
import { planPhysical } from '../../lib/execution/planner';
import type { EventTimeStats, ExecutionContext, OutputMode, PhysicalOperator, Row } from '../../lib/execution/physical-operator';
import { EventTimeWatermarkExec } from '../../lib/execution/event-time-watermark-exec';
import { InMemoryStateStoreProvider } from '../../lib/state/in-memory-state-store-provider';
import { newSession } from '../support/session';

const schema = StructType([StructField('timestamp', TimestampType(), true), StructField('word', StringType(), true)]);
const MINUTE = 60_000_000n;

function plan(df: DataFrame): PhysicalOperator {
  const relations = [...new Set(collectNodes(df.plan, 'streamingRelation'))];
  return planPhysical(df.plan, { compile: df.session.compileContext(), numShufflePartitions: 1, streamingRelations: relations });
}

describe('watermark operators with a hand-built context', () => {
  let spark: StreamSession;
  let input: MemoryStream;

  beforeEach(() => {
    spark = newSession();
    input = new MemoryStream(schema, spark);
  });

  afterEach(() => spark.stop());

  function context(rows: Row[], batchId: number, outputMode: OutputMode, watermarkMs: number, provider = new InMemoryStateStoreProvider()): ExecutionContext {
    return { sourceRows: [rows], batchId, outputMode, stateProvider: provider, stateMetrics: [], batchWatermarkMs: watermarkMs, eventTimeStats: new Map<number, EventTimeStats>() };
  }

  test('the watermark operator passes rows through and reports event times in ms', () => {
    const op = plan(input.toDF().withWatermark('timestamp', '2 minutes'));
    expect(op).toBeInstanceOf(EventTimeWatermarkExec);
    const rows: Row[] = [
      [3n * MINUTE + 999n, 'a'],
      [-1999n, 'b'],
      [null, 'c'],
      [10n * MINUTE, 'd'],
    ];
    const ctx = context(rows, 0, 'append', 0);
    expect(op.execute(ctx)).toEqual(rows);
    // Micros to ms truncate toward zero (Java's long division); a null reads as 0, as in Spark.
    expect(ctx.eventTimeStats!.get(0)).toEqual({ delayMs: 120_000, max: 600_000, min: -1, sum: 180_000 - 1 + 0 + 600_000, count: 4 });
    const empty = context([], 1, 'append', 0);
    op.execute(empty);
    // An input without rows still reports (count 0): the tracker holds the min policy at 0 for it.
    expect(empty.eventTimeStats!.get(0)?.count).toBe(0);
  });

  test('append aggregation: late groups are dropped, groups behind the watermark are emitted once and evicted', () => {
    const op = plan(input.toDF().withWatermark('timestamp', '5 minutes').groupBy('timestamp').count());
    const provider = new InMemoryStateStoreProvider();
    const ms = (m: bigint) => Number((m * MINUTE) / 1000n);
    const run = (rows: Row[], batchId: number, watermarkMs: number) => {
      const ctx = context(rows, batchId, 'append', watermarkMs, provider);
      return { out: op.execute(ctx), metrics: ctx.stateMetrics[0] };
    };
    let r = run([[10n * MINUTE, 'a'], [10n * MINUTE, 'b'], [12n * MINUTE, 'c']], 0, 0);
    expect(r.out).toEqual([]);
    expect(r.metrics).toMatchObject({ numRowsTotal: 2, numRowsUpdated: 2, numRowsRemoved: 0, numRowsDroppedByWatermark: 0 });
    // Watermark at minute 10: the group at 10 is final (eventTime <= watermark) and leaves state.
    r = run([], 1, ms(10n));
    expect(r.out).toEqual([[10n * MINUTE, 2n]]);
    expect(r.metrics).toMatchObject({ numRowsTotal: 1, numRowsRemoved: 1 });
    // Watermark at minute 12: rows at 10 and 12 are late, 13 is not; the group at 12 is final.
    r = run([[10n * MINUTE, 'd'], [12n * MINUTE, 'e'], [13n * MINUTE, 'f']], 2, ms(12n));
    expect(r.out).toEqual([[12n * MINUTE, 1n]]);
    expect(r.metrics).toMatchObject({ numRowsDroppedByWatermark: 2, numRowsUpdated: 1, numRowsRemoved: 1, numRowsTotal: 1 });
  });

  test('late rows are judged by the previous batch watermark when the engine provides it', () => {
    const op = plan(input.toDF().withWatermark('timestamp', '5 minutes').groupBy('timestamp').count());
    const ctx = context([[10n * MINUTE, 'a']], 0, 'append', 660_000);
    ctx.lateEventsWatermarkMs = 540_000;
    // 10 minutes is behind this batch's watermark (11) but not the previous one (9): kept, then final at once.
    expect(op.execute(ctx)).toEqual([[10n * MINUTE, 1n]]);
    expect(ctx.stateMetrics[0].numRowsDroppedByWatermark).toBe(0);
  });

  test('update aggregation emits the changed groups and forgets those behind the watermark', () => {
    const op = plan(input.toDF().withWatermark('timestamp', '5 minutes').groupBy('word', 'timestamp').count());
    const provider = new InMemoryStateStoreProvider();
    let ctx = context([[1n * MINUTE, 'a'], [2n * MINUTE, 'a'], [1n * MINUTE, 'a']], 0, 'update', 0, provider);
    expect(op.execute(ctx)).toEqual([
      ['a', 1n * MINUTE, 2n],
      ['a', 2n * MINUTE, 1n],
    ]);
    ctx = context([[2n * MINUTE, 'a']], 1, 'update', 60_000, provider);
    expect(op.execute(ctx)).toEqual([['a', 2n * MINUTE, 2n]]);
    expect(ctx.stateMetrics[0]).toMatchObject({ numRowsTotal: 1, numRowsRemoved: 1 });
  });

  test('complete aggregation keeps every group and drops nothing', () => {
    const op = plan(input.toDF().withWatermark('timestamp', '5 minutes').groupBy('timestamp').count());
    const provider = new InMemoryStateStoreProvider();
    op.execute(context([[1n * MINUTE, 'a']], 0, 'complete', 0, provider));
    const ctx = context([[1n * MINUTE, 'b']], 1, 'complete', 600_000, provider);
    expect(op.execute(ctx)).toEqual([[1n * MINUTE, 2n]]);
    expect(ctx.stateMetrics[0]).toMatchObject({ numRowsDroppedByWatermark: 0, numRowsRemoved: 0 });
  });
});
