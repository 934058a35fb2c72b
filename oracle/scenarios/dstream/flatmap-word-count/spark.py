from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    rdds = [sc.parallelize(["to be or", "not to be"]), sc.parallelize(["that is the question", "to be"])]
    words = ssc.queueStream(rdds).flatMap(lambda line: line.split(" "))
    stream = words.map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b).transform(lambda rdd: rdd.sortByKey())
    stream.pprint()
    ssc.start()
    run_batches(ssc, 3)
    ssc.stop(False)
