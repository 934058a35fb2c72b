from pyspark.sql import SparkSession, Window
from pyspark.sql.functions import col, rank, sum as sum_


def main(dir, kafka):
    spark = SparkSession.builder.appName("window-output-order").getOrCreate()
    spark.sql("CREATE OR REPLACE TEMP VIEW t AS SELECT * FROM VALUES ('x', 3, 1), ('y', 1, 2), (NULL, 2, 3), ('x', 1, 4), ('y', 5, 5), ('z', 2, 6) AS t(k, v, id)")
    for q in ["SELECT k, v, rank() OVER (PARTITION BY k ORDER BY v) r FROM t",
              "SELECT k, v, count(*) OVER (PARTITION BY k) c FROM t",
              "SELECT k, v, sum(v) OVER () s FROM t",
              "SELECT k, v, row_number() OVER (ORDER BY v, id) rn, sum(v) OVER (PARTITION BY k ORDER BY id) s FROM t",
              "SELECT k, v, sum(v) OVER (PARTITION BY k ORDER BY id) s, row_number() OVER (ORDER BY v, id) rn FROM t",
              "SELECT id, lag(v) OVER (ORDER BY id DESC) l FROM t",
              "SELECT k, v, max(v) OVER (PARTITION BY k ORDER BY v DESC NULLS LAST) m FROM t"]:
        print(q)
        spark.sql(q).show()
    df = spark.table("t")
    df.select("k", "v", rank().over(Window.orderBy(col("v").desc(), "id")).alias("r")).show()
    df.withColumn("run", sum_("v").over(Window.partitionBy("k").orderBy("id"))).show()
