from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("invalid-output-mode").getOrCreate()
    rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

    rows.writeStream.outputMode("upsert")
