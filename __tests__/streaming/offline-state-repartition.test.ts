// spark.streamingCheckpointManager.repartition (PySpark 4.2's spark._streamingCheckpointManager):
// a stopped query's state is re-hashed into a new number of partitions, and the restarted query
// gives what a query that never was repartitioned gives. Each scenario runs the same batches
// twice, once with repartitions between the restarts and once without, and compares every batch.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GroupStateTimeout, Row as makeRow, StatefulProcessor, type DataFrame, type GroupState, type Row, type StreamSession, type TimerValues, type ValueState } from 'rivulet';
import type { StatefulProcessorHandle } from '../../lib/execution/stateful-processor-handle';
import { col, expr, length, window } from 'rivulet/functions';
import { newSession } from '../support/session';

const ROCKSDB = 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider';
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-repartition-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

let spark: StreamSession;
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
});

/** One run of the query on the input folders until it has read everything: its rows, sorted, as JSON. */
async function runOnce(build: (inputs: DataFrame[]) => DataFrame, outputMode: string, inputs: readonly string[], checkpoint: string): Promise<string[]> {
  const rows: Row[] = [];
  const dfs = inputs.map((d) => spark.readStream.format('text').load(d));
  const q = build(dfs)
    .writeStream.foreachBatch((df) => {
      rows.push(...df.collect());
    })
    .option('checkpointLocation', checkpoint)
    .outputMode(outputMode)
    .start();
  await q.processAllAvailable();
  await q.stop();
  return rows.map((r) => JSON.stringify(r.asDict(), (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).sort();
}

/** Runs the query once per stage (stages[s][i] is input i's new file), repartitioning before a stage when asked. */
async function runStages(
  build: (inputs: DataFrame[]) => DataFrame,
  outputMode: string,
  stages: string[][],
  repartitions: (number | undefined)[],
  numInputs = 1,
): Promise<{ results: string[][]; checkpoint: string; inputs: string[] }> {
  const inputs = Array.from({ length: numInputs }, tmp);
  const checkpoint = tmp();
  const results: string[][] = [];
  for (let s = 0; s < stages.length; s++) {
    const n = repartitions[s];
    if (n !== undefined) await spark.streamingCheckpointManager.repartition(checkpoint, n);
    stages[s].forEach((text, i) => fs.writeFileSync(path.join(inputs[i], `stage-${s}.txt`), text));
    results.push(await runOnce(build, outputMode, inputs, checkpoint));
  }
  return { results, checkpoint, inputs };
}

const letters = (...xs: string[]) => xs.join('\n') + '\n';
const STAGES = [[letters('a', 'bb', 'a', 'ccc', 'dd')], [letters('a', 'bb', 'e', 'ff')], [letters('ccc', 'e', 'g', 'a')], [letters('dd', 'h', 'ff', 'bb')]];
// 3 -> 7 -> 2 -> 5: more, fewer, then more again than the state had (partitions 2..4 held stale state).
const PLAN = [undefined, 7, 2, 5];

describe.each([
  ['delta-file (default)', undefined],
  ['lmdb', ROCKSDB],
])('repartition with the %s state store', (_name, provider) => {
  beforeAll(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '3', ...(provider ? { 'spark.sql.streaming.stateStore.providerClass': provider } : {}) });
    spark.sparkContext.setLogLevel('OFF');
  });

  async function same(build: (inputs: DataFrame[]) => DataFrame, outputMode: string, stages = STAGES, numInputs = 1): Promise<string> {
    const plain = await runStages(build, outputMode, stages, [], numInputs);
    const moved = await runStages(build, outputMode, stages, PLAN, numInputs);
    expect(moved.results).toEqual(plain.results);
    // Every stage produced output (the later ones from state carried across the repartitions).
    for (const r of plain.results) expect(r.length).toBeGreaterThan(0);
    return moved.checkpoint;
  }

  test('streaming aggregation on two keys (update mode): same counts as without repartitioning', async () => {
    const checkpoint = await same(([df]) => df.groupBy(col('value'), length(col('value')).alias('len')).count(), 'update');
    // Batches 0, 2, 4, 6 ran; 1, 3, 5 are the repartition batches (no input, the same offsets).
    const offsets = fs.readdirSync(path.join(checkpoint, 'offsets')).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
    expect(offsets).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const conf = (n: number) => JSON.parse(fs.readFileSync(path.join(checkpoint, 'offsets', String(n)), 'utf8').split('\n')[1]).conf['spark.sql.shuffle.partitions'];
    expect([0, 1, 2, 3, 4, 5, 6].map(conf)).toEqual(['3', '7', '7', '2', '2', '5', '5']);
    const sources = (n: number) => fs.readFileSync(path.join(checkpoint, 'offsets', String(n)), 'utf8').split('\n').slice(2);
    expect(sources(1)).toEqual(sources(0));
    expect(fs.existsSync(path.join(checkpoint, 'commits', '5'))).toBe(true);
  });

  test('windowed aggregation with a watermark (a struct window in the key)', async () => {
    await same(
      ([df]) => df.withColumn('ts', expr('timestamp_seconds(60 * length(value))')).withWatermark('ts', '1 hour').groupBy(window(col('ts'), '2 minutes'), col('value')).count(),
      'update',
    );
  });

  test('streaming aggregation (complete mode) keeps every group', async () => {
    await same(([df]) => df.groupBy('value').agg(expr('count(*) AS n'), expr('max(length(value)) AS m')), 'complete');
  });

  test('dropDuplicates on one and on two columns', async () => {
    await same(([df]) => df.dropDuplicates(['value']), 'append');
    await same(([df]) => df.withColumn('len', length(col('value'))).dropDuplicates(['value', 'len']), 'append');
  });

  test('flatMapGroupsWithState keeps each group state across repartitions', async () => {
    const running = (key: unknown[], rows: Iterable<Row>, state: GroupState) => {
      const before = state.exists ? Number((state.get as Row)[0]) : 0;
      let n = before;
      for (const _ of rows) n++;
      state.update([n]);
      return [[key[0], n]];
    };
    await same(([df]) => df.groupBy('value').flatMapGroupsWithState(running as never, 'key string, total long', 'update', GroupStateTimeout.NoTimeout), 'update');
  });

  test('a repartition stopped before its commit: the query refuses to start, a retry with the same number finishes it', async () => {
    const build = ([df]: DataFrame[]) => df.groupBy('value').count();
    const plain = await runStages(build, 'update', STAGES.slice(0, 2), []);
    const { checkpoint, inputs } = await runStages(build, 'update', STAGES.slice(0, 1), []);
    await spark.streamingCheckpointManager.repartition(checkpoint, 6);
    // As if the process died after writing the state, before commits/1.
    fs.rmSync(path.join(checkpoint, 'commits', '1'));
    let startError = '';
    try {
      await runOnce(build, 'update', inputs, checkpoint);
    } catch (e) {
      startError = String(e);
    }
    expect(startError).toContain(
      '[STREAMING_UNFINISHED_REPARTITION_DETECTED] The latest batch 1 is for an unfinished state repartitioning i.e. last committed batch is: 0).\nPlease retry the repartitioning operation and let it finish successfully before starting the streaming query. SQLSTATE: 55019',
    );
    let other = '';
    try {
      await spark.streamingCheckpointManager.repartition(checkpoint, 4);
    } catch (e) {
      other = String(e);
    }
    expect(other).toContain(
      `[STATE_REPARTITION_INVALID_CHECKPOINT.LAST_BATCH_ABANDONED_REPARTITION] The provided checkpoint location '${checkpoint}' is in an invalid state. The last batch ID 1 is a repartition batch with 6 shuffle partitions and didn't finish successfully.\nYou're now requesting to repartition to 4 shuffle partitions.`,
    );
    await spark.streamingCheckpointManager.repartition(checkpoint, 6);
    expect(fs.existsSync(path.join(checkpoint, 'commits', '1'))).toBe(true);
    // The second stage, run on the retried checkpoint, gives what the plain run gave.
    fs.writeFileSync(path.join(inputs[0], 'stage-1.txt'), STAGES[1][0]);
    expect(await runOnce(build, 'update', inputs, checkpoint)).toEqual(plain.results[1]);
  });

  test('session window aggregation (complete mode)', async () => {
    await same(([df]) => df.withColumn('ts', expr('timestamp_seconds(60 * length(value))')).groupBy(expr("session_window(ts, '90 seconds')"), col('value')).count(), 'complete');
  });

  test('a stream-stream join is refused (its per-row state cannot be re-hashed offline) and the checkpoint left as it was', async () => {
    const { checkpoint } = await runStages(
      ([l, r]) => l.select(col('value').alias('k')).join(r.select(col('value').alias('k2')), expr('k = k2')),
      'append',
      [[letters('a', 'bb'), letters('a')]],
      [],
      2,
    );
    const before = fs.readdirSync(path.join(checkpoint, 'offsets')).sort();
    let error = '';
    try {
      await spark.streamingCheckpointManager.repartition(checkpoint, 4);
    } catch (e) {
      error = String(e);
    }
    expect(error).toContain('[STATE_REPARTITION_INVALID_CHECKPOINT.UNSUPPORTED_STATEFUL_OPERATOR]');
    expect(error).toContain('symmetricHashJoin');
    expect(fs.readdirSync(path.join(checkpoint, 'offsets')).sort()).toEqual(before);
  });
});

