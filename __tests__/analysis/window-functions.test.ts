// Window functions with rivulet.Window and in SQL's select list: ranking, lag/lead, aggregates over
// default, ROWS and RANGE frames, in batch and inside foreachBatch; refused on streams as in Spark.
// Expected rows are PySpark 4.2.0's output for the same program.
import { AnalysisException, Window, type StreamSession } from 'rivulet';
import { col, cume_dist, dense_rank, first, lag, last, lead, ntile, percent_rank, rank, row_number, sum } from 'rivulet/functions';
import { MemoryStream } from 'rivulet/testing';
import { IntegerType } from 'rivulet/types';
import { newSession } from '../support/session';

describe('window functions', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
  });
  afterEach(() => spark.stop());

  const data = () => spark.createDataFrame([['a', 1, 10], ['a', 2, 20], ['a', 2, 30], ['a', 4, 40], ['b', 1, 5], ['b', 3, 7]], 'k string, t int, v int');

  test('ranking, lag/lead and framed aggregates match Spark', () => {
    const df = data();
    const w = Window.partitionBy('k').orderBy('t');
    const out = df
      .select(
        'k', 't', 'v',
        row_number().over(w).alias('rn'), rank().over(w).alias('rk'), dense_rank().over(w).alias('dr'),
        lag('v').over(w).alias('lag'), lead('v', 1, 0).over(w).alias('lead'), sum('v').over(w).alias('run'),
        sum('v').over(w.rowsBetween(-1, 0)).alias('r2'), sum('v').over(Window.partitionBy('k')).alias('tot'),
        first('v').over(w).alias('f'), last('v').over(w).alias('l'), sum('v').over(w.rangeBetween(-1, 0)).alias('rg'),
        percent_rank().over(w).alias('pr'), cume_dist().over(w).alias('cd'), ntile(3).over(w).alias('nt'),
      )
      .orderBy('k', 't', 'v')
      .collectInternalRows()
      .map((r) => r.map((x) => (typeof x === 'bigint' ? Number(x) : x)));
    expect(out).toEqual([
      ['a', 1, 10, 1, 1, 1, null, 20, 10, 10, 100, 10, 10, 10, 0, 0.25, 1],
      ['a', 2, 20, 2, 2, 2, 10, 30, 60, 30, 100, 10, 30, 60, 0.3333333333333333, 0.75, 1],
      ['a', 2, 30, 3, 2, 2, 20, 40, 60, 50, 100, 10, 30, 60, 0.3333333333333333, 0.75, 2],
      ['a', 4, 40, 4, 4, 3, 30, 0, 100, 70, 100, 10, 40, 40, 1, 1, 3],
      ['b', 1, 5, 1, 1, 1, null, 7, 5, 5, 12, 5, 5, 5, 0, 0.5, 1],
      ['b', 3, 7, 2, 2, 2, 5, 0, 12, 12, 12, 5, 7, 7, 1, 1, 2],
    ]);
  });

  test('column names are Spark\'s', () => {
    const df = data();
    const w = Window.partitionBy('k').orderBy('t');
    expect(df.select(row_number().over(w)).columns).toEqual(['row_number() OVER (PARTITION BY k ORDER BY t ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)']);
    expect(df.select(sum('v').over(w)).columns).toEqual(['sum(v) OVER (PARTITION BY k ORDER BY t ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)']);
    expect(df.select(lag('v').over(w)).columns).toEqual(['lag(v, 1, NULL) OVER (PARTITION BY k ORDER BY t ASC NULLS FIRST ROWS BETWEEN -1 FOLLOWING AND -1 FOLLOWING)']);
    expect(df.select('*', row_number().over(w).alias('rn')).columns).toEqual(['k', 't', 'v', 'rn']);
    expect(df.withColumn('rn', row_number().over(w)).columns).toEqual(['k', 't', 'v', 'rn']);
  });

  test('OVER in SQL and in expr()', () => {
    data().createOrReplaceTempView('v');
    const rows = spark
      .sql('select k, t, v, row_number() over (partition by k order by t, v) rn, sum(v) over (partition by k order by t rows between 1 preceding and current row) s2, lag(v, 1, -1) over (partition by k order by t, v) p from v order by k, t, v')
      .collectInternalRows()
      .map((r) => r.map((x) => (typeof x === 'bigint' ? Number(x) : x)));
    expect(rows).toEqual([
      ['a', 1, 10, 1, 10, -1],
      ['a', 2, 20, 2, 30, 10],
      ['a', 2, 30, 3, 50, 20],
      ['a', 4, 40, 4, 70, 30],
      ['b', 1, 5, 1, 5, -1],
      ['b', 3, 7, 2, 12, 5],
    ]);
    expect(spark.sql('select max(v) over (partition by k) m from v').columns).toEqual(['m']);
    // Rows come out in the window's order, as from Spark's Window operator (checked in PySpark 4.2.0).
    expect(data().selectExpr('dense_rank() over (order by t desc) d').collectInternalRows().map((r) => r[0])).toEqual([1, 2, 3, 3, 4, 4]);
  });

  test('ranking functions need an ordered window', () => {
    expect(() => data().select(row_number().over(Window.partitionBy('k')))).toThrow(
      '[WINDOW_FUNCTION_FRAME_NOT_ORDERED] Window function row_number requires the window to be ordered. You need to add an ORDER BY clause. For example: SELECT row_number() OVER (PARTITION BY window_partition ORDER BY window_ordering) FROM table. SQLSTATE: 42601',
    );
  });

  test('top-N per group: row_number in a filter', () => {
    const w = Window.partitionBy('k').orderBy(col('v').desc());
    const top = data().withColumn('rn', row_number().over(w)).where(col('rn').eq(1)).orderBy('k').select('k', 'v').collect().map((r) => r.asDict());
    expect(top).toEqual([{ k: 'a', v: 40 }, { k: 'b', v: 7 }]);
  });

  test('inside foreachBatch; refused directly on a stream', async () => {
    const stream = new MemoryStream(IntegerType(), spark);
    const seen: unknown[][] = [];
    const q = stream
      .toDF()
      .writeStream.foreachBatch((batch) => {
        seen.push(batch.select('value', rank().over(Window.orderBy(col('value').desc())).alias('r')).collectInternalRows());
      })
      .start();
    stream.addData(3, 1, 2);
    await q.processAllAvailable();
    await q.stop();
    expect(seen).toEqual([[[3, 1], [2, 2], [1, 3]]]);
    const streaming = stream.toDF().select('value', row_number().over(Window.orderBy('value')).alias('rn'));
    await expect(async () => {
      const sq = streaming.writeStream.format('memory').queryName('w').start();
      await sq.processAllAvailable();
      await sq.stop();
    }).rejects.toThrow(AnalysisException);
    expect(() => streaming.writeStream.format('memory').queryName('w2').start()).toThrow('[NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING] Window function is not supported in row_number() (as column `rn`) on streaming DataFrames/Datasets.');
  });
});
