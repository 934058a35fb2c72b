from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = StreamingContext(sc, 0.5)
    rdds = [sc.parallelize([1, 2, 3, 4]), sc.parallelize([5, 6]), sc.parallelize([7, 8, 9])]
    stream = ssc.queueStream(rdds).map(lambda x: x * 10).filter(lambda x: x != 20)
    stream.pprint()
    done = []
    stream.foreachRDD(lambda rdd: done.append(1))
    ssc.start()
    while len(done) < 4:
        ssc.awaitTerminationOrTimeout(0.05)
    ssc.stop(False)
