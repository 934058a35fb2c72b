import { Row, SparkSession, StatefulProcessor, type StatefulProcessorHandle, type TimerValues, type ValueState } from 'rivulet';

class TtlWithoutTime extends StatefulProcessor {
  private value!: ValueState;

  init(handle: StatefulProcessorHandle): void {
    this.value = handle.getValueState('value', 'v LONG', 60000);
  }

  *handleInputRows(key: any[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    yield Row({ k: key[0] });
  }

  override close(): void {}
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('tws-ttl-none').getOrCreate();
  spark.conf.set('spark.sql.shuffle.partitions', '5');
  spark.conf.set('spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider');
  const events = spark.readStream.schema('k STRING, v LONG').json(dir + '/in');
  const out = events.groupBy('k').transformWithState(new TtlWithoutTime(), 'k STRING', 'Update', 'None');
  const query = out.writeStream.format('console').outputMode('update').trigger({ availableNow: true }).start();
  try {
    await query.awaitTermination();
  } catch (e: any) {
    // the error's text (PySpark raises it in its Python worker, inside a traceback)
    console.log(e.constructor.name, e.getErrorClass());
    const m = /\[STATEFUL_PROCESSOR_[A-Z_]+\][^\n]*?SQLSTATE: [0-9A-Z]{5}/.exec(String(e.message));
    console.log(m ? m[0] : String(e.message).split('\n')[0]);
  }
}
