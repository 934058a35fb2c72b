import os

from pyspark.sql import SparkSession
from pyspark.sql.datasource import DataSource, DataSourceWriter, WriterCommitMessage


def main(dir, kafka):
    spark = SparkSession.builder.appName("ds-batch-write").getOrCreate()
    log = os.path.join(dir, "commits.txt")

    class SumMessage(WriterCommitMessage):
        def __init__(self, total, count):
            self.total = total
            self.count = count

    class SumWriter(DataSourceWriter):
        def __init__(self, overwrite, column):
            self.overwrite = overwrite
            self.column = column

        def write(self, iterator):
            total = 0
            count = 0
            for row in iterator:
                total += row[self.column]
                count += 1
            return SumMessage(total, count)

        def commit(self, messages):
            total = sum(m.total for m in messages)
            count = sum(m.count for m in messages)
            # commit() runs in a Python worker, whose stdout is not the driver's: log to a file.
            with open(log, "a") as f:
                f.write(f"committed {count} rows, {self.column} total {total}, overwrite={self.overwrite}\n")

    class SumSink(DataSource):
        @classmethod
        def name(cls):
            return "summing"

        def writer(self, schema, overwrite):
            return SumWriter(overwrite, self.options["column"])

    spark.dataSource.register(SumSink)
    df = spark.createDataFrame([(1, 10), (2, 20), (3, 30), (4, None)], "id INT, amount INT").na.fill(0)
    df.write.format("summing").mode("append").option("column", "amount").save()
    df.where("id > 1").write.format("summing").mode("overwrite").option("Column", "id").save()
    with open(log) as f:
        print(f.read(), end="")
