from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    rdds = [sc.parallelize([("k", 1), ("k", None), ("j", 2.5), ("i", True), ("h", "s")]), sc.parallelize(["x", "y", "z"])]
    stream = ssc.queueStream(rdds)
    stream.pprint(3)
    ssc.start()
    run_batches(ssc, 3)
    ssc.stop(False)
