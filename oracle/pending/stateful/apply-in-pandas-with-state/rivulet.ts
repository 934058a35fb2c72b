import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('apply-in-pandas-with-state').getOrCreate();
  const events = spark.readStream.schema('user STRING, ts TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/in');

  function* count_fn(key: unknown[], pdfs: Iterable<Record<string, unknown>[]>, state: any): Generator<Record<string, unknown>[]> {
    let total = state.exists ? Number(state.get[0]) : 0;
    for (const pdf of pdfs) {
      total += pdf.length;
    }
    state.update([total]);
    yield [{ user: key[0], count: total }];
  }

  // @ts-expect-error issue 12: GroupedData.applyInPandasWithState does not exist yet
  const counts = events.groupBy('user').applyInPandasWithState(count_fn, 'user STRING, count LONG', 'count LONG', 'Update',
    'NoTimeout');
  const query = counts.writeStream.format('console').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
