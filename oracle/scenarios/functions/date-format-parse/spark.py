from pyspark.sql import SparkSession
from pyspark.sql.functions import col, date_format, from_unixtime, to_date, to_timestamp, unix_timestamp


def main(dir, kafka):
    spark = SparkSession.builder.appName("date-format-parse").getOrCreate()
    events = spark.readStream.schema("raw STRING, epoch LONG").option("maxFilesPerTrigger", 1).json(dir + "/in")
    ts = events.select("raw", to_timestamp("raw", "dd/MM/yyyy HH:mm:ss").alias("ts"), "epoch")
    out = ts.select("raw", "ts",
                    date_format("ts", "yyyy-MM-dd'T'HH:mm EEE").alias("fmt"),
                    to_date(col("ts")).alias("day"),
                    from_unixtime("epoch").alias("from_epoch"),
                    from_unixtime(col("epoch"), "MMM d, yyyy h:mm a").alias("pretty"),
                    unix_timestamp("ts").alias("back"))
    query = out.writeStream.format("console").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
