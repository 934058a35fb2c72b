// What testStream prints when a check fails: both answers (rows only on one side marked with `!`),
// the action list with a marker at the failing step, the sink's batches and the plan.
import type { StreamSession } from 'rivulet';
import { col } from 'rivulet/functions';
import { LongType, StringType, StructField, StructType } from 'rivulet/types';
import { AddData, CheckAnswer, CheckNewAnswer, MemoryStream, testStream } from 'rivulet/testing';
import { newSession } from '../support/session';

describe('testStream failure report', () => {
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
