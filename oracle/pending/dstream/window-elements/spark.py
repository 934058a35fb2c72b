from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = StreamingContext(sc, 0.5)
    rdds = [sc.parallelize([1, 2]), sc.parallelize([3]), sc.parallelize([4, 5])]
    stream = ssc.queueStream(rdds).window(1.0, 0.5)
    stream.pprint()
    done = []
    stream.foreachRDD(lambda rdd: done.append(1))
    ssc.start()
    while len(done) < 5:
        ssc.awaitTerminationOrTimeout(0.05)
    ssc.stop(False)
