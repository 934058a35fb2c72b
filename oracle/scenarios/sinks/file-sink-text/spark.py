from pyspark.sql import SparkSession
from pyspark.sql.functions import col, upper


def main(dir, kafka):
    spark = SparkSession.builder.appName("file-sink-text").getOrCreate()
    lines = spark.readStream.option("maxFilesPerTrigger", 1).text(dir + "/in")
    query = (lines.select(upper(col("value")).alias("value")).writeStream.format("text").option("path", dir + "/out")
             .option("checkpointLocation", dir + "/chk").trigger(availableNow=True).start())
    query.awaitTermination()
    spark.read.text(dir + "/out").orderBy("value").show(20, False)
