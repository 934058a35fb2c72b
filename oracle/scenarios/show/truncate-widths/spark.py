from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("show-truncate").getOrCreate()
    df = spark.createDataFrame([(1, "short"), (22, "a string that is clearly longer than twenty characters"), (333, "abcd")], "id INT, text STRING")
    df.show()
    df.show(20, 5)
    df.show(20, 3)
    df.show(20, False)
