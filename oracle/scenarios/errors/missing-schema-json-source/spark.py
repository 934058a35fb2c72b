from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("missing-schema-json-source").getOrCreate()
    rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

    spark.readStream.json(dir + "/in")
