import { Row, SparkSession, StatefulProcessor, type StatefulProcessorHandle, type TimerValues, type ValueState } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

class Counter extends StatefulProcessor {
  private count!: ValueState;

  init(handle: StatefulProcessorHandle): void {
    this.count = handle.getValueState('count', 'c LONG');
  }

  *handleInputRows(key: any[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    let c = this.count.exists() ? (this.count.get()![0] as number) : 0;
    for (const r of rows) {
      c += (r.qty as number | null) ?? 0;
    }
    this.count.update([c]);
    yield Row({ item: key[0], total: c });
  }

  override close(): void {}
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-transform-with-state').getOrCreate();
  spark.conf.set('spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider');
  const sales = spark.readStream.schema('item STRING, qty LONG').json(dir + '/in');
  const totals = sales.groupBy('item').transformWithState(new Counter(), 'item STRING, total LONG', 'Update', 'None');
  const query = totals.writeStream.format('memory').queryName('explain_tws').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
