// A MemoryStream's rows live as long as something can still read them (the MemoryStream, a
// DataFrame over it, a query) and no longer: a test run that creates thousands of streams must not
// keep every row it ever added.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { StreamSession } from '../../lib';
import { MemoryStream } from '../../lib/testing';
import { IntegerType } from '../../lib/types';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Collects garbage after the current job, when WeakRefs made in it may be cleared. */
async function collected(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  collectGarbage();
  collectGarbage();
  await new Promise((r) => setImmediate(r));
}

/** The rows behind a MemoryStream (a private field: nothing public exposes them). */
function rowsOf(stream: MemoryStream): object {
  return (stream as unknown as { data: object }).data;
}

describe('MemoryStream lifetime', () => {
  let spark: StreamSession;
  beforeAll(() => {
    spark = new StreamSession({});
    spark.sparkContext.setLogLevel('ERROR');
  });
  afterAll(async () => {
    await spark.stop();
  });

  test('a MemoryStream nothing refers to any more is collected with its rows', async () => {
    const make = () => {
      const stream = new MemoryStream(IntegerType(), spark);
      stream.addData(1, 2, 3);
      return new WeakRef(rowsOf(stream));
    };
    const rows = make();
    await collected();
    expect(rows.deref()).toBeUndefined();
  });

  test('a DataFrame over a MemoryStream keeps its rows readable after the MemoryStream is dropped', async () => {
    const make = () => {
      const stream = new MemoryStream(IntegerType(), spark);
      stream.addData(1, 2, 3);
      return { df: stream.toDF(), rows: new WeakRef(rowsOf(stream)) };
    };
    const { df, rows } = make();
    await collected();
    expect(rows.deref()).toBeDefined();
    const query = df.writeStream.format('memory').queryName('lifetime_rows').start();
    await query.processAllAvailable();
    await query.stop();
    expect(spark.table('lifetime_rows').collect().map((r) => r.value)).toEqual([1, 2, 3]);
    spark.sql('DROP VIEW lifetime_rows');
  });

  test('rows of a stopped query are collected once its DataFrame and MemoryStream are gone', async () => {
    const run = async () => {
      const stream = new MemoryStream(IntegerType(), spark);
      stream.addData(...Array.from({ length: 1000 }, (_, i) => i));
      const query = stream.toDF().writeStream.format('noop').start();
      await query.processAllAvailable();
      await query.stop();
      return new WeakRef(rowsOf(stream));
    };
    const rows = await run();
    await collected();
    expect(rows.deref()).toBeUndefined();
  });
});
