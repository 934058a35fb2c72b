"""Records the Spark Connect plans PySpark's own Connect client builds for the programs below into
__tests__/connect/fixtures/pyspark-plans.json (the golden check of __tests__/connect/pyspark-golden.test.ts
builds the same programs with Rivulet). PySpark builds the protobuf client-side; a server is only
needed for the session handshake. Run with a Spark Connect server up:
  scripts/spark/connect-server.sh start 15302
  .venv-spark/bin/python scripts/connect/record-pyspark-plans.py sc://127.0.0.1:15302"""
import json, os, sys
from google.protobuf.json_format import MessageToDict
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StructType, StructField, IntegerType, StringType
import datetime, decimal

spark = SparkSession.builder.remote(sys.argv[1] if len(sys.argv) > 1 else 'sc://127.0.0.1:15002').getOrCreate()
spark.conf.set('spark.sql.session.timeZone', 'UTC')
client = spark.client

def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k != 'common'}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o

def rel(df):
    return strip(MessageToDict(df._plan.to_proto(client).root))

rate = lambda: spark.readStream.format('rate').option('rowsPerSecond', 5).load()
programs = {
    'select-filter': lambda: rel(spark.range(10).select((F.col('id') + 1).alias('x'), F.upper(F.lit('a'))).filter(F.col('id') > 3)),
    'literals-and-functions': lambda: rel(spark.range(3).select(
        F.when(F.col('id') == 1, 'one').otherwise('other').alias('w'), F.col('id').cast('string'), F.lit(2.5), F.lit(True), F.lit(None),
        F.col('id').isin(1, 2), (F.col('id') != 2).alias('ne'), F.col('id').isNull(), F.coalesce(F.col('id'), F.lit(0)))),
    'expression-strings': lambda: rel(spark.readStream.format('json').schema('id INT, name STRING').load('/tmp/in').selectExpr('id', 'upper(name) AS n').where('id > 1')),
    'windowed-count-with-watermark': lambda: rel(rate().withWatermark('timestamp', '10 seconds').groupBy(F.window(F.col('timestamp'), '10 seconds'), (F.col('value') % 2).alias('parity')).count()),
    'join-sort': lambda: rel(spark.range(5).join(spark.range(3), 'id', 'left').orderBy(F.col('id').desc())),
    'union-distinct-limit': lambda: rel(spark.range(5).union(spark.range(3)).distinct().limit(2)),
    'dedup-within-watermark': lambda: rel(rate().withWatermark('timestamp', '5 seconds').dropDuplicatesWithinWatermark(['value'])),
    'agg-functions': lambda: rel(spark.range(5).groupBy((F.col('id') % 2).alias('k')).agg(F.sum('id').alias('s'), F.countDistinct('id'), F.max(F.col('id')))),
    'with-columns': lambda: rel(spark.range(2).withColumn('y', F.col('id') * 2).withColumnRenamed('id', 'x').drop('y')),
    'na-fill-drop': lambda: rel(spark.range(3).na.fill(0, ['id']).na.fill({'id': 1.5}).na.drop('all').dropna(thresh=2, subset=['id'])),
    'na-replace': lambda: rel(spark.range(3).na.replace(1, 2).replace([1.5, 2], [2.5, None], 'id').replace({'a': 'b', 'c': None}, subset=['x', 'y']).replace(True, False).na.replace([], [])),
    'describe-summary': lambda: rel(spark.range(3).describe(['id']).summary('count', '50%')),
    'to-json': lambda: rel(spark.range(2).toJSON()),
    'repartition-by-range': lambda: rel(spark.range(5).repartitionByRange(2, 'id', F.col('id').desc()).repartitionByRange(F.col('id'))),
    'pivot-without-values': lambda: rel(spark.range(6).groupBy((F.col('id') % 2).alias('k')).pivot('id').sum('id')),
    'pivot-with-values': lambda: rel(spark.range(6).groupBy('id').pivot('id', ['a', 1, 2.5, True, 2**40]).agg(F.count('id').alias('n'), F.max('id'))),
    'unpivot': lambda: rel(spark.range(3).unpivot('id', ['id', F.col('id') + 1], 'var', 'val').unpivot(F.col('id'), 'val', 'v', 'x')),
    'melt-values-none': lambda: rel(spark.range(3).melt(['id', F.col('id').alias('x')], None, 'var', 'val')),
    # createDataFrame: a LocalRelation with the rows as one Arrow IPC stream (kept as base64 bytes; the
    # test decodes PySpark's and Rivulet's streams and compares their Arrow schemas and values).
    'create-data-frame-every-type': lambda: rel(spark.createDataFrame([
        (1, 2, 3, 2**62, 1.25, 2.5, decimal.Decimal('-12345678901234567890.0123456789'), 'h\u00e9llo', bytearray(b'\x01\xff'), True,
         datetime.date(2024, 5, 1), datetime.datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=datetime.timezone.utc), datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
         [1, None, 3], {'a': [1, 2], 'b': None}, (1, ('z',)), datetime.timedelta(days=1, microseconds=5), None),
        (None,) * 18],
        'i INT, b TINYINT, sh SMALLINT, l BIGINT, f FLOAT, d DOUBLE, dec DECIMAL(38,10), s STRING, bin BINARY, bool BOOLEAN, dt DATE, ts TIMESTAMP, '
        'ntz TIMESTAMP_NTZ, arr ARRAY<INT>, m MAP<STRING,ARRAY<BIGINT>>, st STRUCT<a: INT, b: STRUCT<c: STRING>>, dti INTERVAL DAY TO SECOND, n STRING')),
    'create-data-frame-column-names': lambda: rel(spark.createDataFrame([(1, 'a'), (2, 'b')], ['x', 'y'])),
    'create-data-frame-not-null': lambda: rel(spark.createDataFrame([(1, 'a')], 'x INT NOT NULL, y STRING')),
    'create-data-frame-inferred': lambda: rel(spark.createDataFrame([{'x': 1, 'y': 'a', 'z': 1.5}])),
    'create-data-frame-empty': lambda: rel(spark.createDataFrame([], 'x INT, y STRING')),
    'stream-file-source-options': lambda: rel(spark.readStream.format('csv').option('header', True).option('maxFilesPerTrigger', 1).schema(StructType([StructField('a', IntegerType()), StructField('b', StringType())])).load('/tmp/csv')),
}

out = {name: f() for name, f in programs.items()}

# writeStream: the command start() sends (PySpark fills the proto, then executes it).
w = rate().writeStream.format('memory').queryName('q').outputMode('append').trigger(processingTime='1 second').option('checkpointLocation', '/tmp/cp')
w._write_proto.input.CopyFrom(rate()._plan.plan(client))
out['write-stream-memory'] = strip(MessageToDict(w._write_proto))
w2 = rate().writeStream.format('parquet').partitionBy('value').trigger(availableNow=True).option('checkpointLocation', '/tmp/cp2')
w2._write_proto.input.CopyFrom(rate()._plan.plan(client))
w2._write_proto.path = '/tmp/out'
out['write-stream-parquet-available-now'] = strip(MessageToDict(w2._write_proto))

path = os.path.join(os.path.dirname(__file__), '..', '..', '__tests__', 'connect', 'fixtures', 'pyspark-plans.json')
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, 'w') as fh:
    json.dump(out, fh, indent=2, sort_keys=True)
    fh.write('\n')
print('wrote', os.path.relpath(path), len(out), 'plans')
spark.stop()
