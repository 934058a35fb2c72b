from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = StreamingContext(sc, 0.5)
    rdds = [sc.parallelize(["a", "b", "a", "c", "a"]), sc.parallelize(["b", "b"])]
    source = ssc.queueStream(rdds)
    source.count().pprint()
    source.map(lambda x: len(x)).reduce(lambda a, b: a + b).pprint()
    stream = source.countByValue().transform(lambda rdd: rdd.sortByKey())
    stream.pprint()
    done = []
    stream.foreachRDD(lambda rdd: done.append(1))
    ssc.start()
    while len(done) < 3:
        ssc.awaitTerminationOrTimeout(0.05)
    ssc.stop(False)
