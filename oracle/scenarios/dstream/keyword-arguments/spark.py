from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    ssc.checkpoint(dir + "/chk")
    pairs = ssc.queueStream([[("a", 1), ("b", 2)], [("a", 3)]], oneAtATime=True, default=sc.parallelize([("z", 0)]))
    pairs.window(1.0, slideDuration=0.5).pprint(num=2)
    pairs.reduceByKeyAndWindow(lambda x, y: x + y, None, windowDuration=1.0, slideDuration=0.5).transform(lambda rdd: rdd.sortByKey()).pprint()
    initial = sc.parallelize([("a", 100)])
    pairs.updateStateByKey(lambda vs, s: sum(vs) + (s or 0), initialRDD=initial).transform(lambda rdd: rdd.sortByKey()).pprint(num=5)
    ssc.start()
    run_batches(ssc, 3)
    ssc.stop(stopSparkContext=False, stopGraceFully=False)
