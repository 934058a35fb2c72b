from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("show-wide").getOrCreate()
    df = spark.createDataFrame([(1, "日本語テキスト", "ｱｲｳ"), (2, "中文字符串很长很长很长很长很长很长很长", "ab"), (3, "한국어", "é"), (4, "mixed 混合 text", "")], "id INT, s STRING, t STRING")
    df.show()
    df.show(20, False)
    df.show(20, 4)
    df.show(20, False, True)
