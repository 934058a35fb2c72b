from pyspark.sql import Row, SparkSession
from pyspark.sql.streaming import StatefulProcessor


class Timers(StatefulProcessor):
    def init(self, handle):
        self.handle = handle
        self.count = handle.getValueState("count", "c LONG")

    def handleInputRows(self, key, rows, timerValues):
        now = timerValues.getCurrentProcessingTimeInMs()
        n = self.count.get()[0] if self.count.exists() else 0
        for r in rows:
            n += 1
        self.count.update((n,))
        # due now, already past, and one hour ahead (never reached in this run)
        self.handle.registerTimer(now)
        self.handle.registerTimer(now - 1000)
        self.handle.registerTimer(now + 3600000)
        yield Row(k=key[0], kind="data", n=n, timers=len(list(self.handle.listTimers())), due=None)

    def handleExpiredTimer(self, key, timerValues, expiredTimerInfo):
        now = timerValues.getCurrentProcessingTimeInMs()
        left = len(list(self.handle.listTimers()))
        yield Row(k=key[0], kind="expired", n=self.count.get()[0], timers=left, due=expiredTimerInfo.getExpiryTimeInMs() <= now)

    def close(self):
        pass


def main(dir, kafka):
    spark = SparkSession.builder.appName("tws-processing-time-timers").getOrCreate()
    spark.conf.set("spark.sql.shuffle.partitions", "5")
    spark.conf.set("spark.sql.streaming.stateStore.providerClass", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
    events = spark.readStream.schema("k STRING, v LONG").option("maxFilesPerTrigger", 1).json(dir + "/in")
    out = events.groupBy("k").transformWithState(Timers(), "k STRING, kind STRING, n LONG, timers INT, due BOOLEAN", "Update", "ProcessingTime")
    query = out.writeStream.format("console").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
