from pyspark.sql import SparkSession
from pyspark.sql.functions import desc, sum
from oracle_support import record_batch

def main(dir, kafka):
    spark = SparkSession.builder.appName("foreach-batch-with-complete-sort").getOrCreate()
    rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

    counts = rows.groupBy("k").agg(sum("x").alias("total")).orderBy(desc("total"))
    query = counts.writeStream.foreachBatch(record_batch).outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
