import { DataSource, DataSourceReader, InputPartition, Row, SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('ds-batch-read').getOrCreate();

  class FruitReader extends DataSourceReader {
    constructor(private readonly count: number) {
      super();
    }

    override partitions(): InputPartition[] {
      return [new InputPartition(0), new InputPartition(1)];
    }

    *read(partition: InputPartition): Iterator<unknown> {
      const names = ['äpfel', 'banana', null, 'cherry', 'durian', 'elderberry'];
      for (let i = partition.value as number; i < this.count; i += 2) {
        if (i % 2 === 0) yield [i, names[i % names.length]];
        else yield new Row({ id: i, name: names[i % names.length] });
      }
    }
  }

  class FruitSource extends DataSource {
    static override name(): string {
      return 'fruit';
    }

    override schema(): string {
      return 'id INT, name STRING';
    }

    override reader(): DataSourceReader {
      return new FruitReader(Number(this.options.count ?? '3'));
    }
  }

  spark.dataSource.register(FruitSource);
  const df = spark.read.format('fruit').option('COUNT', 7).load();
  df.orderBy('id').show();
  console.log(df.where('name IS NOT NULL').count());
}
