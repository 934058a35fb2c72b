from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    df = spark.read.format("kafka").schema("value STRING").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-b-us").load()
    df.show()
