from pyspark.sql import Row, SparkSession
from pyspark.sql.streaming import StatefulProcessor


class Ttl(StatefulProcessor):
    def init(self, handle):
        # expires 1 ms after the batch that wrote it: gone in every later batch
        self.short = handle.getValueState("short", "v LONG", 1)
        # an hour: kept for the whole run
        self.long = handle.getListState("long", "v LONG", 3600000)
        self.plain = handle.getMapState("plain", "v LONG", "n LONG")

    def handleInputRows(self, key, rows, timerValues):
        short_before = self.short.get()
        long_before = [r[0] for r in self.long.get()]
        plain_before = sorted(k[0] for k in self.plain.keys())
        for r in rows:
            self.short.update((r.v,))
            self.long.appendValue((r.v,))
            self.plain.updateValue((r.v,), (1,))
        yield Row(k=key[0], short=None if short_before is None else short_before[0], shortExists=self.short.exists(),
                  long=str(long_before), plain=str(plain_before))

    def close(self):
        pass


def main(dir, kafka):
    spark = SparkSession.builder.appName("tws-ttl").getOrCreate()
    spark.conf.set("spark.sql.shuffle.partitions", "5")
    spark.conf.set("spark.sql.streaming.stateStore.providerClass", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
    events = spark.readStream.schema("k STRING, v LONG").option("maxFilesPerTrigger", 1).json(dir + "/in")
    out = events.groupBy("k").transformWithState(Ttl(), "k STRING, short LONG, shortExists BOOLEAN, long STRING, plain STRING", "Update", "ProcessingTime")
    query = out.writeStream.format("console").outputMode("update").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
