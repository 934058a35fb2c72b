from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("csv-sep").getOrCreate()
    rows = spark.readStream.schema("a INT, b STRING, c INT").options(header="true", sep=";", nullValue="NA").csv(dir + "/in")
    query = rows.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
