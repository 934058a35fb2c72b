import re

from pyspark.errors import StreamingQueryException
from pyspark.sql import SparkSession
from pyspark.sql.functions import col


def main(dir, kafka):
    spark = SparkSession.builder.appName("cast-invalid").getOrCreate()
    rows = spark.readStream.schema("v STRING").json(dir + "/in")
    out = rows.select("v", col("v").cast("int").alias("i"))
    query = out.writeStream.format("console").trigger(availableNow=True).start()
    try:
        query.awaitTermination()
    except StreamingQueryException as e:
        print(e.getCondition(), re.search(r"terminated with exception: (.*?SQLSTATE: \w+)", str(e)).group(1))
