// Results from a real Spark Connect server (recorded bytes: scripts/connect/record-arrow-results.ts)
// decode into exactly the values local mode gives for the same query (docs/guides/value-types.md).
import { fromBinary } from '@bufbuild/protobuf';
import { ExecutePlanResponseSchema } from '../../lib/connect/gen/spark/connect/base_pb';
import { decodeResult } from '../../lib/connect/remote-data-frame';
import { toExternalRows, externalValueOptions } from '../../lib/types/external-row';
import { StreamSession } from '../../lib/session/stream-session';
import { Timestamp } from '../../lib/types/timestamp-value';
import { Decimal } from '../../lib/types/decimal';
import queries from './fixtures/arrow-queries.json';
import results from './fixtures/arrow-results.json';

const local = new StreamSession({ 'spark.sql.session.timeZone': 'UTC' });

function remoteRows(name: keyof typeof results, longAsBigInt = false) {
  const responses = results[name].map((b64) => fromBinary(ExecutePlanResponseSchema, Buffer.from(b64, 'base64')));
  const { schema, rows } = decodeResult(responses);
  return { schema, rows: toExternalRows(schema, rows, externalValueOptions((k) => (k === 'rivulet.values.longAsBigInt' && longAsBigInt ? 'true' : undefined))) };
}

test.each(Object.keys(queries) as (keyof typeof queries)[])('%s: remote values equal local mode values', (name) => {
  const remote = remoteRows(name);
  const localDf = local.sql(queries[name]);
  expect(remote.schema.simpleString()).toBe(localDf.schema.simpleString());
  expect(remote.rows).toEqual(localDf.collect());
});

test('values keep full precision: microseconds, 38-digit decimals, safe longs, nested timestamps', () => {
  const [row] = remoteRows('every-type').rows as unknown as Record<string, unknown>[];
  expect(row.ts).toBeInstanceOf(Timestamp);
  expect((row.ts as Timestamp).epochMicros).toBe(1714557600123456n);
  expect((row.oldts as Timestamp).epochMicros).toBe(-315619199999999n);
  expect(String(row.bigdec)).toBe('12345678901234567890.123456789012345678');
  expect(row.negdec).toBeInstanceOf(Decimal);
  expect(String(row.negdec)).toBe('-7.5');
  expect(row.l).toBe(9007199254740991);
  expect(String(row.olddt)).toBe('1969-12-31');
  expect(String(row.ntz)).toBe('2024-01-02T03:04:05.678901');
  expect(Buffer.from(row.bin as Uint8Array).toString('hex')).toBe('0102ff');
  expect(row.m).toEqual(new Map([['a', 1], ['b', null]]));
  expect(row.dti).toBe(93784500000n);
  expect(row.ymi).toBe(14);
});

test('rivulet.values.longAsBigInt gives BIGINT as bigint, as in local mode', () => {
  const [row] = remoteRows('every-type', true).rows as unknown as Record<string, unknown>[];
  expect(row.l).toBe(9007199254740991n);
});

test('several Arrow batches and empty results', () => {
  expect(results['many-rows'].map((b) => fromBinary(ExecutePlanResponseSchema, Buffer.from(b, 'base64'))).filter((r) => r.responseType.case === 'arrowBatch').length).toBeGreaterThan(1);
  expect(remoteRows('many-rows').rows).toHaveLength(2500);
  expect(remoteRows('empty').rows).toEqual([]);
});
