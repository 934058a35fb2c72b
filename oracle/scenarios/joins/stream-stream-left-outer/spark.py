from pyspark.sql import SparkSession
from pyspark.sql.functions import expr

def main(dir, kafka):
    spark = SparkSession.builder.appName("stream-stream-left-outer").getOrCreate()
    impressions = spark.readStream.schema("adId INT, impressionTime TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/imp")
    clicks = spark.readStream.schema("clickAdId INT, clickTime TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/clk")
    imp = impressions.withWatermark("impressionTime", "2 hours")
    clk = clicks.withWatermark("clickTime", "3 hours")
    cond = expr("clickAdId = adId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour")
    query = imp.join(clk, cond, "leftOuter").writeStream.format("memory").queryName("ad_clicks").trigger(availableNow=True).start()
    query.awaitTermination()
    spark.sql("SELECT * FROM ad_clicks ORDER BY adId").show()
