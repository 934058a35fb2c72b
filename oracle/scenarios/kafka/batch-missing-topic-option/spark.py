from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    df = spark.read.format("kafka").option("kafka.bootstrap.servers", kafka).load()
    df.show()
