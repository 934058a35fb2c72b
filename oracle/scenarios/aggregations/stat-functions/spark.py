from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("stat-functions").getOrCreate()
    df = spark.createDataFrame([(1, 2.0), (2, 3.5), (3, 7.25), (4, 8.0)], ["a", "b"])
    print(df.corr("a", "b"), df.cov("a", "b"), df.stat.corr("a", "b"), df.stat.cov("a", "b"))
    print(df.approxQuantile("b", [0.25, 0.5], 0.0))
    print([[float(x) for x in q] for q in df.stat.approxQuantile(["a", "b"], [0.5, 1.0], 0.1)])
    df.freqItems(["a"]).show()
    df.stat.freqItems(["a", "b"], 0.5).show()
    for f in [lambda: df.corr("a", "b", "spearman"), lambda: df.cov("a", 1), lambda: df.approxQuantile("b", [0.5], -1)]:
        try:
            f()
        except Exception as e:
            print(type(e).__name__, str(e).split("\n")[0])
