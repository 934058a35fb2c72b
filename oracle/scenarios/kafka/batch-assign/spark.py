from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    df = spark.read.format("kafka").option("kafka.bootstrap.servers", kafka).option("assign", '{"oracle-b-asg":[1]}').load()
    df.selectExpr("CAST(value AS STRING) AS value", "partition", "offset").show()
