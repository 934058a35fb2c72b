from pyspark.sql import SparkSession
from pyspark.sql.functions import lit


def main(dir, kafka):
    spark = SparkSession.builder.appName("foreach-batch-write").getOrCreate()
    rows = spark.readStream.schema("id INT, name STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")

    def write(batch, batch_id):
        batch.withColumn("batch", lit(batch_id)).write.mode("append").parquet(dir + "/out")

    query = rows.writeStream.foreachBatch(write).trigger(availableNow=True).start()
    query.awaitTermination()
    back = spark.read.parquet(dir + "/out")
    back.printSchema()
    back.orderBy("id").show()
