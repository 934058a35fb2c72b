from pyspark.sql import SparkSession
import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-apply-in-pandas-with-state").getOrCreate()
    events = spark.readStream.schema("user STRING, ts TIMESTAMP").json(dir + "/in")

    def count_fn(key, pdfs, state):
        total = state.get[0] if state.exists else 0
        for pdf in pdfs:
            total += len(pdf)
        state.update((total,))
        yield pd.DataFrame({"user": [key[0]], "count": [total]})

    counts = events.groupBy("user").applyInPandasWithState(count_fn, "user STRING, count LONG", "count LONG", "Update",
                                                             GroupStateTimeout.NoTimeout)
    query = counts.writeStream.format("memory").queryName("explain_pandas_state").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
