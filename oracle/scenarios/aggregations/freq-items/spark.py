from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("freq-items").getOrCreate()

    def run(label, f):
        try:
            print(label, f().collect())
        except Exception as e:
            print(label, type(e).__name__, str(e).strip().split("\n")[0].split(" SQLSTATE")[0])

    df = spark.createDataFrame([(1, 11), (1, 11), (3, 10), (4, 8), (4, 8)], ["c1", "c2"])
    df.freqItems(["c1", "c2"]).show()
    df.freqItems(["c1", "c2"]).printSchema()
    rows = spark.createDataFrame(
        [(i % 37, "s%d" % (i % 23), float(i % 11) / 2, i % 2 == 0, i * 1000000007) for i in range(500)],
        "a INT, s STRING, d DOUBLE, b BOOLEAN, l BIGINT")
    for c in ["a", "s", "d", "b"]:
        rows.freqItems([c]).show(truncate=False)
    rows.freqItems(["l"], 0.5).show(truncate=False)
    rows.freqItems(["a"], 0.1).show(truncate=False)
    rows.freqItems(["a"], 0.05).show(truncate=False)
    rows.freqItems(["s"], 0.2).show(truncate=False)
    nulls = spark.createDataFrame([(i % 5 if i % 7 else None,) for i in range(40)], "x INT")
    nulls.freqItems(["x"]).show()
    nulls.freqItems(["x"]).printSchema()
    df.stat.freqItems(("c1",), 0.4).show()
    big = spark.createDataFrame([(i * 7919 % 1009,) for i in range(3000)], "a INT")
    big.freqItems(["a"], 0.3).show()
    big.freqItems(["a"]).show(truncate=False)
    run("support 1e-5", lambda: df.freqItems(["c1"], 0.00001))
    run("support 2", lambda: df.freqItems(["c1"], 2.0))
    run("cols str", lambda: df.freqItems("c1"))
