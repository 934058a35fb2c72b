from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = StreamingContext(sc, 0.5)
    rdds = [sc.parallelize([("a", 1), ("b", 2)]), sc.parallelize([("a", 3)]), sc.parallelize([("c", 4), ("b", 5)])]
    pairs = ssc.queueStream(rdds)
    stream = pairs.reduceByKeyAndWindow(lambda a, b: a + b, None, 1.5, 0.5).transform(lambda rdd: rdd.sortByKey())
    stream.pprint()
    done = []
    stream.foreachRDD(lambda rdd: done.append(1))
    ssc.start()
    while len(done) < 5:
        ssc.awaitTerminationOrTimeout(0.05)
    ssc.stop(False)
