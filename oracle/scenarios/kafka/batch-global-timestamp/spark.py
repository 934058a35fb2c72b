from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    df = spark.read.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-b-gts").option("startingTimestamp", "1700000001000").option("endingTimestamp", "1700000005000").load()
    df.selectExpr("CAST(value AS STRING) AS value", "partition", "offset").orderBy("partition", "offset").show()
