// Golden check: the Spark Connect plans Rivulet's remote mode builds equal the ones PySpark's own
// Connect client builds for the same programs (recorded by scripts/connect/record-pyspark-plans.py
// into fixtures/pyspark-plans.json). Plan ids and call-site origins are left out on both sides.
// No server is needed: plans are built client-side.
import { create, toJson } from '@bufbuild/protobuf';
import { RelationSchema } from '../../lib/connect/gen/spark/connect/relations_pb';
import { WriteStreamOperationStartSchema } from '../../lib/connect/gen/spark/connect/commands_pb';
import { RemoteSession } from '../../lib/connect/remote-session';
import type { RemoteDataFrame } from '../../lib/connect/remote-data-frame';
import { col, lit, upper, when, coalesce, window, sum, countDistinct, max } from '../../lib/functions';
import { StructType, StructField } from '../../lib/types/struct-type';
import { IntegerType, StringType } from '../../lib/types/data-types';
import fixtures from './fixtures/pyspark-plans.json';

// Port 9 (discard) refuses connections: nothing here talks to a server.
const spark = new RemoteSession('sc://127.0.0.1:9');
afterAll(() => spark.stop().catch(() => undefined));

/** Plan ids and origins out; a JSON schema string compared as JSON (PySpark sorts its keys, Spark's order differs). */
function strip(o: unknown): unknown {
  if (typeof o === 'string' && o.startsWith('{"')) return JSON.parse(o) as unknown;
  if (Array.isArray(o)) return o.map(strip);
  if (o && typeof o === 'object') return Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'common').map(([k, v]) => [k, strip(v)]));
  return o;
}

function rel(df: RemoteDataFrame): unknown {
  return strip(toJson(RelationSchema, create(RelationSchema, df.relation)));
}

const rate = () => spark.readStream.format('rate').option('rowsPerSecond', 5).load();

const programs: Record<string, () => unknown> = {
  'select-filter': () => rel(spark.range(10).select(col('id').plus(1).alias('x'), upper(lit('a'))).filter(col('id').gt(3))),
  'literals-and-functions': () =>
    rel(
      spark.range(3).select(
        when(col('id').eq(1), 'one').otherwise('other').alias('w'),
        col('id').cast('string'),
        lit(2.5),
        lit(true),
        lit(null),
        col('id').isin(1, 2),
        col('id').ne(2).alias('ne'),
        col('id').isNull(),
        coalesce(col('id'), lit(0)),
      ),
    ),
  'expression-strings': () => rel(spark.readStream.format('json').schema('id INT, name STRING').load('/tmp/in').selectExpr('id', 'upper(name) AS n').where('id > 1')),
  'windowed-count-with-watermark': () => rel(rate().withWatermark('timestamp', '10 seconds').groupBy(window(col('timestamp'), '10 seconds'), col('value').mod(2).alias('parity')).count()),
  'join-sort': () => rel(spark.range(5).join(spark.range(3), 'id', 'left').orderBy(col('id').desc())),
  'union-distinct-limit': () => rel(spark.range(5).union(spark.range(3)).distinct().limit(2)),
  'dedup-within-watermark': () => rel(rate().withWatermark('timestamp', '5 seconds').dropDuplicatesWithinWatermark(['value'])),
  'agg-functions': () => rel(spark.range(5).groupBy(col('id').mod(2).alias('k')).agg(sum('id').alias('s'), countDistinct('id'), max(col('id')))),
  'with-columns': () => rel(spark.range(2).withColumn('y', col('id').multiply(2)).withColumnRenamed('id', 'x').drop('y')),
  'na-fill-drop': () => rel(spark.range(3).na.fill(0, ['id']).na.fill({ id: 1.5 }).na.drop('all').dropna(null, 2, ['id'])),
  'describe-summary': () => rel(spark.range(3).describe(['id']).summary('count', '50%')),
  'to-json': () => rel(spark.range(2).toJSON()),
  'repartition-by-range': () => rel(spark.range(5).repartitionByRange(2, 'id', col('id').desc()).repartitionByRange(col('id'))),
  'stream-file-source-options': () =>
    rel(spark.readStream.format('csv').option('header', true).option('maxFilesPerTrigger', 1).schema(StructType([StructField('a', IntegerType()), StructField('b', StringType())])).load('/tmp/csv')),
  'write-stream-memory': () =>
    strip(toJson(WriteStreamOperationStartSchema, create(WriteStreamOperationStartSchema, rate().writeStream.format('memory').queryName('q').outputMode('append').trigger({ processingTime: '1 second' }).option('checkpointLocation', '/tmp/cp').command()))),
  'write-stream-parquet-available-now': () =>
    strip(
      toJson(
        WriteStreamOperationStartSchema,
        create(WriteStreamOperationStartSchema, rate().writeStream.format('parquet').partitionBy('value').trigger({ availableNow: true }).option('checkpointLocation', '/tmp/cp2').command({ case: 'path', value: '/tmp/out' })),
      ),
    ),
};

test('every recorded PySpark program has a Rivulet counterpart', () => {
  expect(Object.keys(programs).sort()).toEqual(Object.keys(fixtures).sort());
});

test.each(Object.keys(programs))('%s: same plan as PySpark', (name) => {
  expect(programs[name]()).toEqual(strip((fixtures as Record<string, unknown>)[name]));
});
