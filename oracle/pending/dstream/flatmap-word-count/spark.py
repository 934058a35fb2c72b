from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = StreamingContext(sc, 0.5)
    rdds = [sc.parallelize(["to be or", "not to be"]), sc.parallelize(["that is the question", "to be"])]
    words = ssc.queueStream(rdds).flatMap(lambda line: line.split(" "))
    stream = words.map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b).transform(lambda rdd: rdd.sortByKey())
    stream.pprint()
    done = []
    stream.foreachRDD(lambda rdd: done.append(1))
    ssc.start()
    while len(done) < 3:
        ssc.awaitTerminationOrTimeout(0.05)
    ssc.stop(False)
