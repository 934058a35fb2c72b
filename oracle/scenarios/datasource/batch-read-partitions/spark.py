from pyspark.sql import SparkSession, Row
from pyspark.sql.datasource import DataSource, DataSourceReader, InputPartition


def main(dir, kafka):
    spark = SparkSession.builder.appName("ds-batch-read").getOrCreate()

    class FruitReader(DataSourceReader):
        def __init__(self, count):
            self.count = count

        def partitions(self):
            return [InputPartition(0), InputPartition(1)]

        def read(self, partition):
            names = ["äpfel", "banana", None, "cherry", "durian", "elderberry"]
            for i in range(partition.value, self.count, 2):
                if i % 2 == 0:
                    yield (i, names[i % len(names)])
                else:
                    yield Row(id=i, name=names[i % len(names)])

    class FruitSource(DataSource):
        @classmethod
        def name(cls):
            return "fruit"

        def schema(self):
            return "id INT, name STRING"

        def reader(self, schema):
            return FruitReader(int(self.options.get("count", "3")))

    spark.dataSource.register(FruitSource)
    df = spark.read.format("fruit").option("COUNT", 7).load()
    df.orderBy("id").show()
    print(df.where("name IS NOT NULL").count())
