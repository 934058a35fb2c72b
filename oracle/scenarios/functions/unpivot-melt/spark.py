from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(dir, kafka):
    spark = SparkSession.builder.appName("unpivot").getOrCreate()
    df = spark.createDataFrame([(1, 11, 1.1), (2, 12, 1.2)], ["id", "int", "double"])
    df.unpivot("id", ["int", "double"], "var", "val").show()
    df.unpivot("id", None, "var", "val").printSchema()
    df.melt(["id"], [F.col("int") + 1, "double"], "var", "val").show()
    df.unpivot([F.col("id"), F.lit(1).alias("one")], ["int"], "var", "val").show()
    for args in [(["id", "int", "double"], None, "v", "x"), ("id", ["int", F.lit("s")], "v", "x")]:
        try:
            df.unpivot(*args).show()
        except Exception as e:
            print(type(e).__name__, e.getCondition(), str(e).splitlines()[0].rstrip(";"))  # the analysed plan follows the ";"
    quarters = spark.readStream.schema("id INT, q1 INT, q2 DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    long = quarters.unpivot("id", ["q1", "q2"], "quarter", "sales")
    query = long.writeStream.format("console").outputMode("append").trigger(availableNow=True).start()
    query.awaitTermination()
