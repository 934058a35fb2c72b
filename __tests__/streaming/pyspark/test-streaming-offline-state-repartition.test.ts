// Apache Spark's python/pyspark/sql/tests/streaming/test_streaming_offline_state_repartition.py
// (StreamingOfflineStateRepartitionTests, OfflineStateRepartitionTestUtils), ported test by test.
// PySpark 4.2.0 has spark._streamingCheckpointManager.repartition(checkpointLocation,
// numPartitions); its parameter and checkpoint errors below are the texts PySpark 4.2.0 gives.
//
// Rivulet implements it (lib/streaming/streaming-checkpoint-manager.ts). The
// manager is looked up at run time, so the tests are written as PySpark runs them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataFrame, Row, StreamSession } from 'rivulet';
import { GroupStateTimeout } from 'rivulet';
import { LongType, StringType, StructField, StructType } from 'rivulet/types';
import { newSession } from '../../support/session';
import { mkdtemp } from './support';

const NUM_SHUFFLE_PARTITIONS = 3;

let spark: StreamSession;
beforeAll(() => {
  spark = newSession({
    'spark.sql.shuffle.partitions': String(NUM_SHUFFLE_PARTITIONS),
    'spark.sql.streaming.stateStore.providerClass': 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider',
  });
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
});

interface CheckpointManager {
  repartition(checkpointLocation: string | null, numPartitions: number): void | Promise<void>;
}

/** spark._streamingCheckpointManager, as PySpark spells it. */
function checkpointManager(): CheckpointManager {
  const m = (spark as unknown as Record<string, unknown>)._streamingCheckpointManager;
  if (m === undefined) throw new Error('rivulet has no streaming checkpoint manager (StreamingCheckpointManager.repartition)');
  return m as CheckpointManager;
}

async function expectRejects(call: () => unknown, pattern: RegExp): Promise<void> {
  let caught: unknown;
  try {
    await call();
  } catch (e) {
    caught = e;
  }
  expect(String(caught)).toMatch(pattern);
}

/** OfflineStateRepartitionTestUtils.run_repartition_test. */
async function runRepartitionTest(args: {
  numShufflePartitions: number;
  createStreamingDf: (df: DataFrame) => DataFrame;
  outputMode: string;
  batch1Data: string;
  batch2Data: string;
  batch3Data: string;
  verifyInitial: (rows: Row[]) => void;
  verifyAfterIncrease: (rows: Row[]) => void;
  verifyAfterDecrease: (rows: Row[]) => void;
}): Promise<void> {
  const inputDir = mkdtemp();
  const checkpointDir = mkdtemp();
  try {
    const collectedResults: Row[] = [];
    const collectBatch = (batchDf: DataFrame) => {
      collectedResults.push(...batchDf.collect());
    };
    const runStreamingQuery = async () => {
      const df = spark.readStream.format('text').load(inputDir);
      const query = args.createStreamingDf(df).writeStream.foreachBatch(collectBatch).option('checkpointLocation', checkpointDir).outputMode(args.outputMode).start();
      await query.processAllAvailable();
      await query.stop();
    };
    // Step 1: Write initial data and run streaming query
    fs.writeFileSync(path.join(inputDir, 'batch1.txt'), args.batch1Data);
    await runStreamingQuery();
    args.verifyInitial(collectedResults);
    // Step 2: Repartition to more partitions
    await checkpointManager().repartition(checkpointDir, args.numShufflePartitions * 2);
    // Step 3: Add more data and restart query
    fs.writeFileSync(path.join(inputDir, 'batch2.txt'), args.batch2Data);
    collectedResults.length = 0;
    await runStreamingQuery();
    args.verifyAfterIncrease(collectedResults);
    // Step 4: Repartition to fewer partitions
    await checkpointManager().repartition(checkpointDir, args.numShufflePartitions - 1);
    // Step 5: Add more data and restart query
    fs.writeFileSync(path.join(inputDir, 'batch3.txt'), args.batch3Data);
    collectedResults.length = 0;
    await runStreamingQuery();
    args.verifyAfterDecrease(collectedResults);
  } finally {
    fs.rmSync(inputDir, { recursive: true, force: true });
    fs.rmSync(checkpointDir, { recursive: true, force: true });
  }
}

const countsBy = (key: string) => (rows: Row[]) => new Map(rows.map((r) => [r[key] as string, r['count'] as number]));

