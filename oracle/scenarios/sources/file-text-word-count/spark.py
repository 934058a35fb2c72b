from pyspark.sql import SparkSession
from pyspark.sql.functions import explode, split


def main(dir, kafka):
    spark = SparkSession.builder.appName("file-word-count").getOrCreate()
    lines = spark.readStream.format("text").option("maxFilesPerTrigger", 1).load(dir + "/in")
    words = lines.select(explode(split(lines.value, " ")).alias("word"))
    counts = words.groupBy("word").count()
    query = counts.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
