from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("lateral-view").getOrCreate()
    lines = spark.readStream.format("text").option("maxFilesPerTrigger", 1).load(dir + "/in")
    lines.createOrReplaceTempView("lines")
    counts = spark.sql("SELECT word, count(*) AS count FROM lines LATERAL VIEW explode(split(value, ' ')) t AS word "
                       "WHERE word <> '' GROUP BY word")
    query = counts.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
