from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    ssc.checkpoint(dir + "/chk")
    rdds = [sc.parallelize([("x", 1), ("y", 1)]), sc.parallelize([("x", 2)]), sc.parallelize([("z", 5), ("x", 1)])]

    def update(new_values, last):
        return sum(new_values) + (last or 0)

    stream = ssc.queueStream(rdds).updateStateByKey(update).transform(lambda rdd: rdd.sortByKey())
    stream.pprint()
    ssc.start()
    run_batches(ssc, 4)
    ssc.stop(False)
