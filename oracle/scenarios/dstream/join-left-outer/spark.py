from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    orders = [sc.parallelize([("ann", 3), ("bob", 1), ("ann", 2)]), sc.parallelize([("cid", 7)])]
    names = [sc.parallelize([("ann", "Ann A."), ("dee", "Dee D.")]), sc.parallelize([("cid", None)])]
    left = ssc.queueStream(orders)
    right = ssc.queueStream(names)
    inner = left.join(right).transform(lambda rdd: rdd.sortBy(lambda kv: (kv[0], kv[1][0])))
    outer = left.leftOuterJoin(right).transform(lambda rdd: rdd.sortBy(lambda kv: (kv[0], kv[1][0])))
    inner.pprint()
    outer.pprint()
    ssc.start()
    run_batches(ssc, 3)
    ssc.stop(False)
