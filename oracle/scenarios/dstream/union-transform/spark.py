from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    left = ssc.queueStream([sc.parallelize([3, 1, 2]), sc.parallelize([9])])
    right = ssc.queueStream([sc.parallelize([2, 4]), sc.parallelize([8, 9])])
    stream = left.union(right).transform(lambda rdd: rdd.distinct().sortBy(lambda x: x))
    stream.pprint()
    ssc.start()
    run_batches(ssc, 3)
    ssc.stop(False)
