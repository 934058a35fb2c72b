from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("parquet-source").getOrCreate()
    rows = spark.readStream.schema("id INT, s STRING, d DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    w = (rows.writeStream.format("parquet").option("path", dir + "/pq").option("checkpointLocation", dir + "/chk1")
         .trigger(availableNow=True).start())
    w.awaitTermination()
    schema = spark.read.parquet(dir + "/pq").schema
    back = spark.readStream.schema(schema).option("maxFilesPerTrigger", 1).parquet(dir + "/pq")
    query = back.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
    print(schema.simpleString())
