// examples/sales-rollup.ts runs on its own (child process via tsx): two JSON files, one per batch,
// rolled up by region and product in update mode; the console shows the groups each batch changed
// at every level (the row order is Spark's, as the oracle scenario aggregations/rollup-streaming-update
// checks against PySpark).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const EXAMPLE = path.join(ROOT, 'examples/sales-rollup.ts');

describe('examples/sales-rollup.ts', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-rollup-example-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('prints each batch’s changed totals per product, per region and overall; a second run has nothing new', async () => {
    const first = await run(TSX, [EXAMPLE, '--dir', dir], { cwd: ROOT, timeout: 60_000 });
    const header = ['+------+-------+-----+-----+', '|region|product|total|level|', '+------+-------+-----+-----+'];
    const batch = (n: number, rows: string[]) => ['-------------------------------------------', `Batch: ${n}`, '-------------------------------------------', ...header, ...rows, header[0], '', ''].join('\n');
    expect(first.stdout).toBe(
      batch(0, ['|  east|   milk|    5|    0|', '|  east|    tea|   10|    0|', '|  NULL|   NULL|   15|    3|', '|  east|   NULL|   15|    1|']) +
        batch(1, ['|  east|    tea|   13|    0|', '|  NULL|   NULL|   25|    3|', '|  east|   NULL|   18|    1|', '|  west|    tea|    7|    0|', '|  west|   NULL|    7|    1|']),
    );
    const second = await run(TSX, [EXAMPLE, '--dir', dir], { cwd: ROOT, timeout: 60_000 });
    expect(second.stdout).toBe('');
  }, 120_000);
});