class RunningCount extends StatefulProcessor {
  private count!: ValueState;
  init(handle: StatefulProcessorHandle): void {
    this.count = handle.getValueState('count', 'n long');
  }
  *handleInputRows(key: string[], rows: IterableIterator<Row>, _timerValues: TimerValues): Generator<Row> {
    const before = this.count.exists() ? Number((this.count.get() as Row)[0]) : 0;
    const n = before + [...rows].length;
    this.count.update([n]);
    yield makeRow({ k: key[0], n });
  }
}

describe('repartition of transformWithState state (lmdb, as Spark runs it on RocksDB)', () => {
  beforeAll(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '3', 'spark.sql.streaming.stateStore.providerClass': ROCKSDB });
    spark.sparkContext.setLogLevel('OFF');
  });

  test('a ValueState per key carries over: same output as without repartitioning', async () => {
    const build = ([df]: DataFrame[]) => df.groupBy('value').transformWithState(new RunningCount(), 'k string, n long', 'Update', 'None');
    const plain = await runStages(build, 'update', STAGES, []);
    const moved = await runStages(build, 'update', STAGES, PLAN);
    expect(moved.results).toEqual(plain.results);
    expect(plain.results[3]).toContain(JSON.stringify({ k: 'bb', n: 3 }));
  });
});

