import { SparkSession, type DataFrame } from 'rivulet';
import { StructType, StructField, StringType, LongType, IntegerType, ArrayType, MapType, DoubleType, DateType, ByteType } from 'rivulet/types';
import { record_batch } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('to-schema').getOrCreate();
  const df = spark.createDataFrame([['a', 1, [2, 'x'], [1, 2], { k: 1 }]], 'i STRING, j INT, s STRUCT<a: INT, b: STRING>, arr ARRAY<INT>, m MAP<STRING, INT>');

  const run = (name: string, schema: StructType, d: DataFrame = df) => {
    console.log('-- ' + name);
    try {
      const r = d.to(schema);
      r.printSchema();
      r.show(20, false);
    } catch (e) {
      const err = e as { getCondition(): string; message: string };
      console.log(err.getCondition(), err.message.trim().split('\n')[0].split(' SQLSTATE')[0]);
    }
  };

  run('reorder and cast', StructType([StructField('j', StringType()), StructField('i', StringType())]));
  run('widen', StructType([StructField('j', LongType()), StructField('arr', ArrayType(LongType()))]));
  run('struct fields reordered', StructType([StructField('s', StructType([StructField('b', StringType()), StructField('a', LongType())]))]));
  run('map values cast', StructType([StructField('m', MapType(StringType(), DoubleType()))]));
  run('missing nullable column', StructType([StructField('i', StringType()), StructField('z', IntegerType())]));
  run('missing non-nullable column', StructType([StructField('z', IntegerType(), false)]));
  run('nullable to non-nullable', StructType([StructField('j', IntegerType(), false)]));
  run('string to int', StructType([StructField('i', IntegerType())]));
  run('names ignore case', StructType([StructField('J', IntegerType())]));
  run('missing struct field', StructType([StructField('s', StructType([StructField('c', IntegerType(), false)]))]));
  run('array of non-null elements', StructType([StructField('arr', ArrayType(IntegerType(), false))]));
  run('int to date', StructType([StructField('j', DateType())]));
  run('overflow', StructType([StructField('j', ByteType())]), spark.createDataFrame([[1000]], 'j INT'));
  run('ambiguous', StructType([StructField('a', IntegerType())]), spark.sql('SELECT 1 AS a, 2 AS A'));
  const stream = spark.readStream.schema('name STRING, qty INT, extra BOOLEAN').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const shaped = stream.to(StructType([StructField('qty', LongType()), StructField('name', StringType()), StructField('note', StringType())]));
  const query = shaped.writeStream.foreachBatch(record_batch).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
