import { GroupStateTimeout, SparkSession, type GroupState, type Row } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-apply-in-pandas-with-state').getOrCreate();
  const events = spark.readStream.schema('user STRING, ts TIMESTAMP').json(dir + '/in');

  function* count_fn(key: unknown[], pdfs: Iterable<Row[]>, state: GroupState<Row>): Generator<Record<string, unknown>[]> {
    let total = state.exists ? (state.get[0] as number) : 0;
    for (const pdf of pdfs) {
      total += pdf.length;
    }
    state.update([total]);
    yield [{ user: key[0], count: total }];
  }

  const counts = events.groupBy('user').applyInPandasWithState(count_fn, 'user STRING, count LONG', 'count LONG', 'Update',
    GroupStateTimeout.NoTimeout);
  const query = counts.writeStream.format('memory').queryName('explain_pandas_state').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
