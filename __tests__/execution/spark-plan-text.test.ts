// explain(): Spark's physical plan text (codegen stages, expression strings, strategies, modes).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { col, count, sum } from 'rivulet/functions';
import { IntegerType, LongType, StringType } from 'rivulet/types';
import { newSession } from '../support/session';
import { assignCodegenStages, planNode, treeText } from '../../lib/execution/explain/spark-plan-node';
import { attributeString, sparkExpressionString } from '../../lib/execution/explain/spark-expression-string';
import { attribute } from '../../lib/expressions/expression';
import { explainModeName, parseExplainMode } from '../../lib/api/explain-mode';

describe('plan nodes and codegen stages', () => {
  test('stage ids count up from the leaves; non-codegen operators are not starred and split stages', () => {
    const scan = planNode('FileScan', 'json [k#1]', [], []);
    const partial = planNode('HashAggregate', '(keys=[k#1], functions=[partial_count(1)])', [scan], [], true);
    const exchange = planNode('Exchange', 'hashpartitioning(k#1, 200), ENSURE_REQUIREMENTS, [plan_id=0]', [partial], []);
    const final = planNode('HashAggregate', '(keys=[k#1], functions=[count(1)])', [exchange], [], true);
    const project = planNode('Project', '[k#1]', [final], [], true);
    assignCodegenStages(project);
    expect(treeText(project)).toBe(
      [
        '*(2) Project [k#1]',
        '+- *(2) HashAggregate(keys=[k#1], functions=[count(1)])',
        '   +- Exchange hashpartitioning(k#1, 200), ENSURE_REQUIREMENTS, [plan_id=0]',
        '      +- *(1) HashAggregate(keys=[k#1], functions=[partial_count(1)])',
        '         +- FileScan json [k#1]',
        '',
      ].join('\n'),
    );
  });

  test('two-child operators draw `:- ` for all but the last child; the left input stage comes first', () => {
    const left = planNode('Filter', 'isnotnull(k#1)', [planNode('FileScan', 'json [k#1]', [], [])], [], true);
    const right = planNode('Filter', 'isnotnull(k#2)', [planNode('FileScan', 'json [k#2]', [], [])], [], true);
    const sortL = planNode('Sort', '[k#1 ASC NULLS FIRST], false, 0', [planNode('Exchange', 'hashpartitioning(k#1, 200), ENSURE_REQUIREMENTS, [plan_id=0]', [left], [])], [], true);
    const sortR = planNode('Sort', '[k#2 ASC NULLS FIRST], false, 0', [planNode('Exchange', 'hashpartitioning(k#2, 200), ENSURE_REQUIREMENTS, [plan_id=1]', [right], [])], [], true);
    const join = planNode('SortMergeJoin', '[k#1], [k#2], Inner', [sortL, sortR], [], true);
    assignCodegenStages(join);
    expect(treeText(join).split('\n').slice(0, 4)).toEqual([
      '*(5) SortMergeJoin [k#1], [k#2], Inner',
      ':- *(2) Sort [k#1 ASC NULLS FIRST], false, 0',
      ':  +- Exchange hashpartitioning(k#1, 200), ENSURE_REQUIREMENTS, [plan_id=0]',
      ':     +- *(1) Filter isnotnull(k#1)',
    ]);
  });
});

describe('expression strings', () => {
  test('attributes carry their id, longs an L; aggregates their mode prefix', () => {
    const v = attribute('v', IntegerType());
    const n = attribute('n', LongType());
    expect(attributeString(v)).toBe(`v#${v.exprId}`);
    expect(attributeString(n)).toBe(`n#${n.exprId}L`);
    expect(sparkExpressionString({ kind: 'cast', child: v, dataType: LongType(), tryCast: false, implicit: true })).toBe(`cast(v#${v.exprId} as bigint)`);
    expect(sparkExpressionString({ kind: 'literal', value: null, dataType: StringType() })).toBe('null');
  });
});

