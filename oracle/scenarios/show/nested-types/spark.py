from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("nested-types").getOrCreate()
    df = spark.sql("SELECT array(named_struct('a', 1, 'b', 'x'), named_struct('a', 2, 'b', NULL)) AS arr_st, map('k1', array(1, 2), 'k2', array()) AS m_arr, named_struct('inner', named_struct('v', NULL, 'w', array('p', NULL))) AS deep, array() AS empty_arr, map() AS empty_map, array(array(1), array(2, 3)) AS arr_arr, map(1, NULL) AS m_null UNION ALL SELECT NULL, NULL, NULL, array(), map(), NULL, NULL")
    df.show()
    df.show(20, False)
    df.show(20, False, True)
    df.printSchema()
