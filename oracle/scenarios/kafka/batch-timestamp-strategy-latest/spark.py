from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    df = spark.read.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-b-tslat").option("startingOffsetsByTimestamp", "{\"oracle-b-tslat\":{\"0\":1800000000000,\"1\":1700000004000}}").option("startingOffsetsByTimestampStrategy", "latest").load()
    df.selectExpr("CAST(value AS STRING) AS value", "partition", "offset").show()
