from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    df = spark.read.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribePattern", "oracle-b-pat-.*").load()
    df.groupBy("topic").count().orderBy("topic").show()