describe('explain modes', () => {
  test('PySpark reads extended/mode as it does', () => {
    expect(explainModeName()).toBe('simple');
    expect(explainModeName(true)).toBe('extended');
    expect(explainModeName(false)).toBe('simple');
    expect(explainModeName('formatted')).toBe('formatted');
    expect(explainModeName({ mode: 'cost' })).toBe('cost');
    expect(explainModeName(undefined, 'codegen')).toBe('codegen');
  });

  test('bad arguments raise PySpark and Spark errors', () => {
    expect(() => explainModeName(true, { mode: 'formatted' })).toThrow(expect.objectContaining({ errorClass: 'CANNOT_SET_TOGETHER', message: '[CANNOT_SET_TOGETHER] extended and mode should not be set together.' }));
    expect(() => explainModeName(1)).toThrow(expect.objectContaining({ errorClass: 'NOT_EXPECTED_TYPE', message: '[NOT_EXPECTED_TYPE] Argument `extended` should be bool or str, got int.' }));
    expect(() => explainModeName(undefined, 2)).toThrow(expect.objectContaining({ errorClass: 'NOT_EXPECTED_TYPE', message: '[NOT_EXPECTED_TYPE] Argument `mode` should be str, got int.' }));
    expect(() => parseExplainMode('fancy')).toThrow("Unknown explain mode: fancy. Accepted explain modes are 'simple', 'extended', 'codegen', 'cost', 'formatted'.");
    expect(parseExplainMode('FORMATTED')).toBe('formatted');
  });
});

describe('DataFrame.explainString over a JSON file read', () => {
  let spark: StreamSession;
  let dir: string;
  beforeAll(() => {
    spark = newSession();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-explain-'));
    fs.writeFileSync(path.join(dir, '1.json'), '{"k":"a","v":1}\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ids = (text: string) => text.replace(/#\d+L?/g, '#<id>').replace(/plan_id=\d+/g, 'plan_id=<id>');

  test('a filter infers isnotnull, is pushed to the scan and prunes its columns', () => {
    const df = spark.read.schema('k STRING, v INT, w INT').json(dir);
    const text = ids(df.where('v > 1').select('k').explainString());
    expect(text).toBe(
      [
        '== Physical Plan ==',
        '*(1) Project [k#<id>]',
        '+- *(1) Filter (isnotnull(v#<id>) AND (v#<id> > 1))',
        `   +- FileScan json [k#<id>,v#<id>] Batched: false, DataFilters: [isnotnull(v#<id>), (v#<id> > 1)], Format: JSON, Location: InMemoryFileIndex(1 paths)[file:${dir}], PartitionFilters: [], PushedFilters: [IsNotNull(v), GreaterThan(v,1)], ReadSchema: struct<k:string,v:int>`,
        '',
        '',
      ].join('\n'),
    );
  });

  test('a grouped aggregate is partial and final around a hash-partitioning Exchange, under AdaptiveSparkPlan', () => {
    const df = spark.read.schema('k STRING, v INT').json(dir);
    const text = ids(df.groupBy('k').agg(count(col('v')).alias('n'), sum('v').alias('total')).explainString());
    expect(text.split('\n').slice(1, 5)).toEqual([
      'AdaptiveSparkPlan isFinalPlan=false',
      '+- HashAggregate(keys=[k#<id>], functions=[count(v#<id>), sum(v#<id>)])',
      '   +- Exchange hashpartitioning(k#<id>, 200), ENSURE_REQUIREMENTS, [plan_id=<id>]',
      '      +- HashAggregate(keys=[k#<id>], functions=[partial_count(v#<id>), partial_sum(v#<id>)])',
    ]);
  });

  test('without adaptive execution the plan shows its codegen stages', () => {
    const session = newSession();
    session.conf.set('spark.sql.adaptive.enabled', 'false');
    const df = session.read.schema('k STRING, v INT').json(dir);
    const text = ids(df.groupBy('k').count().explainString());
    expect(text.split('\n').slice(1, 4)).toEqual([
      '*(2) HashAggregate(keys=[k#<id>], functions=[count(1)])',
      '+- Exchange hashpartitioning(k#<id>, 200), ENSURE_REQUIREMENTS, [plan_id=<id>]',
      '   +- *(1) HashAggregate(keys=[k#<id>], functions=[partial_count(1)])',
    ]);
  });

  test('explain() prints with print()\'s final newline; a bad mode fails before printing', () => {
    const df = spark.read.schema('k STRING, v INT').json(dir);
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      df.explain();
      expect(String(write.mock.calls[0][0])).toBe(df.explainString() + '\n');
      expect(() => df.explain('fancy')).toThrow('Unknown explain mode: fancy.');
      expect(write).toHaveBeenCalledTimes(1);
    } finally {
      write.mockRestore();
    }
  });
});
