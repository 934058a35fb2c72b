from pyspark.sql import SparkSession
import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout

def main(dir, kafka):
    spark = SparkSession.builder.appName("apply-in-pandas-with-state").getOrCreate()
    events = spark.readStream.schema("user STRING, ts TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/in")

    def count_fn(key, pdfs, state):
        total = state.get[0] if state.exists else 0
        for pdf in pdfs:
            total += len(pdf)
        state.update((total,))
        yield pd.DataFrame({"user": [key[0]], "count": [total]})

    counts = events.groupBy("user").applyInPandasWithState(count_fn, "user STRING, count LONG", "count LONG", "Update",
                                                             GroupStateTimeout.NoTimeout)
    query = counts.writeStream.format("console").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
