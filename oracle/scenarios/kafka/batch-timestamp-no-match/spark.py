from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    df = spark.read.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-b-tsno").option("startingOffsetsByTimestamp", "{\"oracle-b-tsno\":{\"0\":1800000000000,\"1\":1700000004000}}").load()
    print(df.count())
