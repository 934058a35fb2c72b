// The StreamTest helper itself (rivulet/testing): a failing check prints the action list with a
// marker at the failing step, the sink's batches and the plan, and both answers sorted with the rows
// present on one side only marked with `!` (as Spark's QueryTest); restartAfterEveryBatch really
// stops and restarts the query (a new run id) after every batch that ran.
import type { StreamSession, StreamingQuery } from 'rivulet';
import { col } from 'rivulet/functions';
import { LongType, StringType, StructField, StructType } from 'rivulet/types';
import { AddData, CheckAnswer, CheckNewAnswer, Execute, MemoryStream, testStream } from 'rivulet/testing';
import { newSession } from '../support/session';

const words = StructType([StructField('value', StringType(), true)]);

describe('testStream', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  });
  afterEach(() => spark.stop());

  test('a failed check shows the actions with a marker, the sink and the plan', async () => {
    const input = new MemoryStream(words, spark);
    const counts = input.toDF().groupBy('value').count();
    let message = '';
    try {
      await testStream(counts, 'update', [AddData(input, ['a'], ['a']), CheckNewAnswer(['a', 2]), AddData(input, ['b']), CheckNewAnswer(['b', 7])]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('CheckNewAnswer failed\n== Correct Answer - 1 ==\n!["b",7]\n== Rivulet Answer - 1 ==\n!["b",1]');
    expect(message).toContain('== Actions ==\n   AddData(["a"], ["a"])\n   CheckNewAnswer(["a",2])\n   AddData(["b"])\n=> CheckNewAnswer(["b",7])');
    expect(message).toContain('== Sink ==\n  batch 0: ["a",2]\n  batch 1: ["b",1]');
    expect(message).toMatch(/== Plan ==\nAggregate \[value#\d+\], \[value#\d+, count\(1\) AS count#\d+\]\n\+- StreamingRelation memory-stream/);
  });

  test.each([false, true])('restartAfterEveryBatch=%s: the run id changes after every batch only in restart mode', async (restartAfterEveryBatch) => {
    const input = new MemoryStream(words, spark);
    const runIds: string[] = [];
    const note = Execute((q: StreamingQuery) => void runIds.push(q.runId));
    await testStream(
      input.toDF().groupBy('value').count(),
      'update',
      [AddData(input, ['a']), CheckNewAnswer(['a', 1]), note, AddData(input, ['a']), CheckNewAnswer(['a', 2]), note, AddData(input, ['b']), CheckNewAnswer(['b', 1]), note],
      { restartAfterEveryBatch },
    );
    expect(new Set(runIds).size).toBe(restartAfterEveryBatch ? 3 : 1);
  });
});

describe('testStream failure answers', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '1' });
  });
  afterEach(() => spark.stop());

  test('a wrong value of the same row count names both answers, the failing step, the sink and the plan', async () => {
    const input = new MemoryStream(StructType([StructField('word', StringType(), true)]), spark);
    const counts = input.toDF().groupBy(col('word')).count();
    let message = '';
    try {
      await testStream(counts, 'complete', [
        AddData(input, ['a'], ['b'], ['a']),
        CheckAnswer(['a', 2], ['b', 1]),
        AddData(input, ['b']),
        CheckAnswer(['a', 2], ['b', 3]),
        AddData(input, ['c']),
      ]);
    } catch (e) {
      message = (e as Error).message;
    }
    const [head, actions, sink, plan] = message.split(/\n\n== (?:Actions|Sink|Plan) ==\n/);
    expect(head).toBe(['CheckAnswer failed', '== Correct Answer - 2 ==', ' ["a",2]', '!["b",3]', '== Rivulet Answer - 2 ==', ' ["a",2]', '!["b",2]'].join('\n'));
    expect(actions.split('\n')).toEqual([
      expect.stringMatching(/^ {3}AddData/),
      expect.stringMatching(/^ {3}CheckAnswer/),
      expect.stringMatching(/^ {3}AddData/),
      expect.stringMatching(/^=> CheckAnswer/),
      expect.stringMatching(/^ {3}AddData/),
    ]);
    expect(sink).toContain('batch 1: ["a",2], ["b",2]');
    expect(plan).toMatch(/Aggregate/);
  });

  test('a missing row is marked on the expected side only', async () => {
    const input = new MemoryStream(StructType([StructField('n', LongType(), true)]), spark);
    let message = '';
    try {
      await testStream(input.toDF(), 'append', [AddData(input, [1], [2]), CheckNewAnswer([1], [2], [3])]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n\n')[0]).toBe(['CheckNewAnswer failed', '== Correct Answer - 3 ==', ' [1]', ' [2]', '![3]', '== Rivulet Answer - 2 ==', ' [1]', ' [2]'].join('\n'));
  });
});
