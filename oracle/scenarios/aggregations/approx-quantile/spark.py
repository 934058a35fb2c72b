from pyspark.sql import SparkSession, functions as F


def fmt(v):
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(fmt(x) for x in v) + "]"
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return repr(v)


def main(dir, kafka):
    spark = SparkSession.builder.appName("approx-quantile").getOrCreate()

    def run(label, f):
        try:
            print(label, fmt(f()))
        except Exception as e:
            print(label, type(e).__name__, str(e).strip().split("\n")[0].split(" SQLSTATE")[0])

    df = spark.createDataFrame([(1,), (2,), (3,), (4,), (5,)], ["values"])
    run("docstring", lambda: df.approxQuantile("values", [0.0, 0.5, 1.0], 0.05))
    big = spark.createDataFrame(
        [((i * 7919) % 1009, float((i * 104729) % 997) / 7.0 if i % 13 else None) for i in range(3000)], "a INT, b DOUBLE")
    for err in [0.0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.3, 0.5, 1.0, 2.0]:
        run("a %s" % fmt(err), lambda: big.approxQuantile("a", [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0], err))
        run("a,b %s" % fmt(err), lambda: big.approxQuantile(["a", "b"], [0.5, 0.05, 0.95], err))
    run("stat", lambda: big.stat.approxQuantile(["b"], [0.3], 0.1))
    run("repartitioned", lambda: big.repartition(5, "a").approxQuantile("a", [0.1, 0.5, 0.9], 0.05))
    nan = spark.createDataFrame([(float("nan"),), (None,), (1.0,), (3.0,), (2.0,)], "x DOUBLE")
    run("nan", lambda: nan.approxQuantile("x", [0.5, 1.0], 0.0))
    empty = spark.createDataFrame([(None, 1)], "x DOUBLE, y INT")
    run("no values", lambda: empty.approxQuantile(["x", "y"], [0.5], 0.0))
    run("no rows", lambda: empty.where("y > 5").approxQuantile("y", [0.5], 0.0))
    run("negative error", lambda: df.approxQuantile("values", [0.5], -0.1))
    run("probability 1.5", lambda: df.approxQuantile("values", [1.5], 0.1))
    run("probability str", lambda: df.approxQuantile("values", ["a"], 0.1))
    run("col int", lambda: df.approxQuantile(1, [0.5], 0.1))
    run("col list with int", lambda: df.approxQuantile(["values", 2], [0.5], 0.1))
    run("probabilities not a list", lambda: df.approxQuantile("values", 0.5, 0.1))
    run("error str", lambda: df.approxQuantile("values", [0.5], "x"))
    s = spark.createDataFrame([("a", 1)], "s STRING, value INT")
    run("string column", lambda: s.approxQuantile("s", [0.5], 0.1))
    run("missing column", lambda: s.approxQuantile("valu", [0.5], 0.1))
    run("date column", lambda: spark.sql("select date'2020-01-01' as d").approxQuantile("d", [0.5], 0.1))
    for acc in [1, 5, 10, 50, 100, 1000]:
        run("percentile_approx %d" % acc, lambda: big.agg(F.percentile_approx("a", [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0], acc)).collect()[0][0])
    big.groupBy((F.col("a") % 3).alias("k")).agg(F.percentile_approx("a", 0.5, 20)).orderBy("k").show()
    spark.sql("select percentile_approx(col, 0.5, 3), percentile_approx(col, array(0.2, 0.8), 2) from values (1), (2), (3), (4), (5), (6), (7), (8), (9), (10) as t(col)").show()
    spark.sql("select percentile_approx(cast(col as decimal(5, 2)), 0.5, 3) from values (1.1), (2.2), (3.3), (4.4) as t(col)").show()
    run("accuracy 0", lambda: spark.sql("select percentile_approx(col, 0.5, 0) from values (1) as t(col)").collect())
