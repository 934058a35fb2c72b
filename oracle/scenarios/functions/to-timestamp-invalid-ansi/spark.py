import re

from pyspark.errors import StreamingQueryException
from pyspark.sql import SparkSession
from pyspark.sql.functions import to_timestamp


def main(dir, kafka):
    spark = SparkSession.builder.appName("to-timestamp-invalid").getOrCreate()
    events = spark.readStream.schema("raw STRING").json(dir + "/in")
    out = events.select("raw", to_timestamp("raw", "yyyy-MM-dd HH:mm").alias("ts"))
    query = out.writeStream.format("console").trigger(availableNow=True).start()
    try:
        query.awaitTermination()
    except StreamingQueryException as e:
        print(e.getCondition(), re.search(r"terminated with exception: (.*?SQLSTATE: \w+)", str(e)).group(1))
