// Subtotals of a stream with DataFrame.rollup, as PySpark's `df.rollup(...)`: a folder of JSON sales
// files read one file per batch, totals per (region, product), per region and overall in each
// batch (update mode prints only the groups the batch changed; grouping_id() tells the levels
// apart: 0 = region and product, 1 = region subtotal, 3 = grand total).
//
//   npx tsx examples/sales-rollup.ts                    # creates its own input folder
//   npx tsx examples/sales-rollup.ts --dir /tmp/sales   # input/ and checkpoint/ under it
//
// cube('region', 'product') would add the per-product totals, and
// groupingSets([['region'], ['product']], 'region', 'product') picks the levels by hand.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import minimist from 'minimist';
import { StreamSession } from 'rivulet';
import { grouping_id, sum } from 'rivulet/functions';

const SALES = [
  ['sales-1.json', [{ region: 'east', product: 'tea', amount: 10 }, { region: 'east', product: 'milk', amount: 5 }]],
  ['sales-2.json', [{ region: 'west', product: 'tea', amount: 7 }, { region: 'east', product: 'tea', amount: 3 }]],
] as const;

function createInput(input: string): void {
  fs.mkdirSync(input, { recursive: true });
  for (const [name, rows] of SALES) {
    const file = path.join(input, name);
    if (fs.existsSync(file)) continue;
    // Files must appear atomically: write elsewhere, then rename into the folder.
    const temp = path.join(input, `.${name}.tmp`);
    fs.writeFileSync(temp, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    fs.renameSync(temp, file);
  }
}

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['dir'] });
  const dir = args.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-sales-rollup-'));
  createInput(path.join(dir, 'input'));

  const spark = StreamSession.builder().appName('sales-rollup').getOrCreate();
  spark.sparkContext.setLogLevel('WARN');
  const sales = spark.readStream.schema('region STRING, product STRING, amount INT').option('maxFilesPerTrigger', 1).json(path.join(dir, 'input'));
  const totals = sales.rollup('region', 'product').agg(sum('amount').alias('total'), grouping_id().alias('level'));
  const query = totals.writeStream.format('console').outputMode('update')
    .option('checkpointLocation', path.join(dir, 'checkpoint')).trigger({ availableNow: true }).start();
  await query.awaitTermination();
  await spark.stop();
}

void main();
