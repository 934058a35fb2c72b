from datetime import date, datetime
from decimal import Decimal

from pyspark.sql import Row, SparkSession
from pyspark.sql.types import (ArrayType, BinaryType, BooleanType, ByteType, DateType, DecimalType, DoubleType,
                               FloatType, IntegerType, LongType, MapType, ShortType, StringType, StructField,
                               StructType, TimestampNTZType, TimestampType)
from oracle_support import record_rows


def main(dir, kafka):
    spark = SparkSession.builder.appName("every-type").getOrCreate()
    schema = StructType([
        StructField("b", ByteType()), StructField("sh", ShortType()), StructField("i", IntegerType()),
        StructField("l", LongType()), StructField("f", FloatType()), StructField("d", DoubleType()),
        StructField("dec", DecimalType(20, 4)), StructField("flag", BooleanType()), StructField("s", StringType()),
        StructField("bin", BinaryType()), StructField("day", DateType()), StructField("ts", TimestampType()),
        StructField("ntz", TimestampNTZType()), StructField("arr", ArrayType(IntegerType())),
        StructField("m", MapType(StringType(), DoubleType())),
        StructField("st", StructType([StructField("x", LongType()), StructField("y", StringType())]))])
    rows = [
        (-128, 32767, -2147483648, 9007199254740991, 1.5, -0.1, Decimal("1234567890123456.7891"), True, "héllo ✓",
         bytearray(b"\x00\xff"), date(2024, 2, 29), datetime(2024, 5, 1, 10, 0, 0, 123456),
         datetime(1969, 12, 31, 23, 59, 59, 999999), [1, None, 3], {"a": 0.5}, Row(x=-1, y="z")),
        (None, None, None, None, None, None, None, None, None, None, None, None, None, None, None, None),
        (0, 0, 0, -9007199254740991, float("inf"), float("nan"), Decimal("-0.0001"), False, "",
         bytearray(b""), date(1, 1, 1), datetime(1900, 1, 1, 0, 0, 0), datetime(9999, 12, 31, 23, 59, 59),
         [], {}, Row(x=None, y=None)),
    ]
    df = spark.createDataFrame(rows, schema)
    record_rows(df)
    record_rows(df.selectExpr("cast(ts as string) as ts_text", "cast(day as string) as day_text", "cast(dec as string) as dec_text"))
