from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(dir, kafka):
    spark = SparkSession.builder.appName("ordinals").getOrCreate()
    df = spark.createDataFrame([("Alice", 2), ("Bob", 2), ("Bob", 5), ("Carol", None)], ["name", "age"])
    df.groupBy(1).count().orderBy(1).show()
    df.groupBy([2, "name"]).agg(F.count("*").alias("c")).orderBy(2, 1).show()
    df.rollup(1).agg(F.sum("age")).orderBy(1).show()
    df.cube(1, 2).count().orderBy(1, 2).show()
    df.groupingSets([[1], [2]], 1, 2).count().orderBy(1, -2).show()
    df.orderBy(-2, 1).show()
    df.sort(2, 1, ascending=False).show()
    df.orderBy([1, -2]).show()
    for attempt in [lambda: df.groupBy(0), lambda: df.rollup(-1), lambda: df.orderBy(0), lambda: df.groupBy(3), lambda: df.sort(-3)]:
        try:
            attempt()
        except Exception as e:
            condition = e.getCondition() if hasattr(e, "getCondition") else None
            print("IndexError" if isinstance(e, IndexError) else type(e).__name__, condition, str(e))
