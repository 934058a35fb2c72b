import { Row, SparkSession, StatefulProcessor, type ListState, type MapState, type StatefulProcessorHandle, type TimerValues } from 'rivulet';

class ListAndMap extends StatefulProcessor {
  private items!: ListState;
  private totals!: MapState;

  init(handle: StatefulProcessorHandle): void {
    this.items = handle.getListState('items', 'v LONG');
    this.totals = handle.getMapState('totals', 'name STRING', 'total LONG');
  }

  *handleInputRows(key: any[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    for (const r of rows) {
      this.items.appendValue([r.v]);
      const cur = this.totals.getValue([r.name]);
      this.totals.updateValue([r.name], [(cur ? (cur[0] as number) : 0) + (r.v as number)]);
    }
    const allItems = [...this.items.get()].map((t) => t[0]);
    if (allItems.length >= 3) {
      this.items.clear();
    }
    const names = [...this.totals.keys()].map((k) => k[0] as string).sort();
    const totals = names.map((n) => n + '=' + String(this.totals.getValue([n])![0])).join(',');
    if (this.totals.containsKey(['x'])) {
      this.totals.removeKey(['x']);
    }
    yield Row({ k: key[0], items: `[${allItems.join(', ')}]`, totals, listExists: this.items.exists(), mapExists: this.totals.exists() });
  }

  override close(): void {}
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('tws-list-map').getOrCreate();
  spark.conf.set('spark.sql.shuffle.partitions', '5');
  spark.conf.set('spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider');
  const rows = spark.readStream.schema('k STRING, name STRING, v LONG').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const out = rows.groupBy('k').transformWithState(new ListAndMap(), 'k STRING, items STRING, totals STRING, listExists BOOLEAN, mapExists BOOLEAN', 'Update', 'None');
  const query = out.writeStream.format('console').option('truncate', false).outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
