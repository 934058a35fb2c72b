from pyspark.sql import SparkSession
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("case-when").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    sales.createOrReplaceTempView("sales")
    q = spark.sql("""SELECT item,
        CASE store WHEN 'north' THEN 'N' WHEN 'south' THEN 'S' ELSE '?' END AS code,
        CASE WHEN qty IS NULL THEN -1 WHEN qty > 3 THEN 1 ELSE 0 END AS bucket,
        item IN ('apple', 'fig') AS favourite
        FROM sales""")
    query = q.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    query.awaitTermination()
