import { DataSource, SimpleDataSourceStreamReader, SparkSession, type DataSourceOffset } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('ds-simple-reader').getOrCreate();

  class WordsReader extends SimpleDataSourceStreamReader {
    words = ['alpha', 'beta', 'gamma', 'delta', 'épsilon'];

    override initialOffset(): DataSourceOffset {
      return { position: 0 };
    }

    override read(start: DataSourceOffset): [Iterator<unknown>, DataSourceOffset] {
      const pos = start.position as number;
      const rows: unknown[] = [];
      for (let i = pos; i < this.words.length; i++) rows.push([i, this.words[i]]);
      return [rows[Symbol.iterator](), { position: this.words.length }];
    }

    override readBetweenOffsets(start: DataSourceOffset, end: DataSourceOffset): Iterator<unknown> {
      const rows: unknown[] = [];
      for (let i = start.position as number; i < (end.position as number); i++) rows.push([i, this.words[i]]);
      return rows[Symbol.iterator]();
    }
  }

  class WordsSource extends DataSource {
    override schema(): string {
      return 'pos INT, word STRING';
    }

    override simpleStreamReader(): SimpleDataSourceStreamReader {
      return new WordsReader();
    }
  }

  spark.dataSource.register(WordsSource);
  const words = spark.readStream.format('WordsSource').load();
  const query = words.selectExpr('pos', 'upper(word) AS word').writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  console.log(query.lastProgress!.numInputRows, query.lastProgress!.sources[0].endOffset);
}
