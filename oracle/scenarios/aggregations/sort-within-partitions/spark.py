from pyspark.sql import SparkSession
from pyspark.sql.functions import col


def main(dir, kafka):
    spark = SparkSession.builder.appName("sort-within-partitions").getOrCreate()
    df = spark.createDataFrame([(5, "e"), (3, "c"), (9, "i"), (1, "a"), (7, "g"), (2, "b")], "n INT, s STRING")
    df.sortWithinPartitions("n").show()
    df.sortWithinPartitions(col("n").desc()).show()
    df.repartition(3, "s").sortWithinPartitions("n").show()
    df.sortWithinPartitions(["s", "n"], ascending=[False, True]).show()
    df.coalesce(1).sortWithinPartitions("s").show()
    try:
        df.sortWithinPartitions("nope").show()
    except Exception as e:
        print(e.getCondition())
