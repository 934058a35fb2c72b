import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  ssc.checkpoint(dir + '/chk');

  const updater = (vs: number[], s: number[] | null): number[] => {
    if (!s) {
      s = [];
    }
    s.push(...vs);
    return s;
  };

  const result: [string, number[]][][] = [];
  ssc.queueStream([0, 1, 2, 3].map((i) => [['k', i] as [string, number]])).updateStateByKey(updater).foreachRDD((rdd) => result.push(rdd.collect()));
  ssc.start();
  await run_batches(ssc, 5);
  await ssc.stop(false);
  for (const batch of result) {
    console.log(pythonList(batch));
  }
}

/** print(list) of (str, list) tuples, as Python shows it. */
function pythonList(batch: [string, number[]][]): string {
  return `[${batch.map(([k, v]) => `('${k}', [${v.join(', ')}])`).join(', ')}]`;
}
