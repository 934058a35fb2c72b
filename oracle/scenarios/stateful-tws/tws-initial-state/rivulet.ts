import { Row, SparkSession, StatefulProcessor, type StatefulProcessorHandle, type TimerValues, type ValueState } from 'rivulet';

class Seeded extends StatefulProcessor {
  private count!: ValueState;

  init(handle: StatefulProcessorHandle): void {
    this.count = handle.getValueState('count', 'c LONG');
  }

  override handleInitialState(key: any[], initialState: Row, timerValues: TimerValues): void {
    this.count.update([initialState.start]);
  }

  *handleInputRows(key: any[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    let c = this.count.exists() ? (this.count.get()![0] as number) : 0;
    for (const r of rows) {
      c += r.qty as number;
    }
    this.count.update([c]);
    yield Row({ item: key[0], total: c });
  }

  override close(): void {}
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('tws-initial-state').getOrCreate();
  spark.conf.set('spark.sql.shuffle.partitions', '5');
  spark.conf.set('spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider');
  const seeds = spark.createDataFrame([['apple', 100], ['kiwi', 7]], 'item STRING, start LONG').groupBy('item');
  const sales = spark.readStream.schema('item STRING, qty LONG').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const totals = sales.groupBy('item').transformWithState(new Seeded(), 'item STRING, total LONG', 'Update', 'None', seeds);
  const query = totals.writeStream.format('console').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
