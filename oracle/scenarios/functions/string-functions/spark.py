from pyspark.sql import SparkSession
from pyspark.sql.functions import col, concat_ws, initcap, length, lower, lpad, rpad, trim, upper


def main(dir, kafka):
    spark = SparkSession.builder.appName("string-functions").getOrCreate()
    people = spark.readStream.schema("name STRING, city STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
    out = people.select(trim(col("name")).alias("name"), upper("city").alias("up"), lower(col("name")).alias("low"),
                        initcap("city").alias("cap"), length("name").alias("len"),
                        lpad(trim(col("name")), 8, "*").alias("lp"), rpad("city", 6, "-").alias("rp"),
                        concat_ws("|", trim(col("name")), col("city")).alias("joined"))
    query = out.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
