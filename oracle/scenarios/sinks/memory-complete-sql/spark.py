from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("memory-complete").getOrCreate()
    words = spark.readStream.option("maxFilesPerTrigger", 1).text(dir + "/in")
    counts = words.groupBy("value").count()
    query = counts.writeStream.format("memory").queryName("aggregates").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
    spark.sql("select * from aggregates order by value").show()
    spark.sql("select sum(count) as total, count(*) as groups from aggregates").show()
