from pyspark import SparkContext
from oracle_support import manual_clock_streaming_context, run_batches


def main(dir, kafka):
    sc = SparkContext.getOrCreate()
    ssc = manual_clock_streaming_context(sc, 0.5)
    ssc.checkpoint(dir + "/checkpoint")
    batches = [
        "the quick brown fox jumps over the lazy dog".split(),
        "the end of the story fox".split(),
        "a dog and a fox".split(),
    ]
    words = ssc.queueStream(batches)
    words.glom().pprint()
    pairs = words.map(lambda w: (w, 1))
    counts = pairs.reduceByKey(lambda a, b: a + b)
    counts.glom().pprint()
    pairs.reduceByKey(lambda a, b: a + b, 3).glom().pprint()
    pairs.groupByKey().mapValues(len).glom().pprint()
    pairs.partitionBy(3).glom().pprint()
    counts.window(1.0, 0.5).glom().pprint()
    lengths = words.map(lambda w: (w, len(w)))
    counts.join(lengths).glom().pprint()

    def update(values, state):
        return sum(values) + (state or 0)

    pairs.updateStateByKey(update).glom().pprint()
    words.countByValue().pprint()
    ssc.start()
    run_batches(ssc, 3)
    ssc.stop(False)
