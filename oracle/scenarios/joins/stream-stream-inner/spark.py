from pyspark.sql import SparkSession
from pyspark.sql.functions import expr

def main(dir, kafka):
    spark = SparkSession.builder.appName("stream-stream-inner").getOrCreate()
    impressions = spark.readStream.schema("adId INT, impressionTime TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/imp")
    clicks = spark.readStream.schema("clickAdId INT, clickTime TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/clk")

    joined = impressions.join(clicks, expr("clickAdId = adId"))
    query = joined.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
