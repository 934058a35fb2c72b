from pyspark.sql import Row, SparkSession
from pyspark.sql.streaming import StatefulProcessor
from oracle_support import record_explain

class Counter(StatefulProcessor):
    def init(self, handle):
        self.count = handle.getValueState("count", "c LONG")

    def handleInputRows(self, key, rows, timerValues):
        c = self.count.get()[0] if self.count.exists() else 0
        for r in rows:
            c += r.qty or 0
        self.count.update((c,))
        yield Row(item=key[0], total=c)

    def close(self):
        pass


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-transform-with-state").getOrCreate()
    spark.conf.set("spark.sql.streaming.stateStore.providerClass", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
    sales = spark.readStream.schema("item STRING, qty LONG").json(dir + "/in")
    totals = sales.groupBy("item").transformWithState(Counter(), "item STRING, total LONG", "Update", "None")
    query = totals.writeStream.format("memory").queryName("explain_tws").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
