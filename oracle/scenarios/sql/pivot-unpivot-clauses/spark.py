from pyspark.sql import SparkSession
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("pivot-unpivot").getOrCreate()
    spark.sql("CREATE OR REPLACE TEMP VIEW courses AS SELECT * FROM VALUES ('dotNET', 2012, 10000), ('Java', 2012, 20000), ('dotNET', 2012, 5000), ('dotNET', 2013, 48000), ('Java', 2013, 30000) AS courses(course, year, earnings)")
    spark.sql("CREATE OR REPLACE TEMP VIEW years AS SELECT * FROM VALUES (2012, 1), (2013, 2) AS years(y, s)")
    spark.sql("CREATE OR REPLACE TEMP VIEW sales AS SELECT * FROM VALUES (1, 10, 20, 30, 'a'), (2, null, 25, null, 'b'), (3, null, null, null, 'c') AS sales(id, q1, q2, q3, tag)")
    queries = [
        "SELECT * FROM (SELECT year, course, earnings FROM courses) PIVOT (sum(earnings) FOR course IN ('dotNET', 'Java')) ORDER BY year",
        "SELECT * FROM courses PIVOT (sum(earnings) AS s, avg(earnings) AS a FOR course IN ('dotNET', 'Java')) ORDER BY year",
        "SELECT * FROM courses PIVOT (sum(earnings), avg(earnings) FOR course IN ('dotNET' AS d, 'Java' j)) ORDER BY year",
        "SELECT * FROM courses PIVOT (sum(earnings) FOR year IN ('2012', 2013 + 1, NULL)) ORDER BY course",
        "SELECT * FROM courses PIVOT (count(*) FOR year IN (2012, 2014)) ORDER BY course, earnings",
        "SELECT * FROM courses PIVOT (sum(earnings) FOR (course, year) IN (('dotNET', 2012) AS d12, ('Java', 2013)))",
        "SELECT * FROM courses c JOIN years ON c.year = years.y PIVOT (sum(earnings) FOR s IN (1, 2)) ORDER BY course, year",
        "SELECT p.* FROM courses PIVOT (first(course) FOR year IN (2012, 2013)) AS p ORDER BY earnings",
        "SELECT * FROM courses PIVOT (sum(earnings) FOR course IN ('dotNET')) PIVOT (sum(dotNET) FOR year IN (2012))",
        "SELECT * FROM sales UNPIVOT (val FOR quarter IN (q1, q2, q3))",
        "SELECT * FROM sales UNPIVOT INCLUDE NULLS (val FOR quarter IN (q1, q2, q3))",
        "SELECT * FROM sales UNPIVOT EXCLUDE NULLS (val FOR quarter IN (q1 AS Q1, sales.q2 second, q3))",
        "SELECT * FROM sales UNPIVOT ((v1, v2) FOR qs IN ((q1, q2) AS first, (q3, id)))",
        "SELECT * FROM sales UNPIVOT INCLUDE NULLS ((v1, v2) FOR qs IN ((q1, q2), (q3, id)))",
        "SELECT u.id, u.val FROM sales UNPIVOT (val FOR quarter IN (q1, q2)) AS u",
        "SELECT * FROM (SELECT 1 AS a, CAST(2.5 AS DOUBLE) AS b, 3L AS c) UNPIVOT (v FOR n IN (a, b, c))",
        "SELECT * FROM sales UNPIVOT (val FOR quarter IN (q1, q2)) PIVOT (sum(val) FOR quarter IN ('q1', 'q2')) ORDER BY id",
        "SELECT * FROM sales UNPIVOT (val FOR id IN (q1, q2))",
        "SELECT * FROM courses PIVOT (sum(earnings) FOR course IN (course))",
        "SELECT * FROM courses PIVOT (sum(earnings) FOR year IN (array(1)))",
        "SELECT * FROM courses PIVOT (sum(earnings) FOR (course, year) IN ('dotNET', 'Java'))",
        "SELECT * FROM (SELECT course, earnings FROM courses) PIVOT (earnings + 1 FOR course IN ('dotNET'))",
        "SELECT * FROM courses LATERAL VIEW explode(array(1, 2)) t AS k PIVOT (sum(earnings) FOR k IN (1, 2))",
        "SELECT * FROM sales UNPIVOT (val FOR quarter IN (q1, tag))",
    ]
    for q in queries:
        print(q)
        try:
            df = spark.sql(q)
            df.printSchema()
            df.show()
        except Exception as e:
            print(type(e).__name__, e.getCondition(), str(e).strip().split("\n")[0].split(" SQLSTATE")[0])
    wide = spark.readStream.schema("id INT, q1 INT, q2 INT, q3 INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
    wide.createOrReplaceTempView("wide")
    long = spark.sql("SELECT * FROM wide UNPIVOT (sales FOR quarter IN (q1, q2 AS second, q3))")
    query = long.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    query.awaitTermination()
