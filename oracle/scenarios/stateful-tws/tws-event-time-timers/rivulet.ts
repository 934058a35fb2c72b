import { Row, SparkSession, StatefulProcessor, type ExpiredTimerInfo, type StatefulProcessorHandle, type TimerValues, type ValueState } from 'rivulet';

class LastSeen extends StatefulProcessor {
  private handle!: StatefulProcessorHandle;
  private last!: ValueState;

  init(handle: StatefulProcessorHandle): void {
    this.handle = handle;
    this.last = handle.getValueState('last', 't LONG');
  }

  *handleInputRows(key: any[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    let latest: number | null = null;
    for (const r of rows) {
      const t = (r.ts as Date).getTime();
      latest = latest === null || t > latest ? t : latest;
    }
    for (const old of [...this.handle.listTimers()]) {
      this.handle.deleteTimer(old);
    }
    this.last.update([latest]);
    this.handle.registerTimer(latest! + 5000);
    yield Row({ k: key[0], kind: 'data', t: latest, wm: timerValues.getCurrentWatermarkInMs() });
  }

  override *handleExpiredTimer(key: any[], timerValues: TimerValues, expiredTimerInfo: ExpiredTimerInfo): Generator<Row> {
    yield Row({ k: key[0], kind: 'expired', t: expiredTimerInfo.getExpiryTimeInMs(), wm: timerValues.getCurrentWatermarkInMs() });
    this.last.clear();
  }

  override close(): void {}
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('tws-event-time').getOrCreate();
  spark.conf.set('spark.sql.shuffle.partitions', '5');
  spark.conf.set('spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider');
  const events = spark.readStream.schema('k STRING, t LONG').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const timed = events.selectExpr('k', 'timestamp_seconds(t) AS ts').withWatermark('ts', '2 seconds');
  const out = timed.groupBy('k').transformWithState(new LastSeen(), 'k STRING, kind STRING, t LONG, wm LONG', 'Update', 'EventTime');
  const query = out.writeStream.format('console').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
