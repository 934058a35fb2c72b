from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = StreamingContext(sc, 0.5)
    rdds = [sc.parallelize([("k", 1), ("k", None), ("j", 2.5), ("i", True), ("h", "s")]), sc.parallelize(["x", "y", "z"])]
    stream = ssc.queueStream(rdds)
    stream.pprint(3)
    done = []
    stream.foreachRDD(lambda rdd: done.append(1))
    ssc.start()
    while len(done) < 3:
        ssc.awaitTerminationOrTimeout(0.05)
    ssc.stop(False)
