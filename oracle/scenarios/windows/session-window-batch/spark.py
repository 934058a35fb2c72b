from pyspark.sql import SparkSession
from pyspark.sql.functions import count, session_window, sum


def main(dir, kafka):
    spark = SparkSession.builder.appName("session-window-batch").getOrCreate()
    clicks = spark.read.schema("ts TIMESTAMP, user STRING, n INT").json(dir + "/in")
    sessions = clicks.groupBy("user", session_window("ts", "5 minutes")).agg(count("*").alias("clicks"), sum("n").alias("total"))
    sessions.orderBy("user", "session_window").show(truncate=False)
