import { Row, SparkSession, StatefulProcessor, type ExpiredTimerInfo, type StatefulProcessorHandle, type TimerValues, type ValueState } from 'rivulet';

class Timers extends StatefulProcessor {
  private handle!: StatefulProcessorHandle;
  private count!: ValueState;

  init(handle: StatefulProcessorHandle): void {
    this.handle = handle;
    this.count = handle.getValueState('count', 'c LONG');
  }

  *handleInputRows(key: any[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    const now = timerValues.getCurrentProcessingTimeInMs();
    let n = this.count.exists() ? (this.count.get()![0] as number) : 0;
    for (const _r of rows) {
      n += 1;
    }
    this.count.update([n]);
    // due now, already past, and one hour ahead (never reached in this run)
    this.handle.registerTimer(now);
    this.handle.registerTimer(now - 1000);
    this.handle.registerTimer(now + 3600000);
    yield Row({ k: key[0], kind: 'data', n, timers: [...this.handle.listTimers()].length, due: null });
  }

  override *handleExpiredTimer(key: any[], timerValues: TimerValues, expiredTimerInfo: ExpiredTimerInfo): Generator<Row> {
    const now = timerValues.getCurrentProcessingTimeInMs();
    const left = [...this.handle.listTimers()].length;
    yield Row({ k: key[0], kind: 'expired', n: this.count.get()![0], timers: left, due: expiredTimerInfo.getExpiryTimeInMs() <= now });
  }

  override close(): void {}
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('tws-processing-time-timers').getOrCreate();
  spark.conf.set('spark.sql.shuffle.partitions', '5');
  spark.conf.set('spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider');
  const events = spark.readStream.schema('k STRING, v LONG').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const out = events.groupBy('k').transformWithState(new Timers(), 'k STRING, kind STRING, n LONG, timers INT, due BOOLEAN', 'Update', 'ProcessingTime');
  const query = out.writeStream.format('console').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
