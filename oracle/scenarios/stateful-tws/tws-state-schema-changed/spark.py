from pyspark.sql import Row, SparkSession
from pyspark.sql.streaming import StatefulProcessor


class Count(StatefulProcessor):
    def __init__(self, schema, value):
        self.schema = schema
        self.value = value

    def init(self, handle):
        self.count = handle.getValueState("count", self.schema)

    def handleInputRows(self, key, rows, timerValues):
        n = 0
        for r in rows:
            n += 1
        self.count.update((self.value(n),))
        yield Row(k=key[0], n=n)

    def close(self):
        pass


def run(spark, dir, schema, value):
    events = spark.readStream.schema("k STRING, v LONG").json(dir + "/in")
    out = events.groupBy("k").transformWithState(Count(schema, value), "k STRING, n LONG", "Update", "None")
    query = (out.writeStream.format("console").outputMode("update").option("checkpointLocation", dir + "/cp")
             .trigger(availableNow=True).start())
    query.awaitTermination()


def main(dir, kafka):
    spark = SparkSession.builder.appName("tws-schema").getOrCreate()
    spark.conf.set("spark.sql.shuffle.partitions", "5")
    spark.conf.set("spark.sql.streaming.stateStore.providerClass", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
    run(spark, dir, "c LONG", lambda n: n)
    with open(dir + "/in/2.json", "w") as f:
        f.write('{"k":"a","v":3}\n')
    # the same query restarted with the state variable's schema changed
    try:
        run(spark, dir, "c STRING", lambda n: str(n))
    except Exception as e:
        # the cause, without the query's description and plan that follow it
        print(type(e).__name__, e.getErrorClass())
        print(str(e).split("terminated with exception: ", 1)[1].split("\n=== Streaming Query ===")[0])
