from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    df = spark.read.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-b-e6").option("startingOffsets", "{\"oracle-b-e6\":{\"0\":0,\"1\":0}}").option("endingOffsets", "{\"oracle-b-e6\":{\"0\":1}}").load()
    df.show()
