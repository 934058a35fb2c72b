import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);

  const failed_func = (i: number): number => {
    if (i === 1) {
      throw new Error('This is a special error');
    }
    return i * 10;
  };

  ssc.queueStream([[0], [1], [2], [3]]).map(failed_func).pprint();
  ssc.start();
  await run_batches(ssc, 4);
  try {
    await ssc.awaitTerminationOrTimeout(1);
    console.log('no error');
  } catch (e) {
    console.log('awaitTerminationOrTimeout raised:', String(e).includes('This is a special error') ? 'True' : 'False');
  }
  await ssc.stop(false);
}
