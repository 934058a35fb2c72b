import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceStreamWriter, SparkSession, WriterCommitMessage, type Row } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('ds-stream-writer').getOrCreate();
  const log = path.join(dir, 'commits.txt');

  class CountMessage extends WriterCommitMessage {
    constructor(readonly count: number) {
      super();
    }
  }

  class CountingWriter extends DataSourceStreamWriter {
    constructor(private readonly overwrite: boolean) {
      super();
    }

    write(iterator: Iterator<Row>): WriterCommitMessage {
      let n = 0;
      for (let r = iterator.next(); !r.done; r = iterator.next()) n++;
      return new CountMessage(n);
    }

    override commit(messages: (WriterCommitMessage | null)[], batchId: number): void {
      const total = messages.reduce<number>((sum, m) => sum + (m instanceof CountMessage ? m.count : 0), 0);
      // commit() runs in a Python worker, whose stdout is not the driver's: log to a file.
      fs.appendFileSync(log, `batch ${batchId}: ${total} rows, overwrite=${this.overwrite ? 'True' : 'False'}\n`);
    }
  }

  class CountingSink extends DataSource {
    static override name(): string {
      return 'counting';
    }

    override streamWriter(_schema: unknown, overwrite: boolean): DataSourceStreamWriter {
      return new CountingWriter(overwrite);
    }
  }

  spark.dataSource.register(CountingSink);
  const lines = spark.readStream.option('maxFilesPerTrigger', 1).text(path.join(dir, 'in'));
  const query = lines.writeStream.format('counting').option('checkpointLocation', path.join(dir, 'cp'))
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
  process.stdout.write(fs.readFileSync(log, 'utf8'));
}
