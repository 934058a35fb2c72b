import { Row, SparkSession, StatefulProcessor, type ListState, type MapState, type StatefulProcessorHandle, type TimerValues, type ValueState } from 'rivulet';

class Ttl extends StatefulProcessor {
  private short!: ValueState;
  private long!: ListState;
  private plain!: MapState;

  init(handle: StatefulProcessorHandle): void {
    // expires 1 ms after the batch that wrote it: gone in every later batch
    this.short = handle.getValueState('short', 'v LONG', 1);
    // an hour: kept for the whole run
    this.long = handle.getListState('long', 'v LONG', 3600000);
    this.plain = handle.getMapState('plain', 'v LONG', 'n LONG');
  }

  *handleInputRows(key: any[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    const shortBefore = this.short.get();
    const longBefore = [...this.long.get()].map((r) => r[0]);
    const plainBefore = [...this.plain.keys()].map((k) => k[0] as number).sort((a, b) => a - b);
    for (const r of rows) {
      this.short.update([r.v]);
      this.long.appendValue([r.v]);
      this.plain.updateValue([r.v], [1]);
    }
    yield Row({ k: key[0], short: shortBefore === undefined ? null : shortBefore[0], shortExists: this.short.exists(), long: `[${longBefore.join(', ')}]`, plain: `[${plainBefore.join(', ')}]` });
  }

  override close(): void {}
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('tws-ttl').getOrCreate();
  spark.conf.set('spark.sql.shuffle.partitions', '5');
  spark.conf.set('spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider');
  const events = spark.readStream.schema('k STRING, v LONG').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const out = events.groupBy('k').transformWithState(new Ttl(), 'k STRING, short LONG, shortExists BOOLEAN, long STRING, plain STRING', 'Update', 'ProcessingTime');
  const query = out.writeStream.format('console').outputMode('update').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
