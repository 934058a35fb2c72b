from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = StreamingContext(sc, 0.5)
    ssc.checkpoint(dir + "/chk")
    rdds = [sc.parallelize(["a", "b"]), sc.parallelize(["a"]), sc.parallelize(["c", "a", "b"])]
    words = ssc.queueStream(rdds)
    words.countByWindow(1.0, 0.5).pprint()
    by_value = words.countByValueAndWindow(1.0, 0.5).transform(lambda rdd: rdd.sortByKey())
    by_value.pprint()
    done = []
    by_value.foreachRDD(lambda rdd: done.append(1))
    ssc.start()
    while len(done) < 5:
        ssc.awaitTerminationOrTimeout(0.05)
    ssc.stop(False)
