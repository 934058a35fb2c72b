from pyspark.sql import Row, SparkSession
from pyspark.sql.streaming import StatefulProcessor


class LastSeen(StatefulProcessor):
    def init(self, handle):
        self.handle = handle
        self.last = handle.getValueState("last", "t LONG")

    def handleInputRows(self, key, rows, timerValues):
        latest = None
        for r in rows:
            t = int(r.ts.timestamp() * 1000)
            latest = t if latest is None or t > latest else latest
        for old in list(self.handle.listTimers()):
            self.handle.deleteTimer(old)
        self.last.update((latest,))
        self.handle.registerTimer(latest + 5000)
        yield Row(k=key[0], kind="data", t=latest, wm=timerValues.getCurrentWatermarkInMs())

    def handleExpiredTimer(self, key, timerValues, expiredTimerInfo):
        yield Row(k=key[0], kind="expired", t=expiredTimerInfo.getExpiryTimeInMs(), wm=timerValues.getCurrentWatermarkInMs())
        self.last.clear()

    def close(self):
        pass


def main(dir, kafka):
    spark = SparkSession.builder.appName("tws-event-time").getOrCreate()
    spark.conf.set("spark.sql.shuffle.partitions", "5")
    spark.conf.set("spark.sql.streaming.stateStore.providerClass", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
    events = spark.readStream.schema("k STRING, t LONG").option("maxFilesPerTrigger", 1).json(dir + "/in")
    timed = events.selectExpr("k", "timestamp_seconds(t) AS ts").withWatermark("ts", "2 seconds")
    out = timed.groupBy("k").transformWithState(LastSeen(), "k STRING, kind STRING, t LONG, wm LONG", "Update", "EventTime")
    query = out.writeStream.format("console").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
