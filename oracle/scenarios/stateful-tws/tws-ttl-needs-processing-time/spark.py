import re
from pyspark.sql import Row, SparkSession
from pyspark.sql.streaming import StatefulProcessor


class TtlWithoutTime(StatefulProcessor):
    def init(self, handle):
        self.value = handle.getValueState("value", "v LONG", 60000)

    def handleInputRows(self, key, rows, timerValues):
        yield Row(k=key[0])

    def close(self):
        pass


def main(dir, kafka):
    spark = SparkSession.builder.appName("tws-ttl-none").getOrCreate()
    spark.conf.set("spark.sql.shuffle.partitions", "5")
    spark.conf.set("spark.sql.streaming.stateStore.providerClass", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
    events = spark.readStream.schema("k STRING, v LONG").json(dir + "/in")
    out = events.groupBy("k").transformWithState(TtlWithoutTime(), "k STRING", "Update", "None")
    query = out.writeStream.format("console").outputMode("update").trigger(availableNow=True).start()
    try:
        query.awaitTermination()
    except Exception as e:
        # the error's text (PySpark raises it in its Python worker, inside a traceback)
        print(type(e).__name__, e.getErrorClass())
        m = re.search(r"\[STATEFUL_PROCESSOR_[A-Z_]+\][^\n]*?SQLSTATE: [0-9A-Z]{5}", str(e))
        print(m.group(0) if m else str(e).split("\n")[0])
