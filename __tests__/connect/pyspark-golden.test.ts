// Golden check: the Spark Connect plans Rivulet's remote mode builds equal the ones PySpark's own
// Connect client builds for the same programs (recorded by scripts/connect/record-pyspark-plans.py
// into fixtures/pyspark-plans.json). Plan ids and call-site origins are left out on both sides.
// No server is needed: plans are built client-side.
import { create, toJson } from '@bufbuild/protobuf';
import { RelationSchema } from '../../lib/connect/gen/spark/connect/relations_pb';
import { WriteStreamOperationStartSchema } from '../../lib/connect/gen/spark/connect/commands_pb';
import { RemoteSession } from '../../lib/connect/remote-session';
import type { RemoteDataFrame } from '../../lib/connect/remote-data-frame';
import { col, lit, upper, when, coalesce, window, sum, count, countDistinct, max } from '../../lib/functions';
import { StructType, StructField } from '../../lib/types/struct-type';
import { IntegerType, StringType } from '../../lib/types/data-types';
import { Decimal } from '../../lib/types/decimal';
import { PlainDate } from '../../lib/types/plain-date';
import { PlainDateTime } from '../../lib/types/plain-date-time';
import { Timestamp } from '../../lib/types/timestamp-value';
import { rowsFromArrowBatches } from '../../lib/connect/arrow-rows';
import { parseDataTypeJson } from '../../lib/types/data-type-json';
import { tableFromIPC, type Field, type DataType as ArrowType } from 'apache-arrow';
import fixtures from './fixtures/pyspark-plans.json';

// Port 9 (discard) refuses connections: nothing here talks to a server.
const spark = new RemoteSession('sc://127.0.0.1:9');
afterAll(() => spark.stop().catch(() => undefined));

// The session time zone the recorder set (createDataFrame reads it from the server in both clients).
jest.spyOn(spark.conf, 'get').mockImplementation((key: string, dflt?: string | null) => (key === 'spark.sql.session.timeZone' ? 'UTC' : (dflt ?? null)) as string);

/** An Arrow type with its children, nullability and time zone (what the server reads). */
function arrowField(f: Field): unknown {
  const t: ArrowType = f.type;
  return { name: f.name, nullable: f.nullable, type: String(t), children: (t.children ?? []).map(arrowField) };
}

/**
 * A LocalRelation's Arrow IPC stream as its Arrow schema and its values (read by the same decoder for
 * PySpark's bytes and Rivulet's): byte layouts may differ (padding, metadata), what is sent may not.
 */
function arrowData(base64: string, schemaJson: string): unknown {
  const bytes = Buffer.from(base64, 'base64');
  const table = tableFromIPC(bytes);
  const schema = parseDataTypeJson(schemaJson) as StructType;
  const rows = rowsFromArrowBatches(schema, [bytes]);
  const plain = (v: unknown): unknown =>
    typeof v === 'bigint' ? `${v}n` : v instanceof Decimal ? `${v.toString()}BD` : v instanceof Uint8Array ? [...v] : v instanceof Map ? [...v].map(plain) : Array.isArray(v) ? v.map(plain) : v;
  return { arrowSchema: table.schema.fields.map(arrowField), rows: rows.map(plain) };
}

/**
 * Plan ids and origins out (a column's planId, which numbers differ between the clients, only kept as
 * present); a JSON schema string compared as JSON (PySpark sorts its keys, Spark's order differs).
 */
function strip(o: unknown): unknown {
  if (typeof o === 'string' && o.startsWith('{"')) return JSON.parse(o) as unknown;
  if (Array.isArray(o)) return o.map(strip);
  if (o && typeof o === 'object') {
    const local = o as { data?: string; schema?: string };
    const entries = Object.entries(o)
      .filter(([k]) => k !== 'common')
      .map(([k, v]) => [k, k === 'planId' ? 'a plan id' : k === 'data' && typeof v === 'string' && typeof local.schema === 'string' ? arrowData(v, local.schema) : strip(v)]);
    return Object.fromEntries(entries);
  }
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
  'na-replace': () => rel(spark.range(3).na.replace(1, 2).replace([1.5, 2], [2.5, null], 'id').replace({ a: 'b', c: null }, { subset: ['x', 'y'] }).replace(true, false).na.replace([], [])),
  'describe-summary': () => rel(spark.range(3).describe(['id']).summary('count', '50%')),
  'to-json': () => rel(spark.range(2).toJSON()),
  'repartition-by-range': () => rel(spark.range(5).repartitionByRange(2, 'id', col('id').desc()).repartitionByRange(col('id'))),
  'pivot-without-values': () => rel(spark.range(6).groupBy(col('id').mod(2).alias('k')).pivot('id').sum('id')),
  'pivot-with-values': () => rel(spark.range(6).groupBy('id').pivot('id', ['a', 1, 2.5, true, 2 ** 40]).agg(count('id').alias('n'), max('id'))),
  unpivot: () => rel(spark.range(3).unpivot('id', ['id', col('id').plus(1)], 'var', 'val').unpivot(col('id'), 'val', 'v', 'x')),
  'melt-values-none': () => rel(spark.range(3).melt(['id', col('id').alias('x')], null, 'var', 'val')),
  'create-data-frame-every-type': () =>
    rel(
      spark.createDataFrame(
        [
          [1, 2, 3, 2n ** 62n, 1.25, 2.5, Decimal.fromString('-12345678901234567890.0123456789'), 'h\u00e9llo', new Uint8Array([1, 255]), true,
            PlainDate.parse('2024-05-01'), Timestamp.fromEpochMicros(BigInt(Date.UTC(2024, 4, 1, 10)) * 1000n + 123456n), PlainDateTime.parse('2024-01-02T03:04:05.000006'),
            [1, null, 3], new Map([['a', [1n, 2n]], ['b', null]]), [1, ['z']], 86_400_000_005n, null],
          new Array(18).fill(null),
        ],
        'i INT, b TINYINT, sh SMALLINT, l BIGINT, f FLOAT, d DOUBLE, dec DECIMAL(38,10), s STRING, bin BINARY, bool BOOLEAN, dt DATE, ts TIMESTAMP, ' +
          'ntz TIMESTAMP_NTZ, arr ARRAY<INT>, m MAP<STRING,ARRAY<BIGINT>>, st STRUCT<a: INT, b: STRUCT<c: STRING>>, dti INTERVAL DAY TO SECOND, n STRING',
      ),
    ),
  'create-data-frame-column-names': () => rel(spark.createDataFrame([[1, 'a'], [2, 'b']], ['x', 'y'])),
  'create-data-frame-not-null': () => rel(spark.createDataFrame([[1, 'a']], 'x INT NOT NULL, y STRING')),
  'create-data-frame-inferred': () => rel(spark.createDataFrame([{ x: 1, y: 'a', z: 1.5 }])),
  'create-data-frame-empty': () => rel(spark.createDataFrame([], 'x INT, y STRING')),
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
