from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    df = spark.read.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-b-e5").option("startingOffsets", "{\"oracle-b-e5\":{\"0\":2}}").option("endingOffsets", "{\"oracle-b-e5\":{\"0\":1}}").load()
    df.show()
