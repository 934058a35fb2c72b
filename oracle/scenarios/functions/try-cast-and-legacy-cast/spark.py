from pyspark.sql import SparkSession
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("try-cast").getOrCreate()
    rows = spark.readStream.schema("v STRING, d DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    strict = rows.selectExpr("v", "try_cast(v AS INT) AS i", "try_cast(v AS DOUBLE) AS dbl", "try_cast(v AS BOOLEAN) AS b",
                             "try_cast(v AS DATE) AS day", "CAST(d AS INT) AS di", "CAST(d AS STRING) AS ds")
    q1 = strict.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    q1.awaitTermination()
    spark.conf.set("spark.sql.ansi.enabled", "false")
    legacy = rows.selectExpr("v", "CAST(v AS INT) AS i", "CAST(v AS TIMESTAMP) AS ts", "CAST(d AS BYTE) AS by")
    q2 = legacy.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    q2.awaitTermination()
