import os

from pyspark.sql import SparkSession
from pyspark.sql.datasource import DataSource, DataSourceStreamWriter, WriterCommitMessage


def main(dir, kafka):
    spark = SparkSession.builder.appName("ds-stream-writer").getOrCreate()
    log = os.path.join(dir, "commits.txt")

    class CountMessage(WriterCommitMessage):
        def __init__(self, count):
            self.count = count

    class CountingWriter(DataSourceStreamWriter):
        def __init__(self, overwrite):
            self.overwrite = overwrite

        def write(self, iterator):
            return CountMessage(sum(1 for _ in iterator))

        def commit(self, messages, batchId):
            total = sum(m.count for m in messages if m is not None)
            # commit() runs in a Python worker, whose stdout is not the driver's: log to a file.
            with open(log, "a") as f:
                f.write(f"batch {batchId}: {total} rows, overwrite={self.overwrite}\n")

    class CountingSink(DataSource):
        @classmethod
        def name(cls):
            return "counting"

        def streamWriter(self, schema, overwrite):
            return CountingWriter(overwrite)

    spark.dataSource.register(CountingSink)
    lines = spark.readStream.option("maxFilesPerTrigger", 1).text(os.path.join(dir, "in"))
    query = (lines.writeStream.format("counting").option("checkpointLocation", os.path.join(dir, "cp"))
             .trigger(availableNow=True).start())
    query.awaitTermination()
    with open(log) as f:
        print(f.read(), end="")
