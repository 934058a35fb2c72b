from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    df = spark.read.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-b-e7").option("startingOffsetsByTimestamp", "{\"oracle-b-e7\":{\"0\":1700000005000}}").option("endingOffsetsByTimestamp", "{\"oracle-b-e7\":{\"0\":1700000001000}}").load()
    df.show()
