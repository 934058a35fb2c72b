from pyspark.sql import SparkSession


def show(parts):
    print("[" + ", ".join("[" + ", ".join(str(x) for x in p) + "]" for p in parts) + "]")


def main(dir, kafka):
    spark = SparkSession.builder.appName("rdd-partitions").getOrCreate()
    sc = spark.sparkContext
    nums = sc.parallelize(list(range(17)), 5)
    print(nums.getNumPartitions())
    show(nums.glom().collect())
    show(nums.filter(lambda x: x % 2 == 0).glom().collect())
    show(nums.coalesce(3).glom().collect())
    show(nums.repartition(3).glom().collect())
    show(nums.mapPartitionsWithIndex(lambda i, it: [i * 100 + sum(it)]).glom().collect())
    show(sc.parallelize([1, 2, 3]).glom().collect())
    show(sc.range(3, 20, 4, 3).glom().collect())
    lines = sc.textFile(dir + "/lines.txt", 4)
    print(lines.getNumPartitions())
    show(lines.map(lambda l: len(l.split(" "))).glom().collect())
    pairs = sc.parallelize([1, 2], 2).cartesian(sc.parallelize([10, 20, 30], 2))
    show(pairs.map(lambda p: p[0] * p[1]).glom().collect())
    spark.createDataFrame(sc.parallelize([(1, "a"), (2, "b")], 2)).show()
    sc.parallelize([(3, "c")]).toDF(["n", "s"]).show()
