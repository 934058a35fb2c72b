from pyspark.sql import Row, SparkSession
from pyspark.sql.streaming import StatefulProcessor

class Counter(StatefulProcessor):
    def init(self, handle):
        self.count = handle.getValueState("count", "c LONG")

    def handleInputRows(self, key, rows, timerValues):
        c = self.count.get()[0] if self.count.exists() else 0
        for r in rows:
            c += r.qty
        self.count.update((c,))
        yield Row(item=key[0], total=c, watermark=timerValues.getCurrentWatermarkInMs())

    def close(self):
        pass


def main(dir, kafka):
    spark = SparkSession.builder.appName("tws-unknown-time-mode").getOrCreate()
    spark.conf.set("spark.sql.shuffle.partitions", "5")
    spark.conf.set("spark.sql.streaming.stateStore.providerClass", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
    sales = spark.readStream.schema("item STRING, qty LONG").json(dir + "/in")
    sales.groupBy("item").transformWithState(Counter(), "item STRING, total LONG, watermark LONG", "Update", "Sometimes")
