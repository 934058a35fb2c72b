from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("no-schema").getOrCreate()
    spark.readStream.json(dir + "/in")
