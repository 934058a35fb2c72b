from pyspark.sql import Row, SparkSession
from pyspark.sql.streaming import StatefulProcessor


class Seeded(StatefulProcessor):
    def init(self, handle):
        self.count = handle.getValueState("count", "c LONG")

    def handleInitialState(self, key, initialState, timerValues):
        self.count.update((initialState.start,))

    def handleInputRows(self, key, rows, timerValues):
        c = self.count.get()[0] if self.count.exists() else 0
        for r in rows:
            c += r.qty
        self.count.update((c,))
        yield Row(item=key[0], total=c)

    def close(self):
        pass


def main(dir, kafka):
    spark = SparkSession.builder.appName("tws-initial-state").getOrCreate()
    spark.conf.set("spark.sql.shuffle.partitions", "5")
    spark.conf.set("spark.sql.streaming.stateStore.providerClass", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
    seeds = spark.createDataFrame([("apple", 100), ("kiwi", 7)], "item STRING, start LONG").groupBy("item")
    sales = spark.readStream.schema("item STRING, qty LONG").option("maxFilesPerTrigger", 1).json(dir + "/in")
    totals = sales.groupBy("item").transformWithState(Seeded(), "item STRING, total LONG", "Update", "None", initialState=seeds)
    query = totals.writeStream.format("console").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
