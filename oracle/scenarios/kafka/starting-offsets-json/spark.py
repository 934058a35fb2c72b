import json

from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-offsets").getOrCreate()
    raw = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-a-so")
           .option("startingOffsets", """{"oracle-a-so":{"0":2,"1":-2}}""").load())
    query = (raw.selectExpr("CAST(value AS STRING) AS value", "partition", "offset").writeStream.format("console")
             .trigger(availableNow=True).start())
    query.awaitTermination()
    print(json.dumps(query.lastProgress["sources"][0]["startOffset"]), json.dumps(query.lastProgress["sources"][0]["endOffset"], separators=(",", ":")))
