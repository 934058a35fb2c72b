"""PySpark's side of the Kafka interop test: reads a topic with Spark's Kafka source, or writes
records with Spark's Kafka sink, exchanging records as JSON lines with binaries in hex.

  kafka_interop.py read <bootstrap> <topic>           prints one JSON record per line
  kafka_interop.py write <bootstrap> <topic> <file>   writes the JSON records of <file>"""
import glob
import json
import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql.types import (ArrayType, BinaryType, IntegerType, StringType, StructField, StructType)

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
jars = ",".join(sorted(glob.glob(os.path.join(root, ".jars", "spark-kafka", "*.jar"))))
spark = (SparkSession.builder.master("local[2]").appName("rivulet-kafka-interop")
         .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
         .config("spark.jars", jars).getOrCreate())
spark.sparkContext.setLogLevel("ERROR")


def hexed(b):
    return None if b is None else bytes(b).hex()


def unhexed(h):
    return None if h is None else bytearray.fromhex(h)


mode, bootstrap, topic = sys.argv[1:4]
if mode == "read":
    rows = (spark.read.format("kafka").option("kafka.bootstrap.servers", bootstrap)
            .option("subscribe", topic).option("includeHeaders", "true").load()
            .orderBy("partition", "offset").collect())
    for r in rows:
        print("@@record " + json.dumps({
            "key": hexed(r.key), "value": hexed(r.value), "partition": r.partition, "offset": r.offset,
            "headers": None if r.headers is None else [[h.key, hexed(h.value)] for h in r.headers]}))
else:
    with open(sys.argv[4]) as f:
        records = [json.loads(line) for line in f if line.strip()]
    schema = StructType([
        StructField("key", BinaryType()), StructField("value", BinaryType()), StructField("partition", IntegerType()),
        StructField("headers", ArrayType(StructType([StructField("key", StringType()), StructField("value", BinaryType())])))])
    data = [(unhexed(r["key"]), unhexed(r["value"]), r["partition"],
             None if r["headers"] is None else [(k, unhexed(v)) for k, v in r["headers"]]) for r in records]
    (spark.createDataFrame(data, schema).coalesce(1).write.format("kafka")
     .option("kafka.bootstrap.servers", bootstrap).option("topic", topic).save())
    print("@@written %d" % len(records))
spark.stop()
