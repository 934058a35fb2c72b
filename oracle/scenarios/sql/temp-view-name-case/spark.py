from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("view-name-case").getOrCreate()
    spark.createDataFrame([(10, 1), (20, 2)], "amount INT, id INT").createOrReplaceTempView("SalesData")
    spark.sql("SELECT SALESDATA.amount, salesdata.id FROM SalesData ORDER BY id").show()
    spark.sql("SELECT salesData.* FROM SalesData WHERE id = 2").show()
    for q in ["SELECT SalesData.amout FROM SalesData", "SELECT amout FROM SalesData", "SELECT * FROM SalesData PIVOT (amount + 1 FOR id IN (1))"]:
        try:
            spark.sql(q).collect()
        except Exception as e:
            print(e.getCondition(), str(e).strip().split("\n")[0].split(" SQLSTATE")[0])
