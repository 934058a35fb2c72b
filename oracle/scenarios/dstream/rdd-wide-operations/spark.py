from pyspark.sql import SparkSession


def show(parts):
    print("[" + ", ".join("[" + ", ".join(str(x) for x in p) + "]" for p in parts) + "]")


def rows(df):
    show([[tuple(r) for r in p] for p in df.rdd.glom().collect()])


def main(dir, kafka):
    spark = SparkSession.builder.appName("rdd-wide-operations").getOrCreate()
    sc = spark.sparkContext
    words = "a rose is a rose is a rose said the poet to the rose".split()
    pairs = sc.parallelize([(w, 1) for w in words])
    show(pairs.reduceByKey(lambda a, b: a + b).glom().collect())
    show(pairs.groupByKey(3).mapValues(len).glom().collect())
    show(pairs.partitionBy(4).glom().collect())
    nums = sc.parallelize([(i % 5, i) for i in range(20)], 3)
    show(nums.aggregateByKey(0, lambda a, v: a + v, lambda a, b: a + b).glom().collect())
    other = sc.parallelize([(k, k * 100) for k in [1, 3, 5, 7]])
    show(nums.join(other).glom().collect())
    show(nums.fullOuterJoin(other, 2).collect())
    show(sc.parallelize(words, 3).distinct().glom().collect())
    show(sc.parallelize([(w, i) for i, w in enumerate(words)], 3).sortByKey().glom().collect())
    show(sc.parallelize(list(range(200)), 4).map(lambda x: (x * 37) % 101).sortBy(lambda x: x, False, 3).glom().map(len).collect() and [sc.parallelize(list(range(200)), 4).map(lambda x: (x * 37) % 101).sortBy(lambda x: x, False, 3).glom().map(len).collect()])
    df = spark.createDataFrame([(i, "k%d" % (i % 4), i * 0.5) for i in range(12)], "n int, k string, x double")
    rows(df)
    rows(df.repartition(3))
    rows(df.repartition(3, "k"))
    rows(df.repartition("k"))
    rows(df.coalesce(1))
    rows(spark.range(0, 9, 1, 4).coalesce(3))
    df.repartition(2, "n").show()
