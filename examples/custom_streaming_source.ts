// A streaming source and sink of your own with the Data Source API (PySpark's
// pyspark.sql.datasource): a "sensor" source whose readings are numbered 0, 1, 2..., read at most
// `maxRowsPerBatch` per micro-batch (admission control), and a sink that commits each batch.
//
//   npx tsx examples/custom_streaming_source.ts                       # 10 readings, 4 per batch
//   npx tsx examples/custom_streaming_source.ts --readings 25 --max 10
//   npx tsx examples/custom_streaming_source.ts --checkpoint /tmp/cp  # run twice: resumes
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import minimist from 'minimist';
import {
  DataSource,
  DataSourceStreamReader,
  DataSourceStreamWriter,
  InputPartition,
  ReadAllAvailable,
  ReadMaxRows,
  SparkSession,
  WriterCommitMessage,
  type DataSourceOffset,
  type ReadLimit,
  type Row,
  type StructType,
} from 'rivulet';
import { col } from 'rivulet/functions';

/** One reading per offset: deterministic, so a range re-read after a restart gives the same rows. */
function reading(i: number): [number, string, number] {
  return [i, `sensor-${i % 3}`, Math.round(200 + 50 * Math.sin(i)) / 10];
}

class SensorStreamReader extends DataSourceStreamReader {
  constructor(
    private readonly available: number,
    private readonly maxRows: number | undefined,
  ) {
    super();
  }

  override initialOffset(): DataSourceOffset {
    return { reading: 0 };
  }

  /** Admission control: never past `start + max_rows` when the engine passes ReadMaxRows. */
  override latestOffset(start: DataSourceOffset, limit: ReadLimit): DataSourceOffset {
    const from = start.reading as number;
    const end = limit instanceof ReadMaxRows ? Math.min(from + limit.max_rows, this.available) : this.available;
    return { reading: end };
  }

  override getDefaultReadLimit(): ReadLimit {
    return this.maxRows === undefined ? new ReadAllAvailable() : new ReadMaxRows(this.maxRows);
  }

  /** The newest offset regardless of limits: progress shows it as the source's latestOffset. */
  override reportLatestOffset(): DataSourceOffset {
    return { reading: this.available };
  }

  /** Two partitions per batch: even and odd readings. */
  override partitions(start: DataSourceOffset, end: DataSourceOffset): InputPartition[] {
    return [0, 1].map((parity) => new InputPartition({ from: start.reading, to: end.reading, parity }));
  }

  override *read(partition: InputPartition): Iterator<unknown> {
    const { from, to, parity } = partition.value as { from: number; to: number; parity: number };
    for (let i = from; i < to; i++) if (i % 2 === parity) yield reading(i);
  }
}

class SensorSource extends DataSource {
  static override name(): string {
    return 'sensors';
  }

  override schema(): string {
    return 'id INT, sensor STRING, celsius DOUBLE';
  }

  override streamReader(_schema: StructType): DataSourceStreamReader {
    const max = this.options.maxRowsPerBatch;
    return new SensorStreamReader(Number(this.options.readings ?? '10'), max === undefined ? undefined : Number(max));
  }
}

class CountMessage extends WriterCommitMessage {
  constructor(readonly ids: number[], readonly hottest: string) {
    super();
  }
}

/** Prints nothing until commit: a batch is shown once its write succeeded. */
class PrintingWriter extends DataSourceStreamWriter {
  write(iterator: Iterator<Row>): WriterCommitMessage {
    const ids: number[] = [];
    let hottest: Row | undefined;
    for (let r = iterator.next(); !r.done; r = iterator.next()) {
      ids.push(r.value.id as number);
      if (hottest === undefined || (r.value.celsius as number) > (hottest.celsius as number)) hottest = r.value;
    }
    return new CountMessage(ids.sort((a, b) => a - b), hottest === undefined ? '-' : `${hottest.sensor} ${hottest.celsius}°C`);
  }

  override commit(messages: (WriterCommitMessage | null)[], batchId: number): void {
    for (const m of messages) if (m instanceof CountMessage) console.log(`batch ${batchId}: readings ${m.ids.join(',') || '-'}; hottest ${m.hottest}`);
  }
}

class PrintingSink extends DataSource {
  static override name(): string {
    return 'printing';
  }

  override streamWriter(_schema: StructType, _overwrite: boolean): DataSourceStreamWriter {
    return new PrintingWriter();
  }
}

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { default: { readings: 10, max: 4 }, string: ['checkpoint'] });
  const spark = SparkSession.builder.appName('custom-streaming-source').getOrCreate();
  spark.sparkContext.setLogLevel('ERROR');
  spark.dataSource.register(SensorSource);
  spark.dataSource.register(PrintingSink);

  const readings = spark.readStream.format('sensors').option('readings', args.readings).option('maxRowsPerBatch', args.max).load();
  const query = readings
    .where(col('celsius').gt(0))
    .writeStream.format('printing')
    .option('checkpointLocation', args.checkpoint ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sensors-cp-')))
    .start();
  await query.processAllAvailable(); // every reading available now, at most --max per batch
  console.log(`latest offset ${query.lastProgress?.sources[0].latestOffset}, end offset ${query.lastProgress?.sources[0].endOffset}`);
  await query.stop();
  await spark.stop();
}

void main();
