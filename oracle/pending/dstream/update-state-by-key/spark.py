from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = StreamingContext(sc, 0.5)
    ssc.checkpoint(dir + "/chk")
    rdds = [sc.parallelize([("x", 1), ("y", 1)]), sc.parallelize([("x", 2)]), sc.parallelize([("z", 5), ("x", 1)])]

    def update(new_values, last):
        return sum(new_values) + (last or 0)

    stream = ssc.queueStream(rdds).updateStateByKey(update).transform(lambda rdd: rdd.sortByKey())
    stream.pprint()
    done = []
    stream.foreachRDD(lambda rdd: done.append(1))
    ssc.start()
    while len(done) < 4:
        ssc.awaitTerminationOrTimeout(0.05)
    ssc.stop(False)
