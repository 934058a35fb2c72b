from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    rdds = [sc.parallelize([1, 2]), sc.parallelize([3]), sc.parallelize([4, 5])]
    stream = ssc.queueStream(rdds).window(1.0, 0.5)
    stream.pprint()
    ssc.start()
    run_batches(ssc, 5)
    ssc.stop(False)
