import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-headers').getOrCreate();
  const rate = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 2)
    .option('numPartitions', 1).option('startTimestamp', 0).load();
  const out = rate.selectExpr('CAST(value AS STRING) AS value',
    "array(named_struct('key', 'source', 'value', CAST('rate' AS BINARY)), named_struct('key', 'n', 'value', CAST(CAST(value AS STRING) AS BINARY))) AS headers");
  const w = out.writeStream.format('kafka').option('kafka.bootstrap.servers', kafka!).option('topic', 'oracle-a-hdr')
    .option('checkpointLocation', dir + '/chk').trigger({ availableNow: true }).start();
  await w.awaitTermination();
  const back = spark.readStream.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-a-hdr')
    .option('startingOffsets', 'earliest').option('includeHeaders', 'true').load();
  const r = back.selectExpr('CAST(value AS STRING) AS value', 'headers', 'transform(headers, h -> CAST(h.value AS STRING)) AS header_values')
    .writeStream.format('console').option('truncate', false).trigger({ availableNow: true }).start();
  await r.awaitTermination();
}
