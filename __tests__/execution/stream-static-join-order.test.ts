// Stream-static joins in a micro-batch come out in the order of the physical join Spark picks
// (join-strategy.ts). Every expectation below was recorded from PySpark 4.2.0 (local[2]) running the
// same join over a file stream of the same rows, rows collected in foreachBatch. Where Spark's
// order is not deterministic (two static rows with the same key reach a sort-merge join from
// different map tasks), only the set of rows is compared for that key.
import type { DataFrame, StreamSession } from 'rivulet';
import { IntegerType, StringType, StructField, StructType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

const salesSchema = StructType([StructField('store', StringType(), true), StructField('item', StringType(), true), StructField('qty', IntegerType(), true)]);
const salesRows: unknown[][] = [
  ['north', 'apple', 3],
  ['south', 'pear', 1],
  ['nowhere', 'kiwi', 2],
  [null, 'fig', 4],
  ['west', 'plum', 5],
  ['north', 'pear', 2],
  ['east', 'lime', 6],
];
const storeRows: [string, string, number][] = [
  ['west', 'Lima', 3],
  ['north', 'Oslo', 1],
  ['south', 'Rome', 2],
  ['north', 'Bergen', 4],
];

describe('stream-static join output order (Spark join selection)', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
    spark.sparkContext.setLogLevel('OFF');
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
  });

  function sales(): DataFrame {
    const input = new MemoryStream(salesSchema, spark);
    input.addData(...salesRows);
    return input.toDF();
  }
  const rddStores = (): DataFrame => spark.createDataFrame(storeRows, ['store', 'city', 'rank']);
  const valuesStores = (): DataFrame => spark.sql("SELECT * FROM VALUES ('west', 'Lima', 3), ('north', 'Oslo', 1), ('south', 'Rome', 2), ('north', 'Bergen', 4) AS t(store, city, rank)");

  async function run(joined: DataFrame): Promise<unknown[][]> {
    const out: unknown[][] = [];
    const query = joined.writeStream.foreachBatch((batch) => {
      const width = batch.columns.length;
      for (const row of batch.collect()) out.push(Array.from({ length: width }, (_, i) => row[i]).map((v) => (typeof v === 'bigint' ? Number(v) : v)));
    }).start();
    await query.processAllAvailable();
    await query.stop();
    return out;
  }

  // Adaptive execution re-plans the sort-merge join as a broadcast join once the static side is
  // shuffled and small: the stream's rows come by hash partition, in arrival order within one.
  test('left outer join with a createDataFrame side: rows by hash partition of the key, matches newest first', async () => {
    expect(await run(sales().join(rddStores(), 'store', 'left_outer'))).toEqual([
      [null, 'fig', 4, null, null],
      ['nowhere', 'kiwi', 2, null, null],
      ['west', 'plum', 5, 'Lima', 3],
      ['north', 'apple', 3, 'Bergen', 4],
      ['north', 'apple', 3, 'Oslo', 1],
      ['north', 'pear', 2, 'Bergen', 4],
      ['north', 'pear', 2, 'Oslo', 1],
      ['east', 'lime', 6, null, null],
      ['south', 'pear', 1, 'Rome', 2],
    ]);
  });

  test('static-stream right outer join: driven by the stream side by hash partition', async () => {
    expect(await run(rddStores().join(sales(), 'store', 'right_outer'))).toEqual([
      [null, null, null, 'fig', 4],
      ['nowhere', null, null, 'kiwi', 2],
      ['west', 'Lima', 3, 'plum', 5],
      ['north', 'Bergen', 4, 'apple', 3],
      ['north', 'Oslo', 1, 'apple', 3],
      ['north', 'Bergen', 4, 'pear', 2],
      ['north', 'Oslo', 1, 'pear', 2],
      ['east', null, null, 'lime', 6],
      ['south', 'Rome', 2, 'pear', 1],
    ]);
  });

  test('left semi join with a createDataFrame side stays a sort-merge join read coalesced: sorted by key', async () => {
    expect(await run(sales().join(rddStores(), 'store', 'left_semi'))).toEqual([
      ['north', 'apple', 3],
      ['north', 'pear', 2],
      ['south', 'pear', 1],
      ['west', 'plum', 5],
    ]);
  });

  test('inner join with a createDataFrame side: the stream is broadcast, rows follow the static side, matches newest first', async () => {
    expect(await run(sales().join(rddStores(), 'store'))).toEqual([
      ['west', 'plum', 5, 'Lima', 3],
      ['north', 'pear', 2, 'Oslo', 1],
      ['north', 'apple', 3, 'Oslo', 1],
      ['south', 'pear', 1, 'Rome', 2],
      ['north', 'pear', 2, 'Bergen', 4],
      ['north', 'apple', 3, 'Bergen', 4],
    ]);
  });

  test('left outer join with a small VALUES side: broadcast, rows keep the stream order, matches newest first', async () => {
    expect(await run(sales().join(valuesStores(), 'store', 'left_outer'))).toEqual([
      ['north', 'apple', 3, 'Bergen', 4],
      ['north', 'apple', 3, 'Oslo', 1],
      ['south', 'pear', 1, 'Rome', 2],
      ['nowhere', 'kiwi', 2, null, null],
      [null, 'fig', 4, null, null],
      ['west', 'plum', 5, 'Lima', 3],
      ['north', 'pear', 2, 'Bergen', 4],
      ['north', 'pear', 2, 'Oslo', 1],
      ['east', 'lime', 6, null, null],
    ]);
  });

  test('left anti join with a createDataFrame side: sort-merge order', async () => {
    expect(await run(sales().join(rddStores(), 'store', 'left_anti'))).toEqual([
      [null, 'fig', 4],
      ['nowhere', 'kiwi', 2],
      ['east', 'lime', 6],
    ]);
  });

  test('two join keys hash together: (store, qty) = (store, rank + 2)', async () => {
    const s = sales();
    const t = rddStores();
    const rows = await run(s.join(t, s.col('store').eq(t.col('store')).and(s.col('qty').eq(t.col('rank').plus(2))), 'left_outer'));
    expect(rows).toEqual([
      ['south', 'pear', 1, null, null, null],
      ['west', 'plum', 5, 'west', 'Lima', 3],
      ['east', 'lime', 6, null, null, null],
      ['nowhere', 'kiwi', 2, null, null, null],
      ['north', 'apple', 3, 'north', 'Oslo', 1],
      [null, 'fig', 4, null, null, null],
      ['north', 'pear', 2, null, null, null],
    ]);
  });

  test('spark.sql.autoBroadcastJoinThreshold=-1 turns the inner joins into sort-merge joins', async () => {
    spark.conf.set('spark.sql.autoBroadcastJoinThreshold', '-1');
    const inner = await run(sales().join(rddStores(), 'store'));
    expect(inner.map((r) => r.slice(0, 3))).toEqual([
      ['north', 'apple', 3],
      ['north', 'apple', 3],
      ['north', 'pear', 2],
      ['north', 'pear', 2],
      ['south', 'pear', 1],
      ['west', 'plum', 5],
    ]);
    const outer = await run(sales().join(valuesStores(), 'store', 'left_outer'));
    expect(outer.map((r) => r.slice(0, 3))).toEqual([
      [null, 'fig', 4],
      ['east', 'lime', 6],
      ['north', 'apple', 3],
      ['north', 'apple', 3],
      ['north', 'pear', 2],
      ['north', 'pear', 2],
      ['nowhere', 'kiwi', 2],
      ['south', 'pear', 1],
      ['west', 'plum', 5],
    ]);
  });
});
