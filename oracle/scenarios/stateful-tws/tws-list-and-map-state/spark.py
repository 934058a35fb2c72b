from pyspark.sql import Row, SparkSession
from pyspark.sql.streaming import StatefulProcessor


class ListAndMap(StatefulProcessor):
    def init(self, handle):
        self.items = handle.getListState("items", "v LONG")
        self.totals = handle.getMapState("totals", "name STRING", "total LONG")

    def handleInputRows(self, key, rows, timerValues):
        for r in rows:
            self.items.appendValue((r.v,))
            cur = self.totals.getValue((r.name,))
            self.totals.updateValue((r.name,), ((cur[0] if cur else 0) + r.v,))
        all_items = [t[0] for t in self.items.get()]
        if len(all_items) >= 3:
            self.items.clear()
        names = sorted(k[0] for k in self.totals.keys())
        totals = ",".join(n + "=" + str(self.totals.getValue((n,))[0]) for n in names)
        if self.totals.containsKey(("x",)):
            self.totals.removeKey(("x",))
        yield Row(k=key[0], items=str(all_items), totals=totals, listExists=self.items.exists(), mapExists=self.totals.exists())

    def close(self):
        pass


def main(dir, kafka):
    spark = SparkSession.builder.appName("tws-list-map").getOrCreate()
    spark.conf.set("spark.sql.shuffle.partitions", "5")
    spark.conf.set("spark.sql.streaming.stateStore.providerClass", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
    rows = spark.readStream.schema("k STRING, name STRING, v LONG").option("maxFilesPerTrigger", 1).json(dir + "/in")
    out = rows.groupBy("k").transformWithState(ListAndMap(), "k STRING, items STRING, totals STRING, listExists BOOLEAN, mapExists BOOLEAN", "Update", "None")
    query = out.writeStream.format("console").option("truncate", False).outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
