"""What a paired scenario records besides the console sink, in one canonical text form that the
Rivulet side (oracle_support.ts) writes byte for byte the same way. Values are written by their
Spark type, never by their language's representation, so the two sides compare exactly."""
import json
import math
from datetime import date, datetime, timedelta
from decimal import Decimal

from pyspark.sql.types import (ArrayType, BinaryType, BooleanType, ByteType, DateType, DayTimeIntervalType,
                               DecimalType, DoubleType, FloatType, IntegerType, LongType, MapType, ShortType,
                               StringType, StructType, TimestampNTZType, TimestampType, YearMonthIntervalType)

# Progress fields that measure time or memory differ from run to run; their keys are kept.
VOLATILE_PROGRESS_KEYS = {"id", "runId", "timestamp", "batchDuration", "durationMs", "inputRowsPerSecond",
                          "processedRowsPerSecond", "allUpdatesTimeMs", "allRemovalsTimeMs", "commitTimeMs",
                          "memoryUsedBytes", "customMetrics", "metrics", "observedMetrics"}


def _double(x):
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    sign, digits, exponent = Decimal(repr(x)).normalize().as_tuple()
    if digits == (0,):
        return ("-" if sign else "") + "0e+0"
    e = exponent + len(digits) - 1
    mantissa = str(digits[0]) + ("." + "".join(map(str, digits[1:])) if len(digits) > 1 else "")
    return ("-" if sign else "") + mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def canonical(value, data_type):
    if value is None:
        return None
    if isinstance(data_type, (ByteType, ShortType, IntegerType, LongType)):
        return str(int(value))
    if isinstance(data_type, (FloatType, DoubleType)):
        return _double(float(value))
    if isinstance(data_type, DecimalType):
        return format(value, "f")
    if isinstance(data_type, BooleanType):
        return bool(value)
    if isinstance(data_type, StringType):
        return value
    if isinstance(data_type, BinaryType):
        return bytes(value).hex()
    if isinstance(data_type, DateType):
        return value.isoformat()
    if isinstance(data_type, (TimestampType, TimestampNTZType)):
        # PySpark gives naive local datetimes; the runner runs in UTC.
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")
    if isinstance(data_type, DayTimeIntervalType):
        return str((value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds)
    if isinstance(data_type, YearMonthIntervalType):
        return str(int(value))
    if isinstance(data_type, ArrayType):
        return [canonical(v, data_type.elementType) for v in value]
    if isinstance(data_type, MapType):
        return [[canonical(k, data_type.keyType), canonical(v, data_type.valueType)] for k, v in value.items()]
    if isinstance(data_type, StructType):
        return {f.name: canonical(value[i], f.dataType) for i, f in enumerate(data_type.fields)}
    return repr(value)


def _print_rows(label, df):
    schema = df.schema
    print(f"@@{label} {schema.simpleString()}")
    for row in df.collect():
        print(json.dumps([canonical(row[i], f.dataType) for i, f in enumerate(schema.fields)], ensure_ascii=False, separators=(",", ":")))


def record_batch(df, batch_id):
    """foreachBatch(record_batch): the batch's rows with their types."""
    _print_rows(f"batch {batch_id}", df)


def record_rows(df):
    """The collected rows of a batch DataFrame with their types."""
    _print_rows("rows", df)


def _mask(value):
    if isinstance(value, dict):
        return {k: ("<masked>" if k in VOLATILE_PROGRESS_KEYS else _mask(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(v) for v in value]
    return value


def _as_dict(progress):
    json_text = getattr(progress, "json", None)
    if json_text is not None:
        return json.loads(json_text() if callable(json_text) else json_text)
    return dict(progress)


def record_progress(query):
    """Every progress report of the query, volatile figures masked."""
    for progress in query.recentProgress:
        print("@@progress " + json.dumps(_mask(_as_dict(progress)), ensure_ascii=False, separators=(",", ":")))


def _mask_plan(text):
    """Plan text without what changes from run to run: expression ids (they count up in the shared
    JVM), plan ids, run ids, object hashes and temporary checkpoint folders."""
    import re
    text = re.sub(r"#\d+L?", "#<id>", text)
    text = re.sub(r"plan_id=\d+", "plan_id=<id>", text)
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>", text)
    text = re.sub(r"@[0-9a-f]{4,}\b", "@<hash>", text)
    # under java.io.tmpdir: /tmp for classic PySpark, the run folder of connect-server.sh for a Connect server
    text = re.sub(r"(file:)?(/[^/\s,\]]+)*/temporary-[^/\s,\]]+", "<tmp>", text)
    # the batch's wall-clock timestamp (ms) that the *WithState operators print in their line
    text = re.sub(r"^.*WithState.*$", lambda m: re.sub(r"\b1[5-9]\d{11}\b", "<batch timestamp>", m.group(0)), text, flags=re.M)
    return text


def record_explain(target, extended=False):
    """What df.explain() / query.explain() prints, volatile ids masked."""
    import contextlib
    import io
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        target.explain(extended)
    print("@@explain")
    print(_mask_plan(captured.getvalue()), end="")


# ---- DStreams on a manual clock ----
# A StreamingContext on the system clock cuts batches by wall time, so how many batches run before
# stop() (and the "Time: ..." headers of pprint) changes from run to run. These helpers put the
# context on Spark's own ManualClock (spark.streaming.clock, as Spark's Scala streaming suites do):
# batches fall at multiples of the batch interval after the epoch, and run only when the program
# advances the clock, so transcripts are exact, headers included.

def manual_clock_streaming_context(sc, batch_duration, start_ms=0):
    """StreamingContext(sc, batch_duration) whose JobGenerator runs on a ManualClock at start_ms
    (epoch milliseconds; file streams need a clock near their files' modification times)."""
    from pyspark.streaming import StreamingContext
    conf = sc._jsc.sc().conf()
    conf.set("spark.streaming.clock", "org.apache.spark.util.ManualClock")
    try:
        ssc = StreamingContext(sc, batch_duration)
    finally:
        conf.remove("spark.streaming.clock")
    ssc._jssc.ssc().scheduler().clock().advance(start_ms)
    return ssc


def run_batches(ssc, count):
    """Advances the manual clock by one batch interval `count` times, each time waiting until that
    batch has completed (listener bus included), so all its output has been printed."""
    import time
    jssc = ssc._jssc.ssc()
    clock = jssc.scheduler().clock()
    interval = jssc.graph().batchDuration().milliseconds()
    listener = jssc.progressListener()
    for _ in range(count):
        done = listener.numTotalCompletedBatches()
        clock.advance(interval)
        deadline = time.time() + 120
        while listener.numTotalCompletedBatches() <= done and time.time() < deadline:
            time.sleep(0.01)
