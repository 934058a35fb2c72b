from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("json-multiline").getOrCreate()
    rows = spark.readStream.schema("k STRING, v INT").option("multiLine", True).option("maxFilesPerTrigger", 1).json(dir + "/in")
    query = rows.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
