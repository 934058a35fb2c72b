import time

from pyspark.sql import SparkSession
from pyspark.sql.streaming import StreamingQueryListener


class Recorder(StreamingQueryListener):
    def __init__(self):
        self.events = []

    def onQueryStarted(self, event):
        self.events.append(("started", event.name, event.id, event.runId))

    def onQueryProgress(self, event):
        p = event.progress
        self.events.append(("progress", p.name, p.batchId, p.numInputRows, p.sink.description))

    def onQueryIdle(self, event):
        pass

    def onQueryTerminated(self, event):
        self.events.append(("terminated", event.id, event.runId, event.exception, event.errorClassOnException))


def main(dir, kafka):
    spark = SparkSession.builder.appName("listener-query-failed").getOrCreate()
    recorder = Recorder()
    spark.streams.addListener(recorder)
    rows = spark.readStream.schema("v INT").json(dir + "/in")
    query = rows.selectExpr("10 div v AS q").writeStream.format("noop").queryName("failing").start()
    try:
        query.awaitTermination()
    except Exception as e:
        print(type(e).__name__, e.getCondition())
    for _ in range(600):
        if any(e[0] == "terminated" for e in recorder.events):
            break
        time.sleep(0.05)
    spark.streams.removeListener(recorder)
    for e in recorder.events:
        if e[0] == "started":
            print(e[0], e[1], str(e[2]) == query.id, str(e[3]) == query.runId)
        elif e[0] == "progress":
            print(*e)
        else:
            print(e[0], str(e[1]) == query.id, str(e[2]) == query.runId, e[3] is not None, e[4])
