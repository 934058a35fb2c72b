from pyspark.sql import SparkSession
from pyspark.sql.functions import col, struct
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("struct-functions").getOrCreate()
    rows = spark.readStream.schema("id INT, name STRING, score DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    nested = rows.select("id", struct("name", col("score").alias("points")).alias("info"),
                         rows.id.alias("copy")).selectExpr("*", "named_struct('n', info.name, 'double', info.points * 2) AS calc")
    out = nested.select("id", "info.*", col("calc.double").alias("twice"), "calc")
    query = out.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    query.awaitTermination()
