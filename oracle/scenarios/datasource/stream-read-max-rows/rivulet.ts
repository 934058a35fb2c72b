import { DataSource, DataSourceStreamReader, InputPartition, ReadMaxRows, SparkSession, type DataSourceOffset, type ReadLimit } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('ds-stream-max-rows').getOrCreate();

  class CounterReader extends DataSourceStreamReader {
    constructor(private readonly maxRows: number) {
      super();
    }

    override initialOffset(): DataSourceOffset {
      return { offset: 0 };
    }

    override latestOffset(start: DataSourceOffset, limit: ReadLimit): DataSourceOffset {
      if (limit instanceof ReadMaxRows) return { offset: Math.min((start.offset as number) + limit.max_rows, 10) };
      return { offset: 10 };
    }

    override getDefaultReadLimit(): ReadLimit {
      return new ReadMaxRows(this.maxRows);
    }

    override partitions(start: DataSourceOffset, end: DataSourceOffset): InputPartition[] {
      return [new InputPartition([start.offset, end.offset])];
    }

    override *read(partition: InputPartition): Iterator<unknown> {
      const [start, end] = partition.value as [number, number];
      for (let i = start; i < end; i++) yield [i, i * i];
    }
  }

  class CounterSource extends DataSource {
    static override name(): string {
      return 'counter';
    }

    override schema(): string {
      return 'id INT, square INT';
    }

    override streamReader(): DataSourceStreamReader {
      return new CounterReader(Number(this.options.maxRowsPerBatch));
    }
  }

  spark.dataSource.register(CounterSource);
  const df = spark.readStream.format('counter').option('maxRowsPerBatch', 4).load();
  const query = df.writeStream.format('console').start();
  await query.processAllAvailable();
  console.log(query.lastProgress!.sources[0].startOffset, query.lastProgress!.sources[0].endOffset);
  await query.stop();
}
