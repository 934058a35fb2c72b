// The live status line: drawn on stderr only when it is a terminal, off in CI and by
// spark.ui.showConsoleProgress=false; stdout stays byte-identical. The end-to-end cases run a
// query under a pseudo-terminal (util-linux `script`) and with stderr piped.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { availableNowBar, ConsoleProgressLine, type StatusStream } from '../../lib/api/console-progress-line';
import { IntegerType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { QueryProgressEvent, QueryTerminatedEvent } from '../../lib/api/streaming-query-listener';
import { StreamingQueryProgress } from '../../lib/streaming/progress';

const ROOT = path.resolve(__dirname, '../..');

function progress(id: string, name: string | null, batchId: number, stateRows: number | null, watermark?: string): QueryProgressEvent {
  const state = stateRows === null ? [] : [{ operatorName: 'stateStoreSave', numRowsTotal: stateRows, numRowsUpdated: 0, allUpdatesTimeMs: 0, numRowsRemoved: 0, allRemovalsTimeMs: 0, commitTimeMs: 0, memoryUsedBytes: 0, numRowsDroppedByWatermark: 0, numShufflePartitions: 1, numStateStoreInstances: 1 }];
  const source = { description: 'MemoryStream[value#0]', startOffset: null, endOffset: 1, latestOffset: null, numInputRows: 30, inputRowsPerSecond: 15, processedRowsPerSecond: 1500 };
  return new QueryProgressEvent(new StreamingQueryProgress(id, 'run', name, '2026-01-01T00:00:00.000Z', batchId, 20, { triggerExecution: 20 }, watermark ? { watermark } : {}, state, [source], { description: 'sink', numOutputRows: 1 }));
}

class FakeTerminal implements StatusStream {
  text = '';
  constructor(readonly isTTY: boolean, readonly columns = 200) {}
  write(t: string): boolean {
    this.text += t;
    return true;
  }
}

test('one line per query with name, batch, rates, duration, watermark and state rows; redrawn in place', () => {
  const term = new FakeTerminal(true);
  const line = new ConsoleProgressLine(term, () => undefined, {});
  line.onProgress(progress('id-1', 'words', 0, 2));
  expect(term.text).toBe('\r\x1b[2K[words] | batch 0 | in 15.0 rows/s | processed 1,500 rows/s | batch 20 ms | state 2 rows');
  term.text = '';
  line.onProgress(progress('id-2', null, 3, null, '2026-01-01T00:00:10.000Z'));
  expect(term.text).toBe('\r\x1b[2K[words] | batch 0 | in 15.0 rows/s | processed 1,500 rows/s | batch 20 ms | state 2 rows\n'
    + '[id-2] | batch 3 | in 15.0 rows/s | processed 1,500 rows/s | batch 20 ms | watermark 2026-01-01T00:00:10.000Z');
  term.text = '';
  line.onTerminated(new QueryTerminatedEvent('id-1', 'run', null, null));
  // Up one line (clearing both), then the one query left.
  expect(term.text).toBe('\r\x1b[2K\x1b[1A\r\x1b[2K[id-2] | batch 3 | in 15.0 rows/s | processed 1,500 rows/s | batch 20 ms | watermark 2026-01-01T00:00:10.000Z');
  term.text = '';
  line.onTerminated(new QueryTerminatedEvent('id-2', 'run', null, null));
  expect(term.text).toBe('\r\x1b[2K');
});

test('long lines are cut to one column less than the terminal width, so they never wrap', () => {
  const term = new FakeTerminal(true, 40);
  new ConsoleProgressLine(term, () => undefined, {}).onProgress(progress('id-1', 'words', 0, 2));
  expect(term.text).toBe('\r\x1b[2K[words] | batch 0 | in 15.0 rows/s | p…');
});

test.each([
  ['not a terminal', false, undefined, {}],
  ['CI=true', true, undefined, { CI: 'true' }],
  ['spark.ui.showConsoleProgress=false', true, 'false', {}],
])('nothing is written when %s', (_label, tty, conf, env) => {
  const term = new FakeTerminal(tty);
  const line = new ConsoleProgressLine(term, () => conf, env);
  line.onProgress(progress('id-1', 'words', 0, 2));
  line.onTerminated(new QueryTerminatedEvent('id-1', 'run', null, null));
  expect(term.text).toBe('');
});

test('the availableNow bar: units done of those there at start, after the name', () => {
  expect(availableNowBar({ done: 0, total: 3 })).toBe('[>                   ] 0/3 (0%)');
  expect(availableNowBar({ done: 1, total: 3 })).toBe('[======>             ] 1/3 (33%)');
  expect(availableNowBar({ done: 2500, total: 10000 })).toBe('[=====>              ] 2,500/10,000 (25%)');
  expect(availableNowBar({ done: 3, total: 3 })).toBe('[====================] 3/3 (100%)');
  expect(availableNowBar({ done: 0, total: 0 })).toBe('[====================] 0/0 (100%)');
  const term = new FakeTerminal(true);
  new ConsoleProgressLine(term, () => undefined, {}).onProgress(progress('id-1', 'load', 0, null), { done: 1, total: 2 });
  expect(term.text).toBe('\r\x1b[2K[load] | [==========>         ] 1/2 (50%) | batch 0 | in 15.0 rows/s | processed 1,500 rows/s | batch 20 ms');
});

describe('the availableNow bar in a running query', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-bar-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs `start` with a status line drawn on a fake terminal; returns the lines drawn, one per batch. */
  async function drawn(start: (spark: ReturnType<typeof newSession>) => import('rivulet').StreamingQuery): Promise<string[]> {
    const spark = newSession();
    const term = new FakeTerminal(true);
    spark.streams.useStatusLine(new ConsoleProgressLine(term, () => undefined, {}));
    try {
      const q = start(spark);
      await q.awaitTermination();
      await new Promise((r) => setImmediate(r));
      return term.text.split('\r\x1b[2K').filter((t) => t !== '');
    } finally {
      await spark.stop();
    }
  }

  test('files with maxFilesPerTrigger 1: one file of three more per batch', async () => {
    for (const n of [1, 2, 3]) {
      fs.writeFileSync(path.join(dir, `part-${n}.txt`), `line ${n}\n`);
      fs.utimesSync(path.join(dir, `part-${n}.txt`), n * 1000, n * 1000);
    }
    const lines = await drawn((spark) => spark.readStream.format('text').option('maxFilesPerTrigger', 1).load(dir)
      .writeStream.format('memory').queryName('files').option('checkpointLocation', path.join(dir, '..', path.basename(dir) + '-ckpt')).trigger({ availableNow: true }).start());
    fs.rmSync(path.join(dir, '..', path.basename(dir) + '-ckpt'), { recursive: true, force: true });
    expect(lines.map((l) => /^\[files\] \| (\[[=> ]+\] \d+\/\d+ \(\d+%\)) \| batch (\d+) /.exec(l)?.slice(1))).toEqual([
      ['[======>             ] 1/3 (33%)', '0'],
      ['[=============>      ] 2/3 (66%)', '1'],
      ['[====================] 3/3 (100%)', '2'],
    ]);
  });

  test('a MemoryStream: the rows there at start, in one batch', async () => {
    const lines = await drawn((spark) => {
      const input = new MemoryStream(IntegerType(), spark);
      input.addData(1, 2);
      input.addData(3);
      return input.toDF().writeStream.format('memory').queryName('rows').trigger({ availableNow: true }).start();
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[rows\] \| \[====================\] 3\/3 \(100%\) \| batch 0 \| /);
  });

  test('no bar without availableNow (the total is not known)', async () => {
    const lines = await drawn((spark) => {
      const input = new MemoryStream(IntegerType(), spark);
      input.addData(1, 2);
      return input.toDF().writeStream.format('memory').queryName('once').trigger({ once: true }).start();
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[once\] \| batch 0 \| in /);
  });
});

describe('a query run as a user runs it', () => {
  let dir = '';
  const child = (conf: string) => `
    const { StreamSession } = require(${JSON.stringify(path.join(ROOT, 'dist/index.js'))});
    const { StringType } = require(${JSON.stringify(path.join(ROOT, 'dist/types.js'))});
    const { MemoryStream } = require(${JSON.stringify(path.join(ROOT, 'dist/testing.js'))});
    (async () => {
      const spark = StreamSession.builder().appName('status').getOrCreate();
      spark.sparkContext.setLogLevel('ERROR');
      ${conf}
      const input = new MemoryStream(StringType(), spark);
      const q = input.toDF().groupBy('value').count().writeStream.format('console').queryName('words').outputMode('complete').start();
      input.addData('a', 'b', 'a');
      await q.processAllAvailable();
      input.addData('c');
      await q.processAllAvailable();
      await q.stop();
      await spark.stop();
    })();`;

  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist/index.js'))) throw new Error('build first: npm run build');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-status-'));
    fs.writeFileSync(path.join(dir, 'on.js'), child(''));
    fs.writeFileSync(path.join(dir, 'off.js'), child(`spark.conf.set('spark.ui.showConsoleProgress', 'false');`));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const env = { ...process.env };
  delete env.CI;

  /** Runs `file` with stderr on a pseudo-terminal (what `script` records) and stdout to a file. */
  function underPty(file: string, extraEnv: NodeJS.ProcessEnv = {}): { terminal: string; stdout: string } {
    const out = path.join(dir, `${file}.out`);
    const r = spawnSync('script', ['-qfc', `stty cols 200; ${JSON.stringify(process.execPath)} ${file} > ${file}.out`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...env, ...extraEnv } });
    if (r.status !== 0) throw new Error(`script failed (util-linux script is needed): ${r.stderr}`);
    return { terminal: r.stdout, stdout: fs.readFileSync(out, 'utf8') };
  }

  test('under a pseudo-terminal: the status line on stderr, stdout the same bytes as without one', () => {
    const tty = underPty('on.js');
    const piped = spawnSync(process.execPath, ['on.js'], { cwd: dir, encoding: 'utf8', env });
    expect(piped.stderr).toBe('');
    expect(tty.stdout).toBe(piped.stdout);
    expect(tty.stdout).toContain('Batch: 1');
    // Batch 0 and batch 1 drawn over each other, then cleared when the query stops.
    expect(tty.terminal).toMatch(/\r\x1b\[2K\[words\] \| batch 0 \| in [0-9.,]+ rows\/s \| processed [0-9.,]+ rows\/s \| batch \d+ ms \| state 2 rows/);
    expect(tty.terminal).toMatch(/\r\x1b\[2K\[words\] \| batch 1 \| in [0-9.,]+ rows\/s \| processed [0-9.,]+ rows\/s \| batch \d+ ms \| state 3 rows/);
    expect(tty.terminal.endsWith('\r\x1b[2K')).toBe(true);
  });

  test('under a pseudo-terminal with spark.ui.showConsoleProgress=false or CI set: nothing on stderr', () => {
    expect(underPty('off.js').terminal).toBe('');
    expect(underPty('on.js', { CI: 'true' }).terminal).toBe('');
  });
});
