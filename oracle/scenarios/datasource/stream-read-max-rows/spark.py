from pyspark.sql import SparkSession
from pyspark.sql.datasource import DataSource, DataSourceStreamReader, InputPartition
from pyspark.sql.streaming.datasource import ReadAllAvailable, ReadMaxRows


def main(dir, kafka):
    spark = SparkSession.builder.appName("ds-stream-max-rows").getOrCreate()

    class CounterReader(DataSourceStreamReader):
        def __init__(self, max_rows):
            self.max_rows = max_rows

        def initialOffset(self):
            return {"offset": 0}

        def latestOffset(self, start, limit):
            if isinstance(limit, ReadMaxRows):
                return {"offset": min(start["offset"] + limit.max_rows, 10)}
            return {"offset": 10}

        def getDefaultReadLimit(self):
            return ReadMaxRows(self.max_rows)

        def partitions(self, start, end):
            return [InputPartition((start["offset"], end["offset"]))]

        def read(self, partition):
            start, end = partition.value
            for i in range(start, end):
                yield (i, i * i)

    class CounterSource(DataSource):
        @classmethod
        def name(cls):
            return "counter"

        def schema(self):
            return "id INT, square INT"

        def streamReader(self, schema):
            return CounterReader(int(self.options["maxRowsPerBatch"]))

    spark.dataSource.register(CounterSource)
    df = spark.readStream.format("counter").option("maxRowsPerBatch", 4).load()
    query = df.writeStream.format("console").start()
    query.processAllAvailable()
    print(query.lastProgress["sources"][0]["startOffset"], query.lastProgress["sources"][0]["endOffset"])
    query.stop()
