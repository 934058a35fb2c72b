from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    ssc.checkpoint(dir + "/chk")

    def updater(vs, s):
        if not s:
            s = []
        s.extend(vs)
        return s

    result = []
    ssc.queueStream([[("k", i)] for i in range(4)]).updateStateByKey(updater).foreachRDD(lambda rdd: result.append(rdd.collect()))
    ssc.start()
    run_batches(ssc, 5)
    ssc.stop(False)
    for batch in result:
        print(batch)
