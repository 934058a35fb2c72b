import re

from pyspark.errors import StreamingQueryException
from pyspark.sql import SparkSession
from pyspark.sql.functions import try_divide


def main(dir, kafka):
    spark = SparkSession.builder.appName("divide-by-zero").getOrCreate()
    rows = spark.readStream.schema("a INT, b INT").json(dir + "/in")
    safe = rows.select("a", "b", try_divide("a", "b").alias("q"))
    q1 = safe.writeStream.format("console").trigger(availableNow=True).start()
    q1.awaitTermination()
    failing = rows.selectExpr("a", "b", "a div b AS q")
    q2 = failing.writeStream.format("console").trigger(availableNow=True).start()
    try:
        q2.awaitTermination()
    except StreamingQueryException as e:
        print(e.getCondition(), re.search(r"terminated with exception: (.*?SQLSTATE: \w+)", str(e)).group(1))
