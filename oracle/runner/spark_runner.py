"""Runs the PySpark side of paired scenarios in one JVM, one after another.

usage: spark_runner.py KAFKA_BOOTSTRAP|- SCENARIO_DIR...
Each scenario's spark.py defines main(dir, kafka); it runs in a fresh SparkSession (newSession of one
shared SparkContext) with a fresh copy of the scenario's input/ folder as dir. Everything written to
stdout, by Python and by the JVM (the console sink), goes between "@@@begin <id>" and "@@@end <id>"
lines; an exception ends the scenario with "@@error <Type> <condition>" and its message."""
import glob
import importlib.util
import os
import shutil
import sys
import tempfile
import time
import traceback

os.environ["TZ"] = "UTC"
time.tzset()
sys.stdout.reconfigure(line_buffering=True)
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", ".."))
sys.path.insert(0, os.path.join(here, "..", "support"))

from pyspark.sql import SparkSession  # noqa: E402

jars = ",".join(sorted(glob.glob(os.path.join(root, ".jars", "spark-kafka", "*.jar"))))
base = (SparkSession.builder.master("local[2]").appName("rivulet-oracle")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
        .config("spark.jars", jars)
        .getOrCreate())
base.sparkContext.setLogLevel("ERROR")
jvm_spark = base._jvm.org.apache.spark.sql.classic.SparkSession if hasattr(base._jvm.org.apache.spark.sql, "classic") else None


def stop_queries(session):
    for query in session.streams.active:
        try:
            query.stop()
        except Exception:  # noqa: BLE001 - cleanup only
            pass


# A scenario's spark.stop() ends its queries, not the shared context.
SparkSession.stop = lambda self: stop_queries(self)


def error_line(e):
    condition = None
    for getter in ("getCondition", "getErrorClass"):
        if hasattr(e, getter):
            try:
                condition = getattr(e, getter)()
            except Exception:  # noqa: BLE001
                condition = None
            if condition:
                break
    message = str(e).split("\n\nJVM stacktrace:")[0].strip()
    return f"@@error {type(e).__name__} {condition or '-'}\n{message}"


def set_times_in_path_order(work):
    """Gives the input files modification times in path order, one second apart from 2024-01-01 UTC,
    as oracle/runner/scenario.ts prepareWorkDir does for the Rivulet side: file sources take files
    oldest first, and a checkout's times say nothing."""
    files = sorted(os.path.join(d, f) for d, _, names in os.walk(work) for f in names)
    base = 1704067200  # 2024-01-01T00:00:00Z
    for i, f in enumerate(files):
        os.utime(f, (base + i, base + i))


def run(scenario_dir, kafka):
    scenario_id = os.path.relpath(scenario_dir, os.path.join(root, "oracle", "scenarios"))
    work = tempfile.mkdtemp(prefix="rivulet-oracle-")
    try:
        if os.path.isdir(os.path.join(scenario_dir, "input")):
            shutil.copytree(os.path.join(scenario_dir, "input"), work, dirs_exist_ok=True)
            set_times_in_path_order(work)
        session = base.newSession()
        SparkSession._instantiatedSession = session
        SparkSession._activeSession = session
        session._jvm.SparkSession.setActiveSession(session._jsparkSession)
        session._jvm.SparkSession.setDefaultSession(session._jsparkSession)
        print(f"@@@begin {scenario_id} {work}", flush=True)
        try:
            spec = importlib.util.spec_from_file_location("scenario_" + scenario_id.replace("/", "_"),
                                                          os.path.join(scenario_dir, "spark.py"))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            module.main(work, kafka)
        except BaseException as e:  # noqa: BLE001 - the scenario's failure is its output
            if isinstance(e, KeyboardInterrupt):
                raise
            if not hasattr(e, "getCondition") and not type(e).__module__.startswith("pyspark"):
                traceback.print_exc(file=sys.stderr)
            print(error_line(e), flush=True)
        finally:
            stop_queries(session)
            session.streams.resetTerminated()
        sys.stdout.flush()
        time.sleep(0.05)  # lets the JVM's last console lines reach the shared stdout before the marker
        print(f"@@@end {scenario_id}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    kafka_bootstrap = None if sys.argv[1] == "-" else sys.argv[1]
    for directory in sys.argv[2:]:
        run(os.path.abspath(directory), kafka_bootstrap)
