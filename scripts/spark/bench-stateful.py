"""Apache Spark's side of the stateful workloads of scripts/bench-stateful.ts (issue 14).

Run by scripts/spark/bench-stateful.ts (`npm run bench:spark`), which writes the inputs and this
script's manifest, times Rivulet's hand loops before and after, and records the result. Alone:

    .venv-spark/bin/python scripts/spark/bench-stateful.py INPUTS_DIR [--partitions 200,2]
        [--rounds 3] [--only NAME] [--master local[2]] --out RESULTS.json

INPUTS_DIR/manifest.json lists each workload's input streams and, per stream, one CSV file per
batch: the rows the TypeScript bench generates (fixed seeds), so Spark gets the same rows in the
same batches. Epoch milliseconds in `timestamp` columns.

How batches reach Spark: PySpark has no public MemoryStream, so each batch is one Parquet file
(converted from the CSV before any timing) hard-linked into the directory a file source reads,
followed by processAllAvailable(), as the TypeScript bench calls addData() then
processAllAvailable(). Spark therefore runs the same data batches, plus the no-data batches its
watermark asks for in between, as Rivulet does (24, 20, 20 and 10 batches on both). Parquet is the cheapest input Spark reads (columnar,
vectorized); what the source costs is measured apart, by a stateless pass over the same files
(the source read into the noop sink). With two sources (the join), the query may list one
directory before and the other after a batch's two files appear; such a run is detected from the
per-source row counts of its progress reports and run again.

Timed: writeStream.start() to stop() and the count of the memory sink's table, with a checkpoint
on local disk (the default HDFS-backed state store) and the memory sink, like the TypeScript bench.
JVM start-up and the first (warm-up) run of each workload are not timed. CPU time is the JVM
process's (all threads, from /proc) plus this Python process's.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType, TimestampType

ARROW_TYPES = {'string': pa.string(), 'int': pa.int32(), 'long': pa.int64(), 'timestamp': pa.int64()}
SPARK_TYPES = {'string': StringType, 'int': IntegerType, 'long': LongType, 'timestamp': TimestampType}


def log(message):
    print(f'[spark bench] {message}', file=sys.stderr, flush=True)


def stage_parquet(inputs, workload):
    """CSV batches -> one Parquet file per batch and stream (timestamps as UTC microseconds)."""
    for stream in workload['streams']:
        stream['parquet'] = []
        types = {c['name']: ARROW_TYPES[c['type']] for c in stream['columns']}
        for b, csv_file in enumerate(stream['files']):
            table = pa_csv.read_csv(
                os.path.join(inputs, csv_file),
                convert_options=pa_csv.ConvertOptions(column_types=types, strings_can_be_null=False),
            )
            for i, column in enumerate(stream['columns']):
                if column['type'] == 'timestamp':
                    millis = table.column(i).cast(pa.timestamp('ms', tz='UTC'))
                    table = table.set_column(i, column['name'], millis.cast(pa.timestamp('us', tz='UTC')))
            if table.num_rows * workload['batches'] != stream['rows']:
                raise SystemExit(f"{workload['name']}: batch {b} of {stream['name']} has {table.num_rows} rows")
            target = os.path.join(inputs, f"{csv_file[:-4]}.parquet")
            pq.write_table(table, target, compression='snappy')
            stream['parquet'].append(target)


def spark_schema(stream):
    return StructType([StructField(c['name'], SPARK_TYPES[c['type']](), True) for c in stream['columns']])


def build_query(name, sources):
    """The same queries as scripts/bench-stateful-workloads.ts, returning (DataFrame, output mode)."""
    if name == 'word count':
        (lines,) = sources
        return lines.select(F.explode(F.split(F.col('value'), ' ')).alias('word')).groupBy('word').count(), 'complete'
    if name == 'windowed sum':
        (rows,) = sources
        windowed = rows.withWatermark('ts', '10 seconds').groupBy(F.window(F.col('ts'), '1 minute', '10 seconds'), F.col('key'))
        return windowed.agg(F.sum('value').alias('total')), 'append'
    if name == 'stream join':
        impressions, clicks = sources
        condition = F.expr('clickAdId = adId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 20 seconds')
        joined = impressions.withWatermark('impressionTime', '10 seconds').join(clicks.withWatermark('clickTime', '10 seconds'), condition, 'inner')
        return joined, 'append'
    if name == 'dropDuplicates':
        (events,) = sources
        return events.withWatermark('ts', '10 seconds').dropDuplicates(['id', 'ts']), 'append'
    raise SystemExit(f'unknown workload {name!r}')


class JvmCpu:
    """CPU time of the JVM that PySpark started (utime + stime of all its threads, from /proc)."""

    def __init__(self, spark):
        self.pid = spark.sparkContext._gateway.proc.pid
        self.tick = os.sysconf('SC_CLK_TCK')

    def ms(self):
        with open(f'/proc/{self.pid}/stat') as stat:
            fields = stat.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / self.tick + time.process_time() * 1000


def breakdown(progress):
    """Where the batches' time went, summed over the run's progress reports (ms)."""
    totals = {}
    for p in progress:
        for key, ms in (p.durationMs or {}).items():
            totals[key] = totals.get(key, 0) + ms
        for operator in p.stateOperators:
            for key in ('allUpdatesTimeMs', 'allRemovalsTimeMs', 'commitTimeMs'):
                name = f'state.{key}'
                totals[name] = totals.get(name, 0) + getattr(operator, key)
    return totals


def run_once(spark, cpu, workload, stateless, scratch):
    """One timed run: returns wall ms, CPU ms, output rows, batches run, whether batches lined up."""
    work = tempfile.mkdtemp(prefix='run-', dir=scratch)
    try:
        sources, directories = [], []
        for stream in workload['streams']:
            directory = os.path.join(work, stream['name'])
            os.mkdir(directory)
            directories.append(directory)
            sources.append(spark.readStream.schema(spark_schema(stream)).parquet(directory))
        if stateless:
            # The source's own cost: the same files read by a query that keeps no state.
            df, mode, sink = sources[0], 'append', 'noop'
            for other in sources[1:]:
                df = df.unionByName(other, allowMissingColumns=True)
        else:
            (df, mode), sink = build_query(workload['name'], sources), 'memory'
        table = 'bench_spark'
        writer = df.writeStream.format(sink).outputMode(mode).option('checkpointLocation', os.path.join(work, 'checkpoint'))
        if sink == 'memory':
            writer = writer.queryName(table)
        c0, t0 = cpu.ms(), time.perf_counter()
        query = writer.start()
        for b in range(workload['batches']):
            for stream, directory in zip(workload['streams'], directories):
                # A hard link appears whole: the file source never lists a half-written file.
                os.link(stream['parquet'][b], os.path.join(directory, f'part-{b:05d}.parquet'))
            query.processAllAvailable()
        progress = query.recentProgress
        query.stop()
        rows = spark.table(table).count() if sink == 'memory' else None
        wall, cpu_ms = (time.perf_counter() - t0) * 1000, cpu.ms() - c0
        if sink == 'memory':
            spark.catalog.dropTempView(table)
        per_batch = [s['rows'] // workload['batches'] for s in workload['streams']]
        fed = [[s.numInputRows for s in p.sources] for p in progress if p.numInputRows > 0]
        aligned = len(fed) == workload['batches'] and all(counts == per_batch for counts in fed)
        batches = progress[-1].batchId + 1 if progress else 0
        return wall, cpu_ms, rows, batches, aligned, breakdown(progress)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(spark, cpu, workload, partitions, rounds, stateless, scratch, warm_up):
    spark.conf.set('spark.sql.shuffle.partitions', str(partitions))
    walls, cpus, rows, batches, retries, parts = [], [], None, None, 0, []
    for round_ in range(-1 if warm_up else 0, rounds):  # round -1 warms the JVM up and is not timed
        while True:
            wall, cpu_ms, rows, batches, aligned, part = run_once(spark, cpu, workload, stateless, scratch)
            if aligned:
                break
            retries += 1
            if retries > 5:
                raise SystemExit(f"{workload['name']}: the sources kept splitting batches")
            log(f"{workload['name']}: a batch's files were split between two batches; run again")
        if round_ >= 0:
            walls.append(wall)
            cpus.append(cpu_ms)
            parts.append(part)
        label = 'source only' if stateless else f'{partitions} partitions'
        log(f"{workload['name']}, {label}, round {round_ if round_ >= 0 else 'warm-up'}: {wall:.0f} ms (CPU {cpu_ms:.0f} ms), {rows} rows out, {batches} batches")
    return {
        'partitions': partitions,
        'wallMs': walls,
        'cpuMs': cpus,
        'medianWallMs': statistics.median(walls),
        'medianCpuMs': statistics.median(cpus),
        'outputRows': rows,
        'batchesRun': batches,
        'rerunsForSplitBatches': retries,
        'durationMs': parts[walls.index(statistics.median_low(walls))],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('inputs', help='directory with manifest.json and the CSV batches')
    parser.add_argument('--partitions', default='200', help='comma-separated values of spark.sql.shuffle.partitions')
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--only', default='', help='run the workloads whose name contains this')
    parser.add_argument('--master', default='local[2]')
    parser.add_argument('--out', required=True)
    args = parser.parse_args()

    with open(os.path.join(args.inputs, 'manifest.json')) as f:
        manifest = json.load(f)
    workloads = [w for w in manifest['workloads'] if args.only in w['name']]
    for workload in workloads:
        stage_parquet(args.inputs, workload)

    spark = (
        SparkSession.builder.master(args.master)
        .appName('rivulet-bench-stateful')
        .config('spark.ui.enabled', 'false')
        .config('spark.ui.showConsoleProgress', 'false')
        .config('spark.driver.memory', '2g')
        .config('spark.sql.session.timeZone', 'UTC')
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel('ERROR')
    cpu = JvmCpu(spark)
    scratch = tempfile.mkdtemp(prefix='spark-runs-', dir=args.inputs)
    results = []
    try:
        for workload in workloads:
            settings = [int(p) for p in args.partitions.split(',')]
            # The warm-up run (JIT, class loading) uses the cheapest setting: a run with 200
            # partitions takes minutes on 2 cores, and the code it warms is the same.
            cheapest = min(settings)
            runs = {p: measure(spark, cpu, workload, p, args.rounds, False, scratch, p == cheapest) for p in sorted(settings)}
            runs = [runs[p] for p in settings]
            source = measure(spark, cpu, workload, 1, args.rounds, True, scratch, True)
            results.append({'name': workload['name'], 'runs': runs, 'sourceOnly': source})
        jvm = spark.sparkContext._jvm.java.lang.System
        out = {
            'spark': spark.version,
            'master': args.master,
            'java': jvm.getProperty('java.version'),
            'python': sys.version.split()[0],
            'rounds': args.rounds,
            'workloads': results,
        }
    finally:
        spark.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    with open(args.out, 'w') as f:
        json.dump(out, f, indent=2)


if __name__ == '__main__':
    main()
