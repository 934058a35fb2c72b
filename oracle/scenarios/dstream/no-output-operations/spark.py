from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = StreamingContext(sc, 0.5)
    ssc.queueStream([sc.parallelize([1])]).map(lambda x: x + 1)
    try:
        ssc.start()
    finally:
        ssc.stop(False)
