from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    ssc.checkpoint(dir + "/chk")
    rdds = [sc.parallelize(["a", "b"]), sc.parallelize(["a"]), sc.parallelize(["c", "a", "b"])]
    words = ssc.queueStream(rdds)
    words.countByWindow(1.0, 0.5).pprint()
    by_value = words.countByValueAndWindow(1.0, 0.5).transform(lambda rdd: rdd.sortByKey())
    by_value.pprint()
    ssc.start()
    run_batches(ssc, 5)
    ssc.stop(False)
