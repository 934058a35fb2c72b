from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    rdds = [sc.parallelize([("a", 1), ("b", 2)]), sc.parallelize([("a", 3)]), sc.parallelize([("c", 4), ("b", 5)])]
    pairs = ssc.queueStream(rdds)
    stream = pairs.reduceByKeyAndWindow(lambda a, b: a + b, None, 1.5, 0.5).transform(lambda rdd: rdd.sortByKey())
    stream.pprint()
    ssc.start()
    run_batches(ssc, 5)
    ssc.stop(False)
