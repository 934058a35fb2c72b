from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)

    def failed_func(i):
        if i == 1:
            raise ValueError("This is a special error")
        return i * 10

    ssc.queueStream([[0], [1], [2], [3]]).map(failed_func).pprint()
    ssc.start()
    run_batches(ssc, 4)
    try:
        ssc.awaitTerminationOrTimeout(1)
        print("no error")
    except Exception as e:
        print("awaitTerminationOrTimeout raised:", "This is a special error" in str(e))
    ssc.stop(False)
