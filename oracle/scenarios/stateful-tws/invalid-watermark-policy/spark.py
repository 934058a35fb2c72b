from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("invalid-watermark-policy").getOrCreate()
    spark.conf.set("spark.sql.streaming.multipleWatermarkPolicy", "MAX")
    print(spark.conf.get("spark.sql.streaming.multipleWatermarkPolicy"))
    spark.conf.set("spark.sql.streaming.multipleWatermarkPolicy", "avg")
