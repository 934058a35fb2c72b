from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("explain-waiting").getOrCreate()
    rows = spark.readStream.schema("k STRING").json(dir + "/in")
    query = rows.writeStream.format("memory").queryName("waiting").start()
    query.explain()
    query.explain(True)
    query.stop()
