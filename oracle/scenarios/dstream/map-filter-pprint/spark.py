from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    rdds = [sc.parallelize([1, 2, 3, 4]), sc.parallelize([5, 6]), sc.parallelize([7, 8, 9])]
    stream = ssc.queueStream(rdds).map(lambda x: x * 10).filter(lambda x: x != 20)
    stream.pprint()
    ssc.start()
    run_batches(ssc, 4)
    ssc.stop(False)