describe('test_streaming_offline_state_repartition.py StreamingOfflineStateRepartitionTests', () => {
  test('test_fail_if_empty_checkpoint_directory', async () => {
    // Test that repartition fails if checkpoint directory is empty.
    const checkpointDir = mkdtemp();
    try {
      await expectRejects(() => checkpointManager().repartition(checkpointDir, 5), /STATE_REPARTITION_INVALID_CHECKPOINT.NO_COMMITTED_BATCH/);
    } finally {
      fs.rmSync(checkpointDir, { recursive: true, force: true });
    }
  });

  test('test_fail_if_no_batch_found_in_checkpoint_directory', async () => {
    // Test that repartition fails if no batch found in checkpoint directory.
    const checkpointDir = mkdtemp();
    try {
      // Write commit log but no offset log
      const commitsDir = path.join(checkpointDir, 'commits');
      fs.mkdirSync(commitsDir);
      // Create a minimal commit file for batch 0
      fs.writeFileSync(path.join(commitsDir, '0'), 'v1\n{}');
      await expectRejects(() => checkpointManager().repartition(checkpointDir, 5), /STATE_REPARTITION_INVALID_CHECKPOINT.NO_BATCH_FOUND/);
    } finally {
      fs.rmSync(checkpointDir, { recursive: true, force: true });
    }
  });

  test('test_fail_if_repartition_parameter_is_invalid', async () => {
    // Test that repartition fails with invalid parameters (PySpark 4.2.0's texts).
    await expectRejects(
      () => checkpointManager().repartition(null, 5),
      /\[STATE_REPARTITION_INVALID_PARAMETER.IS_NULL\] The repartition parameter checkpointLocation is invalid: cannot be null\. SQLSTATE: 42616/,
    );
    await expectRejects(
      () => checkpointManager().repartition('', 5),
      /\[STATE_REPARTITION_INVALID_PARAMETER.IS_EMPTY\] The repartition parameter checkpointLocation is invalid: cannot be empty\. SQLSTATE: 42616/,
    );
    await expectRejects(
      () => checkpointManager().repartition('test', 0),
      /\[STATE_REPARTITION_INVALID_PARAMETER.IS_NOT_GREATER_THAN_ZERO\] The repartition parameter numPartitions is invalid: must be greater than zero\. SQLSTATE: 42616/,
    );
  });

  test('test_repartition_with_apply_in_pandas_with_state', async () => {
    // Test repartition for a streaming query using applyInPandasWithState.
    function* statefulCountFunc(key: unknown[], pdfIter: Iterable<Row[]>, state: { getOption: Row | null | undefined; update(v: unknown[]): void }) {
      const existingCount = state.getOption;
      const count = existingCount === null || existingCount === undefined ? 0 : (existingCount[0] as number);
      let newCount = 0;
      for (const pdf of pdfIter) newCount += pdf.length;
      const totalCount = count + newCount;
      state.update([totalCount]);
      yield { key: key[0], count: totalCount };
    }
    const outputSchema = StructType([StructField('key', StringType()), StructField('count', LongType())]);
    const stateSchema = StructType([StructField('count', LongType())]);
    const verify = countsBy('key');
    await runRepartitionTest({
      numShufflePartitions: NUM_SHUFFLE_PARTITIONS,
      createStreamingDf: (df) => df.groupBy(df.col('value')).applyInPandasWithState(statefulCountFunc as never, outputSchema, stateSchema, 'Update', GroupStateTimeout.NoTimeout),
      outputMode: 'update',
      batch1Data: 'a\nb\na\nc\n', // a:2, b:1, c:1
      batch2Data: 'a\nb\nd\n', // a:+1, b:+1, d:1 (new)
      batch3Data: 'a\nc\ne\n', // a:+1, c:+1, e:1 (new)
      verifyInitial: (rows) => {
        const counts = verify(rows);
        expect([counts.get('a'), counts.get('b'), counts.get('c')]).toEqual([2, 1, 1]);
      },
      verifyAfterIncrease: (rows) => {
        const counts = verify(rows);
        expect([counts.get('a'), counts.get('b'), counts.get('d')]).toEqual([3, 2, 1]);
      },
      verifyAfterDecrease: (rows) => {
        const counts = verify(rows);
        expect([counts.get('a'), counts.get('c'), counts.get('e')]).toEqual([4, 2, 1]);
      },
    });
  });

  test('test_repartition_with_streaming_aggregation', async () => {
    // Test repartition for a streaming aggregation query (groupBy + count).
    const verify = countsBy('value');
    await runRepartitionTest({
      numShufflePartitions: NUM_SHUFFLE_PARTITIONS,
      createStreamingDf: (df) => df.groupBy('value').count(),
      outputMode: 'update',
      batch1Data: 'a\nb\na\nc\n',
      batch2Data: 'a\nb\nd\n',
      batch3Data: 'a\nc\ne\n',
      verifyInitial: (rows) => {
        const counts = verify(rows);
        expect([counts.get('a'), counts.get('b'), counts.get('c')]).toEqual([2, 1, 1]);
      },
      verifyAfterIncrease: (rows) => {
        const counts = verify(rows);
        expect([counts.get('a'), counts.get('b'), counts.get('d')]).toEqual([3, 2, 1]);
      },
      verifyAfterDecrease: (rows) => {
        const counts = verify(rows);
        expect([counts.get('a'), counts.get('c'), counts.get('e')]).toEqual([4, 2, 1]);
      },
    });
  });

  test('test_repartition_with_streaming_dedup', async () => {
    // Test repartition for a streaming deduplication query (dropDuplicates).
    const values = (rows: Row[]) => new Set(rows.map((r) => r.value as string));
    await runRepartitionTest({
      numShufflePartitions: NUM_SHUFFLE_PARTITIONS,
      createStreamingDf: (df) => df.dropDuplicates(['value']),
      outputMode: 'append',
      batch1Data: 'a\nb\na\nc\n', // unique: a, b, c
      batch2Data: 'a\nb\nd\ne\n', // a, b duplicates; d, e new
      batch3Data: 'a\nc\nf\ng\n', // a, c duplicates; f, g new
      verifyInitial: (rows) => expect(values(rows)).toEqual(new Set(['a', 'b', 'c'])),
      verifyAfterIncrease: (rows) => expect(values(rows)).toEqual(new Set(['d', 'e'])), // Only new keys after repartition
      verifyAfterDecrease: (rows) => expect(values(rows)).toEqual(new Set(['f', 'g'])), // Only new keys after repartition
    });
  });
});
