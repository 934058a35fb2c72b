from pyspark.sql import SparkSession
from pyspark.sql.datasource import DataSource, SimpleDataSourceStreamReader


def main(dir, kafka):
    spark = SparkSession.builder.appName("ds-simple-reader").getOrCreate()

    class WordsReader(SimpleDataSourceStreamReader):
        words = ["alpha", "beta", "gamma", "delta", "épsilon"]

        def initialOffset(self):
            return {"position": 0}

        def read(self, start):
            pos = start["position"]
            rows = [(i, self.words[i]) for i in range(pos, len(self.words))]
            return (iter(rows), {"position": len(self.words)})

        def readBetweenOffsets(self, start, end):
            return iter([(i, self.words[i]) for i in range(start["position"], end["position"])])

    class WordsSource(DataSource):
        def schema(self):
            return "pos INT, word STRING"

        def simpleStreamReader(self, schema):
            return WordsReader()

    spark.dataSource.register(WordsSource)
    words = spark.readStream.format("WordsSource").load()
    query = words.selectExpr("pos", "upper(word) AS word").writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
    print(query.lastProgress["numInputRows"], query.lastProgress["sources"][0]["endOffset"])
