from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("select-expr").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    out = sales.selectExpr("upper(store) store_upper", "qty * 2 AS `double qty`", "price > 2 expensive",
                           "cast(qty AS STRING) || 'x' AS label")
    out.printSchema()
    query = out.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
