import * as fs from 'node:fs';
import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 1.0, 1704067200000);
  fs.mkdirSync(dir + '/in');
  const records = ssc.binaryRecordsStream(dir + '/in', 3);
  records.pprint();
  records.count().pprint();
  ssc.start();
  fs.writeFileSync(dir + '/in/a.bin', Uint8Array.from([0, 1, 2, 65, 66, 67]));
  fs.utimesSync(dir + '/in/a.bin', 1704067200.5, 1704067200.5);
  await run_batches(ssc, 1);
  fs.writeFileSync(dir + '/in/b.bin', Uint8Array.from([39, 92, 10, 200, 255, 34, 9, 13, 127]));
  fs.utimesSync(dir + '/in/b.bin', 1704067201.5, 1704067201.5);
  await run_batches(ssc, 2);
  await ssc.stop(false);
}
