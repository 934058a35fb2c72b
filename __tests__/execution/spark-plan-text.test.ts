// explain(): Spark's physical plan text (codegen stages, expression strings, strategies, modes).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GroupStateTimeout, Row, StatefulProcessor, type GroupState, type StatefulProcessorHandle, type StreamSession } from 'rivulet';
import { col, count, explode, split, sum, window } from 'rivulet/functions';
import { IntegerType, LongType, StringType } from 'rivulet/types';
import { newSession } from '../support/session';
import { assignCodegenStages, planNode, treeText } from '../../lib/execution/explain/spark-plan-node';
import { attributeString, sparkExpressionString } from '../../lib/execution/explain/spark-expression-string';
import { attribute } from '../../lib/expressions/expression';
import { explainModeName, parseExplainMode } from '../../lib/api/explain-mode';
import { bytesToString } from '../../lib/execution/explain/spark-logical-plan';

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

describe('sizes as Spark prints them', () => {
  test('Utils.bytesToString: one decimal, the largest binary unit the size is at least twice of', () => {
    expect(bytesToString(49n)).toBe('49.0 B');
    expect(bytesToString(2047n)).toBe('2047.0 B');
    expect(bytesToString(2048n)).toBe('2.0 KiB');
    expect(bytesToString(3n * 1024n * 1024n + 512n * 1024n)).toBe('3.5 MiB');
    expect(bytesToString(8n * (1n << 60n))).toBe('8.0 EiB');
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

  test("extended mode: the parsed plan's last operator reads columns by name, the analyzed plan heads with the schema, the optimizer infers isnotnull", () => {
    const df = spark.read.schema('k STRING, v INT').json(dir);
    const text = ids(df.where('v > 1').select('k').explainString('extended'));
    expect(text.split('\n').slice(0, 16)).toEqual([
      '== Parsed Logical Plan ==',
      "'Project ['k]",
      '+- Filter (v#<id> > 1)',
      '   +- Relation [k#<id>,v#<id>] json',
      '',
      '== Analyzed Logical Plan ==',
      'k: string',
      'Project [k#<id>]',
      '+- Filter (v#<id> > 1)',
      '   +- Relation [k#<id>,v#<id>] json',
      '',
      '== Optimized Logical Plan ==',
      'Project [k#<id>]',
      '+- Filter (isnotnull(v#<id>) AND (v#<id> > 1))',
      '   +- Relation [k#<id>,v#<id>] json',
      '',
    ]);
    expect(text.split('\n')[16]).toBe('== Physical Plan ==');
  });

  test("extended mode: a projection of the input's own columns is optimized away", () => {
    const df = spark.read.schema('k STRING, v INT').json(dir);
    const text = ids(df.select('k', 'v').where('v > 1').explainString('extended'));
    expect(text.split('\n').slice(0, 4)).toEqual(['== Parsed Logical Plan ==', "'Filter ('v > 1)", '+- Project [k#<id>, v#<id>]', '   +- Relation [k#<id>,v#<id>] json']);
    const optimized = text.split('== Optimized Logical Plan ==\n')[1].split('\n\n')[0];
    expect(optimized).toBe('Filter (isnotnull(v#<id>) AND (v#<id> > 1))\n+- Relation [k#<id>,v#<id>] json');
  });

  test('cost mode: the relation is its files\' size, a projection scales it by the row widths (8 + 20 + 4 bytes down to 8 + 20)', () => {
    const size = fs.statSync(path.join(dir, '1.json')).size;
    const df = spark.read.schema('k STRING, v INT').json(dir);
    const text = ids(df.where('v > 1').select('k').explainString('cost'));
    expect(text.split('\n').slice(0, 5)).toEqual([
      '== Optimized Logical Plan ==',
      `Project [k#<id>], Statistics(sizeInBytes=${Math.floor((size * 28) / 32)}.0 B)`,
      `+- Filter (isnotnull(v#<id>) AND (v#<id> > 1)), Statistics(sizeInBytes=${size}.0 B)`,
      `   +- Relation [k#<id>,v#<id>] json, Statistics(sizeInBytes=${size}.0 B)`,
      '',
    ]);
  });

  test('a plan with operators the logical printer does not model keeps the analysed-plan form', () => {
    const df = spark.read.schema('k STRING, v INT').json(dir);
    const text = df.groupBy('k').count().explainString('extended');
    expect(text.startsWith('== Analyzed Logical Plan ==\n')).toBe(true);
    expect(df.groupBy('k').count().explainString('cost').startsWith('== Physical Plan ==\n')).toBe(true);
  });

  test('a tumbling window is a Project of the window struct over Filter isnotnull(time); attributes above the watermark show its delay', () => {
    const rows = spark.readStream.schema('k STRING, t TIMESTAMP').json(dir);
    const text = ids(rows.withWatermark('t', '10 seconds').groupBy(window('t', '5 seconds')).count().explainString());
    const lines = text.split('\n').map((l) => l.replace(/^[ :+-]*(\*\(\d+\) )?/, ''));
    const project = lines.find((l) => l.startsWith('Project ['))!;
    expect(project.startsWith('Project [named_struct(start, knownnullable(precisetimestampconversion(((precisetimestampconversion(t#<id>-T10000ms, TimestampType, LongType) - CASE WHEN (((precisetimestampconversion(t#<id>-T10000ms, TimestampType, LongType) - 0) % 5000000) < 0)')).toBe(true);
    expect(project.endsWith('+ 5000000), LongType, TimestampType))) AS window#<id>-T10000ms]')).toBe(true);
    const at = lines.indexOf(project);
    expect(lines[at + 1]).toBe('Filter isnotnull(t#<id>-T10000ms)');
    expect(lines[at + 2]).toMatch(/^EventTimeWatermark [0-9a-f-]+, t#<id>: timestamp, 10 seconds$/);
    expect(lines.some((l) => l.startsWith('HashAggregate(keys=[window#<id>-T10000ms]'))).toBe(true);
  });

  test('explode is a codegen Generate that keeps only the input columns read above it', () => {
    const rows = spark.read.schema('k STRING, v INT').json(dir);
    const text = ids(rows.select(explode(split('k', ',')).alias('part'), 'v').explainString());
    expect(text.split('\n').slice(1, 3)).toEqual(['*(1) Project [part#<id>, v#<id>]', '+- *(1) Generate explode(split(k#<id>, ,, -1)), [v#<id>], false, [part#<id>]']);
  });

  test('a sliding window is an Expand with one window struct per overlapping window, latest first', () => {
    const rows = spark.readStream.schema('k STRING, t TIMESTAMP').json(dir);
    const text = ids(rows.groupBy(window('t', '10 seconds', '5 seconds')).count().explainString());
    const expand = text.split('\n').find((l) => l.includes('Expand [['))!;
    expect(expand).toContain(') - 0), LongType, TimestampType)), end, ');
    expect(expand).toContain(') - 5000000), LongType, TimestampType)), end, ');
    expect(expand).toContain(' + 10000000), LongType, TimestampType)))]], [window#<id>]');
    expect(expand.split('named_struct(').length - 1).toBe(2);
  });

  // PySpark 4.2.0's df.explain() of these streaming DataFrames before they start (placeholder
  // state info, batch timestamp 0, Long.MinValue watermarks), ids and the run id masked.
  const stateful = (text: string) => ids(text).replace(/runId = [0-9a-f-]+/, 'runId = <uuid>');

  test('applyInPandasWithState is !FlatMapGroupsInPandasWithState over Sort and a REQUIRED_BY_STATEFUL_OPERATOR Exchange', () => {
    const sales = spark.readStream.schema('item STRING, qty LONG').json(dir);
    function* f(key: unknown[], pdfs: Iterable<Row[]>, state: GroupState<Row>): Generator<Record<string, unknown>[]> {
      for (const _ of pdfs) state.update([1]);
      yield [{ item: key[0], count: 1 }];
    }
    const counts = sales.groupBy('item').applyInPandasWithState(f, 'item STRING, count LONG', 'count LONG', 'Update', GroupStateTimeout.NoTimeout);
    expect(stateful(counts.explainString())).toBe(
      [
        '== Physical Plan ==',
        '!FlatMapGroupsInPandasWithState f(item#<id>, qty#<id>)#<id>, [item#<id>], [item#<id>, count#<id>], [StructField(count,LongType,true)], state info [ checkpoint = <unknown>, runId = <uuid>, opId = 0, ver = 0, numPartitions = 200] stateStoreCkptIds = None, 2, Update, NoTimeout, 0, -9223372036854775808, -9223372036854775808, false',
        '+- *(1) Sort [item#<id> ASC NULLS FIRST], false, 0',
        '   +- Exchange hashpartitioning(item#<id>, 200), REQUIRED_BY_STATEFUL_OPERATOR, [plan_id=<id>]',
        `      +- StreamingRelation FileSource[${dir}], [item#<id>, qty#<id>]`,
        '',
        '',
      ].join('\n'),
    );
  });

  test('transformWithStateInPandas is !TransformWithStateInPySpark (pandas) over the keys projected before the rows, and an empty initial state', () => {
    class Counter extends StatefulProcessor {
      init(handle: StatefulProcessorHandle): void {
        handle.getValueState('count', 'c LONG');
      }
      *handleInputRows(key: unknown[]): Generator<Row> {
        yield Row({ item: key[0], total: 1 });
      }
    }
    const sales = spark.readStream.schema('item STRING, qty LONG').json(dir);
    const totals = sales.groupBy('item').transformWithStateInPandas(new Counter(), 'item STRING, total LONG', 'Update', 'None');
    expect(stateful(totals.explainString())).toBe(
      [
        '== Physical Plan ==',
        '!TransformWithStateInPySpark transformWithStateUDF(item#<id>, qty#<id>)#<id>, [item#<id>], [item#<id>, total#<id>], Update, NoTime, state info [ checkpoint = <unknown>, runId = <uuid>, opId = 0, ver = 0, numPartitions = 200] stateStoreCkptIds = None, 0, -9223372036854775808, -9223372036854775808, pandas, true, false, [item#<id>]',
        ':- *(2) Sort [item#<id> ASC NULLS FIRST], false, 0',
        ':  +- Exchange hashpartitioning(item#<id>, 200), REQUIRED_BY_STATEFUL_OPERATOR, [plan_id=<id>]',
        ':     +- *(1) Project [item#<id>, item#<id>, qty#<id>]',
        `:        +- StreamingRelation FileSource[${dir}], [item#<id>, qty#<id>]`,
        '+- PlanLater LocalRelation <empty>',
        '',
        '',
      ].join('\n'),
    );
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
