// A fraud-style detector with transformWithState (Spark 4's arbitrary stateful API), as PySpark 4.1
// writes it: per card, a small "probe" charge opens a 5-minute watch (an event-time timer); a large
// charge while the watch is open raises an alert; the watch ends when the timer fires. A MapState
// counts charges per merchant, a ListState keeps the open probes, a ValueState the card's total.
//
//   npx tsx scripts/line-server.ts --port 9999           # type lines like: card-1 0.50 shop-a 2024-05-01T10:00:00
//   npx tsx examples/fraud_detector_with_timers.ts       # prints alerts and closed watches per batch
//
// Options: --host localhost --port 9999 --checkpoint .checkpoint-fraud
import minimist from 'minimist';
import { Row, StatefulProcessor, StreamSession, type DataFrame, type ExpiredTimerInfo, type ListState, type MapState, type StatefulProcessorHandle, type TimerValues, type ValueState } from 'rivulet';

const PROBE_LIMIT = 1.0;
const LARGE_CHARGE = 500.0;
const WATCH_MS = 5 * 60 * 1000;

export class FraudDetector extends StatefulProcessor {
  private handle!: StatefulProcessorHandle;
  private probes!: ListState;
  private total!: ValueState;
  private merchants!: MapState;

  init(handle: StatefulProcessorHandle): void {
    this.handle = handle;
    this.probes = handle.getListState('probes', 'merchant string, at long');
    this.total = handle.getValueState('total', 'amount double');
    this.merchants = handle.getMapState('merchants', 'merchant string', 'charges long');
  }

  *handleInputRows(key: string[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    const card = key[0];
    let total = this.total.exists() ? (this.total.get()!.amount as number) : 0;
    // Rows of one batch in event-time order.
    const charges = [...rows].sort((a, b) => (a.ts as Date).getTime() - (b.ts as Date).getTime());
    for (const charge of charges) {
      const amount = charge.amount as number;
      const at = (charge.ts as Date).getTime();
      const merchant = charge.merchant as string;
      total += amount;
      const seen = this.merchants.getValue([merchant]);
      this.merchants.updateValue([merchant], [(seen ? (seen.charges as number) : 0) + 1]);
      if (amount < PROBE_LIMIT) {
        this.probes.appendValue([merchant, at]);
        this.handle.registerTimer(at + WATCH_MS);
      } else if (amount >= LARGE_CHARGE && this.probes.exists()) {
        const probe = [...this.probes.get()][0];
        yield Row({ card, event: 'ALERT', detail: `${amount.toFixed(2)} at ${merchant} after a probe at ${probe.merchant as string}`, at: new Date(at), watermark: new Date(timerValues.getCurrentWatermarkInMs()) });
      }
    }
    this.total.update([Math.round(total * 100) / 100]);
  }

  override *handleExpiredTimer(key: string[], timerValues: TimerValues, info: ExpiredTimerInfo): Generator<Row> {
    const expiry = info.getExpiryTimeInMs();
    // The probes whose watch ended with this timer leave the list.
    const open = [...this.probes.get()].filter((p) => (p.at as number) + WATCH_MS > expiry);
    this.probes.put(open.map((p) => [p.merchant, p.at]));
    const merchants = [...this.merchants.iterator()].map(([m, c]) => `${m.merchant as string}:${c.charges as number}`).join(' ');
    yield Row({ card: key[0], event: 'WATCH CLOSED', detail: `total ${(this.total.get()!.amount as number).toFixed(2)}; ${merchants}`, at: new Date(expiry), watermark: new Date(timerValues.getCurrentWatermarkInMs()) });
  }
}

/** charges (card, amount, merchant, ts) -> alerts and closed watches, in Update mode. */
export function detectFraud(charges: DataFrame): DataFrame {
  return charges
    .withWatermark('ts', '1 minute')
    .groupBy('card')
    .transformWithState(new FraudDetector(), 'card string, event string, detail string, at timestamp, watermark timestamp', 'Update', 'EventTime');
}

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['host', 'checkpoint'], default: { host: 'localhost', port: 9999, checkpoint: '.checkpoint-fraud' } });
  // transformWithState runs on Spark's RocksDB state store provider only (Rivulet maps it to lmdb).
  const spark = StreamSession.builder()
    .appName('FraudDetector')
    .config('spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider')
    .getOrCreate();
  const lines = spark.readStream.format('socket').option('host', args.host).option('port', String(args.port)).load();
  const charges = lines.selectExpr(
    "split(value, ' ')[0] AS card",
    "CAST(split(value, ' ')[1] AS DOUBLE) AS amount",
    "split(value, ' ')[2] AS merchant",
    "CAST(split(value, ' ')[3] AS TIMESTAMP) AS ts",
  );
  const query = detectFraud(charges).writeStream.outputMode('update').format('console').option('truncate', false).option('checkpointLocation', args.checkpoint).start();
  await query.awaitTermination();
}

if (require.main === module) void main();
