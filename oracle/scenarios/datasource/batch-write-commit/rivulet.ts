import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceWriter, SparkSession, WriterCommitMessage, type Row } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('ds-batch-write').getOrCreate();
  const log = path.join(dir, 'commits.txt');

  class SumMessage extends WriterCommitMessage {
    constructor(readonly total: number, readonly count: number) {
      super();
    }
  }

  class SumWriter extends DataSourceWriter {
    constructor(private readonly overwrite: boolean, private readonly column: string) {
      super();
    }

    write(iterator: Iterator<Row>): WriterCommitMessage {
      let total = 0;
      let count = 0;
      for (let r = iterator.next(); !r.done; r = iterator.next()) {
        total += r.value[this.column] as number;
        count += 1;
      }
      return new SumMessage(total, count);
    }

    override commit(messages: (WriterCommitMessage | null)[]): void {
      const total = messages.reduce<number>((s, m) => s + (m as SumMessage).total, 0);
      const count = messages.reduce<number>((s, m) => s + (m as SumMessage).count, 0);
      // commit() runs in a Python worker, whose stdout is not the driver's: log to a file.
      fs.appendFileSync(log, `committed ${count} rows, ${this.column} total ${total}, overwrite=${this.overwrite ? 'True' : 'False'}\n`);
    }
  }

  class SumSink extends DataSource {
    static override name(): string {
      return 'summing';
    }

    override writer(_schema: unknown, overwrite: boolean): DataSourceWriter {
      return new SumWriter(overwrite, this.options.column);
    }
  }

  spark.dataSource.register(SumSink);
  const df = spark.createDataFrame([[1, 10], [2, 20], [3, 30], [4, null]], 'id INT, amount INT').na.fill(0);
  df.write.format('summing').mode('append').option('column', 'amount').save();
  df.where('id > 1').write.format('summing').mode('overwrite').option('Column', 'id').save();
  process.stdout.write(fs.readFileSync(log, 'utf8'));
}
