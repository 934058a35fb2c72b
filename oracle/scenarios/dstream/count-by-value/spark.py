from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    rdds = [sc.parallelize(["a", "b", "a", "c", "a"]), sc.parallelize(["b", "b"])]
    source = ssc.queueStream(rdds)
    source.count().pprint()
    source.map(lambda x: len(x)).reduce(lambda a, b: a + b).pprint()
    stream = source.countByValue().transform(lambda rdd: rdd.sortByKey())
    stream.pprint()
    ssc.start()
    run_batches(ssc, 3)
    ssc.stop(False)
