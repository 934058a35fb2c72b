from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = StreamingContext(sc, 0.5)
    left = ssc.queueStream([sc.parallelize([3, 1, 2]), sc.parallelize([9])])
    right = ssc.queueStream([sc.parallelize([2, 4]), sc.parallelize([8, 9])])
    stream = left.union(right).transform(lambda rdd: rdd.distinct().sortBy(lambda x: x))
    stream.pprint()
    done = []
    stream.foreachRDD(lambda rdd: done.append(1))
    ssc.start()
    while len(done) < 3:
        ssc.awaitTerminationOrTimeout(0.05)
    ssc.stop(False)
