from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-status").getOrCreate()
    lines = spark.readStream.text(dir + "/in")
    query = (lines.writeStream.format("memory").queryName("status_out").option("checkpointLocation", dir + "/chk").start())
    query.processAllAvailable()
    print(query.name, query.isActive, query.exception())
    status = query.status
    # isTriggerActive is printed after stop(): while the query runs, the default trigger polls every
    # 10 ms and the flag flickers (Spark's own value depends on when it is read).
    print(sorted(status.keys()), status["isDataAvailable"])
    first_id, first_run = query.id, query.runId
    print([q.name for q in spark.streams.active])
    query.stop()
    stopped = query.status
    print(query.isActive, stopped["message"], stopped["isDataAvailable"], stopped["isTriggerActive"], len(spark.streams.active))
    again = (lines.writeStream.format("memory").queryName("status_out2").option("checkpointLocation", dir + "/chk").start())
    again.processAllAvailable()
    print(again.id == first_id, again.runId == first_run, again.lastProgress is None)
    again.stop()
