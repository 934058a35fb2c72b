from pyspark.sql import SparkSession


def process(df, batch_id):
    print(f"batch {batch_id}: {df.count()} rows, empty={df.isEmpty()}")
    df.orderBy("id").show()


def main(dir, kafka):
    spark = SparkSession.builder.appName("foreach-batch").getOrCreate()
    people = spark.readStream.schema("id INT, name STRING").option("header", True).option("maxFilesPerTrigger", 1).csv(dir + "/in")
    query = people.writeStream.foreachBatch(process).trigger(availableNow=True).start()
    query.awaitTermination()
