from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    df = spark.read.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-b-sql").load()
    df.selectExpr("CAST(key AS STRING) AS k", "CAST(value AS STRING) AS v", "offset").createOrReplaceTempView("events")
    spark.sql("SELECT k, count(*) AS n, max(offset) AS last_offset FROM events GROUP BY k ORDER BY k NULLS FIRST").show()
