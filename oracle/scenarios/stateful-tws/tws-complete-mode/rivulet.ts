import { Row, SparkSession, StatefulProcessor, type StatefulProcessorHandle, type TimerValues, type ValueState } from 'rivulet';

class Counter extends StatefulProcessor {
  private count!: ValueState;

  init(handle: StatefulProcessorHandle): void {
    this.count = handle.getValueState('count', 'c LONG');
  }

  *handleInputRows(key: any[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    let c = this.count.exists() ? (this.count.get()![0] as number) : 0;
    for (const r of rows) {
      c += r.qty as number;
    }
    this.count.update([c]);
    yield Row({ item: key[0], total: c, watermark: timerValues.getCurrentWatermarkInMs() });
  }

  override close(): void {}
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('tws-complete-mode').getOrCreate();
  spark.conf.set('spark.sql.shuffle.partitions', '5');
  spark.conf.set('spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider');
  const sales = spark.readStream.schema('item STRING, qty LONG').json(dir + '/in');
  const totals = sales.groupBy('item').transformWithState(new Counter(), 'item STRING, total LONG, watermark LONG', 'Complete', 'None');
  totals.writeStream.format('console').outputMode('complete').start();
}
