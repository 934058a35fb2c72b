from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("transpose").getOrCreate()
    df = spark.createDataFrame([("B", 3, 4), ("A", 1, 2), (None, 5, 6)], ["id", "val1", "val2"])

    def run(f):
        try:
            r = f()
            r.printSchema()
            r.show()
        except Exception as e:
            print(e.getCondition(), str(e).strip().split("\n")[0].split(" SQLSTATE")[0])

    run(lambda: df.transpose())
    run(lambda: df.transpose(df.val1))
    run(lambda: spark.createDataFrame([(1, 2.5, 3)], ["k", "a", "b"]).transpose())
    run(lambda: spark.createDataFrame([("x", 1, "s")], ["k", "a", "b"]).transpose())
    run(lambda: spark.createDataFrame([([1], 1, 2)], "k ARRAY<INT>, a INT, b INT").transpose())
    run(lambda: spark.createDataFrame([("x", 1)], ["k", "a"]).transpose("a"))
    run(lambda: spark.createDataFrame([("x",)], ["k"]).transpose())
