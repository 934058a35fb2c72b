// Our own SQL golden files, in Spark's SQLQueryTestSuite format: each inputs/X.sql runs through
// spark.sql and must match results/X.sql.out block by block. RIVULET_GENERATE_GOLDEN=1 rewrites
// the .out files (review the diff before committing, as Spark's developers do).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StreamSession } from 'rivulet';
import { parseGoldenInput, parseGoldenOutput, renderGoldenOutput } from '../../lib/testing/golden/golden-file';
import { runGoldenQuery } from '../../lib/testing/golden/golden-runner';

const INPUTS = path.join(__dirname, 'inputs');
const RESULTS = path.join(__dirname, 'results');
const generate = process.env.RIVULET_GENERATE_GOLDEN === '1';

const files = fs.readdirSync(INPUTS).filter((f) => f.endsWith('.sql')).sort();

describe.each(files)('%s', (file) => {
  test('matches its golden output', () => {
    const input = parseGoldenInput(fs.readFileSync(path.join(INPUTS, file), 'utf8'), (name) => fs.readFileSync(path.join(INPUTS, name), 'utf8'));
    // The environment Spark's suite assumes: ANSI on, Los Angeles time, 4 shuffle partitions.
    const spark = new StreamSession({ 'spark.sql.session.timeZone': 'America/Los_Angeles', 'spark.sql.shuffle.partitions': '4', 'spark.sql.ansi.enabled': 'true' });
    for (const [k, v] of input.settings) spark.conf.set(k, v);
    const blocks = input.queries.map((q) => runGoldenQuery(spark, q));
    const outFile = path.join(RESULTS, `${file}.out`);
    if (generate) {
      fs.writeFileSync(outFile, renderGoldenOutput(blocks));
      return;
    }
    const expected = parseGoldenOutput(fs.readFileSync(outFile, 'utf8'));
    expect(blocks.map((b) => b.sql)).toEqual(expected.map((b) => b.sql));
    for (let i = 0; i < expected.length; i++) {
      expect({ sql: blocks[i].sql, schema: blocks[i].schema, output: blocks[i].output }).toEqual(expected[i]);
    }
  });
});
