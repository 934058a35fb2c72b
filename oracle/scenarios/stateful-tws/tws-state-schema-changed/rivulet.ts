import * as fs from 'node:fs';
import { Row, SparkSession, StatefulProcessor, type StatefulProcessorHandle, type TimerValues, type ValueState } from 'rivulet';

class Count extends StatefulProcessor {
  private count!: ValueState;

  constructor(private readonly schema: string, private readonly value: (n: number) => unknown) {
    super();
  }

  init(handle: StatefulProcessorHandle): void {
    this.count = handle.getValueState('count', this.schema);
  }

  *handleInputRows(key: any[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    let n = 0;
    for (const _r of rows) {
      n += 1;
    }
    this.count.update([this.value(n)]);
    yield Row({ k: key[0], n });
  }

  override close(): void {}
}

async function run(spark: SparkSession, dir: string, schema: string, value: (n: number) => unknown): Promise<void> {
  const events = spark.readStream.schema('k STRING, v LONG').json(dir + '/in');
  const out = events.groupBy('k').transformWithState(new Count(schema, value), 'k STRING, n LONG', 'Update', 'None');
  const query = out.writeStream.format('console').outputMode('update').option('checkpointLocation', dir + '/cp')
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('tws-schema').getOrCreate();
  spark.conf.set('spark.sql.shuffle.partitions', '5');
  spark.conf.set('spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider');
  await run(spark, dir, 'c LONG', (n) => n);
  fs.writeFileSync(dir + '/in/2.json', '{"k":"a","v":3}\n');
  // the same query restarted with the state variable's schema changed
  try {
    await run(spark, dir, 'c STRING', (n) => String(n));
  } catch (e: any) {
    // the cause, without the query's description and plan that follow it
    console.log(e.constructor.name, e.getErrorClass());
    console.log(String(e.message).split('terminated with exception: ', 2)[1].split('\n=== Streaming Query ===')[0]);
  }
}
