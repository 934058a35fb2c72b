from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-status").getOrCreate()
    lines = spark.readStream.text(dir + "/in")
    query = (lines.writeStream.format("memory").queryName("status_out").option("checkpointLocation", dir + "/chk").start())
    query.processAllAvailable()
    print(query.name, query.isActive, query.exception())
    status = query.status
    print(sorted(status.keys()), status["isDataAvailable"], status["isTriggerActive"])
    first_id, first_run = query.id, query.runId
    print([q.name for q in spark.streams.active])
    query.stop()
    print(query.isActive, query.status["message"], len(spark.streams.active))
    again = (lines.writeStream.format("memory").queryName("status_out2").option("checkpointLocation", dir + "/chk").start())
    again.processAllAvailable()
    print(again.id == first_id, again.runId == first_run, again.lastProgress is None)
    again.stop()
