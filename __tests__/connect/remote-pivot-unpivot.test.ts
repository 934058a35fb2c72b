// Remote pivot and unpivot without a server: the Aggregate.Pivot and Unpivot messages built, the
// errors PySpark's Connect client raises before sending (pyspark/sql/connect/group.py), local mode's
// argument checks for unpivot, and the GroupedData repr of PySpark Connect. The plans themselves are
// compared with PySpark's in pyspark-golden.test.ts.
import { create, toBinary, toJson } from '@bufbuild/protobuf';
import { RelationSchema } from '../../lib/connect/gen/spark/connect/relations_pb';
import { RemoteSession } from '../../lib/connect/remote-session';
import { RemoteDataFrame } from '../../lib/connect/remote-data-frame';
import { col, lit, sum } from '../../lib/functions';

// Port 9 (discard) refuses connections: nothing here talks to a server.
const spark = new RemoteSession('sc://127.0.0.1:9');
afterAll(() => spark.stop().catch(() => undefined));

const df = () => spark.range(3).withColumn('s', lit('x'));

function relJson(d: RemoteDataFrame): Record<string, unknown> {
  const message = create(RelationSchema, d.relation);
  toBinary(RelationSchema, message);
  return toJson(RelationSchema, message) as Record<string, unknown>;
}

function errorOf(call: () => unknown): { name: string; errorClass?: string; message: string } {
  try {
    call();
  } catch (e) {
    const err = e as { constructor: { name: string }; errorClass?: string; message: string };
    return { name: err.constructor.name, errorClass: err.errorClass, message: err.message };
  }
  throw new Error('no error');
}

describe('pivot', () => {
  test('without values: Aggregate of group type PIVOT, the column bound to the DataFrame, no values', () => {
    const d = df();
    const agg = relJson(d.groupBy('s').pivot('id').sum('id')).aggregate as { groupType: string; pivot: { col: { unresolvedAttribute: { unparsedIdentifier: string; planId: string } }; values?: unknown } };
    expect(agg.groupType).toBe('GROUP_TYPE_PIVOT');
    expect(agg.pivot.col.unresolvedAttribute.unparsedIdentifier).toBe('id');
    expect(agg.pivot.col.unresolvedAttribute.planId).toBe(String((d.relation.common as { planId: bigint }).planId));
    expect(agg.pivot.values).toBeUndefined();
  });

  test('with values: each value as the literal lit() makes (INT when it fits, else BIGINT; DOUBLE; BOOLEAN; STRING)', () => {
    const agg = relJson(df().groupBy('s').pivot('id', [1, 2 ** 40, 2.5, false, 'a', 3n]).agg(sum('id'))).aggregate as { pivot: { values: unknown[] } };
    expect(agg.pivot.values).toEqual([{ integer: 1 }, { long: '1099511627776' }, { double: 2.5 }, { boolean: false }, { string: 'a' }, { long: '3' }]);
  });

  test.each([
    ['rollup', () => df().rollup('s'), '[UNSUPPORTED_OPERATION] PIVOT after ROLLUP is not supported.'],
    ['cube', () => df().cube('s'), '[UNSUPPORTED_OPERATION] PIVOT after CUBE is not supported.'],
    ['groupingSets', () => df().groupingSets([['s']], 's'), '[UNSUPPORTED_OPERATION] PIVOT after GROUPING_SETS is not supported.'],
    ['a pivot', () => df().groupBy('s').pivot('id'), '[UNSUPPORTED_OPERATION] Repeated PIVOT operation is not supported.'],
  ])('after %s: UNSUPPORTED_OPERATION in the client, as PySpark Connect', (_name, grouped, message) => {
    expect(errorOf(() => grouped().pivot('id'))).toEqual({ name: 'PySparkNotImplementedError', errorClass: 'UNSUPPORTED_OPERATION', message });
  });

  test('argument checks: pivot_col a str, values a list of bool, float, int or str', () => {
    expect(errorOf(() => df().groupBy('s').pivot(col('id') as never))).toMatchObject({ errorClass: 'NOT_EXPECTED_TYPE', message: '[NOT_EXPECTED_TYPE] Argument `pivot_col` should be str, got Column.' });
    expect(errorOf(() => df().groupBy('s').pivot('id', 'a' as never))).toMatchObject({ errorClass: 'NOT_EXPECTED_TYPE', message: '[NOT_EXPECTED_TYPE] Argument `values` should be list, got str.' });
    expect(errorOf(() => df().groupBy('s').pivot('id', [null as never]))).toMatchObject({ errorClass: 'NOT_EXPECTED_TYPE', message: '[NOT_EXPECTED_TYPE] Argument `value` should be bool, float, int or str, got NoneType.' });
  });
});

describe('unpivot and melt', () => {
  test('an Unpivot relation: ids and values as expressions, the two names', () => {
    const u = relJson(df().unpivot('id', ['s', col('id').plus(1)], 'var', 'val')).unpivot as Record<string, unknown>;
    expect(u.ids).toEqual([{ unresolvedAttribute: { unparsedIdentifier: 'id', isMetadataColumn: false } }]);
    expect((u.values as { values: unknown[] }).values).toHaveLength(2);
    expect(u.variableColumnName).toBe('var');
    expect(u.valueColumnName).toBe('val');
  });

  test('values null sends no Values (the server takes every non-id column); an empty list sends an empty one', () => {
    const none = create(RelationSchema, df().melt(['id'], null, 'v', 'x').relation).relType;
    expect(none.case === 'unpivot' && none.value.values).toBeUndefined();
    const empty = create(RelationSchema, df().unpivot('id', [], 'v', 'x').relation).relType;
    expect(empty.case === 'unpivot' && empty.value.values?.values).toEqual([]);
  });

  test("local mode's argument checks", () => {
    expect(errorOf(() => df().unpivot('id', null, 1 as never, 'x'))).toMatchObject({ errorClass: 'NOT_EXPECTED_TYPE', message: '[NOT_EXPECTED_TYPE] Argument `variableColumnName` should be str, got int.' });
    expect(errorOf(() => df().unpivot('id', null, 'v', null as never))).toMatchObject({ errorClass: 'NOT_EXPECTED_TYPE', message: '[NOT_EXPECTED_TYPE] Argument `valueColumnName` should be str, got NoneType.' });
    expect(errorOf(() => df().unpivot([1 as never], null, 'v', 'x'))).toMatchObject({ errorClass: 'NOT_EXPECTED_TYPE', message: '[NOT_EXPECTED_TYPE] Argument `ids` should be Column or str, got int.' });
    expect(errorOf(() => df().unpivot('id', [true as never], 'v', 'x'))).toMatchObject({ errorClass: 'NOT_EXPECTED_TYPE', message: '[NOT_EXPECTED_TYPE] Argument `values` should be Column or str, got bool.' });
  });
});

test("GroupedData prints PySpark Connect's repr: every column, the grouping expressions unresolved", () => {
  jest.spyOn(RemoteDataFrame.prototype, 'dtypes', 'get').mockReturnValue([['id', 'bigint'], ['s', 'string'], ['n', 'int']]);
  expect(String(df().rollup('s', col('id')))).toBe('GroupedData[grouping expressions: [s, id], value: [id: bigint, s: string, n: int], type: RollUp]');
  expect(String(df().groupBy('s').pivot('id'))).toBe('GroupedData[grouping expressions: [s], value: [id: bigint, s: string, n: int], type: Pivot]');
  expect(String(df().groupingSets([['s']], 's'))).toContain('type: GroupingSets]');
  jest.restoreAllMocks();
});
