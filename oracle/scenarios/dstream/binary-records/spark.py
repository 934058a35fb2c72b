import os

from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 1.0, 1704067200000)
    os.makedirs(dir + "/in")
    records = ssc.binaryRecordsStream(dir + "/in", 3)
    records.pprint()
    records.count().pprint()
    ssc.start()
    with open(dir + "/in/a.bin", "wb") as f:
        f.write(bytes([0, 1, 2, 65, 66, 67]))
    os.utime(dir + "/in/a.bin", (1704067200.5, 1704067200.5))
    run_batches(ssc, 1)
    with open(dir + "/in/b.bin", "wb") as f:
        f.write(bytes([39, 92, 10, 200, 255, 34, 9, 13, 127]))
    os.utime(dir + "/in/b.bin", (1704067201.5, 1704067201.5))
    run_batches(ssc, 2)
    ssc.stop(False)
