from pyspark.sql import SparkSession
from pyspark.sql.functions import col, regexp_extract, regexp_replace, split
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("regexp-functions").getOrCreate()
    lines = spark.readStream.format("text").option("maxFilesPerTrigger", 1).load(dir + "/in")
    parsed = lines.select(
        regexp_extract("value", r"^(\S+) (\w+) (\d+)ms", 1).alias("host"),
        regexp_extract(col("value"), r"^(\S+) (\w+) (\d+)ms", 2).alias("verb"),
        regexp_extract("value", r"(\d+)ms", 1).alias("ms"),
        regexp_replace("value", r"\d", "#").alias("masked"),
        col("value").rlike("GET|HEAD").alias("read"),
        split("value", r"\s+").alias("parts"))
    parsed2 = parsed.selectExpr("*", "regexp_extract_all(masked, '(#+)', 1) AS runs")
    query = parsed2.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    query.awaitTermination()
