// Running totals per category with applyInPandasWithState, as PySpark writes it: the function
// gets the category (a one-value tuple), its new rows (arrays of Rows stand in for pandas frames)
// and a GroupState holding the total so far; it yields one row per category with new sales.
//
//   npx tsx scripts/line-server.ts --port 9999           # type lines like: books 12
//   npx tsx examples/running_totals_with_state.ts        # prints the changed totals per batch
//
// Options: --host localhost --port 9999 --checkpoint .checkpoint-totals
import minimist from 'minimist';
import { GroupStateTimeout, StreamSession, type DataFrame, type GroupState, type Row } from 'rivulet';

function* addToTotal(key: unknown[], frames: Iterable<Row[]>, state: GroupState<Row>): Generator<unknown> {
  let total = state.exists ? (state.get.total as number) : 0;
  let sales = 0;
  for (const frame of frames) {
    for (const row of frame) {
      total += row.amount as number;
      sales += 1;
    }
  }
  state.update([total]);
  yield [{ category: key[0], total, sales }];
}

/** sales (category, amount) -> running totals per category, in Update mode. */
export function runningTotals(sales: DataFrame): DataFrame {
  return sales
    .groupBy('category')
    .applyInPandasWithState(addToTotal, 'category string, total long, sales long', 'total long', 'update', GroupStateTimeout.NoTimeout);
}

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['host', 'checkpoint'], default: { host: 'localhost', port: 9999, checkpoint: '.checkpoint-totals' } });
  const spark = StreamSession.builder().appName('RunningTotals').getOrCreate();
  const lines = spark.readStream.format('socket').option('host', args.host).option('port', String(args.port)).load();
  const sales = lines.selectExpr("split(value, ' ')[0] AS category", "CAST(split(value, ' ')[1] AS BIGINT) AS amount");
  const query = runningTotals(sales).writeStream.outputMode('update').format('console').option('checkpointLocation', args.checkpoint).start();
  await query.awaitTermination();
}

if (require.main === module) void main();
