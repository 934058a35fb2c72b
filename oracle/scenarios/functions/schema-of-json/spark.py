from pyspark.sql import SparkSession
from pyspark.sql.functions import col, from_json, lit, schema_of_json


def main(dir, kafka):
    spark = SparkSession.builder.appName("schema-of-json").getOrCreate()
    sample = '{"id": 1, "tags": ["a"], "pos": {"x": 1.5, "y": 2}, "ok": true, "ts": "2024-01-01"}'
    spark.range(1).select(schema_of_json(lit(sample)).alias("schema")).show(truncate=False)
    lines = spark.readStream.format("text").load(dir + "/in")
    parsed = lines.select(from_json(col("value"), schema_of_json(lit(sample))).alias("j")).select("j.*")
    query = parsed.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
