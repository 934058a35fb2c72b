// A stream written to a warehouse table, read back by a batch query: writeStream.toTable appends
// each micro-batch to `events` (Parquet files under spark.sql.warehouse.dir), then a new session
// (as the next program would) reads the table with spark.table and pivots it.
//
//   npx tsx examples/stream-to-table.ts --warehouse /tmp/rivulet-warehouse --batches 3
//
// The source is rate-micro-batch (5 rows per batch, deterministic per batch id).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import minimist from 'minimist';
import { StreamSession } from 'rivulet';
import { col } from 'rivulet/functions';

export async function main(argv: string[]): Promise<string> {
  const args = minimist(argv, { string: ['warehouse'], default: { batches: 3 } });
  const warehouse: string = path.resolve(args.warehouse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-warehouse-')));
  const batches = Number(args.batches);
  const conf = { 'spark.sql.session.timeZone': 'UTC', 'spark.sql.warehouse.dir': warehouse };

  const writer = new StreamSession(conf);
  const events = writer.readStream
    .format('rate-micro-batch')
    .option('rowsPerBatch', 5)
    .option('startTimestamp', 0)
    .option('advanceMillisPerBatch', 1000)
    .load()
    .select(col('value'), col('value').mod(3).alias('bucket'), col('value').mod(2).eqNullSafe(0).alias('even'));
  const query = events.writeStream
    .option('checkpointLocation', path.join(warehouse, '_checkpoints', 'events'))
    .trigger({ availableNow: true })
    .toTable('events');
  for (let i = 0; i < batches && query.isActive; i++) await query.processAllAvailable();
  await query.stop();
  await writer.stop();

  // The next program: a new session over the same warehouse.
  const reader = new StreamSession(conf);
  process.stdout.write(`tables: ${reader.catalog.listTables().map((t) => t.name).join(', ')}\n`);
  reader.table('events').groupBy('bucket').pivot('even', [true, false]).count().orderBy('bucket').show();
  await reader.stop();
  return warehouse;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
