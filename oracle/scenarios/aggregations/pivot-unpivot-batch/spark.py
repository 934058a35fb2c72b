from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(dir, kafka):
    spark = SparkSession.builder.appName("pivot-unpivot-batch").getOrCreate()
    sales = spark.createDataFrame([(2012, "dotNET", 10000), (2012, "Java", 20000), (2012, "dotNET", 5000), (2013, "dotNET", 48000), (2013, "Java", 30000)], "year INT, course STRING, earnings INT")
    sales.groupBy("year").pivot("course").sum("earnings").orderBy("year").show()
    sales.groupBy("year").pivot("course", ["Java", "dotNET", "Scala"]).agg(F.sum("earnings")).orderBy("year").show()
    sales.groupBy("year").pivot("course", ["Java", "dotNET"]).agg(F.sum("earnings").alias("total"), F.count("earnings").alias("n")).orderBy("year").show()
    sales.groupBy("course").pivot("year").count().orderBy("course").show()
    quarters = spark.createDataFrame([(1, 10, 2.5, "a"), (2, 20, None, "b")], "id INT, q1 INT, q2 DOUBLE, tag STRING")
    quarters.unpivot("id", ["q1", "q2"], "quarter", "sales").show()
    quarters.unpivot(["id", "tag"], "q1", "quarter", "sales").show()
    wide = quarters.drop("tag").melt(["id"], None, "quarter", "sales")
    wide.printSchema()
    wide.show()
    for args in [(["id", "q1", "q2", "tag"], None, "v", "x"), ("id", ["q1", "tag"], "v", "x")]:
        try:
            quarters.unpivot(*args).show()
        except Exception as e:
            print(type(e).__name__, e.getCondition(), str(e).splitlines()[0].rstrip(";"))  # the analysed plan follows the ";"
