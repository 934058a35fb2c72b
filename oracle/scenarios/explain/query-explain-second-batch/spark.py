from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-second-batch").getOrCreate()
    rows = spark.readStream.schema("k STRING, v INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
    query = rows.groupBy("k").count().writeStream.format("memory").queryName("explain_second").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
