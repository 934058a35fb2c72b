from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("timestamp-subtraction").getOrCreate()
    spark.conf.set("spark.sql.session.timeZone", "America/Los_Angeles")
    spark.sql(
        "SELECT timestamp'2020-01-01 00:00:00' - timestamp'2019-10-06 10:11:12.345678' AS across_dst, "
        "date'2020-01-01' - timestamp'2019-10-06 10:11:12.345678' AS date_minus_ts, "
        "timestamp'2019-11-03 03:00:00' - timestamp'2019-11-03 00:00:00' AS fall_back_night, "
        "timestamp_ntz'2019-11-03 03:00:00' - timestamp_ntz'2019-11-03 00:00:00' AS ntz"
    ).show(truncate=False)
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    spark.sql("SELECT timestamp'2019-11-03 10:00:00' - timestamp'2019-11-03 07:00:00' AS utc").show(truncate=False)