describe('repartition refusals', () => {
  beforeAll(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '3' });
    spark.sparkContext.setLogLevel('OFF');
  });

  async function errorOf(call: () => unknown): Promise<string> {
    try {
      await call();
    } catch (e) {
      return String(e);
    }
    throw new Error('no error');
  }

  test('invalid parameters: PySpark 4.2 texts', async () => {
    const m = spark._streamingCheckpointManager;
    expect(await errorOf(() => m.repartition(null, 5))).toContain('[STATE_REPARTITION_INVALID_PARAMETER.IS_NULL] The repartition parameter checkpointLocation is invalid: cannot be null. SQLSTATE: 42616');
    expect(await errorOf(() => m.repartition('  ', 5))).toContain('[STATE_REPARTITION_INVALID_PARAMETER.IS_EMPTY]');
    for (const n of [0, -1, 1.5, Number.NaN]) {
      expect(await errorOf(() => m.repartition('x', n))).toContain('[STATE_REPARTITION_INVALID_PARAMETER.IS_NOT_GREATER_THAN_ZERO] The repartition parameter numPartitions is invalid: must be greater than zero. SQLSTATE: 42616');
    }
  });

  test('the same number of partitions, an unfinished batch, a purged offsets entry', async () => {
    const { checkpoint } = await runStages(([df]) => df.groupBy('value').count(), 'update', [[letters('a', 'b')]], []);
    expect(await errorOf(() => spark.streamingCheckpointManager.repartition(checkpoint, 3))).toContain(
      `[STATE_REPARTITION_INVALID_CHECKPOINT.SHUFFLE_PARTITIONS_ALREADY_MATCH] The provided checkpoint location '${checkpoint}' is in an invalid state. The number of shuffle partitions in the last committed batch (id=0) is the same as the requested 3 partitions.\nHence, already has the requested number of partitions, so no-op. SQLSTATE: 55019`,
    );
    // An offsets entry without its commit: the last batch did not finish.
    fs.copyFileSync(path.join(checkpoint, 'offsets', '0'), path.join(checkpoint, 'offsets', '1'));
    expect(await errorOf(() => spark.streamingCheckpointManager.repartition(checkpoint, 4))).toContain(
      `[STATE_REPARTITION_INVALID_CHECKPOINT.LAST_BATCH_FAILED] The provided checkpoint location '${checkpoint}' is in an invalid state. The last batch ID 1 didn't finish successfully.`,
    );
    // Skipping that check (enforceExactlyOnceSink false) with batch 0's offsets gone.
    fs.rmSync(path.join(checkpoint, 'offsets', '0'));
    expect(await errorOf(() => spark.streamingCheckpointManager.repartition(checkpoint, 4, false))).toContain(
      `[STATE_REPARTITION_INVALID_CHECKPOINT.OFFSET_SEQ_NOT_FOUND] The provided checkpoint location '${checkpoint}' is in an invalid state. Offset sequence entry for batch ID 0 not found.`,
    );
  });

  test('an unsupported stateful operator (a streaming limit) is refused and the checkpoint left as it was', async () => {
    const { checkpoint } = await runStages(
      ([df]) => df.limit(1),
      'append',
      [[letters('a', 'b')]],
      [],
    );
    const before = fs.readdirSync(path.join(checkpoint, 'offsets')).sort();
    expect(await errorOf(() => spark.streamingCheckpointManager.repartition(checkpoint, 4))).toContain(
      '[STATE_REPARTITION_INVALID_CHECKPOINT.UNSUPPORTED_STATEFUL_OPERATOR] The provided checkpoint location',
    );
    expect(fs.readdirSync(path.join(checkpoint, 'offsets')).sort()).toEqual(before);
  });
});
